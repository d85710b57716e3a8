// Entry `portalkit/pk-contacts`: registers <pk-contacts>.
import { PkContacts } from '../components/contacts/contacts.js';
import { define } from '../define.js';

define('pk-contacts', PkContacts);
export { PkContacts };
