import { Product, Sale } from '../../../entities';
import { TenantContext } from '../../../context';
import { badInput } from '../../../errors';
import { formatDecimal } from '../../../money/decimal';
import { CartEditor } from './cart-edit';
import type { OverrideItemPriceInput } from './cart-inputs';
import { lineOf } from './cart-rules';
import { overrideReason, priceOverrideApprover } from './price-override';

/** `overrideItemPrice`: the approval resolved before the cart's transaction, the rules of price-override.ts under its lock. */
export class CartPriceOverride {
  constructor(private readonly editor: CartEditor) {}

  /**
   * Sets a line's unit price (a price match, a damaged item), with a reason.
   * A cashier needs a manager's approval (PIN or token) unless the new price
   * is within the tenant's `priceOverrideThreshold` percent below the
   * product's current price (default 0: always); managers approve their own.
   * The approver and reason are recorded on the line, with a
   * `sale_item.price_overridden` audit row (and `approval.granted` when
   * approved). Discounts on the line stay and are re-measured against the new
   * price (DISCOUNT_APPROVAL_REQUIRED if one now exceeds the threshold
   * without an approver). Errors: APPROVAL_REQUIRED, TOO_MANY_ATTEMPTS,
   * BAD_USER_INPUT (reason, unitPrice), as updateItem.
   */
  async override(ctx: TenantContext, input: OverrideItemPriceInput): Promise<Sale> {
    const reason = overrideReason(input.reason);
    if (input.unitPrice.isNeg()) throw badInput('unitPrice', 'must be >= 0');
    const approval = await ctx.services.approvals.resolve(ctx, input, {
      action: 'price_override',
      subjectType: 'SaleItem',
      subjectId: input.itemId,
    });
    return this.editor.edit(
      ctx,
      input,
      'ITEM_UPDATED',
      async (tx, { sale, tenant }) => {
        const line = lineOf(sale, input.itemId);
        const product = await tx.em.findOneOrFail(Product, { id: line.productId, tenant: tx.tenantId });
        const approverId = priceOverrideApprover(
          { productPrice: product.price, unitPrice: input.unitPrice, sku: line.productSku },
          tenant.approvalPolicy,
          approval,
        );
        const from = line.unitPrice;
        Object.assign(line, {
          unitPrice: input.unitPrice,
          priceOverrideReason: reason,
          priceOverrideApprovedById: approverId,
        });
        if (approverId) {
          tx.services.approvals.recordGranted(tx, approval, {
            action: 'price_override',
            subjectType: 'SaleItem',
            subjectId: line.id,
          });
        }
        tx.services.audit.record(tx, {
          type: 'sale_item.price_overridden',
          subjectType: 'SaleItem',
          subjectId: line.id,
          data: {
            saleId: sale.id,
            from: formatDecimal(from),
            to: formatDecimal(input.unitPrice),
            productPrice: formatDecimal(product.price),
            reason,
            approverId,
          },
        });
      },
      { approval },
    );
  }

  /** Sets or (null) removes the cart's customer. Errors: NOT_FOUND (cart, customer), as addItem. */
}
