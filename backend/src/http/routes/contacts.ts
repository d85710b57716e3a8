// Page views (R15) and self-service contacts (R16).
import { ActivityBatch, ContactCreate, ContactUpdate } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { addContact, companyContacts, recordActivity, updateContact } from '../../rules/content.js';
import { answer, json } from '../answers.js';
import { readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveContacts({ on, storage, store, now }: Serve): void {
  /**
   * R16's email check reads every portal the contact is (or automation would make it) a user of,
   * and those portals' people: the portals of its company (held with it) and those of another
   * company it is a user of, whose users may be of other companies too.
   */
  const loadPortalsOf = async (contactId: string | undefined, companyId: string) => {
    if (contactId !== undefined) await storage.loadCompanies({ usersOf: [contactId] });
    const portals = store().world.portals.filter(
      (p) => p.companyId === companyId || p.users.some((u) => u.contactId === contactId),
    );
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
    await loadPortalsOf(params[0]!, viewer.portal.companyId);
    return answer(updateContact(store(), viewer, params[0]!, change, now()));
  });
  on(route.contactsCreate, async ({ viewer, request }) => {
    const body = await readBody(request, ContactCreate);
    await loadPortalsOf(undefined, viewer.portal.companyId);
    return answer(addContact(store(), viewer, body, now()), undefined, 201);
  });
}
