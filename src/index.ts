// Side-effect free: classes, contexts and types. Registration lives in define.ts.
export { PkPortal } from './components/portal/portal.js';
export { PkPage } from './components/page/page.js';
export { PortalApiClient, type PortalApiOptions } from './api/client.js';
export { PortalApiError } from './api/errors.js';
export { apiContext, sessionContext } from './context/portal-context.js';
export type { PkErrorDetail, PkNavigateDetail, PkReadyDetail } from './events.js';
export type { Bootstrap, PagePayload, RecordItem, RecordPage } from './contract/schemas.js';
export { define, defineAll } from './define.js';
