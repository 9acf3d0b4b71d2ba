import { ValidationOptions, registerDecorator } from 'class-validator';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

function simple(name: string, message: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property ${message}`, ...options },
        validator: { validate: (value: unknown) => test(value) },
      });
}

/** An ISO 4217 code the runtime knows the minor unit of. */
export const IsCurrencyCode = simple(
  'isCurrencyCode',
  'must be an ISO 4217 currency code',
  (v) => typeof v === 'string' && CURRENCIES.has(v.toUpperCase()),
);

/** An IANA time zone name ("Europe/Berlin"). */
export const IsTimeZone = simple(
  'isTimeZone',
  'must be an IANA time zone name',
  (v) => typeof v === 'string' && TIME_ZONES.has(v),
);

/** A Decimal within [min, max] (inclusive unless told). */
export function IsDecimalInRange(
  min: number | null,
  max: number | null,
  options?: ValidationOptions & { minExclusive?: boolean },
) {
  const bounds = [min !== null ? `${options?.minExclusive ? '>' : '>='} ${min}` : '', max !== null ? `<= ${max}` : '']
    .filter(Boolean)
    .join(' and ');
  return simple('isDecimalInRange', `must be ${bounds}`, (v) => {
    if (v === null || v === undefined) return true;
    const d = v as { lt(n: number): boolean; lte(n: number): boolean; gt(n: number): boolean };
    if (typeof d.lt !== 'function') return false;
    if (min !== null && (options?.minExclusive ? d.lte(min) : d.lt(min))) return false;
    if (max !== null && d.gt(max)) return false;
    return true;
  })(options);
}

/** Nesting of a JSON value (a scalar is 0), measured without recursion and given up past `limit`. */
function jsonDepthOver(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A JSON value of at most `maxDepth` levels and `maxChars` characters serialized (product attributes). */
export function IsBoundedJson(maxDepth: number, maxChars: number, options?: ValidationOptions) {
  return simple('isBoundedJson', `must be JSON of at most ${maxDepth} levels and ${maxChars} characters`, (v) => {
    if (v === null || v === undefined) return true;
    return !jsonDepthOver(v, maxDepth) && JSON.stringify(v).length <= maxChars;
  })(options);
}
