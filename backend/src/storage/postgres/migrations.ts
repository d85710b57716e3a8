// Versioned schema changes, applied in order at start inside one transaction each and recorded
// in `schema_migrations`. A released migration is never edited: a change is a new entry.
import type { Database, Queryable } from './database.js';
import { takeInlineContent } from '../../ports/blobs.js';
import { BLOB_CHUNK } from './blobs.js';
import { MODELS_V1 } from './models-v1.js';
import { derivedColumns } from './plans.js';
import { Schema, type ModelDef } from '../../world/models.js';
import { sanitizeStoredHtml } from '../../world/sanitize.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data the SQL cannot compute (keys derived in TypeScript), filled in the same transaction. */
  fill?: (tx: Queryable) => Promise<void>;
}

/**
 * Counts the records of the tenants `where` selects into `pk_record_counts` (see migration 9):
 * each record once under its company (portal '') and once under each portal it is shared with.
 */
export const COUNT_RECORDS = (where: string) => `
  INSERT INTO pk_record_counts (tenant_id, model, company_id, portal_id, n)
  SELECT r.tenant_id, r.model, r.company_id, p.portal_id, count(*)
    FROM pk_records r,
         LATERAL (SELECT DISTINCT portal_id FROM unnest(array_append(r.portal_ids, '')) AS portal_id) p
   WHERE NOT r.removed AND ${where}
   GROUP BY 1, 2, 3, 4`;

/**
 * Sums the numbers of the records of the tenants `where` selects into `pk_record_sums` (see
 * migration 11): per model, company, portal shared with and field, the exact total of the field's
 * numbers and how many records hold one.
 */
export const SUM_RECORDS = (where: string) => `
  INSERT INTO pk_record_sums (tenant_id, model, company_id, portal_id, field, total, n)
  SELECT r.tenant_id, r.model, r.company_id, p.portal_id, f.key, sum(f.value::numeric), count(*)
    FROM pk_records r,
         LATERAL (SELECT DISTINCT portal_id FROM unnest(r.portal_ids) AS portal_id) p,
         LATERAL jsonb_each(r.fields) f
   WHERE NOT r.removed AND jsonb_typeof(f.value) = 'number' AND ${where}
   GROUP BY 1, 2, 3, 4, 5`;

/**
 * Names the lists the records of the tenants `where` selects are in (see migration 13): per
 * model, company, portal shared with and field holding a value, from the keys stored with each
 * record. Run before `ORDER_RECORDS`, as a statement of its own (it reads the lists).
 */
export const ORDER_LISTS = (where: string) => `
  INSERT INTO pk_order_lists (tenant_id, model, company_id, portal_id, field)
  SELECT DISTINCT r.tenant_id, r.model, r.company_id, p.portal_id, f.key
    FROM pk_records r, LATERAL unnest(r.portal_ids) AS p(portal_id),
         LATERAL jsonb_object_keys(r.order_keys) AS f(key)
   WHERE NOT r.removed AND ${where}
  ON CONFLICT DO NOTHING`;

/**
 * Writes the order rows of the records of the tenants `where` selects into `pk_record_order`, in
 * the index's order: each insertion lands beside the one before, not at a random page of it
 * (on PGlite, 100,000 records' rows took 24 s unsorted).
 */
export const ORDER_RECORDS = (where: string) => `
  INSERT INTO pk_record_order (tenant_id, list, k, ord)
  SELECT r.tenant_id, l.id, f.value, r.ord
    FROM pk_records r,
         LATERAL (SELECT DISTINCT portal_id FROM unnest(r.portal_ids) AS portal_id) p,
         LATERAL jsonb_each_text(r.order_keys) f,
         pk_order_lists l
   WHERE l.tenant_id = r.tenant_id AND l.model = r.model AND l.company_id = r.company_id
     AND l.portal_id = p.portal_id AND l.field = f.key AND NOT r.removed AND ${where}
   ORDER BY r.tenant_id, l.id, f.value COLLATE "C", r.ord`;

/**
 * Keeps the next place in each portal's log (`pk_log_places`, migration 17) for the tenants
 * `where` selects, from the entries `pk_appended` holds (an entry with no portal has no place kept).
 */
