import { LockMode } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { PosSession, PosTerminal, Product, SaleRefund, Tenant } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { PaymentMethod } from '../../../entities/sale-enums';
import { badInput, notFound } from '../../../errors';
import { minorUnitDigits } from '../../../money/currency';
import { dec, sum } from '../../../money/decimal';
import { hasAtMostDigits } from '../../../money/rounding';
import { IdempotencyService } from '../../core/idempotency.service';
import { isUuid } from '../../core/ids';
import { nextRefundNumber } from '../../core/numbering';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { receiptlessReturnNeedsApproval } from '../../security/approval-policy';
import { Approval, ApprovalInput, Approvals, ApprovalRequest } from '../../security/approvals';
import { lockOpenSessionOfTerminal } from '../../sessions/session-open';
import { TerminalService } from '../../sessions/terminal.service';
import { currentTenant } from '../../tenancy/current-tenant';
import { emitRefundCreated } from '../../webhooks/domain-events';
import { ProductKey, productKey, ProductKeyInput, requireProduct } from '../cart/cart-rules';
import { enqueueDaySummary, localDate } from '../checkout/checkout-jobs';
import { addStoreCredit } from '../payments/tenders/store-credit';
import { returnUnitCost } from './return-cost';
import { postReturnedLines, ReturnedLine } from './return-posting';
import { priceUnlinkedReturns } from './return-pricing';

export interface ReturnItemRequest extends ProductKeyInput {
  quantity: number;
  unitPrice?: Decimal | null;
  returnToStock: boolean;
  reason: string;
}

export interface CreateReturnInput extends ApprovalInput {
  terminalId: string;
  items: ReturnItemRequest[];
  method: PaymentMethod;
  reason: string;
  customerId?: string | null;
  idempotencyKey: string;
}

/** Money goes back without a sale by these: cards and wallets only refund a card payment of a sale. */
const RECEIPTLESS_METHODS: readonly PaymentMethod[] = [
  PaymentMethod.CASH,
  PaymentMethod.CREDIT,
  PaymentMethod.BANK_TRANSFER,
];
const MAX_LINES = 100;
const MAX_UNITS = 1000;
const MAX_REASON = 500;

interface Checked {
  reason: string;
  actor: string;
  lines: Array<{ product: Product; request: ReturnItemRequest; reason: string }>;
  approval: Approval | null;
  approvalRequest: ApprovalRequest;
}

