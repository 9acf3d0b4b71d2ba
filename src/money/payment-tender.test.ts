import { PaymentMethod } from '../entities/sale-enums';
import { DomainError } from '../errors';
import { dec } from './decimal';
import { planTender, TenderRequest } from './payment-tender';

const base = (over: Partial<TenderRequest>): TenderRequest => ({
  method: PaymentMethod.CASH,
  due: dec('10.02'),
  cashRoundingIncrement: dec('0.05'),
  digits: 2,
  ...over,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).extensions.code;
  }
  return undefined;
};
const show = (t: ReturnType<typeof planTender>) => [
  t.amount.toFixed(2),
  t.receivedAmount?.toFixed(2) ?? null,
  t.changeGiven?.toFixed(2) ?? null,
  t.roundingDelta.toFixed(2),
];

describe('planTender (docs/money.md, Payments)', () => {
  it('docs/money.md Example 1: 63.72 paid with 100.00 cash gives 36.28 change', () => {
    expect(
      show(planTender(base({ due: dec('63.72'), cashRoundingIncrement: dec(0), receivedAmount: dec('100.00') }))),
    ).toEqual(['63.72', '100.00', '36.28', '0.00']);
  });

  it('cash that settles rounds the due: 10.02 -> 10.00 (-0.02), 10.03 -> 10.05 (+0.02)', () => {
    expect(show(planTender(base({ receivedAmount: dec('20') })))).toEqual(['10.00', '20.00', '10.00', '-0.02']);
    expect(show(planTender(base({ due: dec('10.03') })))).toEqual(['10.05', '10.05', '0.00', '0.02']);
  });

  it('partial cash is not rounded; more than is due (rounded up: the rounded due) is OVERPAYMENT', () => {
    expect(show(planTender(base({ amount: dec('4.00') })))).toEqual(['4.00', '4.00', '0.00', '0.00']);
    expect(codeOf(() => planTender(base({ amount: dec('10.03') })))).toBe('OVERPAYMENT');
    expect(codeOf(() => planTender(base({ due: dec('10.03'), amount: dec('10.04') })))).toBe('OVERPAYMENT');
  });

  it('cards are never rounded and never exceed the due', () => {
    expect(show(planTender(base({ method: PaymentMethod.CARD })))).toEqual(['10.02', null, null, '0.00']);
    expect(codeOf(() => planTender(base({ method: PaymentMethod.CARD, amount: dec('10.03') })))).toBe('OVERPAYMENT');
    expect(codeOf(() => planTender(base({ method: PaymentMethod.CARD, receivedAmount: dec('20') })))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('rejects nothing due, sub-minor-unit amounts and short cash', () => {
    expect(codeOf(() => planTender(base({ due: dec(0) })))).toBe('OVERPAYMENT');
    expect(codeOf(() => planTender(base({ amount: dec('1.005') })))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planTender(base({ receivedAmount: dec('5') })))).toBe('BAD_USER_INPUT');
  });
});
