// Nothing lost (#14): a backend is killed (SIGKILL) while 8 writers create records; after each
// restart every acknowledged write is there, and no write is half applied (each created record
// has its audit entry, and each audit entry its record). On PGlite in a folder, and on the
// server when one answers.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { storedRecords, testDatabases, withSearchPath, SERVER_URL } from '../../helpers/databases.js';

const ROUNDS = 5;
const child = join(import.meta.dirname, 'kill-child.ts');

/** Runs the child until it has acknowledged `acks` writes (or 20 s passed), then SIGKILLs it. */
function runAndKill(kind: string, where: string, round: number, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, kind, where, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    const kill = () => proc.kill('SIGKILL');
    const timer = setTimeout(kill, 20_000);
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= acks) kill();
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended by itself: ${stderr}`));
      else resolve(acked);
    });
  });
}

for (const target of await testDatabases()) {
  describe(`nothing lost on ${target.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-kill-'));
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await target.cleanup();
    });

    it(`${ROUNDS} rounds of SIGKILL during concurrent writes: every acknowledged write is kept, none half applied`, async () => {
      let where = dir;
      if (target.name === 'postgres') {
        const schema = `pk_kill_${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`;
        const admin = await openDatabase({ url: SERVER_URL });
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.close();
        where = withSearchPath(SERVER_URL, schema);
        after(async () => {
          const cleanup = await openDatabase({ url: SERVER_URL });
          await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
          await cleanup.close();
        });
      }
      const acknowledged: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        acknowledged.push(...(await runAndKill(target.name, where, round, 40 + round * 17)));
        const db = await openDatabase(target.name === 'pglite' ? { dir } : { url: where });
        try {
          await PostgresStorage.open(db);
          const records = await storedRecords(db, 'License');
          const products = new Map(
            records
              .filter((r) => String(r.fields.product).startsWith('kill-'))
              .map((r) => [r.id, String(r.fields.product)]),
          );
          const kept = new Set(products.values());
          const lost = acknowledged.filter((p) => !kept.has(p));
          assert.deepEqual(lost, [], `acknowledged but lost after round ${round}`);
          const created = await db.query<{ id: string }>(
            `SELECT body->'object'->>'id' AS id FROM pk_appended WHERE list = 'audit' AND action = 'record.create'`,
          );
          const audited = new Set(created.map((row) => row.id));
          for (const id of products.keys()) assert.ok(audited.has(id), `record ${id} has no audit entry`);
          const orphans = [...audited].filter((id) => !records.some((r) => r.id === id));
          assert.deepEqual(orphans, [], 'audit entries of records that are not there');
          console.log(
            `${target.name} round ${round}: ${acknowledged.length} acknowledged, ${kept.size} kept`,
          );
        } finally {
          await db.close();
        }
      }
      assert.ok(acknowledged.length >= ROUNDS * 40);
    });
  });
}
