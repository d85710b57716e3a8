// Entry `portalkit/pk-file-area`: registers <pk-file-area> (and the picker it shares files with).
import { PkFileArea } from '../components/file-area/file-area.js';
import { PkPicker } from '../components/picker/picker.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-file-area', PkFileArea);
define('pk-confirm', PkConfirm);
define('pk-picker', PkPicker);
export { PkFileArea, PkPicker, PkConfirm };
