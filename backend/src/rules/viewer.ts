// Resolves a principal once into a Viewer: the portal, what it may do per model and field,
// and plain sets for everything relationship-based. The rest of the engine reads only this.
import type { ModelName, Schema } from '../world/models.js';
import type { InternalRole, ModelGrant, Portal, PortalUser } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { internalMayOpen } from './portfolio.js';
import type { Principal } from '../ports/principal.js';
import { ok, refuse, type Result } from './refusal.js';

export interface ModelRights {
  create: boolean;
  view: boolean;
  update: boolean;
  remove: boolean;
  export: boolean;
  /** Fields the viewer may see, in the model's order. Empty when the model is not viewable. */
  viewable: readonly string[];
  viewableSet: ReadonlySet<string>;
  updatable: ReadonlySet<string>;
}

export interface Viewer {
  principal: Principal;
  portal: Portal;
  /** Who acts: the external user's contact id, or the internal user's id. */
  person: { kind: 'external' | 'internal'; id: string; name: string };
  /** R12: impersonation sees exactly what the user sees and may change nothing. */
  readOnly: boolean;
  /** R16: an Admin external user. */
  admin: boolean;
  /** R10, R20: an internal user whose role has Portal Super Admin. */
  superAdmin: boolean;
  /** R20: how far they manage this portal (`manageLevel`); external users and impersonators: none. */
  manage: 'none' | 'view' | 'edit';
  fileAccess: boolean;
  taskUpdate: boolean;
  comment: boolean;
  rights(model: ModelName): ModelRights;
  /** The tenant's schema the rights were compiled from (one version for the whole request). */
  schema: Schema;
  /** The language labels are answered in (BCP 47; the request's Accept-Language). */
  locale: string;
}

const NONE: ModelRights = {
  create: false,
  view: false,
  update: false,
  remove: false,
  export: false,
  viewable: [],
  viewableSet: new Set(),
  updatable: new Set(),
};

function compileRights(schema: Schema, model: ModelName, grant: ModelGrant | undefined): ModelRights {
  // A model the tenant does not have (or no longer has) grants nothing.
  if (!grant?.view || !schema.has(model)) return NONE;
  const fieldGrant = (name: string) => grant.fields[name] ?? { view: true, update: grant.update };
  const viewable = schema
    .fields(model)
    .map((d) => d.name)
    .filter((name) => fieldGrant(name).view);
  return {
    create: grant.create,
    view: true,
    update: grant.update,
    remove: grant.remove,
    export: grant.export,
    viewable,
    viewableSet: new Set(viewable),
    updatable: new Set(viewable.filter((name) => grant.update && fieldGrant(name).update)),
  };
}

function rightsTable(
  schema: Schema,
  grants: Partial<Record<ModelName, ModelGrant>>,
): (model: ModelName) => ModelRights {
  const cache = new Map<ModelName, ModelRights>();
  return (model) => {
    let rights = cache.get(model);
    if (!rights)
      cache.set(
        model,
        (rights = compileRights(schema, model, Object.hasOwn(grants, model) ? grants[model] : undefined)),
      );
    return rights;
  };
}

const normalEmail = (email: string | undefined) => email?.trim().toLowerCase() || undefined;

/**
 * R16: would `email` on `contactId` clash with another active user of this portal? Only this
 * portal's users are compared: users of other portals are never affected.
 */
export function emailClash(
  store: Store,
  portal: Portal,
  contactId: string,
  email: string | undefined,
  users: readonly PortalUser[] = portal.users,
): boolean {
  const wanted = normalEmail(email);
  if (!wanted) return false;
  return users.some(
    (u) =>
      u.active && u.contactId !== contactId && normalEmail(store.contacts.get(u.contactId)?.email) === wanted,
  );
}

