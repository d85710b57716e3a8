// #25 step 5: the change feed. Every committed write's changes at a position that follows commit
// order (a reader never later finds a change below what it read), named not shown, bounded
// reads of whole writes, a reset when the data is replaced. On memory, PGlite and the server; the
// commit-order case on the server, where two writes' transactions overlap.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { DataStorage, WriteScope } from '../../../backend/src/ports/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import type { World } from '../../../backend/src/world/schema.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const databases = await testDatabases();
const targets: {
  name: string;
  open: () => Promise<DataStorage>;
  openWith: (world: World) => Promise<DataStorage>;
  cleanup: () => Promise<void>;
}[] = [
  {
    name: 'memory',
    open: async () => new MemoryStorage(demoWorld()),
    openWith: async (world) => new MemoryStorage(world),
    cleanup: async () => {},
  },
  ...databases.map((target) => {
    const open: Database[] = [];
    return {
      name: target.name,
      open: async () => {
        const db = await target.open();
        open.push(db);
        return await PostgresStorage.open(db, { world: demoWorld() });
      },
      openWith: async (world: World) => {
        const db = await target.open();
        open.push(db);
        return await PostgresStorage.open(db, { world });
      },
      cleanup: async () => {
        for (const db of open.splice(0)) await db.close().catch(() => {});
        await target.cleanup();
      },
    };
  }),
];

const session = async (backend: Backend, who: 'alice' | 'grace' | 'ava' | 'olivia') =>
  ((await exchange(backend, await tokenFor(who))).body as any).session.token as string;

for (const target of targets) {
  describe(`change feed on ${target.name} (#25)`, () => {
    after(() => target.cleanup());

    it('names what each write changed, in commit order, by portal; tenant-wide writes for every portal', async () => {
      const storage = await target.open();
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const start = await storage.changes.head();
      const alice = await session(backend, 'alice');
      const grace = await session(backend, 'grace');
      const ava = await session(backend, 'ava');
      const edit = await call(backend, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice,
        body: { fields: { seats: 17 } },
      });
      assert.equal(edit.status, 200, edit.text);
      const view = await call(backend, 'POST', '/activity', {
        token: grace,
        body: { events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }] },
      });
      assert.equal(view.status, 202, view.text);
      const role = await call(backend, 'POST', '/manage/roles', { token: ava, body: { name: 'Auditor' } });
      assert.equal(role.status, 201, role.text);
      const all = await storage.changes.since(start);
      assert.equal(all.reset, false);
      const [first, second, third] = [...new Set(all.changes.map((c) => c.position))];
      assert.ok(first! < second! && second! < third!, 'one position per write, increasing');
      assert.equal(all.next, third);
      // One write's changes in no particular order.
      const of = (position: number) =>
        all.changes
          .filter((c) => c.position === position)
          .map(({ portalId, kind, name, id }) => ({ portalId, kind, name, id }))
          .sort((x, y) => (x.kind + x.name < y.kind + y.name ? -1 : 1));
      assert.deepEqual(of(first!), [
        { portalId: 'p-northwind', kind: 'log', name: 'activity', id: null },
        { portalId: 'p-northwind', kind: 'log', name: 'audit', id: null },
        { portalId: 'p-northwind', kind: 'record', name: 'License', id: 'license-1' },
      ]);
      assert.deepEqual(of(second!), [{ portalId: 'p-globex', kind: 'log', name: 'activity', id: null }]);
      assert.deepEqual(
        of(third!).filter((c) => c.kind === 'entity'),
        [{ portalId: null, kind: 'entity', name: 'externalRoles', id: role.body.id }],
      );
      // Northwind's readers: its own writes and the tenant's, not Globex's.
      const northwind = await storage.changes.since(start, { portalId: 'p-northwind' });
      assert.deepEqual([...new Set(northwind.changes.map((c) => c.position))], [first, third]);
      // Nothing after the head; a change names what changed, never its content.
      assert.deepEqual((await storage.changes.since(third!)).changes, []);
      for (const change of all.changes)
        assert.deepEqual(Object.keys(change).sort(), [
          'id',
          'kind',
          'name',
          'portalId',
          'portalIds',
          'position',
        ]);
    });

    it('a record shared with two portals, changed through one, is in the other’s feed too', async () => {
      const world = demoWorld();
      // A second portal of Northwind's company; one license shared with both.
      world.portals.push({
        ...structuredClone(world.portals.find((p) => p.id === 'p-northwind')!),
        id: 'p-nw-eu',
        name: 'Northwind EU',
        users: [],
      });
      world.records.License!.find((r) => r.id === 'license-1')!.portalIds.push('p-nw-eu');
      const storage = await target.openWith(world);
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const start = await storage.changes.head();
      const alice = await session(backend, 'alice');
      const edit = await call(backend, 'PATCH', '/records/License/license-1?page=pg-licenses', {
        token: alice,
        body: { fields: { seats: 9 } },
      });
      assert.equal(edit.status, 200, edit.text);
      const eu = await storage.changes.since(start, { portalId: 'p-nw-eu' });
      assert.deepEqual(
        eu.changes.map(({ portalId, portalIds, kind, name, id }) => ({
          portalId,
          portalIds,
          kind,
          name,
          id,
        })),
        [
          {
            portalId: 'p-northwind',
            portalIds: ['p-northwind', 'p-nw-eu'],
            kind: 'record',
            name: 'License',
            id: 'license-1',
          },
        ],
      );
      // Unshared from Northwind by its CSM, the license is still named for EU's readers.
      const unshare = await call(backend, 'POST', '/records/License/share?page=pg-licenses', {
        token: await session(backend, 'olivia'),
        body: { ids: ['license-1'], shared: false },
      });
      assert.equal(unshare.status, 200, unshare.text);
      const after = await storage.changes.since(eu.next, { portalId: 'p-nw-eu' });
      assert.deepEqual(
        after.changes.filter((c) => c.kind === 'record').map((c) => c.portalIds),
        [['p-nw-eu']],
      );
      const globex = await storage.changes.since(start, { portalId: 'p-globex' });
      assert.deepEqual(globex.changes, []);
    });

    it('reads whole writes within its limit, and says reset when the data was replaced', async () => {
      const storage = await target.open();
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const start = await storage.changes.head();
      const alice = await session(backend, 'alice');
      for (const seats of [1, 2, 3])
        await call(backend, 'PATCH', '/records/License/license-1?page=pg-licenses', {
          token: alice,
          body: { fields: { seats } },
        });
      // Each edit changes three things: a limit of 4 reads one write, never one and a part.
      const page = await storage.changes.since(start, { limit: 4 });
      assert.equal(new Set(page.changes.map((c) => c.position)).size, 1);
      const rest = await storage.changes.since(page.next, { limit: 500 });
      assert.equal(new Set(rest.changes.map((c) => c.position)).size, 2);
      const head = await storage.changes.head();
      await storage.reset(demoWorld());
      const after = await storage.changes.since(head);
      assert.equal(after.reset, true);
      assert.ok((await storage.changes.head()) > head, 'positions never go back');
    });
  });
}

