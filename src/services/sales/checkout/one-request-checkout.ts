import { createHash, randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { canonicalHash } from '../../../canonical-json';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import type { DiscountType, PaymentMethod } from '../../../entities/sale-enums';
import { badInput, DomainError, forbidden } from '../../../errors';
import { IdempotencyService } from '../../core/idempotency.service';
import { isUuid } from '../../core/ids';
import type { ApprovalInput } from '../cart/discount-approval';
import type { ProductKeyInput } from '../cart/cart-rules';
import { CartService } from '../cart/cart.service';
import type { GatewayMethod } from '../payments/payment-gateway';
import { PaymentService } from '../payments/payment.service';
import { GATEWAY_METHODS } from '../payments/tenders/gateway-tender';
import { RELEASE_AFTER_SECONDS, RELEASE_CHECKOUT_JOB, ReleaseCheckoutData } from './checkout-release';
import { SaleCompletionService } from './sale-completion.service';

export const MAX_CHECKOUT_LINES = 200;
export const MAX_CHECKOUT_PAYMENTS = 10;

type CheckoutDiscount = ApprovalInput & { type: DiscountType; value: Decimal; reason?: string | null };

export interface CheckoutInput {
  terminalId: string;
  /** The register's id for the sale (becomes its id); generated when absent. */
  clientId?: string | null;
  items: Array<ProductKeyInput & { quantity: number; discount?: CheckoutDiscount | null }>;
  cartDiscount?: CheckoutDiscount | null;
  payments: Array<{
    method: PaymentMethod;
    amount?: Decimal | null;
    receivedAmount?: Decimal | null;
    reference?: string | null;
  }>;
  customerId?: string | null;
  idempotencyKey: string;
}

/**
 * The one-request checkout (express lanes, self-checkout): the six-mutation
 * flow's own services — createCart, addCartItem per item, applyCartDiscount,
 * addPayment per tender, completeSale — run inside ONE transaction under the
 * request's idempotency key, so the rules, events, numbering, jobs and
 * receipt are the same by construction and any failure writes nothing.
 * Payments get keys derived from the request's key, so a retry after a
 * failure repeats the same gateway calls instead of charging again; a
 * failure that is not retried within RELEASE_AFTER_SECONDS has its card
 * payments cancelled by the release job (checkout-release.ts), after which
 * the key answers CHECKOUT_RELEASED.
 */
export class OneRequestCheckout {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly carts: CartService,
    private readonly payments: PaymentService,
    private readonly completion: SaleCompletionService,
  ) {}

  async checkout(ctx: TenantContext, input: CheckoutInput): Promise<Sale> {
    if (!input.items.length || input.items.length > MAX_CHECKOUT_LINES)
      throw badInput('items', `must hold 1 to ${MAX_CHECKOUT_LINES} items`);
    if (!input.payments.length || input.payments.length > MAX_CHECKOUT_PAYMENTS)
      throw badInput('payments', `must hold 1 to ${MAX_CHECKOUT_PAYMENTS} payments`);
    const discounted = input.cartDiscount || input.items.some((item) => item.discount);
    if (discounted && !ctx.permissions.has('pos:sale:discount'))
      throw forbidden('Requires permission pos:sale:discount');
    if (input.clientId != null && !isUuid(input.clientId)) throw badInput('clientId', 'must be a UUID');
    const saleId = input.clientId ?? randomUUID();
    let written: Sale | undefined;
    const sentToGateway: ReleaseCheckoutData['payments'] = [];
    const record = await this.idempotency
      .run<{ saleId?: string; released?: boolean }>(
        ctx,
        { key: input.idempotencyKey, operation: 'checkout', input },
        async (tx) => {
          sentToGateway.length = 0;
          written = await this.run(tx, saleId, input, sentToGateway);
          return { saleId: written.id };
        },
        { saleId },
      )
      .catch(async (error: unknown) => {
        if (sentToGateway.length) await this.scheduleRelease(ctx, input, sentToGateway);
        throw error;
      });
    if (record.released)
      throw new DomainError(
        'CHECKOUT_RELEASED',
        'This checkout failed and was not retried in time: its card payments were cancelled. Send it again with a new idempotencyKey',
      );
    if (written && written.id === record.saleId) return written;
    return ctx.em.findOneOrFail(
      Sale,
      { id: record.saleId, tenant: ctx.tenantId },
      { populate: ['items'], refresh: true },
    );
  }

  /**
   * Outside the checkout's transaction (it rolled back): a failure to
   * schedule is logged, and the checkout's own error is what the client gets.
   * Each failed try schedules its own release (a retry may have reached more
   * payments); the releases share the key's claim.
   */
  private async scheduleRelease(
    ctx: TenantContext,
    input: CheckoutInput,
    payments: ReleaseCheckoutData['payments'],
  ): Promise<void> {
    const data: ReleaseCheckoutData = {
      tenantId: ctx.tenantId,
      terminalId: input.terminalId,
      requestKey: input.idempotencyKey,
      requestHash: canonicalHash(input),
      payments,
    };
    const startAfter = new Date(Date.now() + RELEASE_AFTER_SECONDS * 1000);
    await ctx.services.jobs
      .enqueue(ctx, RELEASE_CHECKOUT_JOB, data, { startAfter })
      .catch((error: unknown) =>
        ctx.log.error(
          { err: error, idempotencyKey: input.idempotencyKey },
          'could not schedule the release of a failed checkout',
        ),
      );
  }

  private async run(
    tx: TenantContext,
    saleId: string,
    input: CheckoutInput,
    sentToGateway: ReleaseCheckoutData['payments'],
  ): Promise<Sale> {
    const cart = await this.carts.create(tx, {
      terminalId: input.terminalId,
      id: saleId,
      customerId: input.customerId,
    });
    let quantities = new Map<string, number>();
    for (const { discount, ...item } of input.items) {
      // Availability checked, nothing reserved: the completion below takes the units, so the shared stock
      // rows are locked only from there to the commit, not from the first item on.
      const lines = (await this.carts.addItem(tx, { ...item, cartId: cart.id }, { reserve: false })).items.getItems();
      // The line this item added or grew: its quantity is not what it was.
      const line = lines.find((l) => quantities.get(l.id) !== l.quantity)!;
      quantities = new Map(lines.map((l) => [l.id, l.quantity]));
      if (discount) await this.carts.applyItemDiscount(tx, { ...discount, cartId: cart.id, itemId: line.id });
    }
    if (input.cartDiscount) await this.carts.applyCartDiscount(tx, { ...input.cartDiscount, cartId: cart.id });
    const paymentKey = createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 40);
    for (const [i, payment] of input.payments.entries()) {
      const idempotencyKey = `checkout:${paymentKey}:${i}`;
      if (GATEWAY_METHODS.includes(payment.method))
        sentToGateway.push({ method: payment.method as GatewayMethod, idempotencyKey });
      await this.payments.addPayment(tx, { ...payment, saleId: cart.id, idempotencyKey });
    }
    return this.completion.complete(tx, { saleId: cart.id });
  }
}
