// Test helpers: a backend over a world (the mock's knobs included), and signed-in clients that speak the HTTP contract.
import { DEV_SIGNING_KEY } from '../../server-mock/dev-keys.js';
import { MockBackend, type MockOptions } from '../../server-mock/mock-backend.js';
import { demoWorld, PERSONAS, type PersonaName } from '../../server-mock/demo-world.js';
import type { World } from '../../backend/src/world/schema.js';
import { signLaunchToken, type LaunchClaimsInput } from '../../src/server/index.js';

/** The demo world with Northwind's "Our work together" (tasks, files) shared to view only (R2). */
export function workSharedToView(): World {
  const world = demoWorld();
  world.portals.find((p) => p.id === 'p-northwind')!.sectionShares['s-work'] = 'view';
  return world;
}

/** A backend over `world` whose every answer is checked against the route table. */
export function makeBackend(world: World = demoWorld(), options: MockOptions = {}) {
  return new MockBackend(world, { checkAnswers: true, ...options });
}

/** What the helpers below talk to: the backend, or the mock around it. */
type Served = Pick<MockBackend, 'handle' | 'store'>;

export function claimsFor(persona: PersonaName): LaunchClaimsInput {
  const p = PERSONAS[persona] as {
    kind: 'external' | 'internal';
    sub: string;
    portal?: string;
    act?: string;
  };
  return {
    iss: 'https://vendor.example',
    sub: p.sub,
    kind: p.kind,
    ...(p.portal ? { portal: p.portal } : {}),
    ...(p.act ? { act: { sub: p.act } } : {}),
  };
}

export const tokenFor = (persona: PersonaName, overrides: Partial<LaunchClaimsInput> = {}) =>
  signLaunchToken({ ...claimsFor(persona), ...overrides }, DEV_SIGNING_KEY);

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export async function call<T = any>(
  backend: Pick<Served, 'handle'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T> & { headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await backend.handle(
    new Request(`http://portal.test/api${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    }),
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV, file bodies: keep the text.
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

export async function exchange(backend: Pick<Served, 'handle'>, token: string) {
  return call(backend, 'POST', '/session', { body: { token } });
}

/** Signs in as a persona and returns a client bound to the session. */
export async function signIn(backend: Served, persona: PersonaName) {
  const answer = await exchange(backend, await tokenFor(persona));
  if (answer.status !== 200) throw new Error(`sign-in as ${persona} failed: ${answer.text}`);
  const token = (answer.body as { session: { token: string } }).session.token;
  return {
    bootstrap: (answer.body as { bootstrap: any }).bootstrap,
    backend,
    token,
    get: <T = any>(path: string) => call<T>(backend, 'GET', path, { token }),
    post: <T = any>(path: string, body: unknown) => call<T>(backend, 'POST', path, { token, body }),
    put: <T = any>(path: string, body: unknown) => call<T>(backend, 'PUT', path, { token, body }),
    patch: <T = any>(path: string, body: unknown) => call<T>(backend, 'PATCH', path, { token, body }),
    del: <T = any>(path: string) => call<T>(backend, 'DELETE', path, { token }),
    raw: (method: string, path: string, raw: string) => call(backend, method, path, { token, raw }),
  };
}

/** A deep copy of the world's mutable state, to prove a refused request changed nothing. */
export const snapshot = (backend: Served) => JSON.stringify(backend.store.world);

/** A script, an event handler, a `javascript:` URL or a frame: what stored content may never hold (R8). */
export const EXECUTABLE = /<\s*(script|iframe|frame|object|embed)|\son[a-z]+\s*=|javascript\s*:/i;
