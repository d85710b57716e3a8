// A PGlite folder belongs to one process at a time: two processes writing to one folder lose
// writes and can leave it unreadable, so the second is refused with a sentence that says what to
// do; a lock left by a process that is gone (kill -9) is taken over.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../../backend/src/storage/postgres/database.js';

const root = mkdtempSync(join(tmpdir(), 'pk-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('one process per PGlite folder', () => {
  it('a second opener of the same folder is refused, naming the holder; after close it may open', async () => {
    const dir = join(root, 'shared');
    const first = await openDatabase({ dir });
    // Another process, as a second `npm start` would be.
    const second = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./backend/src/storage/postgres/database.ts').then((m) => m.openDatabase({ dir: ${JSON.stringify(dir)} })).then(() => console.log('opened'), (e) => { console.log(e.message); process.exit(3); })`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(second.status, 3, second.stdout + second.stderr);
    assert.match(second.stdout, new RegExp(`in use by process ${process.pid}`));
    assert.match(second.stdout, /PORTALKIT_DATA_DIR/);
    // In this process too: one open at a time.
    await assert.rejects(openDatabase({ dir }), /in use by process/);
    await first.close();
    assert.equal(existsSync(`${dir}.lock`), false, 'released on close');
    const again = await openDatabase({ dir });
    await again.close();
  });

  it('a lock whose process is gone is taken over', async () => {
    const dir = join(root, 'stale');
    const gone = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const pid = gone.pid!;
    gone.kill('SIGKILL');
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(`${dir}.lock`, String(pid));
    const db = await openDatabase({ dir });
    assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
    await db.close();
  });
});
