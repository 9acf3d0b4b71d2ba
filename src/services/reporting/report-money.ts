import Decimal from 'decimal.js';
import { EntityManager } from '@mikro-orm/postgresql';
import { RoundingMode } from '../../entities/enums';
import { minorUnitDigits } from '../../money/currency';
import { Dec } from '../../money/decimal';
import { roundMoney } from '../../money/rounding';
import { tenantMoneyRow } from './report.sql';

/** A tenant's money rules as the reports apply them (docs/money.md). */
export interface MoneyRules {
  currency: string;
  digits: number;
  mode: RoundingMode;
}

export async function moneyRules(em: EntityManager, tenantId: string): Promise<MoneyRules> {
  const row = await tenantMoneyRow(em, tenantId);
  return { currency: row.currency, digits: minorUnitDigits(row.currency), mode: row.rounding_mode };
}

/** The SQL parameters of money_round (the refunded tax share). */
export function roundingParams(rules: MoneyRules): Record<string, unknown> {
  return { digits: rules.digits, halfEven: rules.mode === RoundingMode.HALF_EVEN };
}

/**
 * A money figure as people read it: at the currency's minor unit, in the
 * tenant's mode. Sums of stored amounts are already whole minor units (this
 * changes nothing); averages and costs (4 places) are rounded here, once.
 */
export function readableMoney(value: string | Decimal | null, rules: MoneyRules): Decimal | null {
  return value === null ? null : roundMoney(new Dec(value), rules.digits, rules.mode);
}

/** A SQL row for the schema: camelCase keys, money columns (strings from pg) at the currency's scale. */
export function reportRow<R extends object>(
  row: R,
  rules: MoneyRules,
  ...moneyColumns: Array<keyof R>
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const converted = moneyColumns.includes(key as keyof R) ? readableMoney(value as string | null, rules) : value;
    out[camelCase(key)] = converted;
  }
  return out;
}

/** snake_case column names to the schema's camelCase, once per name (a year of days is 366 rows of the same keys). */
const camelCases = new Map<string, string>();
function camelCase(key: string): string {
  let name = camelCases.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    camelCases.set(key, name);
  }
  return name;
}
