// The PostgreSQL storage (#14), on PGlite and — when one answers — a PostgreSQL server:
// migrations, stateless instances on one database, one winner of two concurrent document saves
// (R8), writes visible to the other instance at its next request, and a restart that loads
// exactly the world the instances hold.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { openDatabase, type Database } from '../../../backend/src/storage/postgres/database.js';
import { migrate, MIGRATIONS } from '../../../backend/src/storage/postgres/migrations.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import {
  BEFORE_TENANTS,
  heldWorld,
  SERVER_URL,
  storedContacts,
  testDatabases,
} from '../../helpers/databases.js';

for (const target of await testDatabases()) {
  describe(`PostgreSQL storage on ${target.name}`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await target.cleanup();
    });

    /** Two instances on one database: on the server each with its own connection pool. */
    async function twoInstances() {
      const first = await target.open();
      open.push(first);
      const second = await target.again(first);
      if (second !== first) open.push(second);
      const a = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(first, { world: demoWorld() }),
      });
      const b = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(second, { world: demoWorld() }),
      });
      return { a, b, db: first };
    }

    it('applies each migration once and records it in schema_migrations', async () => {
      const db = await target.open();
      open.push(db);
      assert.deepEqual(
        await migrate(db),
        MIGRATIONS.map((m) => m.version),
      );
      assert.deepEqual(await migrate(db), []);
      const rows = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
    });

    it(
      'a transaction reads what committed before its locks, whatever the server default isolation (#25)',
      { skip: target.name !== 'postgres' && 'PGlite: one connection, its default is read committed' },
      async () => {
        const url = new URL(SERVER_URL);
        url.searchParams.set('options', '-c default_transaction_isolation=serializable');
        const db = await openDatabase({ url: url.toString() });
        try {
          const outside = await db.query<{ transaction_isolation: string }>('SHOW transaction_isolation');
          const inside = await db.transaction((tx) =>
            tx.query<{ transaction_isolation: string }>('SHOW transaction_isolation'),
          );
          assert.deepEqual(
            [outside[0]!.transaction_isolation, inside[0]!.transaction_isolation],
            ['serializable', 'read committed'],
          );
        } finally {
          await db.close();
        }
      },
    );

    it('a database a newer release migrated is refused at start, naming both versions', async () => {
      const db = await target.open();
      open.push(db);
      await migrate(db);
      await db.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`);
      await assert.rejects(
        PostgresStorage.open(db),
        /migrated by a newer release \(schema version 999; this one knows up to \d+\)/,
      );
    });

    it('two instances starting at once migrate once: each migration applied by exactly one', async () => {
      const first = await target.open();
      open.push(first);
      const second = await target.again(first);
      if (second !== first) open.push(second);
      const [a, b] = await Promise.all([migrate(first), migrate(second)]);
      assert.deepEqual([...a, ...b].sort(), MIGRATIONS.map((m) => m.version).sort());
      assert.deepEqual(
        a.filter((v) => b.includes(v)),
        [],
      );
      const rows = await first.query<{ version: number; n: number }>(
        'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      assert.ok(rows.every((r) => r.n === 1));
      assert.equal(rows.length, MIGRATIONS.length);
    });

    it('a database written by version 1 gets the derived sort keys and search text of its records', async () => {
      const db = await target.open();
      open.push(db);
      assert.deepEqual(await migrate(db, MIGRATIONS.slice(0, 1)), [1]);
      await db.query(
        `INSERT INTO pk_records (model, id, ord, version, company_id, portal_ids, fields)
         VALUES ('License', 'lic-old', 1, 1, 'c', '{p}', '{"product":"Äpfel 9","seats":3}')`,
      );
      assert.deepEqual(
        await migrate(db),
        MIGRATIONS.slice(1).map((m) => m.version),
      );
      const [row] = await db.query<{ sort_keys: unknown; search_text: unknown }>(
        `SELECT sort_keys, search_text FROM pk_records WHERE id = 'lic-old'`,
      );
      assert.deepEqual(row, {
        sort_keys: { product: 'apfel 0000000000000009' },
        search_text: { product: 'äpfel 9' },
      });
    });

    it('a database holding the demo data from before migration 4 gets the seven models it was written with, and serves them (#25)', async () => {
      const db = await target.open();
      open.push(db);
      const written = await PostgresStorage.open(db, { world: demoWorld() });
      const before = new Backend({ keys: DEV_VERIFY_KEYS, storage: written });
      const bob = ((await exchange(before, await tokenFor('bob'))).body as any).session.token;
      const expected = (await call(before, 'GET', '/records/License?limit=5', { token: bob })).text;
      // The layout before migration 4: no models, a list of record model names instead.
      await db.exec(BEFORE_TENANTS);
      await db.query(`DELETE FROM pk_entities WHERE list = 'models'`);
      await db.query(
        `INSERT INTO pk_entities (list, id, ord, version, body) VALUES ('recordModels', 'models', 1, 0, $1::json)`,
        [JSON.stringify(['Task', 'Issue', 'License', 'Opportunity', 'Asset', 'Project', 'Goal'])],
      );
      await db.query('DELETE FROM schema_migrations WHERE version = 4');
      assert.deepEqual(await migrate(db), [4, 8]);
      const lists = await db.query<{ list: string; n: number }>(
        `SELECT list, count(*)::int AS n FROM pk_entities WHERE list IN ('models', 'recordModels') GROUP BY list`,
      );
      assert.deepEqual(lists, [{ list: 'models', n: 7 }]);
      const after = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(db) });
      const again = ((await exchange(after, await tokenFor('bob'))).body as any).session.token;
      const answer = await call(after, 'GET', '/records/License?limit=5', { token: again });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.text, expected);
    });

    it('a database holding logs from before migration 6 gets each entry’s place in its portal’s log, and serves the same trail, feed, people and portfolio (#25)', async () => {
      const db = await target.open();
      open.push(db);
      const before = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(db, { world: demoWorld() }),
      });
      // Entries of several portals interleaved: Alice's writes and page views beside the demo's.
      const alice = ((await exchange(before, await tokenFor('alice'))).body as any).session.token;
      for (const seats of [7, 8, 9])
        await call(before, 'PATCH', '/records/License/license-1?page=pg-licenses', {
          token: alice,
          body: { fields: { seats } },
        });
      await call(before, 'POST', '/activity', {
        token: alice,
        body: { events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }] },
      });
      const reads = ['/manage/audit?limit=1', '/manage/activity', '/manage/people', '/portfolio'];
      const answersOf = async (backend: Backend) => {
        const token = ((await exchange(backend, await tokenFor('olivia'))).body as any).session.token;
        const answers: string[] = [];
        let path: string | undefined = reads[0];
        // The trail page by page, through the cursors it gives.
        for (let page = 0; path && page < 20; page++) {
          const answer = await call(backend, 'GET', path, { token });
          assert.equal(answer.status, 200, answer.text);
          answers.push(answer.text);
          path = answer.body.nextCursor ? `${reads[0]}&cursor=${answer.body.nextCursor}` : undefined;
        }
        for (const read of reads.slice(1)) {
          const answer = await call(backend, 'GET', read, { token });
          assert.equal(answer.status, 200, answer.text);
          answers.push(answer.text);
        }
        return answers;
      };
      const expected = await answersOf(before);
      assert.ok(expected.length > reads.length + 1, 'the trail has more than one page');
      // The layout before migration 6: the logs' entries alone, found by version.
      await db.exec(BEFORE_TENANTS);
      await db.exec(`
        DROP INDEX pk_appended_place, pk_activity_window, pk_activity_seen;
        ALTER TABLE pk_appended DROP COLUMN portal_id, DROP COLUMN at, DROP COLUMN contact_id,
          DROP COLUMN actor_id, DROP COLUMN actor_kind, DROP COLUMN action, DROP COLUMN pos;
        CREATE INDEX pk_appended_version ON pk_appended (version);
        DELETE FROM schema_migrations WHERE version = 6;`);
      assert.deepEqual(await migrate(db), [6, 8]);
      const after = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(db) });
      assert.deepEqual(await answersOf(after), expected);
      // And an entry written after the migration takes the next place in its portal's log.
      await call(after, 'POST', '/activity', {
        token: ((await exchange(after, await tokenFor('alice'))).body as any).session.token,
        body: { events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }] },
      });
      const places = await db.query<{ n: number; top: number }>(
        `SELECT count(*)::int AS n, max(pos)::int AS top FROM pk_appended WHERE list = 'activity' AND portal_id = 'p-northwind'`,
      );
      assert.equal(places[0]!.top, places[0]!.n - 1);
    });

    it('a database holding data from before migration 8 becomes the tenant "default": its sessions stay open and it serves the same answers (#25)', async () => {
      const db = await target.open();
      open.push(db);
      const before = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(db, { world: demoWorld() }),
      });
      const alice = ((await exchange(before, await tokenFor('alice'))).body as any).session.token;
      const patched = await call(before, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice,
        body: { fields: { seats: 31 } },
      });
      assert.equal(patched.status, 200, patched.text);
      const reads = ['/bootstrap', '/records/License?limit=5', '/records/License/license-1', '/files'];
      const answersOf = async (backend: Backend) =>
        Promise.all(reads.map(async (path) => (await call(backend, 'GET', path, { token: alice })).text));
      const expected = await answersOf(before);
      await db.exec(BEFORE_TENANTS);
      assert.deepEqual(await migrate(db), [8]);
      const tenants = await db.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM pk_records');
      assert.deepEqual(tenants, [{ tenant_id: 'default' }]);
      const after = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(db) });
      assert.deepEqual(await answersOf(after), expected);
      // The version goes on from where it was: a write after the migration is the next one.
      const next = await call(after, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice,
        body: { fields: { seats: 32 } },
      });
      assert.equal(next.status, 200, next.text);
      assert.equal(
        (await call(before, 'GET', '/records/License/license-1', { token: alice })).body.seats,
        32,
      );
    });

    it('a session opened on one instance works on the other; a launch token used on one is a replay on the other', async () => {
      const { a, b } = await twoInstances();
      const token = await tokenFor('bob');
      const opened = await exchange(a, token);
      assert.equal(opened.status, 200);
      const session = (opened.body as any).session.token;
      assert.equal((await call(b, 'GET', '/bootstrap', { token: session })).status, 200);
      assert.equal(((await exchange(b, token)).body as any).error.code, 'token_replayed');
      assert.equal(((await exchange(a, token)).body as any).error.code, 'token_replayed');
    });

    it('a user deactivated through one instance is refused on both at the next request', async () => {
      const { a, b } = await twoInstances();
      const bob = (await exchange(a, await tokenFor('bob'))).body as any;
      const olivia = (await exchange(b, await tokenFor('olivia'))).body as any;
      const change = await call(b, 'PATCH', '/manage/people/k-nw-bob', {
        token: olivia.session.token,
        body: { active: false },
      });
      assert.equal(change.status, 200, change.text);
      for (const instance of [a, b])
        assert.equal((await call(instance, 'GET', '/bootstrap', { token: bob.session.token })).status, 401);
    });

    it('two instances save one document at once: exactly one wins, the other gets version_conflict (R8)', async () => {
      const { a, b } = await twoInstances();
      const onA = (await exchange(a, await tokenFor('alice'))).body as any;
      const onB = (await exchange(b, await tokenFor('alice'))).body as any;
      const doc = (await call(a, 'GET', '/documents/pg-welcome', { token: onA.session.token })).body;
      const saves = await Promise.all([
        call(a, 'PUT', '/documents/pg-welcome', {
          token: onA.session.token,
          body: { body: '<p>from A</p>', baseVersion: doc.version },
        }),
        call(b, 'PUT', '/documents/pg-welcome', {
          token: onB.session.token,
          body: { body: '<p>from B</p>', baseVersion: doc.version },
        }),
      ]);
      const statuses = saves.map((s) => s.status).sort();
      assert.deepEqual(statuses, [200, 409], saves.map((s) => s.text).join('\n'));
      const loser = saves.find((s) => s.status === 409)!;
      assert.equal(loser.body.error.code, 'version_conflict');
      const winner = saves.find((s) => s.status === 200)!;
      for (const instance of [a, b]) {
        const token = instance === a ? onA.session.token : onB.session.token;
        const now = (await call(instance, 'GET', '/documents/pg-welcome', { token })).body;
        assert.equal(now.version, doc.version + 1);
        assert.equal(now.body, winner.body.body);
      }
    });

    // On code that reads the body inside the write, the quick write waits for ever: the timeout fails it.
    it(
      'a client still sending its body does not hold other writes (the body arrives before the write lock)',
      { timeout: 20_000 },
      async () => {
        const { a, b } = await twoInstances();
        const alice = (await exchange(a, await tokenFor('alice'))).body as any;
        let finish!: () => void;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"body":"<p>slow</p>",'));
            finish = () => {
              controller.enqueue(new TextEncoder().encode('"baseVersion":1}'));
              controller.close();
            };
          },
        });
        const slow = a.handle(
          new Request('http://portal.test/api/documents/pg-welcome', {
            method: 'PUT',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.session.token}` },
            body,
            duplex: 'half',
          } as RequestInit),
        );
        // Meanwhile another write, on the other instance, goes through at once.
        const quick = await call(b, 'POST', '/contacts', {
          token: alice.session.token,
          body: { name: 'Quick Person', email: 'quick@northwind.example' },
        });
        assert.equal(quick.status, 201, quick.text);
        finish();
        assert.equal((await slow).status, 200);
      },
    );

    it('a cursor naming a record removed meanwhile still pages on (the removed row keeps its company)', async () => {
      const { a, b } = await twoInstances();
      const alice = ((await exchange(a, await tokenFor('alice'))).body as any).session.token;
      const all = (await call(a, 'GET', '/records/License?sort=product&limit=500', { token: alice })).body
        .items;
      const first = (await call(a, 'GET', '/records/License?sort=product&limit=2', { token: alice })).body;
      const last = first.items[1].id;
      await a.storage.write(async () => {
        await a.storage.loadRecords('License', [last]);
        a.store.removeRecord('License', last);
      });
      const next = await call(b, 'GET', `/records/License?sort=product&limit=2&cursor=${first.nextCursor}`, {
        token: alice,
      });
      assert.equal(next.status, 200, next.text);
      assert.deepEqual(
        next.body.items.map((r: any) => r.id),
        all.slice(2, 4).map((r: any) => r.id),
      );
    });

    it('a write through one instance is seen by the other, and a restart loads exactly the same world', async () => {
      const { a, b, db } = await twoInstances();
      const alice = (await exchange(a, await tokenFor('alice'))).body as any;
      const list = (await call(a, 'GET', '/records/License?limit=1', { token: alice.session.token })).body;
      const id = list.items[0].id;
      const patch = await call(a, 'PATCH', `/records/License/${id}?page=pg-licenses`, {
        token: alice.session.token,
        body: { fields: { seats: 4242 } },
      });
      assert.equal(patch.status, 200, patch.text);
      const created = await call(a, 'POST', '/contacts', {
        token: alice.session.token,
        body: { name: 'New Person', email: 'new.person@northwind.example' },
      });
      assert.equal(created.status, 201, created.text);
      const seen = await call(b, 'GET', `/records/License/${id}`, { token: alice.session.token });
      assert.equal(seen.body.seats, 4242);
      // Records stay in the database: after the write, neither instance holds one.
      assert.deepEqual([a.store.world.records.License, b.store.world.records.License], [[], []]);
      assert.equal(a.store.record('License', id), undefined);
      // An entity added, seen by the other instance, then removed: the other instance drops it.
      const ava = (await exchange(a, await tokenFor('ava'))).body as any;
      const role = await call(a, 'POST', '/manage/roles', {
        token: ava.session.token,
        body: { name: 'Auditor' },
      });
      assert.equal(role.status, 201, role.text);
      await b.storage.refresh();
      assert.ok(b.store.externalRoles.has(role.body.id));
      assert.equal(
        (await call(a, 'DELETE', `/manage/roles/${role.body.id}`, { token: ava.session.token })).status,
        200,
      );
      await b.storage.refresh();
      assert.ok(!b.store.externalRoles.has(role.body.id));
      assert.ok(!b.store.world.externalRoles.some((r) => r.id === role.body.id));
      // A fresh instance reads only the tables: it must hold what the running ones hold — but the
      // contacts, which each holds for the companies its requests needed, as the table has them.
      const restarted = await PostgresStorage.open(db);
      assert.equal(heldWorld(restarted.store.world), heldWorld(a.store.world));
      assert.deepEqual(restarted.store.world.contacts, []);
      await b.storage.refresh();
      assert.equal(heldWorld(b.store.world), heldWorld(a.store.world));
      const northwind = await storedContacts(db, 'c-northwind');
      assert.ok(northwind.some((c: any) => c.name === 'New Person'));
      for (const instance of [a, b])
        assert.equal(
          JSON.stringify(instance.store.world.contacts.filter((c) => c.companyId === 'c-northwind')),
          JSON.stringify(northwind),
        );
    });
  });
}

