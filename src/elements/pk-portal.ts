// Entry `portalkit/pk-portal`: registers <pk-portal> (and the parts it draws).
import { PkPortal } from '../components/portal/portal.js';
import { define } from '../define.js';

define('pk-portal', PkPortal);
export { PkPortal };