/** R1, R16, R17: is this contact an active portal user admitted by the audience? */
export function externalPortalUser(store: Store, portalId: string, contactId: string) {
  const portal = store.portals.get(portalId);
  const contact = store.contacts.get(contactId);
  const user = portal?.users.find((u) => u.contactId === contactId);
  if (!portal || !contact || !user || contact.companyId !== portal.companyId)
    return refuse('no_portal_access');
  const { audience } = portal;
  const admitted =
    audience.kind === 'all' ||
    (audience.kind === 'featured' && contact.featured) ||
    (audience.kind === 'selected' && audience.contactIds.includes(contactId));
  if (!admitted) return refuse('no_portal_access');
  if (!user.active) return refuse('user_inactive');
  // R16: the email is the username; shared by two active users of this portal, sign-in to it
  // is refused for all of them. Other portals' users are never compared.
  if (emailClash(store, portal, contact.id, contact.email)) return refuse('email_not_unique');
  return ok({ portal, contact, user });
}

export function resolveViewer(store: Store, principal: Principal, locale = 'en'): Result<Viewer> {
  if (principal.kind === 'internal') {
    const user = store.internalUsers.get(principal.userId);
    const portal = store.portals.get(principal.portalId);
    if (!user || !portal) return refuse('no_portal_access');
    if (!user.active) return refuse('user_inactive');
    if (!internalMayOpen(store, user.id, portal.id)) return refuse('no_portal_access');
    const role = store.internalRoles.get(user.roleId)!;
    return ok({
      principal,
      portal,
      person: { kind: 'internal', id: user.id, name: user.name },
      readOnly: false,
      admin: false,
      superAdmin: role.portalSuperAdmin,
      manage: manageLevel(role),
      fileAccess: true,
      taskUpdate: true,
      comment: true,
      rights: rightsTable(store.schema, role.models),
      schema: store.schema,
      locale,
    });
  }

  // R22: a portfolio session has no portal: only the portfolio and session routes serve it.
  if (principal.kind === 'staff') return refuse('no_portal_selected');
  if (principal.kind === 'impersonation') {
    const actor = store.internalUsers.get(principal.actorId);
    if (!actor?.active || !internalMayOpen(store, actor.id, principal.portalId))
      return refuse('impersonation_not_allowed');
  }
  const member = externalPortalUser(store, principal.portalId, principal.contactId);
  if (!member.ok) return member;
  const { portal, contact, user } = member.value;
  const role = store.externalRoles.get(user.roleId);
  if (!role) return refuse('no_portal_access');
  return ok({
    principal,
    portal,
    person: { kind: 'external', id: contact.id, name: contact.name },
    readOnly: principal.kind === 'impersonation',
    admin: user.admin,
    superAdmin: false,
    manage: 'none',
    fileAccess: role.fileAccess,
    taskUpdate: role.taskUpdate,
    comment: role.comment,
    rights: rightsTable(store.schema, role.models),
    schema: store.schema,
    locale,
  });
}

/** R12: every write starts here. */
export function writable(viewer: Viewer): Result<true> {
  return viewer.readOnly ? refuse('read_only_impersonation') : ok(true);
}

/**
 * R20: who edits a portal's settings — Portal Super Admin, or the Customer Portals feature
 * together with a role that may write (Create, Update or Remove on some model). Every other staff
 * member who may open the portal (invited without the feature, or a role that only views) reads
 * the settings.
 */
export function manageLevel(role: InternalRole): 'view' | 'edit' {
  // A grant without View grants nothing (compileRights): it does not make a role one that writes.
  const writes = Object.values(role.models).some((g) => g?.view && (g.create || g.update || g.remove));
  return role.portalSuperAdmin || (role.customerPortals && writes) ? 'edit' : 'view';
}

/** R20, R12: may this session read the portal's management data? */
export function manageRead(viewer: Viewer): Result<true> {
  if (viewer.principal.kind === 'impersonation') return refuse('read_only_impersonation');
  return viewer.manage === 'none' ? refuse('forbidden', 'Only vendor staff manage portals.') : ok(true);
}

/**
 * R20: the one decision behind every management write — sharing of every kind (sections, pages,
 * records, tasks, files), assigning, people, audience, invitations, branding.
 */
export function manageWrite(viewer: Viewer): Result<true> {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return viewer.manage === 'edit'
    ? ok(true)
    : refuse('forbidden', 'Your role lets you see these settings, not change them.');
}
