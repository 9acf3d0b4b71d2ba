import DataLoader from 'dataloader';

/**
 * The request's DataLoaders, created on first use and never shared between
 * requests (so never between tenants).
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader(batch as DataLoader.BatchLoadFn<unknown, unknown>);
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
