import Decimal from 'decimal.js';
import { minorUnitDigits } from '../../../../money/currency';

/** An amount as the providers' APIs take it: an integer count of the currency's minor units. */
export function toMinorUnits(amount: Decimal, currency: string): number {
  const units = amount.times(new Decimal(10).pow(minorUnitDigits(currency.toUpperCase())));
  if (!units.isInteger()) throw new Error(`${amount} ${currency} is not a whole number of minor units`);
  return units.toNumber();
}

/** The providers' integer minor units back as an amount. */
export function fromMinorUnits(units: number | bigint, currency: string): Decimal {
  return new Decimal(units.toString()).div(new Decimal(10).pow(minorUnitDigits(currency.toUpperCase())));
}
