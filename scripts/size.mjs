// npm run size: minified+gzip size of each public entry (dependencies included) against
// size-budgets.json. "initial" = the entry plus every chunk it imports statically;
// chunks reached only through import() are lazy and reported on their own.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { browserEntries } from './entries.mjs';

const budgets = JSON.parse(readFileSync('size-budgets.json', 'utf8'));
const result = await build({
  entryPoints: browserEntries,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  write: false,
  metafile: true,
  outdir: 'out',
  tsconfig: 'tsconfig.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  conditions: ['production'],
  // A React host has React already: portalkit/react is measured without it.
  external: ['react', 'react-dom'],
  logLevel: 'warning',
});

const gzipOf = new Map(
  result.outputFiles.map((f) => [
    f.path.slice(f.path.indexOf('out/')),
    gzipSync(f.contents, { level: 9 }).length,
  ]),
);
const outputs = result.metafile.outputs;
const kb = (bytes) => (bytes / 1024).toFixed(1);

function closure(file, kind) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of outputs[f].imports) if (i.kind === kind && outputs[i.path]) walk(i.path);
  };
  walk(file);
  return seen;
}

const sum = (files) => [...files].reduce((total, f) => total + gzipOf.get(f), 0);
let failed = false;
// Lazy chunks cost what they add on top of the entry that loads them.
const lazy = new Map();
for (const [file, meta] of Object.entries(outputs)) {
  const name = file.replace(/^out\//, '').replace(/\.js$/, '');
  // esbuild marks import() targets as entry points too: report only the public entries here.
  if (!meta.entryPoint || !(name in browserEntries)) continue;
  const initial = closure(file, 'import-statement');
  for (const f of initial) {
    for (const i of outputs[f].imports) {
      if (i.kind !== 'dynamic-import') continue;
      const extra = [...closure(i.path, 'import-statement')].filter((x) => !initial.has(x));
      lazy.set(i.path, Math.max(lazy.get(i.path) ?? 0, sum(extra)));
    }
  }
  const bytes = sum(initial);
  const budget = budgets.initial[name];
  const over = budget !== undefined && bytes / 1024 > budget;
  failed ||= over;
  console.log(
    `size ${name}: ${kb(bytes)} KB gzip${budget === undefined ? '' : ` (budget ${budget} KB)${over ? ' OVER' : ''}`}`,
  );
}
// portalkit/react costs what it loads beyond the elements (portalkit and portalkit/classes).
const initialOf = (name) => closure(`out/${name}.js`, 'import-statement');
const elementFiles = new Set([...initialOf('index'), ...initialOf('portalkit')]);
const reactExtra = sum([...initialOf('react')].filter((f) => !elementFiles.has(f)));
const reactOver = reactExtra / 1024 > budgets.reactOverElements;
failed ||= reactOver;
console.log(
  `size react over the elements: +${kb(reactExtra)} KB gzip (budget ${budgets.reactOverElements} KB)${reactOver ? ' OVER' : ''}`,
);
for (const [file, bytes] of lazy) {
  const over = bytes / 1024 > budgets.lazyChunk;
  failed ||= over;
  console.log(
    `size lazy ${file.replace(/^out\//, '')}: +${kb(bytes)} KB gzip (budget ${budgets.lazyChunk} KB)${over ? ' OVER' : ''}`,
  );
}
if (failed) {
  console.error('size: over budget');
  process.exit(1);
}
