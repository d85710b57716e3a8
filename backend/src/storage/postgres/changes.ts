// The change feed read from `pk_changes`: a read after a position is one range of the primary
// key (or of the portal's index), cut at a whole write.
import { FEED_LIMIT, type ChangeFeed, type FeedChange } from '../../ports/changes.js';
import type { Queryable } from './database.js';

interface Row {
  position: number;
  portal_id: string | null;
  portal_ids: string[];
  kind: FeedChange['kind'];
  name: string;
  id: string | null;
}

const toChange = (row: Row): FeedChange => ({
  position: row.position,
  portalId: row.portal_id,
  portalIds: row.portal_ids,
  kind: row.kind,
  name: row.name,
  id: row.id,
});

export class SqlChangeFeed implements ChangeFeed {
  readonly #db: Queryable;
  readonly #tenant: string;

  constructor(db: Queryable, tenant: string) {
    this.#db = db;
    this.#tenant = tenant;
  }

  async head() {
    const [row] = await this.#db.query<{ version: number }>(
      'SELECT version FROM pk_head WHERE tenant_id = $1',
      [this.#tenant],
    );
    return row!.version;
  }

  async since(position: number, options: { portalId?: string; limit?: number } = {}) {
    const limit = options.limit ?? FEED_LIMIT;
    // The head and floor in the same statement (one snapshot): every position up to the head is
    // committed and visible (positions follow commit order).
    const rows = await this.#db.query<Row & { head: number; floor: number }>(
      `SELECT h.version AS head, h.feed_floor AS floor, c.version AS position, c.portal_id, c.portal_ids, c.kind, c.name, c.id
         FROM pk_head h
         LEFT JOIN LATERAL (
           SELECT * FROM pk_changes
            WHERE tenant_id = $4 AND version > $1
              AND ($2::text IS NULL OR portal_id = $2 OR portal_id IS NULL OR $2 = ANY(portal_ids))
            ORDER BY version, seq LIMIT $3
         ) c ON true
        WHERE h.tenant_id = $4`,
      [position, options.portalId ?? null, limit + 1, this.#tenant],
    );
    const { head, floor } = rows[0]!;
    if (position < floor) return { changes: [], next: head, reset: true };
    const found = rows.filter((row) => row.position !== null).map(toChange);
    if (found.length <= limit) return { changes: found, next: head, reset: false };
    // Past the limit: whole writes only — up to the last write the limit reached in full.
    const cut = found[limit]!.position;
    const whole = found.filter((change) => change.position < cut);
    if (whole.length) return { changes: whole, next: whole[whole.length - 1]!.position, reset: false };
    // One write larger than the limit comes alone.
    const one = await this.#db.query<Row>(
      `SELECT version AS position, portal_id, portal_ids, kind, name, id FROM pk_changes
        WHERE tenant_id = $3 AND version = $1
          AND ($2::text IS NULL OR portal_id = $2 OR portal_id IS NULL OR $2 = ANY(portal_ids)) ORDER BY seq`,
      [cut, options.portalId ?? null, this.#tenant],
    );
    return { changes: one.map(toChange), next: cut, reset: false };
  }
}
