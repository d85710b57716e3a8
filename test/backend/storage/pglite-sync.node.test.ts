// A write on PGlite is on disk before it is acknowledged (#25 item 7): PGlite syncs its files after
// a single statement but not after a transaction's COMMIT (electric-sql/pglite#1065), so the
// storage syncs explicitly after each transaction — checked here, not assumed.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../../backend/src/storage/postgres/database.js';

describe('PGlite: the sync after COMMIT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pk-sync-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a transaction resolves only after PGlite synced what it committed', async () => {
    const db = await openDatabase({ dir: join(dir, 'db') });
    const events: string[] = [];
    const original = PGlite.prototype.syncToFs;
    PGlite.prototype.syncToFs = async function (this: PGlite, ...args: Parameters<PGlite['syncToFs']>) {
      events.push('sync');
      return original.apply(this, args);
    };
    try {
      await db.exec('CREATE TABLE t (n int)');
      events.length = 0;
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        events.push('work done');
      });
      events.push('acknowledged');
      // The statements inside the transaction sync nothing (PGlite syncs after BEGIN); the commit
      // is followed by a sync before the caller hears of it.
      assert.deepEqual(events.slice(events.indexOf('work done')), ['work done', 'sync', 'acknowledged']);
    } finally {
      PGlite.prototype.syncToFs = original;
      await db.close();
    }
  });
});
