import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import { Product, Sale, SaleItem, Tenant } from '../../../entities';
import { ZERO } from '../../../money/decimal';

export interface NewSaleLine {
  lineNo: number;
  quantity: number;
  /** What the line charges a unit: the catalogue price online, what the register charged offline. */
  unitPrice: Decimal;
  createdAt: Date;
  discount?: Pick<SaleItem, 'discountType' | 'discountValue' | 'discountReason'>;
}

/**
 * A line of `sale` for `product`, keeping the product as it was sold (name,
 * sku, tax rate, attributes: later catalogue edits do not change a sale), its
 * figures zero until the calculator (sale-totals.ts) sets them. `persist`
 * false (as for `em.create`): built only, for a caller that persists what it accepts.
 */
export function newSaleLine(
  tx: TenantContext,
  sale: Sale,
  product: Product,
  line: NewSaleLine,
  options: { persist?: boolean } = {},
): SaleItem {
  return tx.em.create(
    SaleItem,
    {
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      sale,
      lineNo: line.lineNo,
      productId: product.id,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxRate: product.taxRate,
      ...line.discount,
      discountAmount: ZERO,
      taxAmount: ZERO,
      lineTotal: ZERO,
      productName: product.name,
      productSku: product.sku,
      attributes: product.attributes ?? null,
      createdAt: line.createdAt,
    },
    options,
  );
}
