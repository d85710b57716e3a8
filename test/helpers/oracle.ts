// A small reference oracle, written from SPEC.md alone and sharing nothing with the rules engine:
// who may open a portal, which records and fields they see, widget numbers, allowed writes.
// Models and their fields are the tenant's data (`world.models`): the oracle names none of them.
import type { World } from '../../backend/src/world/schema.js';

/** A model's name as the world's models, records and grants name it (`License`, `Subscription`, …). */
type Model = string;

/** The fields of the demo's License and Issue (the demo worlds' models; see random-worlds.ts). */
export const ORACLE_FIELDS: Record<'License' | 'Issue', string[]> = {
  License: ['product', 'seats', 'mrr', 'renewal', 'autoRenew'],
  Issue: ['title', 'severity', 'status', 'opened', 'internalNotes'],
};

/** The fields a model of the tenant has, in its order; none for a model the tenant does not have. */
export function modelFields(world: World, model: Model): string[] {
  return world.models.find((m) => m.id === model)?.fields.map((f) => f.name) ?? [];
}

export type OraclePrincipal =
  | { kind: 'external'; portal: string; contact: string }
  | { kind: 'internal'; portal: string; user: string }
  | { kind: 'impersonation'; portal: string; contact: string; actor: string };

function companiesOf(world: World, userId: string): Set<string> | 'all' {
  const user = world.internalUsers.find((u) => u.id === userId)!;
  const role = world.internalRoles.find((r) => r.id === user.roleId)!;
  const p = role.portfolio;
  if (p.kind === 'full') return 'all';
  const result = new Set<string>();
  let owners = [userId];
  if (p.kind === 'team') {
    for (const t of world.teams) if (t.managerIds.includes(userId)) owners = owners.concat(t.memberIds);
  }
  for (const c of world.companies) {
    if (p.kind === 'filter') {
      let all = true;
      for (const cond of p.conditions) {
        const v = cond.field in c.custom ? c.custom[cond.field] : (c as any)[cond.field];
        if (v !== cond.equals) all = false;
      }
      if (all) result.add(c.id);
    } else if (owners.includes(c.ownerId ?? '') || c.coOwnerIds.some((o) => owners.includes(o))) {
      result.add(c.id);
    }
  }
  if (p.extendedGroups) {
    const top = (id: string): string => {
      const c = world.companies.find((x) => x.id === id);
      return c?.parentId && c.parentId !== id ? top(c.parentId) : id;
    };
    const groups = new Set([...result].map(top));
    for (const c of world.companies) if (groups.has(top(c.id))) result.add(c.id);
  }
  return result;
}

export function internalMayOpen(world: World, userId: string, portalId: string): boolean {
  const user = world.internalUsers.find((u) => u.id === userId);
  const portal = world.portals.find((p) => p.id === portalId);
  if (!user || !user.active || !portal) return false;
  const role = world.internalRoles.find((r) => r.id === user.roleId)!;
  if (role.portalSuperAdmin || portal.invitedInternalIds.includes(userId)) return true;
  if (!role.customerPortals) return false;
  const companies = companiesOf(world, userId);
  return companies === 'all' || companies.has(portal.companyId);
}

/** The error code the exchange must answer, or null when the principal may open the portal. */
export function openError(world: World, who: OraclePrincipal): string | null {
  if (who.kind === 'internal') {
    const user = world.internalUsers.find((u) => u.id === who.user);
    if (user && !user.active) return 'user_inactive';
    return internalMayOpen(world, who.user, who.portal) ? null : 'no_portal_access';
  }
  if (who.kind === 'impersonation' && !internalMayOpen(world, who.actor, who.portal))
    return 'impersonation_not_allowed';
  const portal = world.portals.find((p) => p.id === who.portal)!;
  const contact = world.contacts.find((c) => c.id === who.contact)!;
  const pu = portal.users.find((u) => u.contactId === who.contact);
  if (!pu || contact.companyId !== portal.companyId) return 'no_portal_access';
  const a = portal.audience;
  if (a.kind === 'featured' && !contact.featured) return 'no_portal_access';
  if (a.kind === 'selected' && !a.contactIds.includes(contact.id)) return 'no_portal_access';
  if (!pu.active) return 'user_inactive';
  if (contact.email) {
    const same = new Set<string>();
    // Per portal: users of other portals never count (R16).
    for (const u of portal.users) {
      const c = world.contacts.find((x) => x.id === u.contactId);
      if (u.active && c?.email && c.email.trim().toLowerCase() === contact.email.trim().toLowerCase())
        same.add(c.id);
    }
    if (same.size > 1) return 'email_not_unique';
  }
  return null;
}

function grantOf(world: World, who: OraclePrincipal, model: Model) {
  if (who.kind === 'internal') {
    const user = world.internalUsers.find((u) => u.id === who.user)!;
    return world.internalRoles.find((r) => r.id === user.roleId)!.models[model];
  }
  const portal = world.portals.find((p) => p.id === who.portal)!;
  const pu = portal.users.find((u) => u.contactId === who.contact)!;
  return world.externalRoles.find((r) => r.id === pu.roleId)!.models[model];
}

export function viewableFields(world: World, who: OraclePrincipal, model: Model): string[] {
  const g = grantOf(world, who, model);
  if (!g || !g.view) return [];
  return modelFields(world, model).filter((f) => (g.fields[f] ? g.fields[f].view : true));
}

