import { EntityClass, EntityDictionary, EntityManager } from '@mikro-orm/core';

/**
 * A row PostgreSQL sent as JSON (`row_to_json`, `json_agg`), turned into a
 * managed entity as `em.map` does for a row read the usual way. JSON carries
 * timestamps as text, so they become Dates here; numerics arrive as JSON
 * numbers, which is exact for numeric(15,4): 15 significant digits survive a
 * double and back. Lets one statement load a row with its related rows.
 */
export function mapJsonRow<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  row: Record<string, unknown>,
): T {
  const data = { ...row };
  for (const prop of em.getMetadata().get(entity.name).props) {
    if (prop.runtimeType !== 'Date') continue;
    for (const field of prop.fieldNames ?? []) {
      if (typeof data[field] === 'string') data[field] = new Date(data[field] as string);
    }
  }
  return em.map(entity, data as EntityDictionary<T>);
}
