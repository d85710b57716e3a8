// The tenant's companies, portals' heads and role holders, read in SQL per request (an instance
// holds a company's portals only while it serves them). A role's holders are found through the
// portals' users index (`pk_portal_users`, migration 14), not by reading every portal.
import type { DirectoryReader, PortalHead, RoleHolder } from '../../ports/directory.js';
import type { Company } from '../../world/schema.js';
import type { Queryable } from './database.js';

/** A portal holding the role $2 (the index finds them; each user is then checked). */
const HOLDS_ROLE = `(e.body->'users')::jsonb @> jsonb_build_array(jsonb_build_object('roleId', $2::text))`;

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
      `SELECT id, body->>'name' AS name, body->>'companyId' AS "companyId",
              coalesce(body->'invitedInternalIds', '[]') AS "invitedInternalIds"
         FROM pk_entities WHERE tenant_id = $1 AND list = 'portals' AND body IS NOT NULL ORDER BY ord`,
      [this.#tenant],
    );
  }

  async roleHolders() {
    const rows = await this.#q().query<{ role: string; n: number }>(
      `SELECT u->>'roleId' AS role, count(*)::int AS n
         FROM pk_entities e, json_array_elements(e.body->'users') u
        WHERE e.tenant_id = $1 AND e.list = 'portals' AND e.body IS NOT NULL
        GROUP BY 1`,
      [this.#tenant],
    );
    return new Map(rows.map((row) => [row.role, row.n]));
  }

  async holdersOf(roleId: string, limit: number) {
    const rows = await this.#q().query<RoleHolder & { total: number }>(
      `SELECT e.body->>'name' AS portal, u->>'contactId' AS "contactId", count(*) OVER ()::int AS total
         FROM pk_entities e, json_array_elements(e.body->'users') WITH ORDINALITY AS x(u, i)
        WHERE e.tenant_id = $1 AND e.list = 'portals' AND e.body IS NOT NULL AND ${HOLDS_ROLE}
          AND u->>'roleId' = $2
        ORDER BY e.ord, x.i LIMIT $3`,
      [this.#tenant, roleId, limit],
    );
    return {
      holders: rows.map(({ portal, contactId }) => ({ portal, contactId })),
      total: rows[0]?.total ?? 0,
    };
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
