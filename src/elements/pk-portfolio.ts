// Entry `portalkit/pk-portfolio`: registers <pk-portfolio>.
import { PkPortfolio } from '../components/portfolio/portfolio.js';
import { define } from '../define.js';

define('pk-portfolio', PkPortfolio);
export { PkPortfolio };
