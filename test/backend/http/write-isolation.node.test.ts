// #22 item 5: nothing unauthenticated or slow runs inside a write (the storage's write holds a
// database-wide lock): a request without a valid session is answered before any write begins,
// and an upload's bytes arrive before its write — while one is still arriving, other writes go on.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { openDatabase } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { DataStorage } from '../../../backend/src/ports/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';

/** Counts the writes a storage begins. */
function counted(storage: DataStorage) {
  const seen = { writes: 0 };
  const write = storage.write.bind(storage);
  storage.write = (work) => {
    seen.writes++;
    return write(work);
  };
  return seen;
}

const storages: [string, () => Promise<DataStorage>][] = [
  ['memory', async () => new MemoryStorage(demoWorld())],
  ['PGlite', async () => PostgresStorage.open(await openDatabase(), { world: demoWorld() })],
];

for (const [name, open] of storages)
  describe(`writes hold nothing for the unauthenticated or the slow (${name})`, () => {
    const opened: DataStorage[] = [];
    after(() => Promise.all(opened.map((s) => s.close())));

    it('a write without a valid session is refused before any write begins', async () => {
      const storage = await open();
      opened.push(storage);
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const seen = counted(storage);
      for (const [method, path, body] of [
        ['PATCH', '/records/License/license-1?page=pg-licenses', { fields: { seats: 1 } }],
        ['POST', '/activity', { events: [] }],
        ['PUT', '/manage/branding', { overrides: { primary: '#123456' } }],
        ['POST', '/files?page=pg-files&name=a.txt', undefined],
        ['DELETE', '/files/f-welcome?page=pg-files', undefined],
      ] as const) {
        for (const token of [undefined, 'not-a-session']) {
          const answer = await call(backend, method, path, {
            ...(token ? { token } : {}),
            ...(body ? { body } : {}),
          });
          assert.equal(answer.status, 401, `${method} ${path}: ${answer.text}`);
        }
      }
      assert.equal(seen.writes, 0, 'no write began');
    });

    it('while an upload is still arriving, no write waits for it; its own write begins once its bytes are in', async () => {
      const storage = await open();
      opened.push(storage);
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      const session = ((await exchange(backend, await tokenFor('alice'))).body as any).session
        .token as string;
      const seen = counted(storage);
      let send!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
      const upload = backend.handle(
        new Request('http://portal.test/api/files?page=pg-files&name=notes.txt', {
          method: 'POST',
          headers: { authorization: `Bearer ${session}`, 'content-type': 'text/plain' },
          body,
          duplex: 'half',
        } as RequestInit),
      );
      send.enqueue(new TextEncoder().encode('first half, '));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(seen.writes, 0, 'the upload holds no write while its body arrives');
      // Another write of the same person goes through meanwhile.
      const saved = await call(backend, 'PUT', '/tasks/tk-sso/status?page=pg-onboarding', {
        token: session,
        body: { status: 'done' },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(seen.writes, 1);
      send.enqueue(new TextEncoder().encode('second half'));
      send.close();
      const stored = await upload;
      assert.equal(stored.status, 201, await stored.clone().text());
      assert.equal(seen.writes, 2, 'its write began once the bytes were in');
      assert.equal(((await stored.json()) as any).name, 'notes.txt');
    });
  });
