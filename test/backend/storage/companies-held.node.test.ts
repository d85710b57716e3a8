// #25 step 2: an instance on PostgreSQL holds companies one at a time, each with its portals and
// contacts (and the rest of its parent/child group) — those its requests needed, at most
// `heldCompanies` of them beyond those in use — and reads each company when a request needs it,
// current: another instance's change to a company it holds reaches it by the catch-up, one to a
// company it does not hold by the next read. What a rule asks of every company or portal (R21's
// holders, R22's portfolio) is read per request.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { upsert } from '../../../backend/src/import.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { World } from '../../../backend/src/world/schema.js';
import type { DataStorage } from '../../../backend/src/ports/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const COMPANIES = 12;
const PEOPLE = 3;

/** The demo world and COMPANIES more companies, each with a portal whose users are its PEOPLE contacts. */
function manyCompanies(): World {
  const world = demoWorld();
  const template = world.portals.find((p) => p.id === 'p-northwind')!;
  for (let i = 0; i < COMPANIES; i++) {
    world.companies.push({ ...world.companies[0]!, id: `c-m${i}`, name: `Company ${i}` });
    const people = Array.from({ length: PEOPLE }, (_, j) => ({
      id: `k-m${i}-${j}`,
      companyId: `c-m${i}`,
      name: `Person ${i}.${j}`,
      email: `p${i}.${j}@m.example`,
      featured: false,
    }));
    world.contacts.push(...people);
    world.portals.push({
      ...structuredClone(template),
      id: `p-m${i}`,
      name: `Portal ${i}`,
      companyId: `c-m${i}`,
      invitedInternalIds: [],
      audience: { kind: 'all', contactIds: [] },
      users: people.map((c) => ({
        contactId: c.id,
        roleId: 'xr-viewer',
        active: true,
        admin: false,
        roleSetBy: 'hand' as const,
      })),
    });
  }
  return world;
}

/**
 * `manyCompanies()` where Olivia is a CSM with extended groups (R11) owning the companies
 * `owned` (every other c-m company is Zed's), and each company of `parents` is its value's child.
 */
function groupedWorld(owned: readonly string[], parents: Record<string, string> = {}): World {
  const world = manyCompanies();
  world.internalUsers.find((u) => u.id === 'u-csm-olivia')!.roleId = 'r-csm-ext';
  for (const company of world.companies)
    if (company.id.startsWith('c-m'))
      Object.assign(company, {
        ownerId: owned.includes(company.id) ? 'u-csm-olivia' : 'u-csm-zed',
        coOwnerIds: [],
      });
  for (const [child, parent] of Object.entries(parents))
    world.companies.find((c) => c.id === child)!.parentId = parent;
  return world;
}

/** The companies whose contacts `storage` holds now (see also `heldLists`). */
const heldCompanies = (storage: PostgresStorage) =>
  new Set(storage.store.world.contacts.map((c) => c.companyId));

/** The ids `storage` holds of the companies and portals (in the order held). */
const heldLists = (storage: PostgresStorage) => ({
  companies: storage.store.world.companies.map((c) => c.id),
  portals: storage.store.world.portals.map((p) => p.id),
});

/**
 * A request of `storage` that loads `companies`, then waits for `release()` before it reads what
 * `read` returns: `ready` once it holds them, `running` its answer.
 */
function waitingRequest<T>(storage: DataStorage, companies: string[], read: () => T) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let loaded!: () => void;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  const running = storage.serve(async () => {
    await storage.loadCompanies({ companies });
    loaded();
    await gate;
    return read();
  });
  return { ready, release, running };
}

/**
 * `db`, whose next read of companies' contacts outside a transaction is held once it has read,
 * until `release`: a request's load that has read and not yet applied.
 */
function gated(db: Database) {
  let armed = false;
  let release!: () => void;
  let reached!: () => void;
  let gate!: Promise<void>;
  let hit!: Promise<void>;
  const proxy: Database = Object.create(db);
  proxy.query = async (text: string, params?: readonly unknown[]) => {
    const rows = await db.query(text, params);
    if (armed && text.includes('WITH RECURSIVE up')) {
      armed = false;
      reached();
      await gate;
    }
    return rows as never;
  };
  proxy.transaction = (work) => db.transaction(work);
  return {
    proxy,
    arm: () => {
      armed = true;
      gate = new Promise((resolve) => (release = resolve));
      hit = new Promise((resolve) => (reached = resolve));
    },
    hit: () => hit,
    release: () => release(),
  };
}

