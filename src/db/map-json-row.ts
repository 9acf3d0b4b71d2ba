import { EntityClass, EntityDictionary, EntityManager, ReferenceKind } from '@mikro-orm/core';

const objectSql = new Map<string, string>();

/**
 * `json_build_object(...)` of an entity's columns on table alias `alias`,
 * for a sub-select that returns related rows inside one statement. Numeric
 * columns are sent as text, so money never passes through a JS number.
 */
export function jsonObjectSql(em: EntityManager, entity: EntityClass<object>, alias: string): string {
  const key = `${entity.name}:${alias}`;
  let sql = objectSql.get(key);
  if (!sql) {
    const pairs: string[] = [];
    for (const prop of em.getMetadata().get(entity.name).props) {
      const column = prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE;
      if (!column || prop.persist === false || !prop.fieldNames?.length) continue;
      const numeric = prop.columnTypes?.[0]?.startsWith('numeric');
      for (const field of prop.fieldNames) pairs.push(`'${field}', ${alias}.${field}${numeric ? '::text' : ''}`);
    }
    sql = `json_build_object(${pairs.join(', ')})`;
    objectSql.set(key, sql);
  }
  return sql;
}

/**
 * A row built by `jsonObjectSql` (as PostgreSQL sent it, inside JSON), turned
 * into a managed entity as `em.map` does for a row read the usual way. JSON
 * carries timestamps as text, so they become Dates here.
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
