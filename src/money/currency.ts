import { badInput } from './money-error';

const digitsByCurrency = new Map<string, number>();

/**
 * Decimals of a currency's minor unit (USD/EUR 2, JPY 0, KWD 3), as ICU
 * knows them, so the table is never ours to maintain. Cached: building a
 * NumberFormat is slow and the answer never changes within a process.
 */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsByCurrency.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits as number;
    } catch (e) {
      if (e instanceof RangeError) throw badInput('currency', `${currency} is not an ISO 4217 currency code`);
      throw e;
    }
    digitsByCurrency.set(code, digits);
  }
  return digits;
}
