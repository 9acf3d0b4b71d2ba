import { TenantContext } from '../../context';
import { Product } from '../../entities';
import { badInput } from '../../errors';
import { isUuid } from '../core/ids';
import { decodeKeysetCursor, keysetResult, Page, PageRequest, pageSize } from '../core/pagination';
import { likePattern } from '../core/search';
import { searchProductsByTrigram, searchProductsInWindow, SearchPosition } from './catalog.sql';

/** How many products in name order a search reads before it turns to the trigram indexes. */
const NAME_WINDOW = 2000;

/**
 * A page of the products whose name or sku contains `text`, in name order.
 * Neither plan is good for every term: walking the name index and filtering
 * finds a common term's page within a few rows but reads the whole
 * catalogue for a rare one (a brand late in the alphabet: 390 ms at 300,000
 * products), while the trigram indexes find a rare term's rows at once but
 * must fetch and sort every match of a common one (100 ms for 20,000). So
 * the next NAME_WINDOW products are filtered first, and only when they hold
 * less than a page does the search go through the trigram indexes
 * (docs/offline.md, Lookup at scale).
 */
export async function searchProducts(ctx: TenantContext, text: string, request: PageRequest): Promise<Page<Product>> {
  const first = pageSize(request);
  const [afterName, afterId] = request.after ? decodeKeysetCursor(request.after) : [null, null];
  if (afterId !== null && !isUuid(afterId)) throw badInput('after', 'is not a cursor from this list');
  const at: SearchPosition = {
    tenant: ctx.tenantId,
    like: likePattern(text),
    afterName: afterName === null ? null : String(afterName),
    afterId,
    limit: first + 1,
  };
  let rows = await searchProductsInWindow(ctx.em, at, NAME_WINDOW);
  if (rows.length <= first) rows = await searchProductsByTrigram(ctx.em, at);
  return keysetResult(
    rows.map((row) => ctx.em.map(Product, row)),
    first,
    'name',
    () => ctx.em.count(Product, { tenant: ctx.tenantId, ...nameOrSkuLike(at.like) }),
  );
}

/** The ORM filter of the same match (counts, and a search by barcode too). */
export const nameOrSkuLike = (like: string) => ({ $or: [{ name: { $ilike: like } }, { sku: { $ilike: like } }] });
