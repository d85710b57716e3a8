// Entry `portalkit/pk-file-area`: registers <pk-file-area>.
import { PkFileArea } from '../components/file-area/file-area.js';
import { define } from '../define.js';

define('pk-file-area', PkFileArea);
export { PkFileArea };
