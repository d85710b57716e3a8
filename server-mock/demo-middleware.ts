// `npm start`: the demo host page and the real backend on one Vite server. The API runs on the
// PostgreSQL storage — PGlite persisted in `.portalkit-data/demo` (git-ignored), or the server at
// DATABASE_URL — so every tab shares one world and a reload keeps what was saved. The demo's host
// controls (Reset data, End session now, the brand colour) are dev-only routes under /__demo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { DEV_VERIFY_KEYS } from './dev-keys.js';
import type { Backend } from '../backend/src/http/backend.js';
import { demoWorld, largeWorld } from './demo-world.js';
import { createBackend, DEFAULT_DATA_DIR } from '../backend/src/index.js';
import { nodeHandler } from '../backend/src/adapters/node.js';
import { portalColors } from '../backend/src/rules/branding.js';

type Next = (error?: unknown) => void;

/** Loading states show in the demo: each API answer waits this long unless the page says `?latency=`. */
const DEFAULT_LATENCY_MS = 120;

/** Where the demo's data lives, as the host page's header says it. */
export function demoStorage(options: { dataDir?: string; databaseUrl?: string } = {}) {
  const url = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const dir = options.dataDir ?? (process.env.PORTALKIT_DATA_DIR || join(DEFAULT_DATA_DIR, 'demo'));
  const label = url ? `PostgreSQL at ${new URL(url).host}${new URL(url).pathname}` : `PGlite in ${dir}`;
  return { url, dir, label };
}

export function demoMiddleware(options: { dataDir?: string; databaseUrl?: string } = {}) {
  const { url, dir, label } = demoStorage(options);
  let opened: Promise<Backend> | undefined;
  const backend = () =>
    (opened ??= createBackend({
      keys: DEV_VERIFY_KEYS,
      storage: url ? { url } : { dir },
      world: demoWorld(),
    }).then(
      (b) => {
        console.log(`portalkit backend: ${label}`);
        return b;
      },
      (error: unknown) => {
        // Not cached: the next request tries again (a folder made, a server started meanwhile).
        opened = undefined;
        throw error;
      },
    ));
  // The demo is a development tool one person hammers from one address: no rate limits.
  let handler: ReturnType<typeof nodeHandler> | undefined;
  const api = async (req: IncomingMessage, res: ServerResponse) =>
    (handler ??= nodeHandler(await backend(), { basePath: '/api', rateLimits: false }))(req, res);

  return async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const path = req.url?.split('?')[0] ?? '';
    try {
      if (path.startsWith('/api/')) {
        // The page's own `?latency=` (from the Referer) sets the delay, as the in-page mock did.
        const referrer = req.headers.referer
          ? new URL(req.headers.referer).searchParams.get('latency')
          : null;
        const latency = referrer !== null && /^\d+$/.test(referrer) ? Number(referrer) : DEFAULT_LATENCY_MS;
        if (latency) await new Promise((r) => setTimeout(r, latency));
        return await api(req, res);
      }
      if (path === '/__demo/brand' && req.method === 'GET') return await brandOf(await backend(), req, res);
      if (path.startsWith('/__demo/') && req.method === 'POST')
        return await control(await backend(), path, req, res);
      next();
    } catch (error) {
      // The backend could not start: the contract's error shape (the portal shows it with a
      // retry), and the reason once in the terminal — never a stack trace in the page.
      console.error(`portalkit backend (${label}): ${(error as Error).message}`);
      if (res.headersSent) return void res.end();
      res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          error: {
            code: 'unavailable',
            message: 'The portal is not available right now. Please try again.',
          },
        }),
      );
    }
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** R14: the brand colour a portal shows now (its override, else its template's), for the demo's picker. */
async function brandOf(backend: Backend, req: IncomingMessage, res: ServerResponse) {
  await backend.storage.refresh();
  const portalId = new URL(req.url ?? '', 'http://demo').searchParams.get('portalId') ?? '';
  await backend.storage.loadCompanies({ portals: [portalId] });
  const portal = backend.store.portals.get(portalId);
  if (!portal) return void res.writeHead(404).end();
  const { primary } = portalColors(backend.store, portal);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ primary }));
}

async function control(backend: Backend, path: string, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const done = (status = 204) => void res.writeHead(status).end();
  if (path === '/__demo/reset') {
    await backend.storage.reset(
      body.data === 'large' ? largeWorld({ shared: 100_000, unshared: 2_000 }) : demoWorld(),
    );
    return done();
  }
  if (path === '/__demo/end-sessions') {
    await backend.storage.sessions.clear();
    return done();
  }
  if (path === '/__demo/brand') {
    // R14: a per-portal colour override, as vendor staff would set it in their backend.
    const found = await backend.storage.write(async () => {
      await backend.storage.loadCompanies({ portals: [String(body.portalId)] });
      const portal = backend.store.portals.get(String(body.portalId));
      if (!portal || typeof body.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(body.color)) return false;
      portal.colorOverrides.primary = body.color;
      backend.store.changed('portals', portal);
      return true;
    });
    return done(found ? 204 : 400);
  }
  return done(404);
}
