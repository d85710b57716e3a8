// Entry `portalkit`: every element, registered. The shell (pk-portal, pk-page, pk-section)
// registers at once; every other part registers as soon as its chunk arrives — loaded at once and
// in parallel, but off the critical path, like an autoloader. Elements already in the page upgrade
// when their part registers; `await ready` (or `customElements.whenDefined`) waits for all.
// The classes of the parts are in `portalkit/classes`.
import './elements/pk-portal.js';
import './elements/pk-page.js';
import './elements/pk-section.js';

/** Resolves once every portalkit element is registered. */
export const ready: Promise<void> = Promise.all([
  import('./elements/pk-data-table.js'),
  import('./elements/pk-task-list.js'),
  import('./elements/pk-file-area.js'),
  import('./elements/pk-document.js'),
  import('./elements/pk-dashboard.js'),
  import('./elements/pk-html-page.js'),
  import('./elements/pk-contacts.js'),
  import('./elements/pk-portfolio.js'),
  import('./elements/pk-portal-settings.js'),
  import('./elements/pk-external-roles.js'),
]).then(() => undefined);

export { PkPortal } from './components/portal/portal.js';
export { appearancePresets, type Appearance, type AppearanceColors } from './components/portal/appearance.js';
export { PkPage } from './components/page/page.js';
export { PkSection } from './components/section/section.js';
export { PortalApiClient, type PortalApiOptions } from './api/client.js';
export { PortalApiError } from './api/errors.js';
export { apiContext, sessionContext } from './context/portal-context.js';
export { define } from './define.js';
export type {} from './tag-names.js';
export type * from './index.js';
