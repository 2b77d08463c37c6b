import type { CatalogItem, CatalogKind } from '../shared/protocol/catalog.ts';
import { catalogRequestSchema, ERROR_CODES, type CatalogAck } from '../shared/protocol/messages.ts';

/** Items per page when the client names no `limit`. */
export const DEFAULT_CATALOG_LIMIT = 500;

/**
 * The static catalog grouped by kind and answered in pages. The cursor is the offset of the next item
 * as a decimal string: the catalog does not change while the hub runs (changes arrive as events).
 */
export class CatalogPages {
  readonly #byKind = new Map<CatalogKind, CatalogItem[]>();

  constructor(items: readonly CatalogItem[]) {
    for (const item of items) {
      const list = this.#byKind.get(item.kind) ?? [];
      list.push(item);
      this.#byKind.set(item.kind, list);
    }
  }

  count(kind: CatalogKind): number {
    return this.#byKind.get(kind)?.length ?? 0;
  }

  page(raw: unknown): CatalogAck {
    const request = catalogRequestSchema.safeParse(raw);
    if (!request.success) {
      const issue = request.error.issues[0];
      return {
        ok: false,
        error: { code: ERROR_CODES.invalid, message: `invalid catalog request: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'bad shape'}` },
      };
    }
    const { kind, cursor, limit = DEFAULT_CATALOG_LIMIT } = request.data;
    const items = this.#byKind.get(kind) ?? [];
    const offset = cursor === undefined || cursor === null ? 0 : Number(cursor);
    if (!/^\d{1,9}$/.test(cursor ?? '0') || !Number.isSafeInteger(offset) || offset > items.length) {
      return { ok: false, error: { code: ERROR_CODES.invalid, message: 'invalid catalog cursor' } };
    }
    const end = Math.min(items.length, offset + limit);
    return {
      ok: true,
      kind,
      items: items.slice(offset, end),
      nextCursor: end < items.length ? String(end) : null,
      total: items.length,
    };
  }
}