export function mayUpdateField(world: World, who: OraclePrincipal, model: Model, field: string): boolean {
  if (who.kind === 'impersonation') return false;
  const g = grantOf(world, who, model);
  if (!g || !g.view || !g.update) return false;
  const fg = g.fields[field];
  return fg ? fg.view && fg.update : true;
}

export function visibleIds(world: World, who: OraclePrincipal, model: Model): string[] {
  const g = grantOf(world, who, model);
  if (!g || !g.view) return [];
  const portal = world.portals.find((p) => p.id === who.portal)!;
  return (world.records[model] ?? [])
    .filter((r) => r.companyId === portal.companyId && r.portalIds.includes(portal.id))
    .map((r) => r.id);
}

/** R4: a `sum` widget's number over `model`'s `field`, or 'no_access'. */
export function oracleSum(
  world: World,
  who: OraclePrincipal,
  model: Model,
  field: string,
): number | 'no_access' {
  if (!viewableFields(world, who, model).includes(field)) return 'no_access';
  let sum = 0;
  for (const id of visibleIds(world, who, model)) {
    const v = world.records[model]!.find((r) => r.id === id)!.fields[field];
    if (typeof v === 'number') sum += v;
  }
  return sum;
}

export function mayRemove(world: World, who: OraclePrincipal, model: Model, id: string): boolean {
  if (who.kind === 'impersonation') return false;
  const g = grantOf(world, who, model);
  return !!g?.view && !!g.remove && visibleIds(world, who, model).includes(id);
}

/** R6, R10: staff remove only files shared to the portal they opened; nobody else removes any. */
export function mayRemoveFile(world: World, who: OraclePrincipal, fileId: string): boolean {
  // R20: removing a file from the portal is management: staff who may edit the settings.
  if (who.kind !== 'internal' || manageLevel(world, who) !== 'edit') return false;
  const portal = world.portals.find((p) => p.id === who.portal)!;
  const file = world.files.find((f) => f.id === fileId);
  return !!file && file.companyId === portal.companyId && file.portalIds.includes(portal.id);
}

const normal = (email: string | undefined) => email?.trim().toLowerCase();

/**
 * R16: an Admin external user adding a contact with `email` is refused (email_in_use) exactly
 * when their portal's automation would make it a second active user with that email there.
 */
export function addContactClashes(world: World, portalId: string, email: string): boolean {
  const portal = world.portals.find((p) => p.id === portalId)!;
  const automated = world.automations.some((a) => a.portalId === portalId && a.action === 'add');
  if (!automated) return false;
  return portal.users.some(
    (u) => u.active && normal(world.contacts.find((c) => c.id === u.contactId)?.email) === normal(email),
  );
}

/**
 * R2: a write through a page needs the page shared to the portal with `edit` — its own share,
 * else its section's — whatever the role allows. Someone viewing as another user writes nothing
 * (R12); a table of a model the role cannot view is not reachable at all (R3).
 */
export function mayWriteThrough(world: World, who: OraclePrincipal, pageId: string): boolean {
  if (who.kind === 'impersonation') return false;
  const portal = world.portals.find((p) => p.id === who.portal)!;
  const page = world.pages.find((p) => p.id === pageId);
  if (!page) return false;
  const own = portal.pageShares[pageId];
  const access = own ?? (page.sectionId ? portal.sectionShares[page.sectionId] : undefined);
  if (page.type === 'table' && viewableFields(world, who, page.model!).length === 0) return false;
  return access === 'edit';
}

/**
 * R20: staff who may open the portal manage it. Editing its settings needs Portal Super Admin, or
 * Customer Portals together with a role that may write (Create, Update or Remove on at least one
 * model); everyone else who may open it reads them. External users and anyone viewing as someone
 * manage nothing.
 */
export function manageLevel(world: World, who: OraclePrincipal): 'none' | 'view' | 'edit' {
  if (who.kind !== 'internal' || openError(world, who)) return 'none';
  const user = world.internalUsers.find((u) => u.id === who.user)!;
  const role = world.internalRoles.find((r) => r.id === user.roleId)!;
  if (role.portalSuperAdmin) return 'edit';
  // What a role cannot view it cannot write either.
  const writes = Object.values(role.models).some((g) => g?.view && (g.create || g.update || g.remove));
  return role.customerPortals && writes ? 'edit' : 'view';
}

/**
 * #25 (R20): the tenant's models are read by whoever manages the portal and changed by Portal
 * Super Admins only, never while viewing as someone.
 */
export function mayChangeModels(world: World, who: OraclePrincipal): boolean {
  if (who.kind !== 'internal' || openError(world, who)) return false;
  const user = world.internalUsers.find((u) => u.id === who.user)!;
  return world.internalRoles.find((r) => r.id === user.roleId)!.portalSuperAdmin;
}

/** R2, R3, R6: the world pages in a principal's navigation (built-in pages aside). */
export function visiblePages(world: World, who: OraclePrincipal): string[] {
  const portal = world.portals.find((p) => p.id === who.portal)!;
  const fileAccess =
    who.kind === 'internal'
      ? true
      : world.externalRoles.find(
          (r) => r.id === portal.users.find((u) => u.contactId === who.contact)!.roleId,
        )!.fileAccess;
  return world.pages
    .filter((page) => {
      const own = portal.pageShares[page.id];
      if (own === 'none') return false;
      const access = own ?? (page.sectionId ? portal.sectionShares[page.sectionId] : undefined);
      if (!access) return false;
      if (page.type === 'files' && !fileAccess) return false;
      if (page.type === 'table' && viewableFields(world, who, page.model!).length === 0) return false;
      return true;
    })
    .map((p) => p.id);
}
