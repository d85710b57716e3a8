// Idempotency-Key on a database (#25 item 3), on PGlite and the server: the answer is stored in the
// write's own transaction, so a retry sent to another instance — or after a restart — gets the
// first answer and creates nothing; a reset of the data forgets every kept answer.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { Backend } from '../../../backend/src/http/backend.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const CREATE = '/records/License?page=pg-licenses';
const body = { fields: { product: 'Kept once', seats: 2 } };
const headers = { 'idempotency-key': 'retry-me' };

for (const target of await testDatabases()) {
  describe(`Idempotency-Key on ${target.name}`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => {});
      await target.cleanup();
    });

    it('a retry on another instance, and after a restart, replays the first answer', async () => {
      const first = await target.open();
      open.push(first);
      const second = await target.again(first);
      if (second !== first) open.push(second);
      const a = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(first, { world: demoWorld() }),
      });
      const b = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(second) });
      const token = ((await exchange(a, await tokenFor('alice'))).body as any).session.token as string;

      const created = await call(a, 'POST', CREATE, { token, body, headers });
      assert.equal(created.status, 201, created.text);
      const retried = await call(b, 'POST', CREATE, { token, body, headers });
      assert.equal(retried.status, 201);
      assert.equal(retried.text, created.text);
      assert.equal(retried.headers.get('idempotent-replayed'), 'true');

      const restarted = new Backend({ keys: DEV_VERIFY_KEYS, storage: await PostgresStorage.open(second) });
      const afterRestart = await call(restarted, 'POST', CREATE, { token, body, headers });
      assert.equal(afterRestart.text, created.text);
      const list = await call(restarted, 'GET', '/records/License?q=Kept%20once', { token });
      assert.deepEqual(
        (list.body as any).items.map((r: any) => r.id),
        [(created.body as any).id],
      );
      const [row] = await first.query<{ n: number }>('SELECT count(*)::int AS n FROM pk_idempotency');
      assert.equal(row!.n, 1);

      // Past the window an answer is not replayed, and its key is free again (replaced, not refused).
      const later = Date.now() + 25 * 3600_000;
      const [kept] = await first.query<{ scope: string }>('SELECT scope FROM pk_idempotency');
      assert.equal(await restarted.storage.idempotency.get(kept!.scope, 'retry-me', later), undefined);
      await restarted.storage.write(() =>
        restarted.storage.idempotency.put(
          kept!.scope,
          'retry-me',
          { fingerprint: 'new', status: 201, contentType: 'application/json', body: '{}' },
          later,
        ),
      );
      assert.equal(
        (await restarted.storage.idempotency.get(kept!.scope, 'retry-me', later))?.fingerprint,
        'new',
      );

      await restarted.storage.reset(demoWorld());
      const [cleared] = await first.query<{ n: number }>('SELECT count(*)::int AS n FROM pk_idempotency');
      assert.equal(cleared!.n, 0);
    });
  });
}
