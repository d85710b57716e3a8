// Uploaded files stay out of an instance's memory (#25 step 2): a world holding 40 files of
// 1 MiB each, opened on PGlite, grows the heap by a small fraction of their bytes (they are in
// the blob table; the instance keeps names and keys). Before #25 they were base64 in the world:
// +55.9 MiB of heap for 40 MiB of files (1.40 x).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { report } from './report.js';

const FILES = 40;
const BYTES = 1 << 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapAfterOpen(files: number): Promise<number> {
  const world = demoWorld();
  const bytes = new Uint8Array(BYTES).fill(65);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const content = btoa(binary);
  const template = world.files[0]!;
  for (let i = 0; i < files; i++)
    world.files.push({ ...template, id: `bench-${i}`, name: `bench-${i}.txt`, size: BYTES, content });
  const db = await openDatabase();
  const storage = await PostgresStorage.open(db, { world });
  world.files.length = 0;
  gc();
  gc();
  const heap = process.memoryUsage().heapUsed;
  await storage.close();
  return heap;
}

export async function run(): Promise<boolean> {
  gc();
  const without = await heapAfterOpen(0);
  const withFiles = await heapAfterOpen(FILES);
  const growth = (withFiles - without) / (FILES * BYTES);
  return report('backend.files_heap_per_file_byte', growth, 'x', { max: 0.25 });
}
