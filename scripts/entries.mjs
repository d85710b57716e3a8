// The public entries, shared by the build and the size check.
import { readdirSync } from 'node:fs';

const elements = readdirSync('src/elements')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

/** Browser entries: out name → source. */
export const browserEntries = {
  portalkit: 'src/portalkit.ts',
  index: 'src/index.ts',
  contract: 'src/contract/index.ts',
  react: 'src/react/index.ts',
  ...Object.fromEntries(elements.map((name) => [`elements/${name}`, `src/elements/${name}.ts`])),
};

/** Node entries of `portalkit`: portalkit/server (launch tokens) and `npx portalkit` (keygen). */
export const nodeEntries = {
  server: 'src/server/index.ts',
  cli: 'src/server/cli.ts',
};
/** The node entries that are programs (package.json `bin`). */
export const binEntries = ['cli'];

/** `@portalkit/backend` (its own package in backend/): the library and `npx portalkit-backend`. */
export const backendEntries = {
  index: 'backend/src/index.ts',
  bin: 'backend/src/bin.ts',
};

/** `npx custom-elements-manifest …` arguments: the manifest of the components, written to `outdir`. */
export const manifestArgs = (outdir) => [
  'custom-elements-manifest',
  'analyze',
  '--litelement',
  '--globs',
  'src/components/**/*.ts',
  '--exclude',
  'src/components/**/*.styles.ts',
  '--outdir',
  outdir,
  '--quiet',
];
