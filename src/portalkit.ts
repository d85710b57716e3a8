// Entry `portalkit`: every element, registered. Heavy parts (task list, sanitiser, locales)
// are still loaded on first use by the page that needs them.
import './elements/pk-portal.js';
import './elements/pk-page.js';
import './elements/pk-section.js';

export * from './index.js';
