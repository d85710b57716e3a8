// Entry `portalkit/pk-portal-settings`: registers <pk-portal-settings> (and the picker it uses).
import { PkPicker } from '../components/picker/picker.js';
import { PkPortalSettings } from '../components/portal-settings/portal-settings.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-portal-settings', PkPortalSettings);
define('pk-confirm', PkConfirm);
define('pk-picker', PkPicker);
export { PkPortalSettings, PkPicker, PkConfirm };