/** Signs the first person of company `i` in to their portal: the request loads the company's people. */
async function signInTo(backend: Backend, i: number) {
  const token = await tokenFor('alice', { sub: `k-m${i}-0`, kind: 'external', portal: `p-m${i}` });
  const answer = await exchange(backend, token);
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as { session: { token: string } }).session.token;
}

const databases = await testDatabases();
const open: Database[] = [];
/** A database of `target` for one test, closed after the file. */
const openOn = async (target: (typeof databases)[number]) => {
  const db = await target.open();
  open.push(db);
  return db;
};

/** Two connections to one database of `target` (on PGlite, the same one twice): two instances' view. */
const twoConnections = async (target: (typeof databases)[number]) => {
  const db = await openOn(target);
  const second = await target.again(db);
  if (second !== db) open.push(second);
  return [db, second] as const;
};
after(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => {});
  for (const target of databases) await target.cleanup();
});

for (const target of databases)
  describe(`companies held one at a time, on ${target.name} (#25)`, { timeout: 120_000 }, () => {
    it("holds none at start, a signed-in portal's company after, and at most `heldCompanies` of them", async () => {
      const db = await openOn(target);
      const storage = await PostgresStorage.open(db, { world: manyCompanies(), heldCompanies: 4 });
      assert.equal(storage.store.world.contacts.length, 0);
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const session = await signInTo(backend, 0);
      assert.deepEqual([...heldCompanies(storage)], ['c-m0']);
      assert.deepEqual(
        storage.store.world.contacts.map((c) => c.id),
        ['k-m0-0', 'k-m0-1', 'k-m0-2'],
      );
      // The bootstrap names the person, read from the company held.
      const bootstrap = await call(backend, 'GET', '/bootstrap', { token: session });
      assert.equal(bootstrap.status, 200, bootstrap.text);
      assert.equal(bootstrap.body.user.name, 'Person 0.0');
      for (let i = 1; i < COMPANIES; i++) await signInTo(backend, i);
      const held = heldCompanies(storage);
      assert.ok(held.size <= 4, `holds ${held.size} companies' contacts`);
      assert.ok(held.has(`c-m${COMPANIES - 1}`), 'the latest company is held');
      // Each company held whole, or not at all.
      for (const company of held)
        assert.equal(storage.store.world.contacts.filter((c) => c.companyId === company).length, PEOPLE);
      // A company let go is read again when a request needs it.
      assert.ok(!held.has('c-m0'));
      const again = await call(backend, 'GET', '/bootstrap', { token: session });
      assert.equal(again.status, 200, again.text);
      assert.ok(heldCompanies(storage).has('c-m0'));
    });

    it('a role still held is refused naming its first holders, read whatever the instance holds', async () => {
      const answers: string[] = [];
      for (const storage of [
        new MemoryStorage(manyCompanies()),
        await PostgresStorage.open(await openOn(target), { world: manyCompanies() }),
      ]) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const ava = (await exchange(backend, await tokenFor('ava'))).body as { session: { token: string } };
        const refused = await call(backend, 'DELETE', '/manage/roles/xr-viewer', {
          token: ava.session.token,
        });
        assert.equal(refused.status, 409, refused.text);
        // The roles' list counts each role's holders across every portal, held or not.
        const roles = await call(backend, 'GET', '/manage/roles', { token: ava.session.token });
        assert.equal(roles.status, 200, roles.text);
        answers.push(JSON.stringify({ refused: refused.body, roles: roles.body }));
      }
      assert.equal(answers[1], answers[0]);
      const holders = manyCompanies().portals.flatMap((p) => p.users.filter((u) => u.roleId === 'xr-viewer'));
      const { refused, roles } = JSON.parse(answers[0]!);
      assert.match(refused.error.message, new RegExp(`and ${holders.length - 5} more: move them`));
      assert.doesNotMatch(refused.error.message, /\bk-/, 'holders are named, not their ids');
      assert.equal(roles.roles.find((r: any) => r.id === 'xr-viewer').holders, holders.length);
    });

    it('a company a request uses is not let go while it runs, whatever other requests load', async () => {
      const db = await openOn(target);
      const storage = await PostgresStorage.open(db, { world: manyCompanies(), heldCompanies: 2 });
      const { ready, release, running } = waitingRequest(
        storage,
        ['c-m0'],
        () => storage.store.contacts.get('k-m0-1')?.name,
      );
      await ready;
      for (let i = 1; i < COMPANIES; i++)
        await storage.serve(() => storage.loadCompanies({ companies: [`c-m${i}`] }));
      assert.ok(heldCompanies(storage).has('c-m0'), 'held while its request runs');
      release();
      assert.equal(await running, 'Person 0.1');
      // Once it has ended, it may go like any other.
      for (let i = 1; i < 4; i++)
        await storage.serve(() => storage.loadCompanies({ companies: [`c-m${i}`] }));
      assert.ok(!heldCompanies(storage).has('c-m0'));
    });

    it("a request's load never writes over an open write's change", async () => {
      const db = await openOn(target);
      const g = gated(db);
      const storage = await PostgresStorage.open(g.proxy, { world: demoWorld() });
      const turns = async (n: number) => {
        for (let turn = 0; turn < n; turn++) await new Promise((resolve) => setImmediate(resolve));
      };
      g.arm();
      // A request's load of Northwind has read (a busy pool) and not yet applied…
      const reading = storage.serve(() => storage.loadCompanies({ companies: ['c-northwind'] }));
      await g.hit();
      // …when a write of this instance changes one of its people. The read comes back while the
      // write is open (or, when the storage makes the write wait for it, before it begins).
      let replaced!: () => void;
      const changed = new Promise<void>((resolve) => (replaced = resolve));
      const writing = storage.serve(() =>
        storage.write(async () => {
          await storage.loadCompanies({ companies: ['c-northwind'] });
          const bob = storage.store.contacts.get('k-nw-bob')!;
          storage.store.replace('contacts', { ...bob, name: 'Robert' });
          replaced();
          await turns(50);
        }),
      );
      await Promise.race([changed, turns(2000)]);
      g.release();
      await Promise.all([reading, writing]);
      const [row] = await db.query<{ name: string }>(
        `SELECT body->>'name' AS name FROM pk_entities WHERE list = 'contacts' AND id = 'k-nw-bob'`,
      );
      assert.equal(row!.name, 'Robert', 'the write committed its change');
      assert.equal(storage.store.contacts.get('k-nw-bob')?.name, 'Robert');
    });

    it('a load that read before a catch-up moved a contact elsewhere does not bring it back', async () => {
      const [db, second] = await twoConnections(target);
      const g = gated(db);
      const a = await PostgresStorage.open(g.proxy, { world: demoWorld() });
      const b = await PostgresStorage.open(second);
      g.arm();
      const reading = a.serve(() => a.loadCompanies({ companies: ['c-northwind'] }));
      await g.hit();
      const bob = demoWorld().contacts.find((c) => c.id === 'k-nw-bob')!;
      await upsert(b, { contacts: [{ ...bob, companyId: 'c-globex', name: 'Bob at Globex' }] });
      await a.refresh();
      g.release();
      await reading;
      await a.refresh();
      assert.equal(a.store.contacts.get('k-nw-bob'), undefined, 'Bob is no longer of Northwind');
      assert.deepEqual(
        a.store.world.contacts.map((c) => c.id),
        demoWorld()
          .contacts.filter((c) => c.companyId === 'c-northwind' && c.id !== 'k-nw-bob')
          .map((c) => c.id),
      );
    });

    it('an import moving a contact to another company checks and counts it as memory does', async () => {
      for (const storage of [
        new MemoryStorage(demoWorld()),
        await PostgresStorage.open(await openOn(target), { world: demoWorld() }),
      ]) {
        const bob = demoWorld().contacts.find((c) => c.id === 'k-nw-bob')!;
        // Alice's email on Bob, moved away: Bob stays an active user of Northwind's portal, where
        // two active users would share an email (R16).
        await assert.rejects(
          upsert(storage, {
            contacts: [{ ...bob, companyId: 'c-globex', email: 'alice@northwind.example' }],
          }),
          /same email/,
        );
        assert.deepEqual(await upsert(storage, { contacts: [{ ...bob, companyId: 'c-globex' }] }), {
          added: 0,
          updated: 1,
        });
      }
    });

    it('the trail names a person who has since left for a company the instance does not hold, as memory does', async () => {
      const answers: string[] = [];
      const [db, second] = await twoConnections(target);
      const memory = new MemoryStorage(demoWorld());
      const postgres = await PostgresStorage.open(db, { world: demoWorld() });
      // Frank (no portal user at the end) moves through another instance (memory has one): this one holds none of his new company.
      const movers = new Map<unknown, DataStorage>([
        [memory, memory],
        [postgres, await PostgresStorage.open(second)],
      ]);
      for (const storage of [memory, postgres]) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const olivia = ((await exchange(backend, await tokenFor('olivia'))).body as any).session
          .token as string;
        const edited = await call(backend, 'PATCH', '/contacts/k-nw-frank', {
          token: olivia,
          body: { name: 'Frank Before' },
        });
        assert.equal(edited.status, 200, edited.text);
        // The edit made him a user (an automation); he is removed again, so nobody here holds him.
        const removed = await call(backend, 'DELETE', '/manage/people/k-nw-frank', { token: olivia });
        assert.equal(removed.status, 200, removed.text);
        const frank = storage.store.contacts.get('k-nw-frank')!;
        await upsert(movers.get(storage)!, {
          contacts: [{ ...frank, companyId: 'c-globex', name: 'Frank at Globex' }],
        });
        const trail = await call(backend, 'GET', '/manage/audit', { token: olivia });
        assert.equal(trail.status, 200, trail.text);
        const entry = trail.body.items.find(
          (e: any) => e.object.type === 'contact' && e.object.id === 'k-nw-frank',
        );
        assert.equal(entry.object.name, 'Frank at Globex');
        answers.push(JSON.stringify(trail.body.items.map(({ at: _, ...e }: any) => e)));
      }
      assert.equal(answers[1], answers[0]);
    });

    it('companies loaded only by writes are let go too', async () => {
      const db = await openOn(target);
      const storage = await PostgresStorage.open(db, { world: manyCompanies(), heldCompanies: 4 });
      for (let i = 0; i < COMPANIES; i++)
        await upsert(storage, {
          contacts: [{ id: `k-m${i}-0`, companyId: `c-m${i}`, name: `Q ${i}`, email: `q${i}@m.example` }],
        });
      assert.ok(heldCompanies(storage).size <= 4, `holds ${heldCompanies(storage).size} companies`);
    });

    it("another instance's change reaches a held company by the catch-up, and any other by its next read", async () => {
      const [db, second] = await twoConnections(target);
      const a = await PostgresStorage.open(db, { world: manyCompanies() });
      const b = await PostgresStorage.open(second);
      await b.loadCompanies({ companies: ['c-m1'] });
      const person = (i: number, j: number) => ({
        id: `k-m${i}-${j}`,
        companyId: `c-m${i}`,
        name: `Renamed ${i}.${j}`,
        email: `p${i}.${j}@m.example`,
        featured: true,
      });
      // A changes a contact of a company B holds and one of a company B does not, and adds one.
      await upsert(a, {
        contacts: [person(1, 1), person(5, 2), { ...person(1, 3), name: 'New 1.3' }],
      });
      await b.refresh();
      assert.equal(b.store.contacts.get('k-m1-1')?.name, 'Renamed 1.1');
      assert.equal(b.store.contacts.get('k-m1-3')?.name, 'New 1.3');
      assert.equal(b.store.contacts.get('k-m5-2'), undefined, 'a company not held is not held after');
      await b.loadCompanies({ companies: ['c-m5'] });
      assert.equal(b.store.contacts.get('k-m5-2')?.name, 'Renamed 5.2');
      // Held contacts are the table's, in its order.
      assert.deepEqual(
        b.store.world.contacts.filter((c) => c.companyId === 'c-m1').map((c) => c.id),
        ['k-m1-0', 'k-m1-1', 'k-m1-2', 'k-m1-3'],
      );
      // Looked up by a contact: its company is read whole.
      await b.loadCompanies({ contacts: ['k-m7-0'] });
      assert.equal(b.store.world.contacts.filter((c) => c.companyId === 'c-m7').length, PEOPLE);
    });

    it("holds no company or portal at start, a signed-in portal's after, and lets both go with its contacts", async () => {
      const db = await openOn(target);
      const storage = await PostgresStorage.open(db, { world: manyCompanies(), heldCompanies: 4 });
      assert.deepEqual(heldLists(storage), { companies: [], portals: [] });
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const session = await signInTo(backend, 0);
      assert.deepEqual(heldLists(storage), { companies: ['c-m0'], portals: ['p-m0'] });
      for (let i = 1; i < COMPANIES; i++) await signInTo(backend, i);
      const held = heldLists(storage);
      assert.ok(held.companies.length <= 4, `holds ${held.companies.length} companies`);
      assert.deepEqual(
        held.portals,
        held.companies.map((c) => c.replace('c-', 'p-')),
        'each portal with its company',
      );
      assert.deepEqual([...heldCompanies(storage)].sort(), [...held.companies].sort());
      // A portal let go is read again, current, when its session's next request needs it.
      assert.ok(!held.portals.includes('p-m0'));
      const again = await call(backend, 'GET', '/bootstrap', { token: session });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.portal.name, 'Portal 0');
      assert.ok(heldLists(storage).portals.includes('p-m0'));
    });

    it("R11's extended groups decide on a company's whole group, read with it, as memory does", async () => {
      // Olivia (a CSM with extended groups) owns c-m0 and c-m5; c-m1 is c-m0's child, c-m2 its
      // grandchild; every other company is Zed's.
      const grouped = () => groupedWorld(['c-m0', 'c-m5'], { 'c-m1': 'c-m0', 'c-m2': 'c-m1' });
      const company = (id: string, change: { parentId?: string }) => {
        const { parentId: _, ...rest } = grouped().companies.find((c) => c.id === id)!;
        return { ...rest, ...change };
      };
      const [db, second] = await twoConnections(target);
      const a = await PostgresStorage.open(db, { world: grouped() });
      const b = await PostgresStorage.open(second);
      const answers: string[] = [];
      for (const [storage, mover] of [
        [new MemoryStorage(grouped()), undefined],
        [a, b],
      ] as const) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const open = async (portal: string) => exchange(backend, await tokenFor('olivia', { portal }));
        const grandchild = await open('p-m2');
        const unrelated = await open('p-m3');
        // The portfolio lists every portal she may open, read whatever the instance holds.
        const portfolio = await exchange(backend, await tokenFor('oliviaPortfolio'));
        const list = await call(backend, 'GET', '/portfolio?limit=500', {
          token: (portfolio.body as any).session.token,
        });
        assert.equal(list.status, 200, list.text);
        // Another instance takes c-m1 out of c-m0's group: her session in p-m2 ends at its next
        // request (the instance holds the group, and reads it again).
        await upsert(mover ?? storage, { companies: [company('c-m1', {})] });
        const left = await call(backend, 'GET', '/bootstrap', {
          token: (grandchild.body as any).session.token,
        });
        // Then c-m5, which the instance does not hold, joins c-m1's group under c-m2: p-m1 opens.
        await upsert(mover ?? storage, { companies: [company('c-m5', { parentId: 'c-m2' })] });
        const joined = await open('p-m1');
        answers.push(
          JSON.stringify({
            grandchild: grandchild.status,
            unrelated: unrelated.status,
            portfolio: list.body.items.map((row: any) => row.id),
            left: left.status,
            joined: joined.status,
          }),
        );
      }
      assert.equal(answers[1], answers[0]);
      const { portfolio, ...statuses } = JSON.parse(answers[0]!);
      assert.deepEqual(statuses, { grandchild: 200, unrelated: 403, left: 401, joined: 200 });
      assert.ok(portfolio.includes('p-m2') && !portfolio.includes('p-m3'), portfolio.join());
    });

    it("a contact's save reads every portal it is a user of, of any company, as memory does", async () => {
      // k-m0-0 is also a user of p-m1 (another company's portal, as an import may make it), where
      // k-m1-0 has the email k-m0-0 would change to: R16 refuses the save on both storages.
      const shared = () => {
        const world = manyCompanies();
        world.portals
          .find((p) => p.id === 'p-m1')!
          .users.push({
            contactId: 'k-m0-0',
            roleId: 'xr-viewer',
            active: true,
            admin: false,
            roleSetBy: 'hand',
          });
        world.portals.find((p) => p.id === 'p-m0')!.invitedInternalIds = ['u-csm-olivia'];
        return world;
      };
      const answers: string[] = [];
      for (const storage of [
        new MemoryStorage(shared()),
        await PostgresStorage.open(await openOn(target), { world: shared() }),
      ]) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const olivia = await exchange(backend, await tokenFor('olivia', { portal: 'p-m0' }));
        assert.equal(olivia.status, 200, olivia.text);
        const save = await call(backend, 'PATCH', '/contacts/k-m0-0', {
          token: (olivia.body as any).session.token,
          body: { email: 'p1.0@m.example' },
        });
        answers.push(`${save.status} ${save.body?.error?.code}`);
      }
      assert.equal(answers[1], answers[0]);
      assert.equal(answers[0], '409 email_in_use');
    });

    it('a group is held, used and let go whole: a request of a member keeps R11 whole, as memory does', async () => {
      // Olivia (a CSM with extended groups) owns c-m0 only; c-m1 is its child.
      const grouped = () => groupedWorld(['c-m0'], { 'c-m1': 'c-m0' });
      const answers: string[] = [];
      for (const storage of [
        new MemoryStorage(grouped()),
        await PostgresStorage.open(await openOn(target), { world: grouped(), heldCompanies: 3 }),
      ]) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const olivia = await exchange(backend, await tokenFor('olivia', { portal: 'p-m1' }));
        const token = (olivia.body as any).session.token;
        const statuses = [olivia.status];
        // Other companies come and go around her group.
        for (const i of [3, 4, 5, 6]) {
          await signInTo(backend, i);
          statuses.push((await call(backend, 'GET', '/bootstrap', { token })).status);
        }
        if (storage instanceof PostgresStorage) {
          const held = heldLists(storage).companies;
          assert.equal(held.includes('c-m0'), held.includes('c-m1'), `held whole or not at all: ${held}`);
        }
        answers.push(statuses.join(' '));
      }
      assert.equal(answers[1], answers[0]);
      assert.equal(answers[0], '200 200 200 200 200');
    });

    it("an instance's own import moving a company it holds under one it does not reads the group again", async () => {
      const grouped = () => groupedWorld(['c-m0']);
      const answers: string[] = [];
      for (const storage of [
        new MemoryStorage(grouped()),
        await PostgresStorage.open(await openOn(target), { world: grouped() }),
      ]) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const statuses = [(await exchange(backend, await tokenFor('olivia', { portal: 'p-m1' }))).status];
        await upsert(storage, {
          companies: [{ ...grouped().companies.find((c) => c.id === 'c-m1')!, parentId: 'c-m0' }],
        });
        statuses.push((await exchange(backend, await tokenFor('olivia', { portal: 'p-m1' }))).status);
        answers.push(statuses.join(' '));
      }
      assert.equal(answers[1], answers[0]);
      assert.equal(answers[0], '403 200');
    });

    it("a regroup elsewhere leaves a request's company whole and its lists in the table's order", async () => {
      const [db, second] = await twoConnections(target);
      const a = await PostgresStorage.open(db, { world: demoWorld() });
      const b = await PostgresStorage.open(second);
      const memory = new MemoryStorage(demoWorld());
      const answers: string[] = [];
      for (const [storage, mover] of [
        [memory, memory],
        [a, b],
      ] as const) {
        const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
        const alice = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token;
        // A request of this instance holds Northwind and waits…
        const { ready, release, running } = waitingRequest(storage, ['c-northwind'], () => [
          storage.store.portals.get('p-northwind')?.name,
          storage.store.tasks.get('tk-kickoff')?.title,
        ]);
        await ready;
        // …while another instance puts Globex under Initech, then renames a Northwind task.
        const globex = demoWorld().companies.find((c) => c.id === 'c-globex')!;
        await upsert(mover, { companies: [{ ...globex, parentId: 'c-initech' }] });
        await mover.write(async () => {
          await mover.loadCompanies({ companies: ['c-northwind'] });
          const task = mover.store.tasks.get('tk-kickoff')!;
          task.title = 'Kick-off (renamed)';
          mover.store.changed('tasks', task);
        });
        await storage.refresh();
        release();
        const tasks = await call(backend, 'GET', '/tasks', { token: alice });
        assert.equal(tasks.status, 200, tasks.text);
        answers.push(JSON.stringify({ running: await running, tasks: tasks.body }));
      }
      assert.equal(answers[1], answers[0]);
      const { running } = JSON.parse(answers[0]!);
      assert.equal(running[1], 'Kick-off (renamed)');
      assert.ok(running[0], 'the portal is still held');
    });
  });
