// Child process of the kill test: a backend on the database named by its arguments, creating
// records through the HTTP contract 8 at a time, printing `ack <product>` for each one answered
// 201 — until the parent kills it with SIGKILL.
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { openDatabase } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';

const [kind, where, round] = process.argv.slice(2) as ['pglite' | 'postgres', string, string];
const db = await openDatabase(kind === 'pglite' ? { dir: where } : { url: where });
const backend = new Backend({
  keys: DEV_VERIFY_KEYS,
  storage: await PostgresStorage.open(db, { world: demoWorld() }),
});
const alice = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token;
process.stdout.write('ready\n');
let n = 0;
const writer = async () => {
  for (;;) {
    const product = `kill-${round}-${n++}`;
    const created = await call(backend, 'POST', '/records/License?page=pg-licenses', {
      token: alice,
      body: { fields: { product, seats: 1, renewal: '2027-01-01' } },
    });
    if (created.status !== 201) throw new Error(created.text);
    process.stdout.write(`ack ${product}\n`);
  }
};
await Promise.all(Array.from({ length: 8 }, writer));
