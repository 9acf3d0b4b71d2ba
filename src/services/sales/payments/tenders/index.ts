import { PaymentMethod } from '../../../../entities/sale-enums';
import { badInput } from '../../../../errors';
import { GatewayRegistry } from '../gateway-registry';
import { GatewayTender } from './gateway-tender';
import { BankTransferTender, CashTender } from './offline';
import { StoreCreditTender } from './store-credit';
import type { Tender } from './tender';

export type { Tender } from './tender';

/** Every way of paying, registered once; payments, voids and refunds ask it for a method's tender. */
export class Tenders {
  private readonly byMethod = new Map<PaymentMethod, Tender>();

  constructor(gateways: GatewayRegistry) {
    for (const tender of [
      new CashTender(),
      new GatewayTender(gateways),
      new BankTransferTender(),
      new StoreCreditTender(),
    ]) {
      for (const method of tender.methods) this.byMethod.set(method, tender);
    }
  }

  for(method: PaymentMethod): Tender {
    const tender = this.byMethod.get(method);
    if (!tender) throw badInput('method', `${method} is not a tender`);
    return tender;
  }

  /** The distinct tenders, in registration order. */
  all(): Tender[] {
    return [...new Set(this.byMethod.values())];
  }
}
