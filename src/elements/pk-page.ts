// Entry `portalkit/pk-page`: registers <pk-page> (use inside a <pk-portal> composed layout).
import { PkPage } from '../components/page/page.js';
import { define } from '../define.js';

define('pk-page', PkPage);
export { PkPage };
