// Entry `portalkit/pk-section`: registers <pk-section> (and <pk-page>, which it draws).
import { PkPage } from '../components/page/page.js';
import { PkSection } from '../components/section/section.js';
import { define } from '../define.js';

define('pk-section', PkSection);
define('pk-page', PkPage);
export { PkSection };
