// #25 step 4: many tenants in one database. Two tenants hold the same world — identical ids
// everywhere — and each sees, changes, resets and restarts only its own; a launch token goes to
// the tenant its key belongs to, a session to the tenant its token names. On PGlite and the
// server; on the server, one tenant's tenant-wide write held open does not hold the other's.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { DEV_HS256_KEY, DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { Tenants } from '../../../backend/src/http/tenants.js';
import type { Database, Queryable } from '../../../backend/src/storage/postgres/database.js';
import { migrate } from '../../../backend/src/storage/postgres/migrations.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import type { WriteScope } from '../../../backend/src/ports/storage.js';
import { demoWorld, type PersonaName } from '../../../server-mock/demo-world.js';
import { signLaunchToken } from '../../../src/server/index.js';
import { call, claimsFor, exchange } from '../../helpers/backend.js';
import { heldWorld, storedContacts, testDatabases } from '../../helpers/databases.js';

// Each tenant verifies with its own key: acme's launch tokens are ES256, globex's HS256.
const [ACME_KEY, GLOBEX_KEY] = DEV_VERIFY_KEYS as [(typeof DEV_VERIFY_KEYS)[0], (typeof DEV_VERIFY_KEYS)[0]];
const signFor = { acme: DEV_SIGNING_KEY, globex: DEV_HS256_KEY };
const launchToken = (tenant: 'acme' | 'globex', persona: PersonaName) =>
  signLaunchToken(claimsFor(persona), signFor[tenant]);

/** The tables that hold a tenant's rows (every one but schema_migrations). */
const TENANT_TABLES =
  /\bpk_(head|entities|appended|records|record_counts|record_sums|record_order|order_lists|log_places|sessions|used_jti|idempotency|blobs|changes)\b/g;

