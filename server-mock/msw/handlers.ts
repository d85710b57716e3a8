// msw handlers: the backend's HTTP contract served inside the browser (demo page, browser tests).
import { http, type RequestHandler } from 'msw';
import type { Backend } from '../http/backend.js';

/** Every request under `apiBase` (absolute or path) goes to the backend; nothing else is touched. */
export function portalHandlers(backend: Backend, apiBase = '/api'): RequestHandler[] {
  const basePath = new URL(apiBase, 'http://base.invalid').pathname.replace(/\/$/, '');
  const pattern = /^https?:/.test(apiBase) ? `${apiBase.replace(/\/$/, '')}/*` : `${basePath}/*`;
  return [http.all(pattern, ({ request }) => backend.handle(request, basePath))];
}
