// File bytes leave the world (#25 step 2): uploads are stored in the blob table in chunks, before
// their write and outside it; the stored world holds the key only. A refused or replayed upload
// leaves no bytes behind, a removed file's bytes go with it, and a database written before
// migration 5 gets its files' inline bytes moved out. On PGlite, and on the server when it answers.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { BLOB_CHUNK } from '../../../backend/src/storage/postgres/blobs.js';
import { migrate } from '../../../backend/src/storage/postgres/migrations.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { BEFORE_TENANTS, testDatabases } from '../../helpers/databases.js';

const pdf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 251;
  return bytes;
};

async function upload(backend: Backend, token: string, name: string, bytes: Uint8Array, key?: string) {
  const response = await backend.handle(
    new Request(`http://portal.test/api/files?page=pg-files&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: bytes as unknown as ArrayBuffer,
    }),
  );
  return { status: response.status, body: await response.json() };
}

for (const target of await testDatabases()) {
  describe(`file bytes in the blob table on ${target.name}`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await target.cleanup();
    });
    const blobCount = async (db: Database) =>
      (await db.query<{ n: number }>('SELECT count(DISTINCT key)::int AS n FROM pk_blobs'))[0]!.n;

    it('an upload is stored in chunks, downloaded whole, and never in the world; removal takes its bytes', async () => {
      const db = await target.open();
      open.push(db);
      const storage = await PostgresStorage.open(db, { world: demoWorld() });
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const alice = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token;
      const olivia = ((await exchange(backend, await tokenFor('olivia'))).body as any).session.token;
      const before = await blobCount(db);
      assert.ok(before > 0, 'the demo world’s inline files were moved to blobs');
      const bytes = pdf(BLOB_CHUNK * 2 + 123);
      const answer = await upload(backend, alice, 'Board pack.pdf', bytes);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const id = answer.body.id as string;
      const parts = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pk_blobs b JOIN pk_entities e ON e.list = 'files' AND e.id = $1
          WHERE b.key = e.body->>'blob'`,
        [id],
      );
      assert.equal(parts[0]!.n, 3, 'three chunks');
      const [entity] = await db.query<{ body: string }>(
        `SELECT body::text AS body FROM pk_entities WHERE list = 'files' AND id = $1`,
        [id],
      );
      assert.ok(!entity!.body.includes('"content"'), 'no bytes in the entity');
      assert.ok(entity!.body.length < 1000);
      const download = await backend.handle(
        new Request(`http://portal.test/api/files/${id}/content`, {
          headers: { authorization: `Bearer ${alice}` },
        }),
      );
      assert.equal(download.status, 200);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), bytes);
      // A refused upload (a PDF named .png) and a replayed one leave no bytes behind.
      assert.equal((await upload(backend, alice, 'fake.png', pdf(100))).status, 415);
      const key = crypto.randomUUID();
      assert.equal((await upload(backend, alice, 'Twice.pdf', pdf(200), key)).status, 201);
      assert.equal((await upload(backend, alice, 'Twice.pdf', pdf(200), key)).status, 201);
      assert.equal(await blobCount(db), before + 2);
      // A malformed key is refused before the bytes are stored.
      assert.equal((await upload(backend, alice, 'Spaced.pdf', pdf(200), 'has space')).status, 400);
      assert.equal(await blobCount(db), before + 2);
      const removed = await call(backend, 'DELETE', `/files/${id}?page=pg-files`, { token: olivia });
      assert.equal(removed.status, 200, removed.text);
      assert.equal(await blobCount(db), before + 1);
    });

    it('a database written before migration 5 gets its files’ inline bytes moved to the blob table', async () => {
      const db = await target.open();
      open.push(db);
      const storage = await PostgresStorage.open(db, { world: demoWorld() });
      const bob = (
        (await exchange(new Backend({ keys: DEV_VERIFY_KEYS, storage }), await tokenFor('bob'))).body as any
      ).session.token;
      const [file] = await db.query<{ id: string; key: string }>(
        `SELECT id, body->>'blob' AS key FROM pk_entities WHERE list = 'files' AND id = 'f-welcome'`,
      );
      const served = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const expected = await call(served, 'GET', `/files/${file!.id}/content`, { token: bob });
      assert.equal(expected.status, 200, expected.text);
      assert.ok(file!.key, 'the demo file has a blob');
      // The layout before migration 5: bytes inline as base64, no blob table.
      const rows = await db.query<{ bytes: Uint8Array }>(
        'SELECT bytes FROM pk_blobs WHERE key = $1 ORDER BY part',
        [file!.key],
      );
      const inline = btoa(String.fromCharCode(...rows.flatMap((r) => [...r.bytes])));
      await db.query(
        `UPDATE pk_entities SET body = (jsonb_set(body::jsonb - 'blob', '{content}', to_jsonb($2::text)))::json
          WHERE list = 'files' AND id = $1`,
        [file!.id, inline],
      );
      await db.exec(BEFORE_TENANTS);
      await db.query('DROP TABLE pk_blobs');
      await db.query('DELETE FROM schema_migrations WHERE version = 5');
      assert.deepEqual(await migrate(db), [5, 8]);
      const [moved] = await db.query<{ body: string }>(
        `SELECT body::text AS body FROM pk_entities WHERE list = 'files' AND id = $1`,
        [file!.id],
      );
      assert.ok(!moved!.body.includes('"content"'));
      const again = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(db) });
      const token = ((await exchange(again, await tokenFor('bob'))).body as any).session.token;
      const answer = await call(again, 'GET', `/files/${file!.id}/content`, { token });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.text, expected.text);
    });
  });
}
