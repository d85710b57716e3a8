// npm run bench: runs every bench/*.bench.ts in turn; each prints `name: value unit` lines.
// `npm run bench -- start storage` runs those whose name starts with one of the words given.
// Exits non-zero when a figure is over its budget.
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((word) => f.startsWith(word)))
  .sort();
if (files.length === 0)
  console.log(
    only.length ? `bench: no benchmark starts with ${only.join(' or ')}` : 'bench: no benchmarks yet',
  );
let ok = true;
for (const file of files) {
  const mod = (await import(`./${file}`)) as { run: () => Promise<boolean> };
  ok = (await mod.run()) && ok;
}
if (!ok) process.exit(1);