export const PLACE_LOGS = (where: string) => `
  INSERT INTO pk_log_places (tenant_id, list, portal_id, next_pos)
  SELECT tenant_id, list, portal_id, max(pos) + 1 FROM pk_appended
   WHERE portal_id IS NOT NULL AND ${where}
   GROUP BY tenant_id, list, portal_id`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'world, records, sessions',
    sql: `
      -- One row: the last committed write's number (instances catch up with rows above the
      -- number they have seen), the next place in a list, and the data's epoch (a reset or an
      -- import of a whole world starts a new one: instances then reload everything). Writes hold
      -- an advisory lock, so these counters move one write at a time.
      CREATE TABLE pk_head (
        id int PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL,
        next_ord bigint NOT NULL,
        epoch text NOT NULL
      );
      INSERT INTO pk_head VALUES (1, 0, 0, '');

      -- The world's entities by list (companies, portals, tasks, …) as JSON documents. ord is the
      -- entity's place in its list (insertion order, never changed); body NULL marks a removal.
      CREATE TABLE pk_entities (
        list text NOT NULL,
        id text NOT NULL,
        ord bigint NOT NULL,
        version bigint NOT NULL,
        body json,
        PRIMARY KEY (list, id)
      );
      CREATE INDEX pk_entities_version ON pk_entities (version);

      -- Append-only logs (audit trail R23, activity R15).
      CREATE TABLE pk_appended (
        ord bigint PRIMARY KEY,
        list text NOT NULL,
        version bigint NOT NULL,
        body json NOT NULL
      );
      CREATE INDEX pk_appended_version ON pk_appended (version);

      -- Records, with the columns the sharing predicate needs (R3) beside their fields.
      CREATE TABLE pk_records (
        model text NOT NULL,
        id text NOT NULL,
        ord bigint NOT NULL,
        version bigint NOT NULL,
        company_id text NOT NULL,
        portal_ids text[] NOT NULL,
        -- json, not jsonb: the document comes back exactly as written (key order included).
        fields json NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX pk_records_version ON pk_records (version);
      CREATE INDEX pk_records_company ON pk_records (model, company_id, ord);
      CREATE INDEX pk_records_portals ON pk_records USING gin (portal_ids);

      -- Sessions by the SHA-256 of their token (a copy of the table opens no session), and
      -- launch-token ids already used (R13: one use each), kept until shortly after expiry.
      CREATE TABLE pk_sessions (
        token_hash text PRIMARY KEY,
        principal jsonb NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX pk_sessions_expiry ON pk_sessions (expires_at);
      CREATE TABLE pk_used_jti (jti text PRIMARY KEY, exp bigint NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'records queried in SQL: jsonb fields, sort keys and search text',
    sql: `
      -- Lists, counts and widgets are queried in SQL now (sql-plans.ts): fields become jsonb
      -- (a field is read without parsing the whole document; the API orders fields by the
      -- model, not by the stored document). Beside them, derived when a record is written
      -- (collation.ts) so that SQL orders and matches exactly as the memory engine does: the
      -- collation key of each text or enum value (ordered with COLLATE "C") and each text value
      -- lower-cased.
      ALTER TABLE pk_records ALTER COLUMN fields TYPE jsonb USING fields::jsonb,
        ADD COLUMN sort_keys jsonb, ADD COLUMN search_text jsonb;
      -- Every list reads the sharing index: entries go straight into it (a pending list, which
      -- each lookup scans in full, made a lookup after a bulk import cost milliseconds).
      ALTER INDEX pk_records_portals SET (fastupdate = off);
      SELECT gin_clean_pending_list('pk_records_portals'::regclass);
    `,
    async fill(tx) {
      const rows = await tx.query<{ model: string; id: string; fields: Record<string, unknown> }>(
        'SELECT model, id, fields FROM pk_records',
      );
      for (let i = 0; i < rows.length; i += 2000) {
        const batch = rows.slice(i, i + 2000).map((row) => ({
          model: row.model,
          id: row.id,
          ...derivedColumns(MODELS_V1.find((m) => m.id === row.model)?.fields ?? [], {
            id: row.id,
            companyId: '',
            portalIds: [],
            fields: row.fields as never,
          }),
        }));
        await tx.query(
          `UPDATE pk_records r SET sort_keys = x.sort_keys::jsonb, search_text = x.search_text::jsonb
             FROM json_to_recordset($1::json) AS x(model text, id text, sort_keys text, search_text text)
            WHERE r.model = x.model AND r.id = x.id`,
          [JSON.stringify(batch)],
        );
      }
    },
  },
  {
    version: 3,
    name: 'idempotency keys',
    sql: `
      -- The answer of each write made with an Idempotency-Key, by the person it was made for
      -- (scope): a retry gets it back instead of writing again. Written in the write's own
      -- transaction; kept 24 hours.
      CREATE TABLE pk_idempotency (
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status int NOT NULL,
        content_type text NOT NULL,
        body text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX pk_idempotency_created ON pk_idempotency (created_at);
    `,
  },
  {
    version: 4,
    name: "the tenant's models as data",
    sql: `
      -- The models were compiled in; now they are the tenant's schema, stored as entities of the
      -- list 'models' (one per model, its id the model's name). A database holding data from
      -- before gets the seven models it was written with. The list of model names that stood in
      -- for the schema ('recordModels') goes.
      DELETE FROM pk_entities WHERE list = 'recordModels';
    `,
    async fill(tx) {
      const [held] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pk_entities WHERE list = 'tenant' AND body IS NOT NULL`,
      );
      if (!held?.n) return;
      const [models] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pk_entities WHERE list = 'models'`,
      );
      if (models?.n) return;
      // Before every other entity (ords below the first), in the order they were declared.
      for (const [i, model] of MODELS_V1.entries())
        await tx.query(
          `INSERT INTO pk_entities (list, id, ord, version, body) VALUES ('models', $1, $2, 0, $3::json)`,
          [model.id, i - MODELS_V1.length, JSON.stringify(model)],
        );
    },
  },
  {
    version: 5,
    name: 'file bytes in a blob table',
    sql: `
      -- Uploaded files' bytes leave the world's entities (an instance loads file metadata only):
      -- one row per 256 KiB chunk, read in order. A file entity names its blob by key.
      CREATE TABLE pk_blobs (
        key text NOT NULL,
        part int NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (key, part)
      );
    `,
    async fill(tx) {
      // Files stored before: their base64 content moves to the blob table.
      const files = await tx.query<{ id: string; body: { content?: string } & Record<string, unknown> }>(
        `SELECT id, body FROM pk_entities WHERE list = 'files' AND body IS NOT NULL`,
      );
      for (const { id, body } of files) {
        const moved = [{ id, content: body.content ?? '', blob: undefined as string | undefined }];
        const blobs: [string, Uint8Array][] = [];
        takeInlineContent(moved, (key, bytes) => blobs.push([key, bytes]));
        if (!blobs.length) continue;
        for (const [key, bytes] of blobs)
          for (let part = 0; part * BLOB_CHUNK < bytes.length || part === 0; part++)
            await tx.query('INSERT INTO pk_blobs (key, part, bytes) VALUES ($1, $2, $3)', [
              key,
              part,
              bytes.subarray(part * BLOB_CHUNK, (part + 1) * BLOB_CHUNK),
            ]);
        const { content: _content, ...rest } = body;
        await tx.query(`UPDATE pk_entities SET body = $2::json WHERE list = 'files' AND id = $1`, [
          id,
          JSON.stringify({ ...rest, blob: moved[0]!.blob }),
        ]);
      }
    },
  },
  {
    version: 6,
    name: 'logs read where they are kept',
    sql: `
      -- An instance no longer holds the logs: reads go to this table, one portal at a time. Each
      -- entry's portal, time, person and action become columns (computed from the entry, so a
      -- write inserts the entry alone), and pos is its place in its portal's log — a trail
      -- cursor, and the order newest-first pages follow. Times compare byte-wise (COLLATE "C"),
      -- as the memory storage compares them.
      ALTER TABLE pk_appended
        ADD COLUMN portal_id text GENERATED ALWAYS AS (body->>'portalId') STORED,
        ADD COLUMN at text COLLATE "C" GENERATED ALWAYS AS (body->>'at') STORED,
        ADD COLUMN contact_id text GENERATED ALWAYS AS (body->>'contactId') STORED,
        ADD COLUMN actor_id text GENERATED ALWAYS AS (body->'actor'->>'id') STORED,
        ADD COLUMN actor_kind text GENERATED ALWAYS AS (body->'actor'->>'kind') STORED,
        ADD COLUMN action text GENERATED ALWAYS AS (body->>'action') STORED,
        ADD COLUMN pos bigint;
      UPDATE pk_appended a SET pos = placed.pos
        FROM (SELECT ord, row_number() OVER (PARTITION BY list, portal_id ORDER BY ord) - 1 AS pos
                FROM pk_appended) AS placed
       WHERE a.ord = placed.ord;
      ALTER TABLE pk_appended ALTER COLUMN pos SET NOT NULL;
      -- A trail page, the latest events, and the next place: one index range each.
      CREATE UNIQUE INDEX pk_appended_place ON pk_appended (list, portal_id, pos);
      -- Active people in a window, and each portal's latest activity.
      CREATE INDEX pk_activity_window ON pk_appended (portal_id, at, contact_id) WHERE list = 'activity';
      -- Each person's latest activity in a portal.
      CREATE INDEX pk_activity_seen ON pk_appended (portal_id, contact_id, at) WHERE list = 'activity';
      -- Instances no longer catch up on logs by version.
      DROP INDEX pk_appended_version;
      ANALYZE pk_appended;
    `,
  },
  {
    version: 7,
    name: 'the change feed',
    sql: `
      -- What each committed write changed (names and ids, never values), at the write's version:
      -- taken in the commit's last statement, so positions follow commit order. portal_id is
      -- the portal whose write it was (NULL: tenant-wide), portal_ids the portals whose people
      -- may see what changed (a record shared with several). Read by position (the primary
      -- key), from where a reader stopped: a short range. Kept for the latest writes only;
      -- feed_floor is the lowest position a reader can read on from (a sweep or a reset of the
      -- data moves it, and positions never go back).
      CREATE TABLE pk_changes (
        version bigint NOT NULL,
        seq int NOT NULL,
        portal_id text,
        kind text NOT NULL,
        name text NOT NULL,
        id text,
        portal_ids text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (version, seq)
      );
      ALTER TABLE pk_head ADD COLUMN feed_floor bigint NOT NULL DEFAULT 0;
      UPDATE pk_head SET feed_floor = version;
    `,
  },
  {
    version: 8,
    name: 'many tenants in one database',
    sql: `
      -- Every row belongs to a tenant (a vendor), and tenant_id leads every key and index, so no
      -- statement reads across tenants and a table can be distributed by it (Citus). What was
      -- here before is the tenant 'default'. The default goes once the rows have it: a statement
      -- that forgets the tenant fails instead of writing into another's.
      ALTER TABLE pk_head DROP COLUMN id, ADD COLUMN tenant_id text NOT NULL DEFAULT 'default',
        ADD PRIMARY KEY (tenant_id);
      ALTER TABLE pk_head ALTER COLUMN tenant_id DROP DEFAULT;

      ALTER TABLE pk_entities ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_entities ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_entities_pkey,
        ADD PRIMARY KEY (tenant_id, list, id);
      DROP INDEX pk_entities_version;
      CREATE INDEX pk_entities_version ON pk_entities (tenant_id, version);

      ALTER TABLE pk_appended ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_appended ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_appended_pkey,
        ADD PRIMARY KEY (tenant_id, ord);
      DROP INDEX pk_appended_place, pk_activity_window, pk_activity_seen;
      CREATE UNIQUE INDEX pk_appended_place ON pk_appended (tenant_id, list, portal_id, pos);
      CREATE INDEX pk_activity_window ON pk_appended (tenant_id, portal_id, at, contact_id) WHERE list = 'activity';
      CREATE INDEX pk_activity_seen ON pk_appended (tenant_id, portal_id, contact_id, at) WHERE list = 'activity';

      -- The sharing index (GIN, one column of arrays) is the one tenant_id does not lead: every
      -- statement that reads it names the tenant too (and the company, and the model).
      ALTER TABLE pk_records ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_records ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_records_pkey,
        ADD PRIMARY KEY (tenant_id, model, id);
      DROP INDEX pk_records_version, pk_records_company;
      CREATE INDEX pk_records_version ON pk_records (tenant_id, version);
      CREATE INDEX pk_records_company ON pk_records (tenant_id, model, company_id, ord);

      ALTER TABLE pk_sessions ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_sessions ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_sessions_pkey,
        ADD PRIMARY KEY (tenant_id, token_hash);
      DROP INDEX pk_sessions_expiry;
      CREATE INDEX pk_sessions_expiry ON pk_sessions (tenant_id, expires_at);

      ALTER TABLE pk_used_jti ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_used_jti ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_used_jti_pkey,
        ADD PRIMARY KEY (tenant_id, jti);

      ALTER TABLE pk_idempotency ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_idempotency ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_idempotency_pkey,
        ADD PRIMARY KEY (tenant_id, scope, key);
      DROP INDEX pk_idempotency_created;
      CREATE INDEX pk_idempotency_created ON pk_idempotency (tenant_id, created_at);

      ALTER TABLE pk_blobs ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_blobs ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_blobs_pkey,
        ADD PRIMARY KEY (tenant_id, key, part);

      ALTER TABLE pk_changes ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
      ALTER TABLE pk_changes ALTER COLUMN tenant_id DROP DEFAULT, DROP CONSTRAINT pk_changes_pkey,
        ADD PRIMARY KEY (tenant_id, version, seq);
    `,
  },
  {
    version: 9,
    name: 'kept record totals',
    sql: `
      -- A whole list's total without counting its records: the records of each model and company
      -- (portal_id '') and of those, the ones shared with each portal — removed ones left out —
      -- kept by every write in its commit (storage.ts COMMIT) and by an import.
      CREATE TABLE pk_record_counts (
        tenant_id text NOT NULL,
        model text NOT NULL,
        company_id text NOT NULL,
        portal_id text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tenant_id, model, company_id, portal_id)
      );
      ${COUNT_RECORDS('true')}
    `,
  },
  {
    version: 10,
    name: "a task's comments by index",
    sql: `
      -- A page of a task's comments is one range: the tenant's comments of the task by place.
      CREATE INDEX pk_comments_of_task ON pk_entities (tenant_id, (body->>'taskId'), ord)
        WHERE list = 'comments';
    `,
  },
  {
    version: 11,
    name: 'kept record sums',
    sql: `
      -- A sum or average widget without reading its records: per model, company, portal shared
      -- with and field, the exact total of the numbers the field holds and how many records hold
      -- one (removed records left out), kept by every write in its commit and by an import.
      CREATE TABLE pk_record_sums (
        tenant_id text NOT NULL,
        model text NOT NULL,
        company_id text NOT NULL,
        portal_id text NOT NULL,
        field text NOT NULL,
        total numeric NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tenant_id, model, company_id, portal_id, field)
      );
      ${SUM_RECORDS('true')}
    `,
  },
  {
    version: 12,
    name: "a company's contacts by index",
    sql: `
      -- An instance reads contacts a company at a time, when a request needs them: one range.
      CREATE INDEX pk_contacts_of_company ON pk_entities (tenant_id, (body->>'companyId'), ord)
        WHERE list = 'contacts';
    `,
  },
  {
    version: 13,
    name: "a portal's records in each field's order",
    sql: `
      -- A list sorted by a field, and a count filtered on one, without reading every record the
      -- portal holds: per model, company, portal shared with and field (a list, named by a
      -- number: the index stays narrow, so a range of it is quick to read), each record holding
      -- a value of the field's kind under its order key (plans.ts, orderKey) and its place
      -- (ord, which finds the record through pk_records_company). Kept by every write in its
      -- commit and by an import. Both directions are one range: ties go in insertion order
      -- either way, which a backward scan of one index would not give. A record without a
      -- value has no row: the list reads those last, from pk_records in insertion order.
      -- Lists are never removed (a reset leaves them): a name keeps its number.
      ALTER TABLE pk_records ADD COLUMN order_keys jsonb, ADD COLUMN long_keys text[];
      CREATE TABLE pk_order_lists (
        tenant_id text NOT NULL,
        model text NOT NULL,
        company_id text NOT NULL,
        portal_id text NOT NULL,
        field text NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (tenant_id, model, company_id, portal_id, field)
      );
      CREATE TABLE pk_record_order (
        tenant_id text NOT NULL,
        list bigint NOT NULL,
        k text COLLATE "C" NOT NULL,
        ord bigint NOT NULL,
        PRIMARY KEY (tenant_id, list, k, ord)
      );
      CREATE INDEX pk_record_order_desc ON pk_record_order (tenant_id, list, k DESC, ord);
      -- The records with a key too long for the order (rare): a sort by their field reads the
      -- matches instead. A partial index: one probe finds none.
      CREATE INDEX pk_records_long_keys ON pk_records (tenant_id, model, company_id)
        WHERE long_keys IS NOT NULL;
    `,
    async fill(tx) {
      const models = await tx.query<{ tenant_id: string; body: ModelDef }>(
        `SELECT tenant_id, body FROM pk_entities WHERE list = 'models' AND body IS NOT NULL`,
      );
      const schemas = new Map<string, Schema>();
      for (const { tenant_id, body } of models)
        schemas.set(tenant_id, new Schema([...(schemas.get(tenant_id)?.models ?? []), body]));
      // In batches by key, so a large tenant is never read whole.
      let after = { tenant_id: '', model: '', id: '' };
      for (;;) {
        const rows = await tx.query<{
          tenant_id: string;
          model: string;
          id: string;
          fields: Record<string, unknown>;
        }>(
          `SELECT tenant_id, model, id, fields FROM pk_records
            WHERE (tenant_id, model, id) > ($1, $2, $3) AND NOT removed
            ORDER BY tenant_id, model, id LIMIT 2000`,
          [after.tenant_id, after.model, after.id],
        );
        if (!rows.length) break;
        const batch = rows.map((row) => {
          const fields = schemas.get(row.tenant_id)?.fields(row.model) ?? [];
          const { order_keys, long_keys } = derivedColumns(fields, {
            id: row.id,
            companyId: '',
            portalIds: [],
            fields: row.fields as never,
          });
          return { tenant_id: row.tenant_id, model: row.model, id: row.id, order_keys, long_keys };
        });
        await tx.query(
          `UPDATE pk_records r SET order_keys = x.order_keys::jsonb, long_keys = x.long_keys
             FROM json_to_recordset($1::json)
               AS x(tenant_id text, model text, id text, order_keys text, long_keys text[])
            WHERE r.tenant_id = x.tenant_id AND r.model = x.model AND r.id = x.id`,
          [JSON.stringify(batch)],
        );
        after = rows.at(-1)!;
      }
      await tx.query(ORDER_LISTS('true'));
      await tx.query(ORDER_RECORDS('true'));
    },
  },
  {
    version: 14,
    name: "a company's entities and group, a contact's portals, portals' heads",
    sql: `
      -- An instance holds a company's portals, contacts, workflows, tasks and files only while
      -- it serves the company, read together: one range of one index each (which serves the
      -- contacts too, read alone until now).
      CREATE INDEX pk_entities_of_company ON pk_entities (tenant_id, list, (body->>'companyId'), ord)
        WHERE body->>'companyId' IS NOT NULL;
      DROP INDEX pk_contacts_of_company;
      -- R11's extended groups: a company is read with its parent/child group, found down from
      -- its ancestors by their children.
      CREATE INDEX pk_companies_of_parent ON pk_entities (tenant_id, (body->>'parentId'))
        WHERE list = 'companies' AND body->>'parentId' IS NOT NULL;
      -- The portals a contact is a user of (R16's email check on a save), without reading every
      -- portal. A GIN index cannot lead with the tenant: each statement names it beside the
      -- containment.
      CREATE INDEX pk_portal_users ON pk_entities USING gin (((body->'users')::jsonb) jsonb_path_ops)
        WHERE list = 'portals';
      -- A portal's head — name, company, staff invited, how many users hold each external role —
      -- kept beside its body by the database on every write: a list of every portal (R22's
      -- portfolio) and the roles' holders (R21) read these few bytes, not each portal's users.
      -- Immutable as declared: it reads only its argument (jsonb_build_object is marked stable
      -- for the sake of other argument types).
      CREATE FUNCTION pk_portal_head(body json) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_build_object(
          'name', body->>'name',
          'companyId', body->>'companyId',
          'invitedInternalIds', coalesce((body->'invitedInternalIds')::jsonb, '[]'::jsonb),
          'roles', (SELECT coalesce(jsonb_object_agg(role, n), '{}'::jsonb)
                      FROM (SELECT u->>'roleId' AS role, count(*) AS n
                              FROM json_array_elements(coalesce(body->'users', '[]'::json)) u
                             GROUP BY 1) held))
      $$;
      ALTER TABLE pk_entities ADD COLUMN head jsonb
        GENERATED ALWAYS AS (CASE WHEN list = 'portals' AND body IS NOT NULL THEN pk_portal_head(body) END) STORED;
    `,
  },
  {
    version: 15,
    name: "a write's locks and catch-up in one round trip",
    sql: `
      -- A write's start: its scope's locks (the tenant's exclusively when portal is null, else
      -- the tenant's shared and the portal's), then what changed since version seen — the head
      -- first, then every entity of a list not in not_held written since. One round trip, where
      -- two statements took two while the write held its locks. Volatile plpgsql: its query
      -- takes a snapshot of its own after the locks are granted (read committed), so it sees
      -- every write that held them before; one statement of plain SQL would read its snapshot
      -- from before it waited.
      CREATE FUNCTION pk_write_start(tenant text, portal text, seen bigint, not_held text[],
                                     tenant_lock int, portal_lock int)
        RETURNS TABLE (kind text, list text, id text, ord bigint, version bigint, body json, removed boolean)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF portal IS NULL THEN
          PERFORM pg_advisory_xact_lock(tenant_lock, hashtext(tenant));
        ELSE
          PERFORM pg_advisory_xact_lock_shared(tenant_lock, hashtext(tenant)),
                  pg_advisory_xact_lock(portal_lock, hashtext(tenant || '/' || portal));
        END IF;
        RETURN QUERY
          SELECT 'head'::text, NULL::text, NULL::text, 0::bigint, h.version,
                 json_build_object('next_ord', h.next_ord, 'epoch', h.epoch), false
            FROM pk_head h WHERE h.tenant_id = tenant
          UNION ALL
          SELECT 'entity'::text, e.list, e.id, e.ord, e.version, e.body, false FROM pk_entities e
           WHERE e.tenant_id = tenant AND e.version > seen AND e.list <> ALL(not_held);
      END
      $$;
    `,
  },
  {
    version: 16,
    name: "documents' bodies stored sanitised",
    // R8: an imported body was stored as it came and sanitised as an instance loaded it; documents
    // are now read per request, as stored, so the stored body is the sanitised one (sanitising
    // again on every read cost 25 ms for a 200 kB body, and sanitize-html is not idempotent).
    sql: '',
    async fill(tx) {
      const rows = await tx.query<{ tenant_id: string; id: string; body: { body: string } }>(
        `SELECT tenant_id, id, body FROM pk_entities WHERE list = 'documents' AND body IS NOT NULL`,
      );
      for (const row of rows) {
        const body = sanitizeStoredHtml(row.body.body);
        if (body !== row.body.body)
          await tx.query(
            `UPDATE pk_entities SET body = $3::json WHERE tenant_id = $1 AND list = 'documents' AND id = $2`,
            [row.tenant_id, row.id, JSON.stringify({ ...row.body, body })],
          );
      }
    },
  },
  {
    version: 17,
    name: "each portal's next place in its logs, kept",
    sql: `
      -- A write appends its log entries at the next places of their portal's log. Found as each
      -- entry's max(pos), the planner — on statistics taken while the log was empty, as after an
      -- import — read the whole log for it, not the index's last entry: 4 ms of a write's commit
      -- at 1,259 entries, and growing with the log. Kept here instead: one row per portal and
      -- log, moved by the write that appends to it (and locked by it until it commits).
      CREATE TABLE pk_log_places (
        tenant_id text NOT NULL,
        list text NOT NULL,
        portal_id text NOT NULL,
        next_pos bigint NOT NULL,
        PRIMARY KEY (tenant_id, list, portal_id)
      );
      ${PLACE_LOGS('true')};
    `,
  },
];

/** Applies the migrations this database has not had yet; safe when instances start together. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  // Under the migration lock too: two instances creating the table at once would otherwise race
  // inside PostgreSQL itself (IF NOT EXISTS is not atomic: "duplicate key … pg_type").
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7401)');
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  // A database a newer release migrated: this one would read it wrong (e.g. every tenant's rows
  // as its own, before migration 8). Refused, whatever an older release would have done.
  const [newest] = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  const known = Math.max(0, ...MIGRATIONS.map((m) => m.version));
  if ((newest?.version ?? 0) > known)
    throw new Error(
      `portalkit: this database was migrated by a newer release (schema version ${newest!.version}; this one knows up to ${known}). Upgrade @portalkit/backend to serve it.`,
    );
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // One instance migrates at a time; the others wait here, then find it done.
      await tx.query('SELECT pg_advisory_xact_lock(7401)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length) return false;
      await tx.exec(migration.sql);
      await migration.fill?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
