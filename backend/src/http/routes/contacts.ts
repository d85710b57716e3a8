// Page views (R15) and self-service contacts (R16).
import { ActivityBatch, ContactCreate, ContactUpdate } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { addContact, companyContacts, recordActivity, updateContact } from '../../rules/content.js';
import { answer, json } from '../answers.js';
import { readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveContacts({ on, storage, store, now }: Serve): void {
  /**
   * R16's email check reads every portal the contact is a user of, and those portals' people:
   * a contact of the portal's company (held with it) may be a user of another company's portal.
   */
  const loadPortalsOf = async (contactId: string) => {
    await storage.loadCompanies({ usersOf: [contactId] });
    const portals = store().world.portals.filter((p) => p.users.some((u) => u.contactId === contactId));
    await storage.loadCompanies({ contacts: portals.flatMap((p) => p.users.map((u) => u.contactId)) });
  };
  // Activity (R15) and self-service contacts (R16).
  on(route.activityRecord, async ({ viewer, request }) => {
    const { events } = await readBody(request, ActivityBatch);
    return json(202, { recorded: recordActivity(store(), viewer, events, now()) });
  });
  on(route.contactsList, ({ viewer }) => answer(companyContacts(store(), viewer), (items) => ({ items })));
  on(route.contactsUpdate, async ({ viewer, params, request }) => {
    const change = await readBody(request, ContactUpdate);
    await loadPortalsOf(params[0]!);
    return answer(updateContact(store(), viewer, params[0]!, change, now()));
  });
  on(route.contactsCreate, async ({ viewer, request }) => {
    const body = await readBody(request, ContactCreate);
    return answer(addContact(store(), viewer, body, now()), undefined, 201);
  });
}
