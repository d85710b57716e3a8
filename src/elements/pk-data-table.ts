// Entry `portalkit/pk-data-table`: registers <pk-data-table> and its filters part. Its dialogs (New
// record, the Remove confirmation, the share picker) load and register the first time one opens.
import { PkDataTable } from '../components/data-table/data-table.js';
import { PkTableFilters } from '../components/data-table/table-filters.js';
import { define } from '../define.js';

define('pk-data-table', PkDataTable);
define('pk-table-filters', PkTableFilters);
export { PkDataTable, PkTableFilters };
