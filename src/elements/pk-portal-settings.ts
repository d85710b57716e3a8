// Entry `portalkit/pk-portal-settings`: registers <pk-portal-settings> (and the picker it uses).
import { PkPicker } from '../components/picker/picker.js';
import { PkPortalSettings } from '../components/portal-settings/portal-settings.js';
import { define } from '../define.js';

define('pk-portal-settings', PkPortalSettings);
define('pk-picker', PkPicker);
export { PkPortalSettings, PkPicker };
