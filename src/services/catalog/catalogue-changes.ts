import { TenantContext } from '../../context';
import { Product } from '../../entities';
import { badInput } from '../../errors';
import { changesAfter, newestChange } from './catalog.sql';

export const MAX_CHANGES_PAGE = 5000;
const DEFAULT_CHANGES_PAGE = 1000;

export interface CatalogueChangesPage {
  /** Current state of every product changed in the page (by sku). */
  products: Product[];
  removedProductIds: string[];
  /** Pass it as `after` next time; the same cursor when nothing new is visible. */
  cursor: string;
  hasMore: boolean;
}

/**
 * The catalogue feed for registers (docs/offline.md, Catalogue sync). The
 * change log (product_changes, written by triggers in the writing
 * transaction) is read in (txid, id) order, and only rows of transactions
 * older than the reading snapshot's xmin are shown: every transaction below
 * xmin has ended, so no row can later appear before a cursor already handed
 * out, however the writers' commits interleave. A long transaction holds the
 * feed back (it shows later), it never loses a change.
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
    const products = kept.length
      ? await ctx.em.find(Product, { id: { $in: kept }, tenant: ctx.tenantId }, { orderBy: { sku: 'asc' } })
      : [];
    const present = new Set(products.map((p) => p.id));
    const last = page[page.length - 1];
    return {
      products,
      removedProductIds: [...latest.keys()].filter((id) => !present.has(id)),
      cursor: last ? formatCursor(last.txid, last.id) : formatCursor(from.txid, from.id),
      hasMore,
    };
  }

  /** The cursor of the newest change visible now ("0.0" before any): a register at it is up to date. */
  async headCursor(ctx: TenantContext): Promise<string> {
    const row = await newestChange(ctx.em, ctx.tenantId);
    return row ? formatCursor(row.txid, row.id) : formatCursor('0', '0');
  }
}

const formatCursor = (txid: string, id: string) => `${txid}.${id}`;

function parseCursor(cursor: string | null | undefined): { txid: string; id: string } {
  if (cursor == null || cursor === '') return { txid: '0', id: '0' };
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(cursor);
  if (!match) throw badInput('after', 'is not a cursor this feed gave out');
  return { txid: match[1], id: match[2] };
}
