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

/**
 * Node entries: portalkit/server (launch tokens), portalkit/backend (the backend a vendor runs),
 * and the command lines `portalkit` (keygen) and `portalkit-backend` (the backend on its own).
 */
export const nodeEntries = {
  server: 'src/server/index.ts',
  backend: 'server-mock/node/backend.ts',
  cli: 'src/server/cli.ts',
  'backend-cli': 'server-mock/node/bin.ts',
};
/** The node entries that are programs (package.json `bin`). */
export const binEntries = ['cli', 'backend-cli'];

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
