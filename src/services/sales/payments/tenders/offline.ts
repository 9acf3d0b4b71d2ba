import { TenantContext } from '../../../../context';
import { Sale, SalePayment } from '../../../../entities';
import { PaymentMethod } from '../../../../entities/sale-enums';
import { badInput } from '../../../../errors';
import { NOTHING_AT_A_GATEWAY, PayRequest, RefundOutcome, Tender } from './tender';

/**
 * Cash: change and rounding are the tender plan's (money/payment-tender.ts);
 * a voided or refunded cash payment leaves the drawer through the session's
 * figures, so nothing else is written.
 */
export class CashTender implements Tender {
  readonly methods = [PaymentMethod.CASH];

  async pay(): Promise<void> {}

  async void(_tx: TenantContext, _sale: Sale, _payments: readonly SalePayment[]): Promise<void> {}

  async refund(): Promise<RefundOutcome> {
    return NOTHING_AT_A_GATEWAY;
  }
}

/** A bank transfer: recorded with the transfer's reference; money back is sent outside the system. */
export class BankTransferTender implements Tender {
  readonly methods = [PaymentMethod.BANK_TRANSFER];

  async pay(_tx: TenantContext, { reference }: PayRequest): Promise<void> {
    if (!reference) throw badInput('reference', 'is required for a bank transfer');
  }

  async void(_tx: TenantContext, _sale: Sale, _payments: readonly SalePayment[]): Promise<void> {}

  async refund(): Promise<RefundOutcome> {
    return NOTHING_AT_A_GATEWAY;
  }
}
