import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../../context';
import { Product, Sale, SaleItem, SaleRefund } from '../../../entities';
import type { CartReturnLine } from '../../../entities/sale.entity';
import { SaleStatus } from '../../../entities/sale-enums';
import { badInput, DomainError, notFound } from '../../../errors';
import { minorUnitDigits } from '../../../money/currency';
import { dec, ZERO } from '../../../money/decimal';
import { linkedReturnAmounts } from '../../../money/exchange';
import { refundedUnits } from '../../../money/refund-amounts';
import { isUuid } from '../../core/ids';
import { ApprovalInput, Approvals } from '../../security/approvals';
import { CartEditor } from '../cart/cart-edit';
import type { Versioned } from '../cart/cart-inputs';
import { productKey, ProductKeyInput, requireProduct } from '../cart/cart-rules';
import { returnUnitCost } from './return-cost';
import { priceUnlinkedReturns } from './return-pricing';

export interface AddReturnItemInput extends Versioned, ProductKeyInput, ApprovalInput {
  /** The sale line the goods came from (with the receipt); else a product key. */
  saleItemId?: string | null;
  quantity: number;
  returnToStock: boolean;
  reason: string;
}

const REFUNDABLE: readonly SaleStatus[] = [SaleStatus.COMPLETED, SaleStatus.PARTIALLY_REFUNDED];
const MAX_RETURN_LINES = 100;
const MAX_UNITS = 1000;

/** Exchanges (docs/returns.md): returned goods on a cart, taken off what is due. */
export class ExchangeCartService {
  constructor(
    private readonly editor: CartEditor,
    private readonly approvals: Approvals,
  ) {}

  /**
   * Adds a returned line to a cart. Linked to a sale line it gives back what
   * that sale charged for the units (linkedReturnAmounts) and goes back on
   * the shelf at the line's unit cost, at most the units still refundable
   * (REFUND_EXCEEDS_SALE); every linked line of a cart comes from one sale.
   * Unlinked it is priced as sold now and needs a manager (APPROVAL_REQUIRED).
   * Errors: NOT_FOUND (cart, sale line, product), SALE_NOT_EDITABLE, CONFLICT,
   * BAD_USER_INPUT (quantity, reason, keys, lines), REFUND_EXCEEDS_SALE.
   */
  async addReturnItem(ctx: TenantContext, input: AddReturnItemInput): Promise<Sale> {
    if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_UNITS) {
      throw badInput('quantity', `must be a whole number from 1 to ${MAX_UNITS}`);
    }
    const reason = input.reason?.trim();
    if (!reason || reason.length > 500) throw badInput('reason', 'is required, at most 500 characters');
    const linked = !!input.saleItemId;
    if (linked && (input.productId || input.sku || input.barcode)) {
      throw badInput('saleItemId', 'give a sale line or a product, not both');
    }
    const key = linked ? null : productKey(input);
    const approval = linked
      ? null
      : await this.approvals.require(
          ctx,
          input,
          { action: 'return.exchange_unlinked', subjectType: 'Cart', subjectId: input.cartId },
          'Goods returned without their sale line',
        );
    return this.editor.edit(
      ctx,
      input,
      'ITEM_ADDED',
      async (tx, { sale, tenant, product }) => {
        if (sale.returnLines.length >= MAX_RETURN_LINES)
          throw badInput('cartId', `at most ${MAX_RETURN_LINES} returned lines`);
        const digits = minorUnitDigits(tenant.currency);
        let line: CartReturnLine;
        if (linked) {
          const item = await this.soldLine(tx, input.saleItemId!);
          const original = item.sale.getEntity();
          const other = sale.returnLines.find((l) => l.saleId && l.saleId !== original.id);
          if (other) throw badInput('saleItemId', 'the returned lines of one exchange come from one sale');
          const earlier = await tx.em.find(SaleRefund, { tenant: tx.tenantId, saleId: original.id });
          const pending = sale.returnLines.filter((l) => l.saleItemId === item.id).reduce((n, l) => n + l.quantity, 0);
          const before = (refundedUnits(earlier).get(item.id) ?? 0) + pending;
          const amounts = linkedReturnAmounts(item, before, input.quantity, digits, tenant.roundingMode);
          line = {
            id: randomUUID(),
            saleId: original.id,
            saleItemId: item.id,
            productId: item.productId,
            productName: item.productName,
            quantity: input.quantity,
            amount: amounts.amount.toFixed(),
            taxAmount: amounts.taxAmount.toFixed(),
            unitPrice: item.unitPrice.toFixed(),
            unitCost: (item.unitCost ?? ZERO).toFixed(),
            returnToStock: input.returnToStock,
            reason,
            approvedById: null,
          };
        } else {
          const found: Product = requireProduct(key!, product);
          const [price] = priceUnlinkedReturns(tenant, [
            { unitPrice: found.price, quantity: input.quantity, taxRate: found.taxRate },
          ]);
          line = {
            id: randomUUID(),
            saleId: null,
            saleItemId: null,
            productId: found.id,
            productName: found.name,
            quantity: input.quantity,
            amount: price.amount.toFixed(),
            taxAmount: price.taxAmount.toFixed(),
            unitPrice: found.price.toFixed(),
            unitCost: (input.returnToStock
              ? await returnUnitCost(tx, found, sale.locationId)
              : found.costPrice
            ).toFixed(),
            returnToStock: input.returnToStock,
            reason,
            approvedById: approval!.approverId,
          };
          this.approvals.recordGranted(tx, approval!, {
            action: 'return.exchange_unlinked',
            subjectType: 'Cart',
            subjectId: sale.id,
          });
        }
        sale.returnLines = [...sale.returnLines, line];
        sale.returnAmount = sale.returnAmount.plus(dec(line.amount));
      },
      key ? { product: key } : {},
    );
  }

  /** The sale line with its sale, which must be a completed sale of the tenant. */
  private async soldLine(tx: TenantContext, saleItemId: string): Promise<SaleItem> {
    const item = isUuid(saleItemId)
      ? await tx.em.findOne(SaleItem, { id: saleItemId, tenant: tx.tenantId }, { populate: ['sale'] })
      : null;
    if (!item) throw notFound('SaleItem', saleItemId);
    if (!REFUNDABLE.includes(item.sale.getEntity().status)) {
      throw new DomainError('SALE_NOT_EDITABLE', 'Only goods of a completed sale can be returned against it');
    }
    return item;
  }
}
