// Entry `portalkit/pk-data-table`: registers <pk-data-table>.
import { PkDataTable } from '../components/data-table/data-table.js';
import { define } from '../define.js';

define('pk-data-table', PkDataTable);
export { PkDataTable };