/** `db`, recording the text of every statement run on it or in its transactions. */
function recording(db: Database, seen: string[]): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: (text, params) => (seen.push(text), q.query(text, params)),
    exec: (script) => (seen.push(script), q.exec(script)),
  });
  return {
    ...wrap(db),
    kind: db.kind,
    where: db.where,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

for (const target of await testDatabases()) {
  describe(`many tenants in one database, on ${target.name} (#25)`, { timeout: 180_000 }, () => {
    const open: Database[] = [];
    const holds: (() => void)[] = [];
    after(async () => {
      holds.forEach((release) => release());
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await target.cleanup();
    });

    async function twoTenants(beforeCommit?: (scope: WriteScope) => Promise<void>, seen?: string[]) {
      const opened = await target.open();
      open.push(opened);
      await migrate(opened);
      const db = seen ? recording(opened, seen) : opened;
      const acme = await PostgresStorage.open(db, {
        tenant: 'acme',
        world: demoWorld(),
        closesDatabase: false,
        ...(beforeCommit ? { beforeCommit } : {}),
      });
      const globex = await PostgresStorage.open(db, {
        tenant: 'globex',
        world: demoWorld(),
        closesDatabase: false,
      });
      const tenants = new Tenants([
        new Backend({ keys: [ACME_KEY], storage: acme }),
        new Backend({ keys: [GLOBEX_KEY], storage: globex }),
      ]);
      const signIn = async (tenant: 'acme' | 'globex', persona: PersonaName) => {
        const answer = await exchange(tenants, await launchToken(tenant, persona));
        assert.equal(answer.status, 200, answer.text);
        return (answer.body as any).session.token as string;
      };
      return { db, acme, globex, tenants, signIn };
    }

    const seatsOf = async (served: Pick<Tenants, 'handle'>, token: string) => {
      const answer = await call(served, 'GET', '/records/License/license-1', { token });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.seats as number;
    };

    it('two tenants holding identical ids: each sees, changes, resets and restarts only its own', async () => {
      const { db, acme, globex, tenants, signIn } = await twoTenants();
      const rows = await db.query<{ tenant_id: string; n: number }>(
        'SELECT tenant_id, count(*)::int AS n FROM pk_entities GROUP BY tenant_id ORDER BY tenant_id',
      );
      assert.deepEqual(
        rows.map((row) => row.tenant_id),
        ['acme', 'globex'],
      );
      assert.equal(rows[0]!.n, rows[1]!.n, 'the same world twice');

      // A launch token goes to the tenant its key belongs to; each session token names its tenant.
      const alice = { acme: await signIn('acme', 'alice'), globex: await signIn('globex', 'alice') };
      assert.match(alice.acme, /^acme\./);
      assert.match(alice.globex, /^globex\./);
      const originalSeats = await seatsOf(tenants, alice.globex);
      assert.equal(await seatsOf(tenants, alice.acme), originalSeats);

      // Alice changes a record of acme: globex's record of the same id is untouched.
      const changed = await call(tenants, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice.acme,
        body: { fields: { seats: originalSeats + 40 } },
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(await seatsOf(tenants, alice.acme), originalSeats + 40);
      assert.equal(await seatsOf(tenants, alice.globex), originalSeats);

      // Its audit entry and its change are acme's alone.
      const trail = async (storage: PostgresStorage) =>
        (await storage.logs.trail('p-northwind', { action: 'record.' }, { limit: 10 })).entries.length;
      assert.equal(await trail(acme), 1);
      assert.equal(await trail(globex), 0);
      const feedOf = async (storage: PostgresStorage) => (await storage.changes.since(1)).changes;
      assert.ok((await feedOf(acme)).some((change) => change.id === 'license-1'));
      assert.deepEqual(await feedOf(globex), []);

      // One tenant's session is not another's: asked directly, the other tenant does not know it.
      const acmeBackend = tenants.tenant('acme')!;
      const globexBackend = tenants.tenant('globex')!;
      assert.equal((await call(globexBackend, 'GET', '/bootstrap', { token: alice.acme })).status, 401);
      // Nor is its key: globex's launch token, given to acme, is signed by a key acme does not have.
      const refused = await exchange(acmeBackend, await launchToken('globex', 'bob'));
      assert.equal(refused.status, 401, refused.text);
      // A session naming no tenant served here, or none at all, is refused like any unknown one.
      for (const forged of [`initech.${alice.acme.split('.')[1]}`, alice.acme.split('.')[1]!])
        assert.equal((await call(tenants, 'GET', '/bootstrap', { token: forged })).status, 401);

      // acme's data is reset: its change is gone and its sessions end; globex's stay as they were.
      await acme.reset(demoWorld());
      assert.equal((await call(tenants, 'GET', '/bootstrap', { token: alice.acme })).status, 401);
      assert.equal(await seatsOf(tenants, alice.globex), originalSeats);
      assert.equal(await trail(globex), 0);

      // A write in globex now, and a restart of each: each loads exactly its own world.
      const again = await call(tenants, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice.globex,
        body: { fields: { seats: originalSeats + 2 } },
      });
      assert.equal(again.status, 200, again.text);
      for (const storage of [acme, globex]) {
        await storage.refresh();
        const restarted = await PostgresStorage.open(db, { tenant: storage.tenant, closesDatabase: false });
        assert.equal(heldWorld(restarted.store.world), heldWorld(storage.store.world));
        for (const contact of storage.store.world.contacts)
          assert.ok(
            (await storedContacts(db, contact.companyId, storage.tenant)).some((c) =>
              isDeepStrictEqual(c, contact),
            ),
            `${storage.tenant} holds its own contact ${contact.id}`,
          );
      }
      const afterRestart = new Backend({
        keys: [GLOBEX_KEY],
        storage: await PostgresStorage.open(db, { tenant: 'globex', closesDatabase: false }),
      });
      assert.equal(await seatsOf(afterRestart, alice.globex), originalSeats + 2);
      const acmeNow = await signIn('acme', 'alice');
      assert.equal(await seatsOf(tenants, acmeNow), originalSeats);
    });

    it('every statement a tenant runs names its tenant (a read, write, reset and catch-up of every kind)', async () => {
      const seen: string[] = [];
      const { db, acme, tenants, signIn } = await twoTenants(undefined, seen);
      const [alice, olivia] = [await signIn('acme', 'alice'), await signIn('acme', 'olivia')];
      const expect = async (status: number, method: string, path: string, token: string, body?: unknown) => {
        const answer = await call(tenants, method, path, { token, ...(body === undefined ? {} : { body }) });
        assert.equal(answer.status, status, `${method} ${path}: ${answer.text}`);
        return answer;
      };
      // Reads: list pages (sorted, filtered, searched, by cursor), a record, an export, the
      // widgets, the logs, people, the feed's portfolio, comments, files.
      const first = await expect(200, 'GET', '/records/License?limit=2&sort=product', alice);
      await expect(
        200,
        'GET',
        `/records/License?limit=2&sort=product&cursor=${first.body.nextCursor}`,
        alice,
      );
      await expect(200, 'GET', '/records/License?limit=5&filter=seats:gte:5&q=a', alice);
      await expect(200, 'GET', '/records/License/license-1', alice);
      await expect(200, 'GET', '/records/License/export', alice);
      await expect(200, 'GET', '/records/License/unshared', olivia);
      await expect(200, 'GET', '/pages/pg-dashboard', alice);
      for (const path of ['/manage/audit', '/manage/activity', '/manage/people', '/tasks/tk-sso/comments'])
        await expect(200, 'GET', path, olivia);
      await expect(200, 'GET', '/portfolio', olivia);
      const file = (await expect(200, 'GET', '/files', alice)).body.items[0];
      await expect(200, 'GET', `/files/${file.id}/content`, alice);
      // Writes: a record, a task, a comment, activity, a tenant-wide change, an upload and a
      // removal (blobs), one with an Idempotency-Key (sent twice).
      await expect(200, 'PATCH', '/records/License/license-1?page=pg-licenses', alice, {
        fields: { seats: 9 },
      });
      await expect(200, 'PUT', '/tasks/tk-sso/status?page=pg-onboarding', alice, { status: 'done' });
      await expect(201, 'POST', '/tasks/tk-sso/comments?page=pg-onboarding', alice, { body: 'Noted.' });
      await expect(202, 'POST', '/activity', alice, {
        events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }],
      });
      await expect(200, 'PATCH', '/contacts/k-nw-carol', olivia, { name: 'Carol C.' });
      for (let i = 0; i < 2; i++) {
        const uploaded = await tenants.handle(
          new Request('http://portal.test/api/files?page=pg-files&name=notes.txt', {
            method: 'POST',
            headers: {
              authorization: `Bearer ${alice}`,
              'content-type': 'text/plain',
              'idempotency-key': 'once',
            },
            body: 'notes',
          }),
        );
        assert.equal(uploaded.status, 201, await uploaded.clone().text());
        if (i === 1)
          await expect(200, 'DELETE', `/files/${((await uploaded.json()) as any).id}?page=pg-files`, olivia);
      }
      // Another instance of acme catches up on those writes; then acme's data is reset.
      const other = await PostgresStorage.open(db, { tenant: 'acme', closesDatabase: false });
      await other.loadCompanies({ companies: ['c-northwind'] });
      assert.deepEqual(
        other.store.world.contacts,
        acme.store.world.contacts.filter((c) => c.companyId === 'c-northwind'),
      );
      await acme.reset(demoWorld());
      await other.refresh();
      await expect(401, 'GET', '/bootstrap', alice);

      const tables = new Set<string>();
      const unnamed: string[] = [];
      for (const text of seen) {
        const named = [...text.matchAll(TENANT_TABLES)].map((m) => m[0]);
        named.forEach((table) => tables.add(table));
        // Tenant-wide by design: statistics, vacuuming (see settleImport and vacuumThreshold),
        // and emptying tables a tenant holds alone (see emptyTables).
        if (!named.length || /^\s*(ANALYZE|VACUUM|LOCK TABLE|TRUNCATE)\b|\bFROM pg_class\b/.test(text))
          continue;
        if (!/\btenant_id\b/.test(text)) unnamed.push(text.trim().slice(0, 160));
      }
      assert.deepEqual(unnamed, [], 'statements that do not name their tenant');
      assert.deepEqual(
        [...tables].sort(),
        [
          'appended',
          'blobs',
          'changes',
          'entities',
          'head',
          'idempotency',
          'log_places',
          'order_lists',
          'record_counts',
          'record_order',
          'record_sums',
          'records',
          'sessions',
          'used_jti',
        ].map((t) => `pk_${t}`),
        'every table was read or written',
      );
    });

    it('a reset never empties another tenant: not one holding data without a world, not one reading meanwhile', async () => {
      const db = await target.open();
      open.push(db);
      const acme = await PostgresStorage.open(db, {
        tenant: 'acme',
        world: demoWorld(),
        closesDatabase: false,
      });
      // initech has no world yet, but has stored bytes already.
      const initech = await PostgresStorage.open(db, { tenant: 'initech', closesDatabase: false });
      await initech.blobs.put('blob-early', new TextEncoder().encode('kept'));
      await acme.reset(demoWorld());
      assert.equal(new TextDecoder().decode(await initech.blobs.get('blob-early')), 'kept');
      if (target.name === 'pglite') return;
      // On the server: globex reads inside an open transaction while acme resets. The reset does
      // not queue for the tables (which would stop globex's statements behind it): it deletes
      // acme's rows and commits while globex's transaction is still open.
      const globex = await PostgresStorage.open(db, {
        tenant: 'globex',
        world: demoWorld(),
        closesDatabase: false,
      });
      const other = await target.again(db);
      open.push(other);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push(release);
      let reading!: () => void;
      const read = new Promise<void>((resolve) => (reading = resolve));
      const reader = other.transaction(async (tx) => {
        await tx.query(`SELECT count(*) FROM pk_entities WHERE tenant_id = 'globex'`);
        reading();
        await released;
      });
      await read;
      await acme.reset(demoWorld());
      release();
      await reader;
      await globex.refresh();
      assert.ok(globex.store.world.templates.length > 0, 'globex still holds its world');
      assert.ok((await globex.directory.counts()).portals > 0, "and globex's portals are still stored");
    });

    it('a session from before tenants goes to the tenant "default"; a launch token goes by its key whatever session header comes with it', async () => {
      const db = await target.open();
      open.push(db);
      const acme = await PostgresStorage.open(db, {
        tenant: 'acme',
        world: demoWorld(),
        closesDatabase: false,
      });
      const initial = await PostgresStorage.open(db, { world: demoWorld(), closesDatabase: false });
      // A token minted before tenants: no prefix.
      await initial.sessions.set('legacy-session-token', {
        principal: { kind: 'external', portalId: 'p-northwind', contactId: 'k-nw-alice' },
        expiresAt: Date.now() + 60_000,
      });
      const tenants = new Tenants([
        new Backend({ keys: [ACME_KEY], storage: acme }),
        new Backend({ keys: [GLOBEX_KEY], storage: initial }),
      ]);
      const legacy = await call(tenants, 'GET', '/bootstrap', { token: 'legacy-session-token' });
      assert.equal(legacy.status, 200, legacy.text);
      const acmeSession = ((await exchange(tenants, await launchToken('acme', 'alice'))).body as any).session
        .token;
      const opened = await call(tenants, 'POST', '/session', {
        token: acmeSession,
        body: { token: await launchToken('globex', 'bob') },
      });
      assert.equal(opened.status, 200, opened.text);
      assert.match(opened.body.session.token, /^default\./);
    });

    it('a signing key belongs to one tenant: a key given to two is refused at start', async () => {
      const db = await target.open();
      open.push(db);
      const backends = await Promise.all(
        ['one', 'two'].map(
          async (tenant) =>
            new Backend({
              keys: [ACME_KEY],
              storage: await PostgresStorage.open(db, { tenant, closesDatabase: false }),
            }),
        ),
      );
      assert.throws(
        () => new Tenants(backends),
        /the key "dev-es256-2026" belongs to the tenants "one" and "two"/,
      );
      await assert.rejects(PostgresStorage.open(db, { tenant: 'a.b' }), /not 1–63 letters, digits/);
    });

    it(
      "one tenant's tenant-wide write held open inside its transaction does not hold another tenant's",
      { skip: target.name === 'pglite' && 'PGlite runs one transaction at a time' },
      async () => {
        let release!: () => void;
        let reached!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const held = new Promise<void>((resolve) => (reached = resolve));
        holds.push(release);
        let armed = true;
        const { tenants, signIn } = await twoTenants(async (scope) => {
          if (!armed || scope.kind !== 'tenant') return;
          armed = false;
          reached();
          await released;
        });
        const olivia = { acme: await signIn('acme', 'olivia'), globex: await signIn('globex', 'olivia') };
        // A tenant-wide write in each (a contact's change: R16 reaches every portal of its company).
        const rename = (tenant: 'acme' | 'globex', name: string) =>
          call(tenants, 'PATCH', '/contacts/k-nw-carol', { token: olivia[tenant], body: { name } });
        const holding = rename('acme', 'Carol Acme');
        await held;
        // acme's write is open, holding acme's lock exclusively: globex's completes meanwhile.
        const beside = await rename('globex', 'Carol Globex');
        assert.equal(beside.status, 200, beside.text);
        release();
        const first = await holding;
        assert.equal(first.status, 200, first.text);
      },
    );
  });
}
