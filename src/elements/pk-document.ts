// Entry `portalkit/pk-document`: registers <pk-document>.
import { PkDocument } from '../components/document/document.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-document', PkDocument);
define('pk-confirm', PkConfirm);
export { PkDocument, PkConfirm };
