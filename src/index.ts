// Side-effect free: classes, contexts and types. Registration lives in define.ts.
export { PkPortal } from './components/portal/portal.js';
export type { PkErrorDetail } from './events.js';
export { define, defineAll } from './define.js';
