// Side-effect free: classes, contexts and types. Registration lives in define.ts.
export { PkPortal } from './components/portal/portal.js';
export { appearancePresets, type Appearance, type AppearanceColors } from './components/portal/appearance.js';
export { PkPage } from './components/page/page.js';
export { PkDataTable } from './components/data-table/data-table.js';
export { PkContacts } from './components/contacts/contacts.js';
export { PkSection } from './components/section/section.js';
export { PkDashboard } from './components/dashboard/dashboard.js';
export { PkHtmlPage } from './components/html-page/html-page.js';
export { PkDocument } from './components/document/document.js';
export { PkFileArea } from './components/file-area/file-area.js';
export { PkTaskList } from './components/task-list/task-list.js';
export { PkTaskComments } from './components/task-list/task-comments.js';
export { PkPicker, type PickerItem } from './components/picker/picker.js';
export { PkConfirm } from './components/confirm/confirm.js';
export { PkPortfolio } from './components/portfolio/portfolio.js';
export { PkPortalSettings } from './components/portal-settings/portal-settings.js';
export { PkExternalRoles } from './components/external-roles/external-roles.js';
export { PortalApiClient, type PortalApiOptions } from './api/client.js';
export { PortalApiError } from './api/errors.js';
export { apiContext, sessionContext } from './context/portal-context.js';
export {
  PORTAL_EVENTS,
  type PkErrorDetail,
  type PkNavigateDetail,
  type PkReadyDetail,
  type PkTaskCompleteDetail,
} from './events.js';
export type { Bootstrap, PagePayload, RecordItem, RecordPage } from './contract/schemas.js';
export { define } from './define.js';
export type {} from './tag-names.js';
