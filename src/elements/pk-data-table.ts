// Entry `portalkit/pk-data-table`: registers <pk-data-table> (and the picker it shares records with).
import { PkDataTable } from '../components/data-table/data-table.js';
import { PkPicker } from '../components/picker/picker.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-data-table', PkDataTable);
define('pk-confirm', PkConfirm);
define('pk-picker', PkPicker);
export { PkDataTable, PkPicker, PkConfirm };