/** Returns without a receipt (docs/returns.md): goods taken back with no sale to refund. */
export class ReturnService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly terminals: TerminalService,
    private readonly approvals: Approvals,
  ) {}

  /**
   * Takes goods back at a terminal and pays their price back, exactly once
   * per idempotency key, in one transaction: each line priced at the
   * product's current price (another price needs a manager) with its tax as
   * a sale would charge it, the units returned to stock restocked at the
   * terminal's location at docs/returns.md's cost, a refund numbered in the
   * refunds' series. CASH leaves the terminal's OPEN session's drawer, CREDIT
   * goes to the customer's store credit, BANK_TRANSFER is sent outside.
   * A cashier needs a manager's approval unless the tenant's
   * `approvalPolicy.receiptlessReturnNeedsApproval` is false; the approver is
   * recorded on the refund and audited.
   * Errors: NOT_FOUND (terminal, product, customer), TERMINAL_INACTIVE,
   * SESSION_NOT_OPEN (CASH), APPROVAL_REQUIRED, BAD_USER_INPUT (items,
   * quantity, unitPrice, method, customerId, reason), IDEMPOTENCY_KEY_REUSED.
   */
  async create(ctx: TenantContext, input: CreateReturnInput): Promise<SaleRefund> {
    const checked = await this.check(ctx, input);
    const { refundId } = await this.idempotency.run(
      ctx,
      { key: input.idempotencyKey, operation: 'createReturn', input },
      (tx) => this.post(tx, input, checked),
    );
    return ctx.em.findOneOrFail(SaleRefund, { id: refundId, tenant: ctx.tenantId }, { refresh: true });
  }

  /** Input, terminal and products first (NOT_FOUND before APPROVAL_REQUIRED), then the approval, outside the transaction. */
  private async check(ctx: TenantContext, input: CreateReturnInput): Promise<Checked> {
    const actor = userIdOf(ctx);
    const reason = bounded('reason', input.reason);
    if (!RECEIPTLESS_METHODS.includes(input.method)) {
      throw badInput('method', 'without a sale money goes back as CASH, CREDIT or BANK_TRANSFER');
    }
    if (input.method === PaymentMethod.CREDIT && !input.customerId) {
      throw badInput('customerId', 'store credit needs the customer it goes to');
    }
    if (!input.items?.length || input.items.length > MAX_LINES) {
      throw badInput('items', `must hold 1 to ${MAX_LINES} items`);
    }
    const terminal = isUuid(input.terminalId)
      ? await ctx.em.findOne(PosTerminal, { id: input.terminalId, tenant: ctx.tenantId })
      : null;
    if (!terminal) throw notFound('Terminal', input.terminalId);
    const tenant = await currentTenant(ctx);
    const lines: Checked['lines'] = [];
    for (const [i, request] of input.items.entries()) {
      if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_UNITS) {
        throw badInput(`items.${i}.quantity`, `must be a whole number from 1 to ${MAX_UNITS}`);
      }
      if (
        request.unitPrice != null &&
        (dec(request.unitPrice).isNeg() || !hasAtMostDigits(dec(request.unitPrice), 4))
      ) {
        throw badInput(`items.${i}.unitPrice`, 'must be 0 or more with at most 4 decimals');
      }
      const key = productKey(request);
      lines.push({
        product: requireProduct(key, await findProduct(ctx, key)),
        request,
        reason: bounded(`items.${i}.reason`, request.reason),
      });
    }
    const overridden = lines.some(
      ({ product, request }) => request.unitPrice != null && !dec(request.unitPrice).eq(product.price),
    );
    const approvalRequest = {
      action: 'return.receiptless',
      subjectType: 'Terminal',
      subjectId: terminal.id,
      terminalId: terminal.id,
    };
    const needed = overridden || receiptlessReturnNeedsApproval(tenant.approvalPolicy);
    const approval = needed
      ? await this.approvals.require(
          ctx,
          input,
          approvalRequest,
          overridden ? 'A return at another price than the current one' : 'A return without a receipt',
        )
      : null;
    return { reason, actor, lines, approval, approvalRequest };
  }

  private async post(tx: TenantContext, input: CreateReturnInput, checked: Checked): Promise<{ refundId: string }> {
    const terminal = await this.terminals.requireActive(tx, input.terminalId, LockMode.PESSIMISTIC_READ);
    const location = await terminal.location.loadOrFail();
    const session =
      input.method === PaymentMethod.CASH
        ? await lockOpenSessionOfTerminal(tx, terminal.id, terminal.code)
        : await tx.em.findOne(PosSession, {
            tenant: tx.tenantId,
            terminal: terminal.id,
            status: PosSessionStatus.OPEN,
          });
    const tenant = await currentTenant(tx);
    const digits = minorUnitDigits(tenant.currency);
    const prices = priceUnlinkedReturns(
      tenant,
      checked.lines.map(({ product, request }) => ({
        unitPrice: request.unitPrice != null ? dec(request.unitPrice) : product.price,
        quantity: request.quantity,
        taxRate: product.taxRate,
      })),
    );
    const returned: ReturnedLine[] = [];
    for (const [i, { product, request, reason }] of checked.lines.entries()) {
      returned.push({
        saleItemId: null,
        productId: product.id,
        quantity: request.quantity,
        amount: prices[i].amount,
        taxAmount: prices[i].taxAmount,
        unitPrice: request.unitPrice != null ? dec(request.unitPrice) : product.price,
        unitCost: request.returnToStock ? await returnUnitCost(tx, product, location.id) : product.costPrice,
        returnToStock: request.returnToStock,
        reason,
      });
    }
    const refundId = randomUUID();
    const items = await postReturnedLines(
      tx,
      this.stock,
      { refundId, locationId: location.id, actorId: checked.actor, reason: checked.reason },
      returned,
    );
    const amount = sum(returned.map((l) => l.amount));
    if (input.method === PaymentMethod.CREDIT) await addStoreCredit(tx, input.customerId!, amount);

    const now = new Date();
    const refund = tx.em.create(SaleRefund, {
      id: refundId,
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      refundNumber: await nextRefundNumber(tx),
      saleId: null,
      locationId: location.id,
      amount,
      method: input.method,
      status: PaymentStatus.COMPLETED,
      reason: checked.reason,
      items,
      sessionId: session?.id ?? null,
      customerId: input.method === PaymentMethod.CREDIT ? input.customerId : null,
      approvedById: checked.approval?.approverId ?? null,
      processedAt: now,
      processedById: checked.actor,
      createdAt: now,
    });
    tx.services.audit.record(tx, {
      type: 'refund.created',
      subjectType: 'Refund',
      subjectId: refundId,
      data: {
        receipt: false,
        terminalId: terminal.id,
        locationId: location.id,
        amount: amount.toFixed(digits),
        method: input.method,
        reason: checked.reason,
        approvedById: refund.approvedById,
      },
    });
    if (checked.approval) {
      this.approvals.recordGranted(tx, checked.approval, {
        ...checked.approvalRequest,
        subjectType: 'Refund',
        subjectId: refundId,
      });
    }
    await tx.em.flush();
    if (input.method === PaymentMethod.CASH) await tx.services.hardwareCommands.cashRefunded(tx, terminal.id, null);
    await enqueueDaySummary(tx, {
      tenantId: tx.tenantId,
      locationId: location.id,
      date: localDate(now, location.timezone),
    });
    await emitRefundCreated(tx, refund);
    return { refundId };
  }
}

function bounded(field: string, value: string | null | undefined): string {
  const text = value?.trim();
  if (!text) throw badInput(field, 'is required');
  if (text.length > MAX_REASON) throw badInput(field, `must be at most ${MAX_REASON} characters`);
  return text;
}

function findProduct(ctx: TenantContext, key: ProductKey): Promise<Product | null> {
  if (key.field === 'productId' && !isUuid(key.value)) return Promise.resolve(null);
  const column = key.field === 'productId' ? 'id' : key.field;
  return ctx.em.findOne(Product, { tenant: ctx.tenantId, [column]: key.value });
}
