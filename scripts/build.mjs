// npm run build: the two packages — `portalkit` to dist/ (ESM + .d.ts), custom-elements.json,
// openapi.json; `@portalkit/backend` to backend/dist/ (ESM + one .d.ts) and
// backend/world.schema.json. Changes no tracked file.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { backendEntries, binEntries, browserEntries, manifestArgs, nodeEntries } from './entries.mjs';

const started = performance.now();
/** A package's dependencies stay imports; everything else (its own code) is bundled. */
const externalOf = (file) => {
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].flatMap(
    (dep) => [dep, `${dep}/*`],
  );
};

rmSync('dist', { recursive: true, force: true });
rmSync('backend/dist', { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  external: externalOf('package.json'),
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
  splitting: true,
  chunkNames: 'chunks/node-[name]-[hash]',
});
// @portalkit/backend: the contract and the isomorphic code it reads from src/ are bundled in, so
// the package stands alone (it does not install the browser SDK).
await build({
  ...common,
  external: externalOf('backend/package.json'),
  tsconfig: 'backend/tsconfig.json',
  entryPoints: backendEntries,
  outdir: 'backend/dist',
  platform: 'node',
  // `npx portalkit-backend` shares the library's code instead of copying it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// The command lines (package.json `bin`) run as programs.
for (const bin of binEntries) chmodSync(`dist/${bin}.js`, 0o755);
chmodSync('backend/dist/bin.js', 0o755);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
// The backend's types as one file: what a vendor reads, with no path into our source tree.
run('npx', [
  'dts-bundle-generator',
  '--project',
  'backend/tsconfig.json',
  '--no-banner',
  '--no-check',
  '-o',
  'backend/dist/index.d.ts',
  'backend/src/index.ts',
]);
// The bundler drops the namespace import the zod schemas' types are written in.
const dts = readFileSync('backend/dist/index.d.ts', 'utf8');
if (/\bz\./.test(dts) && !/import \* as z from/.test(dts))
  writeFileSync('backend/dist/index.d.ts', `import * as z from 'zod/mini';\n${dts}`);
// …and the file must stand on its own, as a vendor's compiler reads it (library types checked too).
run('npx', [
  'tsc',
  '--noEmit',
  '--strict',
  '--target',
  'es2022',
  '--module',
  'nodenext',
  '--esModuleInterop',
  '--types',
  'node',
  'backend/dist/index.d.ts',
]);
// portalkit/jsx/*: hand-off typings generated from the manifest (scripts/framework-bindings.mjs).
cpSync('src/jsx', 'dist/types/jsx', { recursive: true });
run('npx', manifestArgs('.'));
run('npx', ['tsx', 'scripts/openapi.ts']);
run('npx', ['tsx', 'scripts/world-schema.ts']);

console.log(`build: ${Math.round(performance.now() - started)} ms`);
