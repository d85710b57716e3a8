// What the three examples share: `portalkit` resolves to this repository's sources (a published
// app would install the package instead), and `npm run dev` serves /api (the portalkit backend,
// in memory) and /token (what your own backend does: mint a launch token for the signed-in user).
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

export const portalkitAliases = [
  { find: /^portalkit$/, replacement: src('portalkit.ts') },
  { find: /^portalkit\/react$/, replacement: src('react/index.ts') },
];

/** /api and /token on the dev server (the example test serves the built app the same way). */
export function exampleBackend(): Plugin {
  return {
    name: 'portalkit-example-backend',
    async configureServer(server) {
      const { exampleHandler } = await server.ssrLoadModule(
        fileURLToPath(new URL('./serve.ts', import.meta.url)),
      );
      server.middlewares.use(await exampleHandler());
    },
  };
}

export const exampleConfig = (root: string, extra: UserConfig = {}): UserConfig => ({
  root,
  resolve: { alias: portalkitAliases },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [exampleBackend()],
  ...extra,
});
