import Decimal from 'decimal.js';
import { AuthorizeRequest } from './payment-gateway';

/** What the simulated acquirer does with an authorization (rules in docs/payments.md). */
export type SimulatedOutcome = { kind: 'APPROVED' } | { kind: 'DECLINED'; reason: string } | { kind: 'TIMEOUT' };

/** Last four characters of the reference -> decline reason. */
const DECLINING_SUFFIXES: Record<string, string> = {
  '0002': 'card_declined',
  '9995': 'insufficient_funds',
};
const TIMEOUT_SUFFIX = '0119';
const DO_NOT_HONOR_CENTS = '.13';

/**
 * The simulator's rules, first match wins: a card number that is not 12-19
 * digits passing the Luhn check is declined "invalid_number"; a reference
 * ending 0119 is approved but its answer never arrives (a timeout); ending
 * 0002 / 9995 declines "card_declined" / "insufficient_funds"; an amount
 * whose cents are .13 declines "do_not_honor"; anything else is approved.
 * The suffix and amount rules apply to wallet ids as well as card numbers.
 */
export function simulatedOutcome(request: Pick<AuthorizeRequest, 'method' | 'reference' | 'amount'>): SimulatedOutcome {
  if (request.method === 'CARD' && !isValidCardNumber(request.reference))
    return { kind: 'DECLINED', reason: 'invalid_number' };
  const suffix = referenceSuffix(request.reference);
  if (suffix === TIMEOUT_SUFFIX) return { kind: 'TIMEOUT' };
  const reason = DECLINING_SUFFIXES[suffix];
  if (reason) return { kind: 'DECLINED', reason };
  if (cents(request.amount) === DO_NOT_HONOR_CENTS) return { kind: 'DECLINED', reason: 'do_not_honor' };
  return { kind: 'APPROVED' };
}

/** The last four characters, the only part of a card number the simulator repeats in its answers. */
export function referenceSuffix(reference: string): string {
  return reference.slice(-4);
}

function cents(amount: Decimal): string {
  const fixed = amount.toFixed(2, Decimal.ROUND_DOWN);
  return fixed.slice(fixed.indexOf('.'));
}

/** 12-19 digits whose Luhn checksum is 0 mod 10. */
export function isValidCardNumber(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let total = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return total % 10 === 0;
}
