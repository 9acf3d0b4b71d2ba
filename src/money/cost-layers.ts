import Decimal from 'decimal.js';
import { CostingMethod } from './money-enums';
import { ZERO, sum } from './decimal';

/** What the calculator needs of a cost layer, oldest first. */
export interface LayerState {
  id: string;
  remaining: number;
  remainingValue: Decimal;
}

/** The new state of a layer the consumption touched. */
export interface LayerChange {
  id: string;
  taken: number;
  remaining: number;
  remainingValue: Decimal;
}

export interface Consumption {
  /** Exact cost of all `quantity` units (4 decimals). */
  costAmount: Decimal;
  /** costAmount / quantity, 4 decimals HALF_UP. */
  unitCost: Decimal;
  changes: LayerChange[];
  /** Units no layer held (negative stock), costed at `fallbackUnitCost`. */
  uncovered: number;
}

const round4 = (value: Decimal) => value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);

/**
 * Takes `quantity` units out of `layers` (given oldest first) per the costing
 * method. Pure: no I/O.
 * - FIFO takes the oldest layers first, LIFO the newest; a layer's units cost
 *   its own per-unit value, and the last unit of a layer takes whatever value
 *   is left in it, so a layer always empties to exactly 0.
 * - AVERAGE prices every unit at round4(sum(remainingValue) / sum(remaining)),
 *   except that emptying all layers takes exactly the value they hold.
 *   Units leave the layers oldest first; the value a layer gives up is the
 *   average, and a layer that empties passes its leftover (+/-) on to the next
 *   live layer, so the layers' total value stays exact.
 * - Units beyond the layers (negative stock) cost `fallbackUnitCost` each.
 */
export function consumeLayers(
  layers: readonly LayerState[],
  quantity: number,
  method: CostingMethod,
  fallbackUnitCost: Decimal,
): Consumption {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError('quantity must be a positive integer');
  const live = layers.filter((l) => l.remaining > 0);
  const ordered = method === CostingMethod.LIFO ? [...live].reverse() : live;
  const held = live.reduce((n, l) => n + l.remaining, 0);
  const covered = Math.min(quantity, held);
  const uncovered = quantity - covered;

  const changes =
    method === CostingMethod.AVERAGE ? takeAtAverage(ordered, covered, held) : takeAtLayerCost(ordered, covered);
  const before = new Map(live.map((l) => [l.id, l.remainingValue]));
  const layerCost = sum(changes.map((c) => before.get(c.id)!.minus(c.remainingValue)));
  const costAmount = layerCost.plus(fallbackUnitCost.times(uncovered));
  return { costAmount, unitCost: round4(costAmount.div(quantity)), changes, uncovered };
}

function takeAtLayerCost(ordered: readonly LayerState[], quantity: number): LayerChange[] {
  const changes: LayerChange[] = [];
  let left = quantity;
  for (const layer of ordered) {
    if (left === 0) break;
    const taken = Math.min(left, layer.remaining);
    const remaining = layer.remaining - taken;
    const perUnit = round4(layer.remainingValue.div(layer.remaining));
    const remainingValue = remaining === 0 ? ZERO : layer.remainingValue.minus(perUnit.times(taken));
    changes.push({ id: layer.id, taken, remaining, remainingValue });
    left -= taken;
  }
  return changes;
}

function takeAtAverage(ordered: readonly LayerState[], quantity: number, held: number): LayerChange[] {
  if (quantity === 0) return [];
  if (quantity === held)
    return ordered.map((l) => ({ id: l.id, taken: l.remaining, remaining: 0, remainingValue: ZERO }));
  const average = round4(sum(ordered.map((l) => l.remainingValue)).div(held));
  const changes: LayerChange[] = [];
  let left = quantity;
  let carry = ZERO;
  for (const layer of ordered) {
    if (left === 0 && carry.isZero()) break;
    const taken = Math.min(left, layer.remaining);
    const remaining = layer.remaining - taken;
    let remainingValue = layer.remainingValue.plus(carry).minus(average.times(taken));
    carry = ZERO;
    if (remaining === 0) {
      carry = remainingValue;
      remainingValue = ZERO;
    }
    changes.push({ id: layer.id, taken, remaining, remainingValue });
    left -= taken;
  }
  return changes;
}
