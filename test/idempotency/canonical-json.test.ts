import { canonicalHash, canonicalJson } from '../../src/canonical-json';
import { dec } from '../../src/money/decimal';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes Decimals as plain strings, equal amounts alike, and Dates as ISO strings', () => {
    expect(canonicalJson({ amount: dec('10.50'), tiny: dec('0.00000001'), at: new Date('2026-03-01T03:30:00Z') })).toBe(
      '{"amount":"10.5","at":"2026-03-01T03:30:00.000Z","tiny":"0.00000001"}',
    );
    expect(canonicalHash({ amount: dec('10.50') })).toBe(canonicalHash({ amount: dec('10.5') }));
  });

  it('tells different inputs apart, including array order and null vs absent', () => {
    expect(canonicalHash({ a: [1, 2] })).not.toBe(canonicalHash({ a: [2, 1] }));
    expect(canonicalHash({ a: null })).not.toBe(canonicalHash({}));
    expect(canonicalHash({ a: '1' })).not.toBe(canonicalHash({ a: 1 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
