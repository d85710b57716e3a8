// An instance alone on PGlite (#25): the only writer of its tenant, so a read asks the database
// for its page only — no head, no session (kept) — and nothing it answers differs from an
// instance that asks: an ended session, a reset and a second instance on the database are seen.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { openDatabase, type Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { call, signIn } from '../../helpers/backend.js';

const RECORD = demoWorld().records.License!.find((r) => r.portalIds.includes('p-northwind'))!.id;

/** `db` as a storage sees it, counting the statements sent outside a write. */
function counted(db: Database) {
  const sent: string[] = [];
  const proxy: Database = Object.create(db);
  proxy.query = (text, params) => {
    sent.push(text);
    return db.query(text, params);
  };
  return { proxy, sent };
}

describe('an instance alone on PGlite (#25)', () => {
  it('reads a list in one statement, and sees a session end at once', async () => {
    const db = await openDatabase();
    const { proxy, sent } = counted(db);
    const storage = await PostgresStorage.open(proxy, { world: demoWorld() });
    const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
    const olivia = await signIn(backend, 'olivia');
    assert.equal((await olivia.get('/records/License?limit=50')).status, 200);
    sent.length = 0;
    const list = await olivia.get('/records/License?limit=50');
    assert.equal(list.status, 200, list.text);
    assert.equal(sent.length, 1, `one statement, the page's: ${sent.join(' | ')}`);
    assert.match(sent[0]!, /pk_records/);

    // Ended on this instance: refused on the next request, from what it keeps too.
    assert.equal((await olivia.del('/session')).status, 204);
    assert.equal((await olivia.get('/records/License?limit=50')).status, 401);
    await storage.close();
  });

  it('sees its own reset: the new world, and no session of the old one', async () => {
    const storage = await PostgresStorage.open(await openDatabase(), { world: demoWorld() });
    const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
    const olivia = await signIn(backend, 'olivia');
    assert.equal((await olivia.get(`/records/License/${RECORD}`)).status, 200);
    const world = demoWorld();
    world.records.License = world.records.License!.filter((r) => r.id !== RECORD);
    world.pages.find((p) => p.id === 'pg-licenses')!.title = 'Seats and renewals';
    await storage.reset(world);
    assert.equal((await olivia.get('/records/License?limit=50')).status, 401, 'the reset ended it');
    const again = await signIn(backend, 'olivia');
    assert.equal((await again.get(`/records/License/${RECORD}`)).status, 404);
    const page = await again.get('/pages/pg-licenses');
    assert.equal(page.body.title, 'Seats and renewals', page.text);
    await storage.close();
  });

  it('answers a read beside its open write after the write ends, never with what it rolled back', async () => {
    let hold!: Promise<void>;
    let fail!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    let armed = false;
    const storage = await PostgresStorage.open(await openDatabase(), {
      world: demoWorld(),
      beforeCommit: async () => {
        if (!armed) return;
        armed = false;
        hold = new Promise((_, reject) => (fail = () => reject(new Error('rolled back by the test'))));
        reached();
        await hold;
      },
    });
    const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
    const olivia = await signIn(backend, 'olivia');
    const alice = await signIn(backend, 'alice');
    assert.equal((await alice.get('/contacts')).status, 200);
    armed = true;
    const error = console.error;
    console.error = () => {}; // the write's 500 is this test's doing
    try {
      const renaming = olivia.patch('/contacts/k-nw-frank', { name: 'Frank Uncommitted' });
      await held;
      let answered = false;
      const reading = alice.get('/contacts').then((answer) => ((answered = true), answer));
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      assert.equal(answered, false, 'the read waits for the write');
      fail();
      assert.equal((await renaming).status, 500);
      const read = await reading;
      assert.equal(read.status, 200, read.text);
      assert.ok(read.text.includes('k-nw-frank'), read.text);
      assert.ok(!read.text.includes('Uncommitted'), read.text);
    } finally {
      console.error = error;
    }
    await storage.close();
  });

  it('is not alone once a second instance opens on the database: each sees the other’s writes and ended sessions', async () => {
    const db = await openDatabase();
    const { proxy, sent } = counted(db);
    const a = new Backend({
      keys: DEV_VERIFY_KEYS,
      storage: await PostgresStorage.open(proxy, { world: demoWorld(), closesDatabase: false }),
    });
    const olivia = await signIn(a, 'olivia');
    assert.equal((await olivia.get('/records/License?limit=50')).status, 200);
    // Kept by `a` while alone.
    assert.equal((await olivia.get(`/records/License/${RECORD}`)).status, 200);

    const b = new Backend({
      keys: DEV_VERIFY_KEYS,
      storage: await PostgresStorage.open(db, { closesDatabase: false }),
    });
    const edited = await call(b, 'PATCH', `/records/License/${RECORD}?page=pg-licenses`, {
      token: olivia.token,
      body: { fields: { seats: 41 } },
    });
    assert.equal(edited.status, 200, edited.text);
    sent.length = 0;
    const seen = await olivia.get(`/records/License/${RECORD}`);
    assert.equal(seen.body.seats, 41, seen.text);
    assert.ok(sent.length >= 2, 'the head is read again, with the session');
    // What `a` holds (a contact of a company it serves) follows b's write too.
    const alice = await signIn(a, 'alice');
    const before = await alice.get('/contacts');
    assert.ok(before.text.includes('Frank'), before.text);
    const renamed = await call(b, 'PATCH', '/contacts/k-nw-frank', {
      token: olivia.token,
      body: { name: 'Frank Renamed' },
    });
    assert.equal(renamed.status, 200, renamed.text);
    const after = await alice.get('/contacts');
    assert.ok(after.text.includes('Frank Renamed'), after.text);

    assert.equal((await call(b, 'DELETE', '/session', { token: olivia.token })).status, 204);
    assert.equal((await olivia.get('/records/License?limit=50')).status, 401, 'ended on b, refused by a');
    await db.close();
  });
});
