// #25 step 6: sorted pages and filtered counts read each field's order (`pk_record_order`), not
// every record. Two cases the differential test does not reach: a value whose key is too long for
// the order (the sort then reads the matches, and answers as memory does), and a database written
// before migration 13 (the migration builds the order from the records, and it serves the same).
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { DataStorage } from '../../../backend/src/ports/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { migrate } from '../../../backend/src/storage/postgres/migrations.js';
import { ORDER_KEY_MAX } from '../../../backend/src/storage/postgres/plans.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

/** Alice's reads and writes through the HTTP contract. */
async function alice(storage: DataStorage) {
  const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
  const token = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token as string;
  return {
    get: (path: string) => call(backend, 'GET', path, { token }),
    patch: (path: string, body: unknown) => call(backend, 'PATCH', path, { token, body }),
  };
}

/** Every page of the license list in `sort`, through its cursors: the answers' text. */
async function pagesOf(who: Awaited<ReturnType<typeof alice>>, sort: string): Promise<string[]> {
  const pages: string[] = [];
  let path: string | null = `/records/License?limit=2&sort=${sort}`;
  while (path) {
    const answer = await who.get(path);
    assert.equal(answer.status, 200, answer.text);
    pages.push(answer.text);
    path = answer.body.nextCursor
      ? `/records/License?limit=2&sort=${sort}&cursor=${encodeURIComponent(answer.body.nextCursor)}`
      : null;
  }
  return pages;
}

const SORTS = ['product', '-product', 'seats', '-seats', 'renewal', '-autoRenew'];

