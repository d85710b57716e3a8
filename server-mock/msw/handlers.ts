// msw handlers: the backend's HTTP contract served inside the browser (demo page, browser tests).
import { http, type RequestHandler } from 'msw';
import type { Backend } from '../../backend/src/http/backend.js';

/** What serves the contract: the backend, or the mock wrapped around it. */
type Handler = Pick<Backend, 'handle'>;

/** Every request under `apiBase` (absolute or path) goes to the backend; nothing else is touched. */
export function portalHandlers(backend: Handler, apiBase = '/api'): RequestHandler[] {
  const basePath = new URL(apiBase, 'http://base.invalid').pathname.replace(/\/$/, '');
  const pattern = /^https?:/.test(apiBase) ? `${apiBase.replace(/\/$/, '')}/*` : `${basePath}/*`;
  return [http.all(pattern, ({ request }) => backend.handle(request, basePath))];
}
