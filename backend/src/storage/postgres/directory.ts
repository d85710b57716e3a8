// The tenant's companies, portals' heads and role holders, read in SQL per request (an instance
// holds a company's portals only while it serves them). Lists of portals read each portal's
// `head` (name, company, staff invited, holders per role: kept by the database, migration 14),
// never every portal's users.
import type { DirectoryReader, PortalHead, RoleHolder } from '../../ports/directory.js';
import type { Company } from '../../world/schema.js';
import type { Queryable } from './database.js';

export class SqlDirectoryReader implements DirectoryReader {
  readonly #q: () => Queryable;
  readonly #tenant: string;

  constructor(queryable: () => Queryable, tenant: string) {
    this.#q = queryable;
    this.#tenant = tenant;
  }

  async companies() {
    const rows = await this.#q().query<{ body: Company }>(
      `SELECT body FROM pk_entities WHERE tenant_id = $1 AND list = 'companies' AND body IS NOT NULL ORDER BY ord`,
      [this.#tenant],
    );
    return rows.map((row) => row.body);
  }

  async portals() {
    return this.#q().query<PortalHead>(
      `SELECT id, head->>'name' AS name, head->>'companyId' AS "companyId",
              head->'invitedInternalIds' AS "invitedInternalIds"
         FROM pk_entities WHERE tenant_id = $1 AND list = 'portals' AND head IS NOT NULL ORDER BY ord`,
      [this.#tenant],
    );
  }

  async roleHolders() {
    const rows = await this.#q().query<{ role: string; n: number }>(
      `SELECT r.key AS role, sum(r.value::int)::int AS n
         FROM pk_entities e, jsonb_each_text(e.head->'roles') r
        WHERE e.tenant_id = $1 AND e.list = 'portals' AND e.head IS NOT NULL
        GROUP BY 1`,
      [this.#tenant],
    );
    return new Map(rows.map((row) => [row.role, row.n]));
  }

  async holdersOf(roleId: string, limit: number) {
    // The first `limit` portals holding the role hold its first `limit` holders at least: only
    // their users are read.
    const [holders, [count]] = await Promise.all([
      this.#q().query<RoleHolder>(
        `SELECT p.name AS portal, u->>'contactId' AS "contactId"
           FROM (SELECT ord, head->>'name' AS name, body FROM pk_entities
                  WHERE tenant_id = $1 AND list = 'portals' AND head->'roles' ? $2
                  ORDER BY ord LIMIT $3) p,
                json_array_elements(p.body->'users') WITH ORDINALITY AS x(u, i)
          WHERE u->>'roleId' = $2
          ORDER BY p.ord, x.i LIMIT $3`,
        [this.#tenant, roleId, limit],
      ),
      this.#q().query<{ total: number }>(
        `SELECT coalesce(sum((head->'roles'->>$2)::int), 0)::int AS total FROM pk_entities
          WHERE tenant_id = $1 AND list = 'portals' AND head->'roles' ? $2`,
        [this.#tenant, roleId],
      ),
    ]);
    return { holders, total: count!.total };
  }

  async counts() {
    const [row] = await this.#q().query<{ companies: number; portals: number }>(
      `SELECT count(*) FILTER (WHERE list = 'companies')::int AS companies,
              count(*) FILTER (WHERE list = 'portals')::int AS portals
         FROM pk_entities WHERE tenant_id = $1 AND list IN ('companies', 'portals') AND body IS NOT NULL`,
      [this.#tenant],
    );
    return row!;
  }
}
