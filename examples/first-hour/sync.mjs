// From your own systems (a CRM webhook, a nightly job): add or change what the portal knows.
import { upsert } from '@portalkit/backend';

export async function onNewCustomerContact(backend, contact) {
  await upsert(backend.storage, {
    contacts: [{ id: contact.id, companyId: contact.companyId, name: contact.name, email: contact.email }],
    // …and let them in: a portal user with an external role (R1). Refused whole, with the path of
    // each problem, when an id is unknown or two active users would share an email (R16).
    portalUsers: [{ portalId: 'p-bluebird', contactId: contact.id, roleId: 'xr-customer' }],
  });
}
