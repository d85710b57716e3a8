// npm run mock: the backend alone over HTTP, for this repository — the development keys, the demo
// world, and CORS for a local host page. Same command line as `npx portalkit-backend` (cli.ts):
//   npm run mock [-- --memory] [--world f.json [--replace]] [--port 8787]
// Storage: DATABASE_URL, else PGlite in .portalkit-data/mock.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEV_VERIFY_KEYS } from './dev-keys.js';
import { demoWorld } from './demo-world.js';
import { main } from '../backend/src/cli.js';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** CORS for a host page served from this machine (the demo, the examples), nothing else. */
export function localCors(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin && LOCAL_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key');
      res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader('access-control-expose-headers', 'content-disposition');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    await handle(req, res);
  };
}

if (import.meta.url === `file://${process.argv[1]}`)
  await main(process.argv.slice(2), {
    name: 'portalkit mock backend',
    keys: DEV_VERIFY_KEYS,
    world: demoWorld,
    worldName: 'the demo world',
    dataDir: '.portalkit-data/mock',
    wrap: localCors,
  });
