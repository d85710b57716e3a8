// Which class each `pk-*` tag is, for `document.querySelector('pk-portal')` and JSX typings.
// Types only, kept apart from define.ts: the element entries import define.ts, and a type import of
// every part there would close an import cycle through the page's lazy part table.
import type { PkDataTable } from './components/data-table/data-table.js';
import type { PkRecordDialogs } from './components/data-table/record-dialogs.js';
import type { PkTableFilters } from './components/data-table/table-filters.js';
import type { PkSettingsActivity } from './components/portal-settings/settings-activity.js';
import type { PkSettingsAudit } from './components/portal-settings/settings-audit.js';
import type { PkSettingsBranding } from './components/portal-settings/settings-branding.js';
import type { PkSettingsContent } from './components/portal-settings/settings-content.js';
import type { PkSettingsPeople } from './components/portal-settings/settings-people.js';
import type { PkConfirm } from './components/confirm/confirm.js';
import type { PkContacts } from './components/contacts/contacts.js';
import type { PkDashboard } from './components/dashboard/dashboard.js';
import type { PkDocument } from './components/document/document.js';
import type { PkFileArea } from './components/file-area/file-area.js';
import type { PkHtmlPage } from './components/html-page/html-page.js';
import type { PkPage } from './components/page/page.js';
import type { PkPicker } from './components/picker/picker.js';
import type { PkSection } from './components/section/section.js';
import type { PkPortal } from './components/portal/portal.js';
import type { PkExternalRoles } from './components/external-roles/external-roles.js';
import type { PkPortalSettings } from './components/portal-settings/portal-settings.js';
import type { PkPortfolio } from './components/portfolio/portfolio.js';
import type { PkTaskComments } from './components/task-list/task-comments.js';
import type { PkTaskList } from './components/task-list/task-list.js';

declare global {
  interface HTMLElementTagNameMap {
    'pk-portal': PkPortal;
    'pk-page': PkPage;
    'pk-picker': PkPicker;
    'pk-confirm': PkConfirm;
    'pk-portfolio': PkPortfolio;
    'pk-portal-settings': PkPortalSettings;
    'pk-settings-content': PkSettingsContent;
    'pk-settings-people': PkSettingsPeople;
    'pk-settings-branding': PkSettingsBranding;
    'pk-settings-activity': PkSettingsActivity;
    'pk-settings-audit': PkSettingsAudit;
    'pk-external-roles': PkExternalRoles;
    'pk-data-table': PkDataTable;
    'pk-table-filters': PkTableFilters;
    'pk-record-dialogs': PkRecordDialogs;
    'pk-file-area': PkFileArea;
    'pk-document': PkDocument;
    'pk-dashboard': PkDashboard;
    'pk-html-page': PkHtmlPage;
    'pk-section': PkSection;
    'pk-contacts': PkContacts;
    'pk-task-list': PkTaskList;
    'pk-task-comments': PkTaskComments;
  }
}
