import Decimal from 'decimal.js';
import { createHash } from 'node:crypto';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/**
 * One spelling per value, so equal requests hash equal: object keys sorted,
 * `undefined` members dropped (as JSON does), Decimals as plain strings
 * ("10.50" and "10.5" are the same amount), Dates as ISO strings.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

/** sha256 (hex) of the canonical JSON. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function normalize(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalize the number ${value}`);
      return value;
    case 'object': {
      const out: JsonObject = {};
      for (const key of Object.keys(value as object).sort()) {
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined) out[key] = normalize(member);
      }
      return out;
    }
    default:
      throw new TypeError(`cannot canonicalize a ${typeof value}`);
  }
}
