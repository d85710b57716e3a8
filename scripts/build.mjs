// npm run build: library to dist/ (ESM + .d.ts), custom-elements.json, openapi.json,
// world.schema.json. Changes no tracked file.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { binEntries, browserEntries, manifestArgs, nodeEntries } from './entries.mjs';

const started = performance.now();
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].flatMap(
  (dep) => [dep, `${dep}/*`],
);

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  external,
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: browserEntries,
  outdir: 'dist',
  splitting: true,
  platform: 'browser',
  chunkNames: 'chunks/[name]-[hash]',
});
await build({
  ...common,
  entryPoints: nodeEntries,
  outdir: 'dist',
  platform: 'node',
  // The command lines share the backend's code with portalkit/backend instead of copying it.
  splitting: true,
  chunkNames: 'chunks/node-[name]-[hash]',
});
// The command lines (package.json `bin`) run as programs.
for (const bin of binEntries) chmodSync(`dist/${bin}.js`, 0o755);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['tsc', '-p', 'tsconfig.backend.json']);
// portalkit/jsx/*: hand-off typings generated from the manifest (scripts/framework-bindings.mjs).
cpSync('src/jsx', 'dist/types/jsx', { recursive: true });
run('npx', manifestArgs('.'));
run('npx', ['tsx', 'scripts/openapi.ts']);
run('npx', ['tsx', 'scripts/world-schema.ts']);

console.log(`build: ${Math.round(performance.now() - started)} ms`);
