// The demo's backend. Under `npm start` it is the real one (portalkit/backend on PGlite, served by
// the Vite server: every tab shares one world, reloads keep data); a static build of the demo
// runs the same backend in the page instead (msw service worker, a fresh world per page).
// The host controls below work on either.
import { portalColors } from '../backend/src/rules/branding.js';

declare const __PK_DEMO_SERVER__: boolean;
declare const __PK_DEMO_STORAGE__: string;

export interface DemoBackend {
  /** Where the data lives, for the host's header line. */
  readonly where: string;
  /** Replaces the data (demo world or 100,000 licenses); every session ends. */
  reset(data: 'demo' | 'large'): Promise<void>;
  /** Ends every session on the server, as if each expired. */
  endSessions(): Promise<void>;
  /** R14: a portal's colour override, as vendor staff would set it in their backend. */
  setBrand(portalId: string, color: string): Promise<void>;
  /** R14: the brand colour a portal shows now (its override, else its template's). */
  brand(portalId: string): Promise<string | undefined>;
}

const post = async (path: string, body: unknown = {}) => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`demo: ${path} answered ${response.status}`);
};

async function inPage(): Promise<DemoBackend> {
  const [{ startMockBackend }, { demoWorld, largeWorld }] = await Promise.all([
    import('../server-mock/msw/browser.js'),
    import('../server-mock/demo-world.js'),
  ]);
  const latencyMs = Number(new URLSearchParams(location.search).get('latency') ?? 120);
  const { backend } = await startMockBackend(demoWorld(), { latencyMs });
  return {
    where: 'backend in your browser: a fresh world per page',
    reset: (data) =>
      backend.reset(data === 'large' ? largeWorld({ shared: 100_000, unshared: 2_000 }) : demoWorld()),
    endSessions: () => backend.expireSessions(),
    async setBrand(portalId, color) {
      await backend.storage.write(async () => {
        const portal = backend.store.portals.get(portalId);
        if (!portal) return;
        portal.colorOverrides.primary = color;
        backend.store.changed('portals', portal);
      });
    },
    async brand(portalId) {
      const portal = backend.store.portals.get(portalId);
      return portal && portalColors(backend.store, portal).primary;
    },
  };
}

export const demoBackend: DemoBackend =
  typeof __PK_DEMO_SERVER__ !== 'undefined' && __PK_DEMO_SERVER__
    ? {
        where: `portalkit/backend on ${__PK_DEMO_STORAGE__} · shared by every tab`,
        reset: (data) => post('/__demo/reset', { data }),
        endSessions: () => post('/__demo/end-sessions'),
        setBrand: (portalId, color) => post('/__demo/brand', { portalId, color }),
        async brand(portalId) {
          const response = await fetch(`/__demo/brand?portalId=${encodeURIComponent(portalId)}`);
          if (!response.ok) throw new Error(`demo: /__demo/brand answered ${response.status}`);
          return ((await response.json()) as { primary: string }).primary;
        },
      }
    : await inPage();
