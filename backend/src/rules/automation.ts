// R16: automation rules that add, update or remove portal users when a contact is saved, and the
// one check that keeps a save from locking anyone out (two active users of a portal, one email).
import type { Automation, Contact, Portal, PortalUser } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { ok, refuse, type Result } from './refusal.js';
import { emailClash } from './viewer.js';

function conditionsMet(rule: Automation, contact: Contact): boolean {
  return rule.conditions.every((c) => {
    const value = contact[c.field];
    if (c.op === 'not_empty') return value !== undefined && value !== null && String(value).trim() !== '';
    return value === c.value;
  });
}

/** What a save does to one portal's users, decided before anything is written. */
interface Step {
  rule: Automation;
  portal: Portal;
  users: PortalUser[];
  fired: boolean;
  note?: string;
}

/**
 * The rules a save of `contact` runs, limited to `portalIds` (the portals the person saving may
 * open: a staff member's under R10, an Admin external user's own), and the portal users after
 * them. Refused with `email_in_use` when any portal the contact is (or would become) an active
 * user of would hold the email twice; nothing is applied then. `store` holds the contact's
 * company and every portal the contact is a user of, with their people (`DataStorage.loadCompanies`).
 */
export function planContactSave(
  store: Store,
  contact: Contact,
  portalIds: ReadonlySet<string>,
  before?: Contact,
): Result<Step[]> {
  const steps: Step[] = [];
  const usersAfter = new Map<string, PortalUser[]>();
  for (const rule of store.world.automations) {
    const portal = store.portals.get(rule.portalId);
    if (!portal || !portalIds.has(portal.id) || portal.companyId !== contact.companyId) continue;
    if (!conditionsMet(rule, contact)) continue;
    // "The first time all conditions are met": a user removed later is not brought back.
    if (rule.trigger === 'first_time' && rule.firedFor.includes(contact.id)) continue;
    const users = (usersAfter.get(portal.id) ?? portal.users).map((u) => ({ ...u }));
    const user = users.find((u) => u.contactId === contact.id);
    let note: string | undefined;
    if (rule.action === 'add') {
      if (!user)
        users.push({
          contactId: contact.id,
          roleId: rule.roleId,
          active: true,
          admin: false,
          roleSetBy: 'automation',
        });
      else {
        user.active = true;
        // A role set by hand is kept; the audit trail says the rule left it.
        if (user.roleSetBy === 'hand' && user.roleId !== rule.roleId)
          note = `kept role ${user.roleId} set by hand`;
        else user.roleId = rule.roleId;
      }
    }
    const after = rule.action === 'remove' ? users.filter((u) => u.contactId !== contact.id) : users;
    usersAfter.set(portal.id, after);
    steps.push({
      rule,
      portal,
      users: after,
      fired: rule.trigger === 'first_time',
      ...(note ? { note } : {}),
    });
  }
  // R16: no portal may end up with the contact's email on two active users (a clash that was
  // already there before this save is not this save's doing: sign-in refuses it meanwhile).
  const activeIn = (users: readonly PortalUser[]) =>
    users.some((u) => u.contactId === contact.id && u.active);
  for (const portal of store.world.portals) {
    const users = usersAfter.get(portal.id) ?? portal.users;
    if (!activeIn(users) || !emailClash(store, portal, contact.id, contact.email, users)) continue;
    const existing = before && activeIn(portal.users) && emailClash(store, portal, contact.id, before.email);
    if (!existing) return refuse('email_in_use');
  }
  return ok(steps);
}

/** Applies a plan from `planContactSave`, recording each rule's effect in the audit trail (R23). */
export function applyContactSave(store: Store, contact: Contact, steps: readonly Step[], at: Date): void {
  for (const step of steps) {
    if (step.fired) step.rule.firedFor.push(contact.id);
    step.portal.users = step.users;
    store.changed('automations', step.rule);
    store.changed('portals', step.portal);
    store.audit({
      at,
      portalId: step.portal.id,
      actor: { kind: 'automation', id: step.rule.id },
      action: step.rule.action === 'add' ? 'portal_user.add' : 'portal_user.remove',
      object: { type: 'contact', id: contact.id },
      ...(step.note ? { note: step.note } : {}),
    });
  }
}