const server = databases.find((target) => target.name === 'postgres');

describe(
  'change feed on the server: commit order (#25)',
  { skip: !server && 'no PostgreSQL server', timeout: 120_000 },
  () => {
    const open: Database[] = [];
    let release = () => {};
    after(async () => {
      release();
      for (const db of open.splice(0)) await db.close().catch(() => {});
    });

    it('a write that began first and commits last is read after the one that committed first, never missed', async () => {
      let reached!: () => void;
      const held = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      let armed = true;
      const beforeCommit = async (scope: WriteScope) => {
        if (!armed || scope.kind !== 'portal' || scope.portalId !== 'p-northwind') return;
        armed = false;
        reached();
        await released;
      };
      const first = await server!.open();
      const second = await server!.again(first);
      open.push(first, second);
      const a = await PostgresStorage.open(first, { world: demoWorld(), beforeCommit });
      const b = await PostgresStorage.open(second);
      const start = await b.changes.head();
      const touch = (storage: PostgresStorage, contactId: string, name: string) => async () => {
        await storage.loadCompanies({ contacts: [contactId] });
        const contact = storage.store.contacts.get(contactId)!;
        storage.store.replace('contacts', { ...contact, name });
      };
      // Northwind's write begins and holds before its commit; Globex's begins later, commits first.
      const northwind = a.write(touch(a, 'k-nw-bob', 'Bob B.'), { kind: 'portal', portalId: 'p-northwind' });
      await held;
      await b.write(touch(b, 'k-gx-grace', 'Grace G.'), { kind: 'portal', portalId: 'p-globex' });
      const read = await b.changes.since(start);
      assert.deepEqual(
        read.changes.map((c) => c.id),
        ['k-gx-grace'],
      );
      release();
      await northwind;
      // Read on from where the reader stopped: the later commit is there, at a higher position.
      const next = await b.changes.since(read.next);
      assert.deepEqual(
        next.changes.map((c) => c.id),
        ['k-nw-bob'],
      );
      assert.ok(next.changes[0]!.position > read.next);
    });
  },
);
