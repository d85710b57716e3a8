// #25 step 2, part: a task's comments are read a page at a time where they are kept — in SQL one
// range of the (tenant, task, place) index — and every storage answers the same pages, cursors
// included, byte for byte. A cursor naming another task's comment, or none, is refused alike.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { DataStorage } from '../../../backend/src/ports/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import type { World } from '../../../backend/src/world/schema.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const databases = await testDatabases();
const open: Database[] = [];
after(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => {});
  for (const target of databases) await target.cleanup();
});

/** The demo world with 120 more comments, those of two tasks interleaved. */
function world(): World {
  const base = demoWorld();
  const first = base.comments.find((c) => c.taskId === 'tk-sso')!;
  const otherTask = base.tasks.find((t) => t.id !== 'tk-sso')!.id;
  for (let i = 0; i < 120; i++)
    base.comments.push({
      ...structuredClone(first),
      id: `cm-extra-${i}`,
      taskId: i % 3 ? 'tk-sso' : otherTask,
      body: `Extra ${i}`,
    });
  return base;
}

describe("a task's comments, a page at a time (#25)", () => {
  const storages: { name: string; open: () => Promise<DataStorage> }[] = [
    { name: 'memory', open: async () => new MemoryStorage(world()) },
    ...databases.map((target) => ({
      name: target.name,
      open: async () => {
        const db = await target.open();
        open.push(db);
        return PostgresStorage.open(db, { world: world() });
      },
    })),
  ];
  const answers = new Map<string, string[]>();

  for (const storage of storages)
    it(`every comment once across the pages, newest page first, after a new one too (${storage.name})`, async () => {
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage: await storage.open() });
      const token = ((await exchange(backend, await tokenFor('bob'))).body as any).session.token;
      const get = (path: string) => call(backend, 'GET', path, { token });
      const posted = await call(backend, 'POST', '/tasks/tk-sso/comments?page=pg-onboarding', {
        token,
        body: { body: 'The newest.' },
      });
      assert.equal(posted.status, 201, posted.text);
      const texts: string[] = [];
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`/tasks/tk-sso/comments?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, page.text);
        // The new comment's id and time are its storage's own; the rest is the same everywhere.
        texts.push(page.text.replace(posted.body.id, '<new>').replace(posted.body.createdAt, '<now>'));
        seen.unshift(...page.body.items.map((c: any) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.equal(seen.at(-1), posted.body.id);
      assert.equal(new Set(seen).size, seen.length);
      // Another task's comment (cm-extra-0), or an unknown id, is no cursor of this task.
      for (const bad of ['cm-extra-0', 'cm-none'])
        assert.equal((await get(`/tasks/tk-sso/comments?cursor=${bad}`)).body.error.code, 'bad_request');
      answers.set(storage.name, texts);
      assert.deepEqual(answers.get(storage.name), [...answers.values()][0]);
    });
});
