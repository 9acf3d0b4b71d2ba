import Decimal from 'decimal.js';
import { PaymentMethod } from './money-enums';
import { badInput, MoneyError } from './money-error';
import { cashRounding, changeFor } from './cash';
import { dec, ZERO } from './decimal';
import { hasAtMostDigits } from './rounding';

export interface TenderRequest {
  method: PaymentMethod;
  /** The amount to apply; omitted: all that is due (for cash, after cash rounding). */
  amount?: Decimal | null;
  /** Cash handed over (cash only); omitted: exactly the amount. */
  receivedAmount?: Decimal | null;
  /** totalAmount + roundingAdjustment - paidAmount, before this payment. */
  due: Decimal;
  cashRoundingIncrement: Decimal;
  /** The currency's minor unit digits. */
  digits: number;
}

export interface Tender {
  amount: Decimal;
  receivedAmount: Decimal | null;
  changeGiven: Decimal | null;
  /** Added to the sale's roundingAdjustment (non-zero only for a cash payment that settles the sale). */
  roundingDelta: Decimal;
}

/**
 * What one payment applies (docs/money.md, Payments), pure. Cash that settles the
 * sale first rounds the due to the tenant's increment (the difference is the
 * rounding delta); change is received - applied. Any method applying more
 * than is due is OVERPAYMENT; amounts must be whole minor units (> 0 when
 * given): BAD_USER_INPUT naming the field.
 */
export function planTender(req: TenderRequest): Tender {
  const due = dec(req.due);
  if (!due.gt(0))
    throw new MoneyError('OVERPAYMENT', 'Nothing is due on this sale', { field: 'amount', amountDue: due.toFixed() });
  if (req.amount != null) {
    if (!req.amount.gt(0)) throw badInput('amount', 'must be greater than 0');
    if (!hasAtMostDigits(req.amount, req.digits))
      throw badInput('amount', `must be a whole number of minor units (${req.digits} decimals)`);
  }
  if (req.method !== PaymentMethod.CASH) {
    if (req.receivedAmount != null) throw badInput('receivedAmount', 'is for cash payments only');
    const amount = req.amount ?? due;
    if (amount.gt(due)) throw overpayment(amount, due);
    return { amount, receivedAmount: null, changeGiven: null, roundingDelta: ZERO };
  }
  const { roundedDue, adjustment } = cashRounding(due, req.cashRoundingIncrement);
  const amount = req.amount ?? roundedDue;
  const settles = amount.eq(roundedDue);
  if (amount.gt(settles ? roundedDue : due)) throw overpayment(amount, roundedDue);
  if (req.receivedAmount != null && !hasAtMostDigits(req.receivedAmount, req.digits)) {
    throw badInput('receivedAmount', `must be a whole number of minor units (${req.digits} decimals)`);
  }
  const receivedAmount = req.receivedAmount ?? amount;
  return {
    amount,
    receivedAmount,
    changeGiven: changeFor(receivedAmount, amount),
    roundingDelta: settles ? adjustment : ZERO,
  };
}

function overpayment(amount: Decimal, due: Decimal): MoneyError {
  return new MoneyError('OVERPAYMENT', `${amount.toFixed()} is more than the ${due.toFixed()} due`, {
    field: 'amount',
    amountDue: due.toFixed(),
  });
}
