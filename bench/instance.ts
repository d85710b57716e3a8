// One backend instance in a process of its own, for the throughput bench: `memory` (the demo
// world in memory), `pglite` (the demo world in an in-process PGlite) or `postgres <url> [pool]`
// (the data already in that database, at most `pool` connections). Prints `port <n>` once it
// listens on loopback.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { nodeHandler } from '../backend/src/adapters/node.js';
import { openDatabase } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import { demoWorld } from '../server-mock/demo-world.js';

const [kind, url, pool] = process.argv.slice(2);
const storage =
  kind === 'memory'
    ? new MemoryStorage(demoWorld())
    : kind === 'pglite'
      ? await PostgresStorage.open(await openDatabase(), { world: demoWorld() })
      : await PostgresStorage.open(
          await openDatabase({ url: url!, ...(pool ? { poolSize: Number(pool) } : {}) }),
        );
const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
const server = createServer(nodeHandler(backend, { rateLimits: false })).listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
});
