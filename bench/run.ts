// npm run bench: runs every bench/*.bench.ts in turn; each prints `name: value unit` lines.
// Exits non-zero when a figure is over its budget.
import { readdirSync } from 'node:fs';

const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
if (files.length === 0) console.log('bench: no benchmarks yet');
let ok = true;
for (const file of files) {
  const mod = (await import(`./${file}`)) as { run: () => Promise<boolean> };
  ok = (await mod.run()) && ok;
}
if (!ok) process.exit(1);
