// Entry `portalkit/pk-external-roles`: registers <pk-external-roles>.
import { PkExternalRoles } from '../components/external-roles/external-roles.js';
import { define } from '../define.js';

define('pk-external-roles', PkExternalRoles);
export { PkExternalRoles };
