// The portal backend on its own port: PGlite in ./portal-data, or the PostgreSQL server at DATABASE_URL.
import { readFileSync } from 'node:fs';
import { createBackend, loadWorldFile, nodeServer } from '@portalkit/backend';

export const backend = await createBackend({
  keys: JSON.parse(readFileSync('portal-verify-keys.json', 'utf8')), // public keys only
  storage: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dir: 'portal-data' },
  world: loadWorldFile('world.json'), // imported into an empty storage; later starts keep what is stored
});

export const server = nodeServer(backend); // Node http server, the API under /api
server.listen(Number(process.env.PORT ?? 8787), () =>
  console.log(`portal backend: http://127.0.0.1:${server.address().port}/api`),
);
