// npm run layout: the largest source files of the SDK's parts and of the backend, in lines, with
// the median — parts should read in one sitting (#24; Shoelace's parts: median 139, largest ~1,000).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
const lines = (path) => readFileSync(path, 'utf8').split('\n').length;

for (const dir of ['src/components', 'backend/src', 'server-mock']) {
  const sized = files(dir)
    .map((path) => ({ path, lines: lines(path) }))
    .sort((a, b) => b.lines - a.lines);
  const counts = sized.map((f) => f.lines).sort((a, b) => a - b);
  const median = counts[Math.floor(counts.length / 2)] ?? 0;
  console.log(`${dir}: ${sized.length} files, median ${median} lines`);
  for (const f of sized.slice(0, 8)) console.log(`  ${String(f.lines).padStart(5)}  ${f.path}`);
}
