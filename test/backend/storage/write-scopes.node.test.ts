// #25 step 3: no database-wide lock. A write holds its portal (and the tenant, shared); a write
// to another portal runs beside it, a write to the same portal waits for it, and a write whose
// entities another portal's write changed meanwhile runs again on the newer data. On the
// PostgreSQL server (PGlite is one connection in one process: its transactions run one at a time).
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import type { WriteScope } from '../../../backend/src/ports/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const server = (await testDatabases()).find((target) => target.name === 'postgres');

/** A write held open before its commit until `release()`; `held` resolves once it is. */
function holdOnce(holds: (scope: WriteScope) => boolean) {
  let armed = true;
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  const beforeCommit = async (scope: WriteScope) => {
    if (!armed || !holds(scope)) return;
    armed = false;
    reached();
    await released;
  };
  return { beforeCommit, held, release };
}

/** Waits until a session of the database waits for an advisory lock (another write holds it). */
async function someoneWaitsForALock(db: Database) {
  // Bounded only against a hang: the condition is observed, not timed.
  for (let i = 0; i < 1500; i++) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
    );
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('no write waited for a lock');
}

describe(
  'writes hold their scope, not the database (#25)',
  { skip: !server && 'no PostgreSQL server', timeout: 120_000 },
  () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await server?.cleanup();
    });

    // A failed assertion must not leave a write held (the suite would wait for it for ever).
    const holds: (() => void)[] = [];
    after(() => holds.forEach((release) => release()));

    async function twoInstances(beforeCommit: (scope: WriteScope) => Promise<void>) {
      const first = await server!.open();
      const second = await server!.again(first);
      open.push(first, second);
      const a = await PostgresStorage.open(first, { world: demoWorld(), beforeCommit });
      const b = await PostgresStorage.open(second);
      // The writes below change Northwind's people in the store: each instance holds them.
      for (const storage of [a, b]) await storage.loadCompanies({ companies: ['c-northwind'] });
      return { a, b, db: first };
    }

    it('a write held open inside its transaction does not block a write to another portal, and blocks a clashing R16 write to the same portal', async () => {
      const hold = holdOnce((scope) => scope.kind === 'portal' && scope.portalId === 'p-northwind');
      holds.push(hold.release);
      const { a, b, db } = await twoInstances(hold.beforeCommit);
      const one = new Backend({ keys: DEV_VERIFY_KEYS, storage: a });
      const two = new Backend({ keys: DEV_VERIFY_KEYS, storage: b });
      const session = async (backend: Backend, who: 'olivia' | 'grace') =>
        ((await exchange(backend, await tokenFor(who))).body as any).session.token as string;
      const [olivia, oliviaOnTwo, grace] = [
        await session(one, 'olivia'),
        await session(two, 'olivia'),
        await session(two, 'grace'),
      ];
      // R16: Erin and Erin 2 share an email. Olivia deactivates Erin 2 on the first instance, held
      // open before its commit.
      const deactivating = call(one, 'PATCH', '/manage/people/k-nw-erin2', {
        token: olivia,
        body: { active: false },
      });
      await hold.held;
      // Globex's portal is not held: its write commits while Northwind's is open.
      const other = await call(two, 'POST', '/activity', {
        token: grace,
        body: { events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }] },
      });
      assert.equal(other.status, 202, other.text);
      // Reactivating Erin 2 on the second instance is a decision on the same portal's users: it
      // waits for the held write, then decides on what it committed.
      let settled = false;
      const reactivating = call(two, 'PATCH', '/manage/people/k-nw-erin2', {
        token: oliviaOnTwo,
        body: { active: true },
      }).finally(() => (settled = true));
      await someoneWaitsForALock(db);
      assert.equal(settled, false, 'the same portal’s write ran while the first one held it');
      hold.release();
      const first = await deactivating;
      assert.equal(first.status, 200, first.text);
      const second = await reactivating;
      // Decided after the deactivation committed: Erin 2 active again clashes with Erin (R16).
      assert.equal(second.status, 409, second.text);
      assert.equal(second.body.error.code, 'email_in_use');
      await b.refresh();
      const erin2 = b.store.portals.get('p-northwind')!.users.find((u) => u.contactId === 'k-nw-erin2')!;
      assert.equal(erin2.active, false);
    });

    it('a write that waited for its portal decides on what the write before it committed', async () => {
      const hold = holdOnce((scope) => scope.kind === 'portal' && scope.portalId === 'p-northwind');
      holds.push(hold.release);
      const { a, b, db } = await twoInstances(hold.beforeCommit);
      const renaming = a.write(
        async () => {
          const bob = a.store.contacts.get('k-nw-bob')!;
          a.store.replace('contacts', { ...bob, name: 'Bob renamed' });
        },
        { kind: 'portal', portalId: 'p-northwind' },
      );
      await hold.held;
      // The second write reads Bob and changes someone else: nothing it changes conflicts, so
      // only its start (locks, then the catch-up, in one round trip) can show it the rename.
      const seen: string[] = [];
      const waiting = b.write(
        async () => {
          seen.push(b.store.contacts.get('k-nw-bob')!.name);
          const alice = b.store.contacts.get('k-nw-alice')!;
          b.store.replace('contacts', { ...alice, name: `Alice, after ${seen.at(-1)}` });
        },
        { kind: 'portal', portalId: 'p-northwind' },
      );
      await someoneWaitsForALock(db);
      assert.deepEqual(seen, [], 'the second write started while the first held the portal');
      hold.release();
      await renaming;
      await waiting;
      assert.deepEqual(seen, ['Bob renamed']);
    });

    it('a write whose entity another portal’s write changed meanwhile runs again on the newer data', async () => {
      const hold = holdOnce((scope) => scope.kind === 'portal' && scope.portalId === 'p-northwind');
      holds.push(hold.release);
      const { a, b } = await twoInstances(hold.beforeCommit);
      let runs = 0;
      const renaming = a.write(
        async () => {
          runs++;
          const contact = a.store.contacts.get('k-nw-bob')!;
          a.store.replace('contacts', { ...contact, name: `Bob, run ${runs}` });
        },
        { kind: 'portal', portalId: 'p-northwind' },
      );
      await hold.held;
      // Another portal's write changes the same contact and commits first.
      await b.write(
        async () => {
          const contact = b.store.contacts.get('k-nw-bob')!;
          b.store.replace('contacts', { ...contact, email: 'bob.new@northwind.example' });
        },
        { kind: 'portal', portalId: 'p-globex' },
      );
      hold.release();
      await renaming;
      assert.equal(runs, 2, 'the held write ran again after the conflict');
      for (const storage of [a, b]) {
        await storage.refresh();
        const bob = storage.store.contacts.get('k-nw-bob')!;
        // Neither change is lost: the second run started from the committed email.
        assert.deepEqual([bob.name, bob.email], ['Bob, run 2', 'bob.new@northwind.example']);
      }
    });

    it('a request’s catch-up beside an open write of the same instance does not write over the write’s changes', async () => {
      const { a, b } = await twoInstances(async () => {});
      let runs = 0;
      let inWork!: () => void;
      const working = new Promise<void>((resolve) => (inWork = resolve));
      let go!: () => void;
      const goOn = new Promise<void>((resolve) => (go = resolve));
      holds.push(go);
      const renaming = a.write(
        async () => {
          runs++;
          const contact = a.store.contacts.get('k-nw-bob')!;
          a.store.replace('contacts', { ...contact, name: `Bob, run ${runs}` });
          inWork();
          // The route decided; the write waits for something (as for storing its answer).
          if (runs === 1) await goOn;
        },
        { kind: 'portal', portalId: 'p-northwind' },
      );
      await working;
      await b.write(
        async () => {
          const contact = b.store.contacts.get('k-nw-bob')!;
          b.store.replace('contacts', { ...contact, email: 'bob.new@northwind.example' });
        },
        { kind: 'portal', portalId: 'p-globex' },
      );
      // Another request of the first instance, outside the write, catches up meanwhile.
      await a.refresh();
      go();
      await renaming;
      for (const storage of [a, b]) {
        await storage.refresh();
        const bob = storage.store.contacts.get('k-nw-bob')!;
        assert.deepEqual([bob.name, bob.email], [`Bob, run ${runs}`, 'bob.new@northwind.example']);
      }
    });

    it('entities two portals’ writes add at once are in commit order on every instance and after a restart', async () => {
      const hold = holdOnce((scope) => scope.kind === 'portal' && scope.portalId === 'p-northwind');
      holds.push(hold.release);
      const { a, b, db } = await twoInstances(hold.beforeCommit);
      const taskId = a.store.world.tasks[0]!.id;
      const comment = (id: string) => ({
        id,
        taskId,
        authorId: 'k-nw-alice',
        authorName: 'Alice',
        body: id,
        createdAt: new Date().toISOString(),
        mentions: [],
      });
      // Northwind's write caught up first and commits last.
      const first = a.write(async () => a.store.insert('comments', comment('c-from-a') as never), {
        kind: 'portal',
        portalId: 'p-northwind',
      });
      await hold.held;
      await b.write(async () => b.store.insert('comments', comment('c-from-b') as never), {
        kind: 'portal',
        portalId: 'p-globex',
      });
      hold.release();
      await first;
      const third = await server!.again(db);
      open.push(third);
      const restarted = await PostgresStorage.open(third);
      // Comments are read where they are kept (an instance holds none): every instance reads the
      // task's latest in commit order.
      const tail = async (storage: PostgresStorage) =>
        (await storage.comments.latest(taskId, { limit: 2 }))!.comments.map((c) => c.id);
      await a.refresh();
      await b.refresh();
      for (const storage of [a, b, restarted]) {
        assert.deepEqual(await tail(storage), ['c-from-b', 'c-from-a']);
        assert.deepEqual(storage.store.world.comments, []);
      }
    });
  },
);