// A vendor's database usually has a linguistic default collation (en_US, ICU): lists must order
// and match exactly as in memory whatever it is — text is compared by stored keys under "C".
describe('PostgreSQL storage on a database whose default collation is ICU en-US', () => {
  it('sorts, filters and searches text exactly as the memory storage does', async (t) => {
    const databases = await testDatabases();
    if (!databases.some((d) => d.name === 'postgres')) {
      t.skip(`needs the PostgreSQL server at ${SERVER_URL} (it did not answer)`);
      return;
    }
    const name = `pk_icu_${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const admin = await openDatabase({ url: SERVER_URL });
    try {
      await admin.query(
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
      );
    } catch (error) {
      await admin.close();
      t.skip(`the server cannot create an ICU database: ${(error as Error).message}`);
      return;
    }
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString() });
    try {
      const world = demoWorld();
      const texts = ['b', 'B', 'a', 'Ä', 'ä', '_x', 'x_', 'Z', 'z 10', 'z 9', '', 'é', 'E', '🚀', '\ue000'];
      world.records.License = texts.map((product, i) => ({
        id: `lic-icu-${i}`,
        companyId: 'c-northwind',
        portalIds: ['p-northwind'],
        fields: { product, seats: i },
      }));
      const memory = new Backend({
        storage: new MemoryStorage(structuredClone(world)),
        keys: DEV_VERIFY_KEYS,
      });
      const postgres = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(db, { world }),
      });
      const [m, p] = await Promise.all(
        [memory, postgres].map(
          async (b) => ((await exchange(b, await tokenFor('alice'))).body as any).session.token,
        ),
      );
      const paths = [
        '/records/License?sort=product&limit=500',
        '/records/License?sort=-product&limit=500',
        '/records/License?filter=product:gte:a&filter=product:lte:z&limit=500',
        '/records/License?q=%C3%A4&limit=500',
      ];
      for (const path of paths) {
        const fromMemory = await call(memory, 'GET', path, { token: m });
        assert.equal(fromMemory.status, 200);
        assert.equal((await call(postgres, 'GET', path, { token: p })).text, fromMemory.text, path);
      }
      // The sort is the collation key's, not the database's: "z 9" before "z 10".
      const sorted = (await call(postgres, 'GET', paths[0]!, { token: p })).body.items.map(
        (r: any) => r.product,
      );
      assert.ok(sorted.indexOf('z 9') < sorted.indexOf('z 10'));
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.close();
    }
  });
});
