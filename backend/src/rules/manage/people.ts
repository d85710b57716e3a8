// R1, R16, R17, R20: the portal's users, who could be added, their roles, and who may sign in.
// Vendor staff manage the portal they opened (R20); decided here only, the routes parse and
// serialise. Nothing here is ever an external user's or an impersonator's.
import type { Portal, PortalUser } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import { auditWrite } from '../audit.js';
import type { LogReader } from '../../ports/logs.js';
import { notFound, ok, refuse } from '../refusal.js';
import { emailClash, manageRead, manageWrite, type Viewer } from '../viewer.js';

/** R15: "Active end users in portals, last X days": distinct external users with activity in the window. */
export async function activeEndUsers(logs: LogReader, days: number, now: Date, portalId: string) {
  // Times are ISO strings of one format (the server writes them): compared as text.
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  return (await logs.activeUsers([portalId], since, now.toISOString())).get(portalId) ?? 0;
}

export async function activeCounts(logs: LogReader, now: Date, portalId: string) {
  const [d7, d30, d90] = await Promise.all(
    [7, 30, 90].map((days) => activeEndUsers(logs, days, now, portalId)),
  );
  return { d7: d7!, d30: d30!, d90: d90! };
}

// ── People (R1, R16, R17) ────────────────────────────────────────────────────────────────

export async function portalPeople(store: Store, logs: LogReader, viewer: Viewer, now: Date) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const portal = viewer.portal;
  const [lastSeen, activeEndUsers] = await Promise.all([
    logs.lastSeen(
      portal.id,
      portal.users.map((u) => u.contactId),
    ),
    activeCounts(logs, now, portal.id),
  ]);
  const contactOf = (id: string) => store.contacts.get(id);
  const clashing = (u: PortalUser) =>
    u.active && emailClash(store, portal, u.contactId, contactOf(u.contactId)?.email);
  return ok({
    manage: viewer.manage,
    users: portal.users.map((u) => ({
      contactId: u.contactId,
      name: contactOf(u.contactId)?.name ?? '',
      email: contactOf(u.contactId)?.email ?? null,
      roleId: u.roleId,
      active: u.active,
      admin: u.admin,
      lastSeen: lastSeen.get(u.contactId) ?? null,
      /** R16: this user's email is shared by another active user: neither can sign in. */
      emailClash: clashing(u),
    })),
    /** Contacts of the company who are not portal users yet. */
    candidates: store.world.contacts
      .filter((c) => c.companyId === portal.companyId && !portal.users.some((u) => u.contactId === c.id))
      .map((c) => ({ id: c.id, name: c.name, email: c.email ?? null, featured: c.featured })),
    roles: store.world.externalRoles.map((r) => ({ id: r.id, name: r.name })),
    audience: { kind: portal.audience.kind, contactIds: [...portal.audience.contactIds] },
    activeEndUsers,
  });
}

/** R16: would `users` leave two active users of this portal with one email? */
function locksOut(store: Store, portal: Portal, users: readonly PortalUser[], contactId: string): boolean {
  const user = users.find((u) => u.contactId === contactId);
  return !!user?.active && emailClash(store, portal, contactId, store.contacts.get(contactId)?.email, users);
}

/** R20, R1: add a contact of the portal's company as a portal user with an External Role. */
export function addPortalUser(
  store: Store,
  viewer: Viewer,
  input: { contactId: string; roleId: string; admin?: boolean | undefined },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const contact = store.contacts.get(input.contactId);
  if (!contact || contact.companyId !== portal.companyId) return notFound();
  if (portal.users.some((u) => u.contactId === contact.id))
    return refuse('bad_request', `${contact.name} is already a user of this portal.`);
  if (!store.externalRoles.has(input.roleId)) return refuse('bad_request', `Unknown role ${input.roleId}.`);
  const user: PortalUser = {
    contactId: contact.id,
    roleId: input.roleId,
    active: true,
    admin: input.admin ?? false,
    roleSetBy: 'hand',
  };
  const next = [...portal.users, user];
  if (locksOut(store, portal, next, contact.id)) return refuse('email_in_use');
  portal.users.push(user);
  auditWrite(store, viewer, now, 'portal_user.add', { type: 'contact', id: contact.id }, [
    { field: 'roleId', from: null, to: user.roleId },
    { field: 'admin', from: null, to: user.admin },
  ]);
  store.changed('portals', portal);
  return ok(user);
}

/** R20: change a portal user's role, Active or Admin; re-activating someone refuses a clash (R16). */
export function changePortalUser(
  store: Store,
  viewer: Viewer,
  contactId: string,
  change: { roleId?: string | undefined; active?: boolean | undefined; admin?: boolean | undefined },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const index = portal.users.findIndex((u) => u.contactId === contactId);
  if (index < 0) return notFound();
  const before = portal.users[index]!;
  if (change.roleId !== undefined && !store.externalRoles.has(change.roleId))
    return refuse('bad_request', `Unknown role ${change.roleId}.`);
  const after: PortalUser = {
    ...before,
    ...(change.roleId !== undefined ? { roleId: change.roleId, roleSetBy: 'hand' as const } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
    ...(change.admin !== undefined ? { admin: change.admin } : {}),
  };
  const next = portal.users.map((u, i) => (i === index ? after : u));
  if (!before.active && after.active && locksOut(store, portal, next, contactId))
    return refuse('email_in_use');
  const changes = (['roleId', 'active', 'admin'] as const)
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, from: before[field], to: after[field] }));
  portal.users[index] = after;
  if (changes.length)
    auditWrite(store, viewer, now, 'portal_user.update', { type: 'contact', id: contactId }, changes);
  store.changed('portals', portal);
  return ok(after);
}

export function removePortalUser(store: Store, viewer: Viewer, contactId: string, now: Date) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const index = portal.users.findIndex((u) => u.contactId === contactId);
  if (index < 0) return notFound();
  const [removed] = portal.users.splice(index, 1);
  auditWrite(store, viewer, now, 'portal_user.remove', { type: 'contact', id: contactId }, [
    { field: 'roleId', from: removed!.roleId, to: null },
  ]);
  store.changed('portals', portal);
  return ok({ contactId });
}

/** R17: who of the portal users may sign in: all, the featured contacts, or selected ones. */
export function setAudience(
  store: Store,
  viewer: Viewer,
  audience: { kind: 'all' | 'featured' | 'selected'; contactIds: readonly string[] },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const foreign = audience.contactIds.filter((id) => store.contacts.get(id)?.companyId !== portal.companyId);
  if (foreign.length) return refuse('bad_request', `Not contacts of this company: ${foreign.join(', ')}.`);
  const before = { ...portal.audience, contactIds: [...portal.audience.contactIds] };
  portal.audience = { kind: audience.kind, contactIds: [...new Set(audience.contactIds)] };
  auditWrite(store, viewer, now, 'portal.audience', { type: 'portal', id: portal.id }, [
    { field: 'audience', from: before, to: portal.audience },
  ]);
  store.changed('portals', portal);
  return ok(portal.audience);
}
