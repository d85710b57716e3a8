// Several tenants (vendors) behind one handler: each tenant is a `Backend` on its own storage
// (one database holds them all, each row keyed by its tenant), and a request goes to the tenant
// it names — a launch token by its signing key (a key belongs to one tenant), a session by the
// tenant its token begins with (a token from before tenants begins with none: the tenant
// `default`'s). Nothing here decides anything: a request naming no tenant served here goes to
// the first tenant, whose backend refuses it as it refuses any bad token.
import { decodeProtectedHeader } from 'jose';
import { SessionRequest } from '../../../src/contract/schemas.js';
import { sessionCreate } from '../../../src/contract/routes.js';
import type { Backend } from './backend.js';
import { BODY_LIMITS, readBody } from './requests.js';
import { DEFAULT_TENANT } from '../ports/storage.js';

export class Tenants {
  readonly #byTenant = new Map<string, Backend>();
  readonly #byKid = new Map<string, Backend>();
  readonly #first: Backend;
  readonly #closed: () => Promise<void>;

  /**
   * Refuses two backends of one tenant, and a signing key (`kid`) shared by two tenants.
   * `closed` runs after `close()` has closed every tenant's storage (the shared database).
   */
  constructor(backends: readonly Backend[], closed: () => Promise<void> = async () => {}) {
    this.#closed = closed;
    if (!backends.length) throw new Error('Tenants: no tenant given.');
    this.#first = backends[0]!;
    for (const backend of backends) {
      const tenant = backend.storage.tenant;
      if (this.#byTenant.has(tenant)) throw new Error(`Tenants: the tenant "${tenant}" is given twice.`);
      this.#byTenant.set(tenant, backend);
      for (const { kid } of backend.keys) {
        const other = this.#byKid.get(kid);
        if (other)
          throw new Error(
            `Tenants: the key "${kid}" belongs to the tenants "${other.storage.tenant}" and "${tenant}": a signing key belongs to one tenant.`,
          );
        this.#byKid.set(kid, backend);
      }
    }
  }

  /** The backend of `tenant`, if it is served here. */
  tenant(tenant: string): Backend | undefined {
    return this.#byTenant.get(tenant);
  }

  async handle(request: Request, basePath = '/api'): Promise<Response> {
    return (await this.#route(request, basePath)).handle(request, basePath);
  }

  async close(): Promise<void> {
    for (const backend of this.#byTenant.values()) await backend.storage.close();
    await this.#closed();
  }

  async #route(request: Request, basePath: string): Promise<Backend> {
    const path = new URL(request.url).pathname;
    // A launch token (whatever session header comes with it): its signing key names the tenant.
    // The body is read from a copy, within the route's limit; anything unreadable is left for
    // the backend to refuse.
    if (request.method === 'POST' && path === `${basePath}${sessionCreate.path}`) {
      try {
        const { token } = await readBody(request.clone(), SessionRequest, BODY_LIMITS.session);
        const { kid } = decodeProtectedHeader(token);
        return (kid && this.#byKid.get(kid)) || this.#first;
      } catch {
        return this.#first;
      }
    }
    const bearer = request.headers.get('authorization')?.match(/^Bearer (\S+)/)?.[1];
    if (!bearer) return this.#first;
    const dot = bearer.indexOf('.');
    const tenant = dot < 0 ? DEFAULT_TENANT : bearer.slice(0, dot);
    return this.#byTenant.get(tenant) ?? this.#first;
  }
}
