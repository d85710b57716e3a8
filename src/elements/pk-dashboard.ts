// Entry `portalkit/pk-dashboard`: registers <pk-dashboard>.
import { PkDashboard } from '../components/dashboard/dashboard.js';
import { define } from '../define.js';

define('pk-dashboard', PkDashboard);
export { PkDashboard };
