// Entry `portalkit/pk-html-page`: registers <pk-html-page>.
import { PkHtmlPage } from '../components/html-page/html-page.js';
import { define } from '../define.js';

define('pk-html-page', PkHtmlPage);
export { PkHtmlPage };
