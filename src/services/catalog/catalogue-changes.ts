import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { CatalogueProduct, catalogueProducts, changesAfter, newestChange } from './catalog.sql';

export const MAX_CHANGES_PAGE = 5000;
const DEFAULT_CHANGES_PAGE = 1000;

export interface CatalogueChangesPage {
  /** Current state of every product changed in the page (by sku). */
  products: CatalogueProduct[];
  removedProductIds: string[];
  /** Pass it as `after` next time; the same cursor when nothing new is visible. */
  cursor: string;
  hasMore: boolean;
}

/**
 * The catalogue feed for registers (docs/offline.md, Catalogue sync). The
 * change log (product_changes, written by triggers in the writing
 * transaction) is read in (seq, id) order, where seq is the tenant's
 * catalogue sequence taken by the writing statement under a row lock held
 * to commit: a writer gets its value only once the previous one has
 * committed (or rolled back and given it back), so values become visible in
 * their order and no change can appear behind a cursor already handed out,
 * however the writers interleave. The price: a tenant's catalogue writes
 * serialize (one upsert of 1,000 products is one statement).
 */
export class CatalogueChangesService {
  async changes(
    ctx: TenantContext,
    after: string | null | undefined,
    first?: number | null,
  ): Promise<CatalogueChangesPage> {
    const limit = first ?? DEFAULT_CHANGES_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_PAGE)
      throw badInput('first', `must be 1 to ${MAX_CHANGES_PAGE}`);
    const from = parseCursor(after);
    const rows = await changesAfter(ctx.em, ctx.tenantId, from, limit + 1);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const latest = new Map(page.map((r) => [r.product_id, r.removed]));
    const kept = [...latest].filter(([, removed]) => !removed).map(([id]) => id);
    const products = kept.length ? await catalogueProducts(ctx.em, ctx.tenantId, kept) : [];
    const present = new Set(products.map((p) => p.id));
    const last = page[page.length - 1];
    return {
      products,
      removedProductIds: [...latest.keys()].filter((id) => !present.has(id)),
      cursor: last ? formatCursor(last.seq, last.id) : formatCursor(from.seq, from.id),
      hasMore,
    };
  }

  /** The cursor of the newest change visible now ("0.0" before any): a register at it is up to date. */
  async headCursor(ctx: TenantContext): Promise<string> {
    const row = await newestChange(ctx.em, ctx.tenantId);
    return row ? formatCursor(row.seq, row.id) : formatCursor('0', '0');
  }
}

const formatCursor = (seq: string, id: string) => `${seq}.${id}`;

function parseCursor(cursor: string | null | undefined): { seq: string; id: string } {
  if (cursor == null || cursor === '') return { seq: '0', id: '0' };
  const match = /^(\d{1,18})\.(\d{1,18})$/.exec(cursor);
  if (!match) throw badInput('after', 'is not a cursor this feed gave out');
  return { seq: match[1], id: match[2] };
}
