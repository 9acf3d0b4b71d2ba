import { EntityProperty, Platform, Type } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { Dec } from '../money/decimal';

/**
 * numeric(p,s) <-> decimal.js. Compares by value so change tracking does not
 * see "12.5" and "12.5000" as a change (MikroORM #3191).
 */
export class DecimalType extends Type<Decimal | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: Decimal | string | number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return new Dec(value).toFixed();
  }

  override convertToJSValue(value: Decimal | string | null | undefined): Decimal | null | undefined {
    if (value === null || value === undefined) return value;
    return new Dec(value);
  }

  override compareValues(a: Decimal | string | null | undefined, b: Decimal | string | null | undefined): boolean {
    if (a === null || a === undefined || b === null || b === undefined) return a === b;
    return new Dec(a).eq(b);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(prop: EntityProperty, _platform: Platform): string {
    return `numeric(${prop.precision ?? 15},${prop.scale ?? 4})`;
  }

  override ensureComparable(): boolean {
    return false;
  }
}
