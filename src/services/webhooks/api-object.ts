import { GraphQLScalarType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { ApiType } from './api-shapes';

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/**
 * `source` as the GraphQL API shows `type` (a TypeGraphQL object type
 * class): the type's declared fields (inherited ones included), serialized by
 * their scalars (Decimal as its API string, dates as ISO instants), nested
 * object types likewise. Fields served by field resolvers (relations) are not
 * declared on the class; a caller adds the ones an event carries. Reading the
 * fields from the schema's own metadata keeps webhook bodies and API answers
 * from drifting apart.
 */
export function apiObject(type: ApiType, source: object): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const field of declaredFields(type)) {
    const value = (source as Record<string, unknown>)[field.name];
    if (value === undefined) continue;
    const fieldType = field.getType();
    out[field.name] = Array.isArray(value)
      ? value.map((item) => serialize(fieldType, item))
      : serialize(fieldType, value);
  }
  return out;
}

function serialize(type: unknown, value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (type instanceof GraphQLScalarType) return type.serialize(value) as Json;
  if (value instanceof Date) return value.toISOString();
  if (typeof type === 'function' && declaredFields(type as ApiType).length)
    return apiObject(type as ApiType, value as object);
  return value as Json;
}

type FieldMetadata = ReturnType<typeof getMetadataStorage>['fields'][number];

const cache = new Map<ApiType, FieldMetadata[]>();

function declaredFields(type: ApiType): FieldMetadata[] {
  let fields = cache.get(type);
  if (!fields) {
    const chain: unknown[] = [];
    for (let t: unknown = type; t && t !== Function.prototype; t = Object.getPrototypeOf(t)) chain.push(t);
    const byName = new Map<string, FieldMetadata>();
    for (const field of getMetadataStorage().fields) {
      if (!chain.includes(field.target)) continue;
      const existing = byName.get(field.name);
      // The most derived declaration wins.
      if (!existing || chain.indexOf(field.target) < chain.indexOf(existing.target)) byName.set(field.name, field);
    }
    fields = [...byName.values()];
    cache.set(type, fields);
  }
  return fields;
}
