// One instance's start, in a process of its own (bench/start.bench.ts): opens the tenant's storage
// on the database at `url` (or the PGlite folder `dir`) and prints, as one JSON line, how long it
// took and how much the heap grew (after a full collection either side).
import { openDatabase } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';

const [where, tenant] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench: run with --expose-gc');
const db = await openDatabase(where.startsWith('postgres') ? { url: where } : { dir: where });
gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const storage = await PostgresStorage.open(db, { tenant, closesDatabase: false });
const ms = performance.now() - started;
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ ms, heapMb, held: storage.store.world.contacts.length })}\n`);
await storage.close();
await db.close();
