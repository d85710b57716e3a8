// Entry `portalkit/pk-document`: registers <pk-document>.
import { PkDocument } from '../components/document/document.js';
import { define } from '../define.js';

define('pk-document', PkDocument);
export { PkDocument };
