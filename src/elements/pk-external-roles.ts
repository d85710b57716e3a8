// Entry `portalkit/pk-external-roles`: registers <pk-external-roles>.
import { PkExternalRoles } from '../components/external-roles/external-roles.js';
import { PkConfirm } from '../components/confirm/confirm.js';
import { define } from '../define.js';

define('pk-external-roles', PkExternalRoles);
define('pk-confirm', PkConfirm);
export { PkExternalRoles, PkConfirm };