for (const target of await testDatabases()) {
  describe(`each field's order on ${target.name} (#25)`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await target.cleanup();
    });

    it(`a key longer than ${ORDER_KEY_MAX} characters: the sort reads the matches, and answers as memory does`, async () => {
      const db = await target.open();
      open.push(db);
      const sql = await alice(await PostgresStorage.open(db, { world: demoWorld() }));
      const memory = await alice(new MemoryStorage(demoWorld()));
      const list = (await memory.get('/records/License?limit=50')).body.items as { id: string }[];
      assert.ok(list.length >= 3, 'the demo portal shows licenses');
      // Two names of 183 characters (the field holds 200) whose keys are longer than the order
      // holds — each digit run is padded to 16 places — alike but for the last letter.
      const long = '9 '.repeat(90);
      for (const who of [sql, memory]) {
        for (const [id, product] of [
          [list[0]!.id, `${long} b`],
          [list[1]!.id, `${long} a`],
          [list[2]!.id, null],
        ] as const) {
          const answer = await who.patch(`/records/License/${id}?page=pg-licenses`, { fields: { product } });
          assert.equal(answer.status, 200, answer.text);
        }
      }
      const [held] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pk_records WHERE long_keys @> ARRAY['product']`,
      );
      assert.equal(held!.n, 2, 'the two long names are named in long_keys');
      for (const sort of SORTS) assert.deepEqual(await pagesOf(sql, sort), await pagesOf(memory, sort), sort);
      // Shortened again, the names go back into the order.
      await sql.patch(`/records/License/${list[0]!.id}?page=pg-licenses`, { fields: { product: 'Zeta' } });
      await memory.patch(`/records/License/${list[0]!.id}?page=pg-licenses`, { fields: { product: 'Zeta' } });
      await sql.patch(`/records/License/${list[1]!.id}?page=pg-licenses`, { fields: { product: 'Alpha' } });
      await memory.patch(`/records/License/${list[1]!.id}?page=pg-licenses`, {
        fields: { product: 'Alpha' },
      });
      for (const sort of SORTS) assert.deepEqual(await pagesOf(sql, sort), await pagesOf(memory, sort), sort);
    });

    it('a key made too long by another instance while a sorted page is read leaves no record out', async () => {
      const db = await target.open();
      open.push(db);
      const writer = await alice(await PostgresStorage.open(db, { world: demoWorld() }));
      const second = await target.again(db);
      if (second !== db) open.push(second);
      // The reader's statements; after the first that reads the records, the other instance
      // writes a long name, once.
      let write: (() => Promise<void>) | undefined;
      const reading: Database = {
        ...second,
        query: async (text, params) => {
          const rows = await second.query(text, params);
          if (write && /FROM pk_record/.test(text)) {
            const now = write;
            write = undefined;
            await now();
          }
          return rows as never;
        },
      };
      const reader = await alice(await PostgresStorage.open(reading));
      const before = (await reader.get('/records/License?limit=50&sort=product')).body;
      const renamed = before.items[0].id as string;
      write = async () => {
        const answer = await writer.patch(`/records/License/${renamed}?page=pg-licenses`, {
          fields: { product: `${'9 '.repeat(90)}x` },
        });
        assert.equal(answer.status, 200, answer.text);
      };
      const during = (await reader.get('/records/License?limit=50&sort=product')).body;
      assert.equal(write, undefined, 'the other instance wrote during the read');
      assert.equal(during.items.length, during.total);
      assert.ok(
        during.items.some((item: { id: string }) => item.id === renamed),
        'the renamed record is listed',
      );
    });

    it('a cursor made by hand pages on from its key as memory does (a text key is not folded again)', async () => {
      const db = await target.open();
      open.push(db);
      const sql = await alice(await PostgresStorage.open(db, { world: demoWorld() }));
      const memory = await alice(new MemoryStorage(demoWorld()));
      for (const [sort, key] of [
        ['product', 'Umber'],
        ['product', 'P9'],
        ['-product', 'Apfel'],
        ['seats', -0],
        ['-renewal', '2027-01-01'],
      ] as const) {
        const cursor = Buffer.from(JSON.stringify({ s: sort, k: key, i: 'license-1' })).toString('base64url');
        const path = `/records/License?limit=3&sort=${sort}&cursor=${cursor}`;
        const [fromSql, fromMemory] = [await sql.get(path), await memory.get(path)];
        assert.equal(fromSql.status, 200, fromSql.text);
        assert.equal(fromSql.text, fromMemory.text, `${sort} after ${key}`);
      }
    });

    it('a database holding the demo data from before migration 13 gets each field’s order, and serves the same pages and counts', async () => {
      const db = await target.open();
      open.push(db);
      const before = await alice(await PostgresStorage.open(db, { world: demoWorld() }));
      await before.patch('/records/License/license-1?page=pg-licenses', {
        fields: { seats: 7, renewal: null },
      });
      const reads = async (who: Awaited<ReturnType<typeof alice>>) => [
        ...(await Promise.all(SORTS.map((sort) => pagesOf(who, sort)))).flat(),
        (await who.get('/records/License?limit=1&filter=seats:gte:10')).text,
      ];
      const expected = await reads(before);
      const orderRows = `SELECT o.tenant_id, l.model, l.company_id, l.portal_id, l.field, o.k, o.ord
        FROM pk_record_order o JOIN pk_order_lists l ON l.tenant_id = o.tenant_id AND l.id = o.list
        ORDER BY 1, 2, 3, 4, 5, 6, 7`;
      const written = await db.query(orderRows);
      assert.ok(written.length > 0, 'the writes keep the order');
      // The layout before migration 13.
      await db.exec(`
        DROP TABLE pk_record_order, pk_order_lists;
        DROP INDEX pk_records_long_keys;
        ALTER TABLE pk_records DROP COLUMN order_keys, DROP COLUMN long_keys;
        DELETE FROM schema_migrations WHERE version = 13;`);
      assert.deepEqual(await migrate(db), [13]);
      assert.deepEqual(await db.query(orderRows), written);
      const after = await alice(await PostgresStorage.open(db));
      assert.deepEqual(await reads(after), expected);
    });
  });
}
