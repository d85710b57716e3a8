// R16: automation rules that add, update or remove portal users when a contact is saved.
import type { Automation, Contact } from '../world/schema.js';
import type { Store } from '../world/store.js';

function conditionsMet(rule: Automation, contact: Contact): boolean {
  return rule.conditions.every((c) => {
    const value = contact[c.field];
    if (c.op === 'not_empty') return value !== undefined && value !== null && String(value).trim() !== '';
    return value === c.value;
  });
}

/** Runs every rule of the contact's company portals after the contact was saved. */
export function onContactSaved(store: Store, contactId: string): void {
  const contact = store.contacts.get(contactId);
  if (!contact) return;
  for (const rule of store.world.automations) {
    const portal = store.portals.get(rule.portalId);
    if (!portal || portal.companyId !== contact.companyId || !conditionsMet(rule, contact)) continue;
    if (rule.trigger === 'first_time') {
      // Fires once per contact: a user removed later is not brought back.
      if (rule.firedFor.includes(contact.id)) continue;
      rule.firedFor.push(contact.id);
    }
    const user = portal.users.find((u) => u.contactId === contact.id);
    if (rule.action === 'add') {
      if (user) Object.assign(user, { active: true, roleId: rule.roleId });
      else portal.users.push({ contactId: contact.id, roleId: rule.roleId, active: true, admin: false });
    } else if (user) {
      portal.users = portal.users.filter((u) => u !== user);
    }
  }
  store.touch();
}
