import fc from 'fast-check';
import { CostingMethod } from '../../src/entities/enums';
import { Dec, sum } from '../../src/money/decimal';
import { consumeLayers, LayerState } from '../../src/money/cost-layers';

const layer = (id: string, remaining: number, unitCost: string): LayerState => ({
  id,
  remaining,
  remainingValue: new Dec(unitCost).times(remaining),
});

describe('consumeLayers', () => {
  const example5 = [layer('a', 10, '2.00'), layer('b', 10, '2.60')];

  it.each([
    [CostingMethod.FIFO, '25.2', '2.1'],
    [CostingMethod.LIFO, '30', '2.5'],
    [CostingMethod.AVERAGE, '27.6', '2.3'],
  ])('docs/money.md Example 5 under %s: sell 12 of 10 @ 2.00 + 10 @ 2.60', (method, cost, unit) => {
    const result = consumeLayers(example5, 12, method, new Dec(0));
    expect(result.costAmount.toFixed(2)).toBe(new Dec(cost).toFixed(2));
    expect(result.unitCost.toFixed(4)).toBe(new Dec(unit).toFixed(4));
    expect(result.uncovered).toBe(0);
  });

  it('FIFO empties the oldest layer and leaves the newest partly', () => {
    const { changes } = consumeLayers(example5, 12, CostingMethod.FIFO, new Dec(0));
    expect(changes.map((c) => [c.id, c.taken, c.remaining, c.remainingValue.toFixed(2)])).toEqual([
      ['a', 10, 0, '0.00'],
      ['b', 2, 8, '20.80'],
    ]);
  });

  it('LIFO empties the newest layer first', () => {
    const { changes } = consumeLayers(example5, 12, CostingMethod.LIFO, new Dec(0));
    expect(changes.map((c) => [c.id, c.taken, c.remaining, c.remainingValue.toFixed(2)])).toEqual([
      ['b', 10, 0, '0.00'],
      ['a', 2, 8, '16.00'],
    ]);
  });

  it('AVERAGE keeps the remaining units at the running average', () => {
    const { changes } = consumeLayers(example5, 12, CostingMethod.AVERAGE, new Dec(0));
    const left = sum(changes.map((c) => c.remainingValue));
    expect(left.toFixed(2)).toBe('18.40'); // 8 units @ 2.30
  });

  it('AVERAGE passes a layer that empties exactly on to the next live layer', () => {
    const layers = [layer('a', 10, '1'), layer('b', 1, '1'), layer('c', 1, '100')];
    const result = consumeLayers(layers, 10, CostingMethod.AVERAGE, new Dec(0));
    expect(result.costAmount.toFixed(2)).toBe('92.50'); // 111 / 12 = 9.25
    const after = new Map(result.changes.map((c) => [c.id, c.remainingValue]));
    const remainingValue = layers.reduce((v, l) => v.plus(after.get(l.id) ?? l.remainingValue), new Dec(0));
    expect(remainingValue.toFixed(2)).toBe('18.50');
  });

  it('AVERAGE rounds the unit cost to 4 decimals HALF_UP and emptying takes exactly what is left', () => {
    const layers = [layer('a', 1, '1'), layer('b', 2, '2')]; // 5 / 3 = 1.66666...
    const one = consumeLayers(layers, 1, CostingMethod.AVERAGE, new Dec(0));
    expect(one.costAmount.toFixed(4)).toBe('1.6667');
    const all = consumeLayers(layers, 3, CostingMethod.AVERAGE, new Dec(0));
    expect(all.costAmount.toFixed(4)).toBe('5.0000');
  });

  it('costs units beyond the layers at the fallback unit cost', () => {
    const result = consumeLayers([layer('a', 2, '3')], 5, CostingMethod.FIFO, new Dec('4.5'));
    expect(result.uncovered).toBe(3);
    expect(result.costAmount.toFixed(2)).toBe('19.50');
    expect(result.unitCost.toFixed(4)).toBe('3.9000');
  });

  it.each([CostingMethod.FIFO, CostingMethod.LIFO, CostingMethod.AVERAGE])(
    'under %s, consuming in any steps never creates or loses value',
    (method) => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 99999 })), {
            minLength: 1,
            maxLength: 6,
          }),
          fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
          (received, sales) => {
            let layers = received.map(([q, cents], i) => layer(`l${i}`, q, new Dec(cents).div(100).toFixed(2)));
            const startValue = sum(layers.map((l) => l.remainingValue));
            const held = layers.reduce((n, l) => n + l.remaining, 0);
            let consumedCost = new Dec(0);
            let sold = 0;
            for (const q of sales) {
              if (sold + q > held) break;
              const result = consumeLayers(layers, q, method, new Dec(0));
              expect(result.uncovered).toBe(0);
              expect(result.changes.reduce((n, c) => n + c.taken, 0)).toBe(q);
              consumedCost = consumedCost.plus(result.costAmount);
              const byId = new Map(result.changes.map((c) => [c.id, c]));
              layers = layers.map((l) => byId.get(l.id) ?? l);
              sold += q;
            }
            const leftValue = sum(layers.map((l) => l.remainingValue));
            expect(consumedCost.plus(leftValue).eq(startValue)).toBe(true);
            expect(layers.reduce((n, l) => n + l.remaining, 0)).toBe(held - sold);
            if (held === sold) expect(leftValue.isZero()).toBe(true);
          },
        ),
      );
    },
  );
});
