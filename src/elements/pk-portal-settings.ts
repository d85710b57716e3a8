// Entry `portalkit/pk-portal-settings`: registers <pk-portal-settings>, its tabs (one part each)
// and the picker and confirmation they use.
import { PkPicker } from '../components/picker/picker.js';
import { PkPortalSettings, settingsTabs } from '../components/portal-settings/portal-settings.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-portal-settings', PkPortalSettings);
for (const [tab, part] of Object.entries(settingsTabs)) define(`pk-settings-${tab}`, part);
define('pk-confirm', PkConfirm);
define('pk-picker', PkPicker);
export { PkPortalSettings, PkPicker, PkConfirm };
