// The logs read in SQL from `pk_appended` (an instance holds neither): each read is one indexed
// statement bounded by its portal — a trail page by place, the latest events, windows by time.
import type { LogReader, TrailFilter, TrailPage } from '../../ports/logs.js';
import type { ActivityEvent, AuditEntry } from '../../world/schema.js';
import type { Queryable } from './database.js';

export class SqlLogReader implements LogReader {
  readonly #q: () => Queryable;
  readonly #tenant: string;

  constructor(queryable: () => Queryable, tenant: string) {
    this.#q = queryable;
    this.#tenant = tenant;
  }

  async trail(portalId: string, filter: TrailFilter, page: TrailPage) {
    // One row past the page says there is more: the next page is before the last one shown.
    const rows = await this.#q().query<{ pos: number; body: AuditEntry }>(
      `SELECT pos, body FROM pk_appended
        WHERE tenant_id = $6 AND list = 'audit' AND portal_id = $1 AND pos < $2
          AND ($3::text IS NULL OR actor_id = $3) AND ($4::text IS NULL OR starts_with(action, $4))
        ORDER BY pos DESC LIMIT $5`,
      [
        portalId,
        page.before ?? Number.MAX_SAFE_INTEGER,
        filter.actor || null,
        filter.action || null,
        page.limit + 1,
        this.#tenant,
      ],
    );
    const shown = rows.slice(0, page.limit);
    return {
      entries: shown.map((row) => row.body),
      next: rows.length > page.limit ? shown[shown.length - 1]!.pos : null,
    };
  }

  async latestActivity(portalId: string, limit: number) {
    const rows = await this.#q().query<{ body: ActivityEvent }>(
      `SELECT body FROM pk_appended
        WHERE tenant_id = $3 AND list = 'activity' AND portal_id = $1 ORDER BY pos DESC LIMIT $2`,
      [portalId, limit, this.#tenant],
    );
    return rows.map((row) => row.body);
  }

  async externalActionsAt(portalId: string, at: readonly string[]) {
    if (!at.length) return [];
    const rows = await this.#q().query<{ body: AuditEntry }>(
      `SELECT body FROM pk_appended
        WHERE tenant_id = $3 AND list = 'audit' AND portal_id = $1 AND at = ANY($2::text[])
          AND actor_kind = 'external'
        ORDER BY pos`,
      [portalId, [...new Set(at)], this.#tenant],
    );
    return rows.map((row) => row.body);
  }

  async activeUsers(portalIds: readonly string[], since: string, until: string) {
    if (!portalIds.length) return new Map<string, number>();
    // Bounded by the people of each portal, not its events: the distinct people of the portal's
    // activity one index step each (a skip scan), then one probe each for an event in the window.
    const rows = await this.#q().query<{ portal_id: string; n: number }>(
      `SELECT p AS portal_id, active.n FROM unnest($1::text[]) AS p,
         LATERAL (
           WITH RECURSIVE people(contact_id) AS (
             (SELECT contact_id FROM pk_appended
               WHERE tenant_id = $4 AND list = 'activity' AND portal_id = p ORDER BY contact_id LIMIT 1)
             UNION ALL
             SELECT (SELECT a.contact_id FROM pk_appended a
                      WHERE a.tenant_id = $4 AND a.list = 'activity' AND a.portal_id = p
                        AND a.contact_id > people.contact_id
                      ORDER BY a.contact_id LIMIT 1)
               FROM people WHERE people.contact_id IS NOT NULL
           )
           SELECT count(*)::int AS n FROM people
            WHERE EXISTS (SELECT 1 FROM pk_appended a
                           WHERE a.tenant_id = $4 AND a.list = 'activity' AND a.portal_id = p
                             AND a.contact_id = people.contact_id
                             AND a.at >= $2 AND a.at <= $3)
         ) AS active
        WHERE active.n > 0`,
      [[...new Set(portalIds)], since, until, this.#tenant],
    );
    return new Map(rows.map((row) => [row.portal_id, row.n]));
  }

  async lastActivity(portalIds: readonly string[]) {
    if (!portalIds.length) return new Map<string, string>();
    // One backward step of the (portal, time) index per portal, not a pass over its activity.
    const rows = await this.#q().query<{ portal_id: string; at: string | null }>(
      `SELECT p AS portal_id,
              (SELECT max(at) FROM pk_appended
                WHERE tenant_id = $2 AND list = 'activity' AND portal_id = p) AS at
         FROM unnest($1::text[]) AS p`,
      [[...new Set(portalIds)], this.#tenant],
    );
    return new Map(rows.flatMap((row) => (row.at === null ? [] : [[row.portal_id, row.at]])));
  }

  async lastSeen(portalId: string, contactIds: readonly string[]) {
    if (!contactIds.length) return new Map<string, string>();
    const rows = await this.#q().query<{ contact_id: string; at: string | null }>(
      `SELECT c AS contact_id,
              (SELECT max(at) FROM pk_appended
                WHERE tenant_id = $3 AND list = 'activity' AND portal_id = $1 AND contact_id = c) AS at
         FROM unnest($2::text[]) AS c`,
      [portalId, [...new Set(contactIds)], this.#tenant],
    );
    return new Map(rows.flatMap((row) => (row.at === null ? [] : [[row.contact_id, row.at]])));
  }
}
