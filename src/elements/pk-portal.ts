// Entry `portalkit/pk-portal`: registers <pk-portal> and the parts its default layout draws.
import { PkPage } from '../components/page/page.js';
import { PkPortal } from '../components/portal/portal.js';
import { define } from '../define.js';

define('pk-portal', PkPortal);
define('pk-page', PkPage);
export { PkPortal };
