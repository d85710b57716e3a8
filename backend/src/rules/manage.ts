// R20, R23: vendor staff manage the portal they opened — content sharing, portal users, audience,
// internal invitations, branding, activity — and read its audit trail. Decided here only: the
// routes parse and serialise. Nothing here is ever an external user's or an impersonator's.
import { readableOn, contrastRatio } from '../../../src/shared/contrast.js';
import type { ReadableChange } from '../../../src/contract/manage.js';
import { isModelName, MODEL_NAMES, MODELS, type ModelName } from '../world/models.js';
import type { Access, AuditEntry, ExternalRole, Portal, PortalUser } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { auditWrite } from './audit.js';
import { activeEndUsers } from './content.js';
import type { RecordReader } from '../ports/record-plan.js';
import { sharedPlan } from './records.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { emailClash, manageRead, manageWrite, type Viewer } from './viewer.js';
import { portalColors } from './branding.js';

/** R15: "Active end users in portals, last X days" for 7, 30 and 90 days. */
function activeCounts(store: Store, now: Date, portalId: string) {
  return {
    d7: activeEndUsers(store, 7, now, portalId),
    d30: activeEndUsers(store, 30, now, portalId),
    d90: activeEndUsers(store, 90, now, portalId),
  };
}

// ── Content (R2) ─────────────────────────────────────────────────────────────────────────

export type PageShare = Access | 'none' | null;

/** The section and page tree with each item's own share and what external users get (R2). */
export function contentTree(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok(treeOf(store, viewer.portal));
}

function treeOf(store: Store, portal: Portal) {
  // What an external user with every right would get: the effective share, before role limits.
  const effective = (pageId: string): Access | null => {
    const page = store.pages.get(pageId)!;
    const own = portal.pageShares[pageId];
    if (own === 'none') return null;
    return own ?? (page.sectionId ? (portal.sectionShares[page.sectionId] ?? null) : null);
  };
  const managed = (p: (typeof store.world.pages)[number]) => ({
    id: p.id,
    title: p.title,
    type: p.type,
    ...(p.model ? { model: p.model } : {}),
    share: (portal.pageShares[p.id] ?? null) as PageShare,
    effective: effective(p.id),
  });
  const pagesOf = (sectionId: string | undefined) =>
    store.world.pages.filter((p) => p.sectionId === sectionId).map(managed);
  const sectionIds = new Set(store.world.sections.map((s) => s.id));
  return {
    sections: store.world.sections.map((s) => ({
      id: s.id,
      title: s.title,
      share: portal.sectionShares[s.id] ?? null,
      pages: pagesOf(s.id),
    })),
    // Pages of no (known) section can only be shared alone.
    loosePages: store.world.pages.filter((p) => !p.sectionId || !sectionIds.has(p.sectionId)).map(managed),
  };
}

/**
 * R20, R2: share or unshare sections and pages, all or nothing: an unknown id refuses the whole
 * change. `null` removes an item's own share (a page then follows its section).
 */
export function changeContent(
  store: Store,
  viewer: Viewer,
  change: { sections?: Record<string, Access | null>; pages?: Record<string, PageShare> },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const sections = Object.entries(change.sections ?? {});
  const pages = Object.entries(change.pages ?? {});
  const unknown = [
    ...sections.filter(([id]) => !store.world.sections.some((s) => s.id === id)).map(([id]) => id),
    ...pages.filter(([id]) => !store.pages.has(id)).map(([id]) => id),
  ];
  if (unknown.length) return refuse('bad_request', `Unknown sections or pages: ${unknown.join(', ')}.`);
  const portal = viewer.portal;
  const record = (type: 'section' | 'page', id: string, from: unknown, to: unknown) => {
    if (from === to) return;
    auditWrite(store, viewer, now, `${type}.share`, { type, id }, [{ field: 'share', from, to }]);
  };
  for (const [id, share] of sections) {
    const from = portal.sectionShares[id] ?? null;
    if (share === null) delete portal.sectionShares[id];
    else portal.sectionShares[id] = share;
    record('section', id, from, share);
  }
  for (const [id, share] of pages) {
    const from = portal.pageShares[id] ?? null;
    if (share === null) delete portal.pageShares[id];
    else portal.pageShares[id] = share;
    record('page', id, from, share);
  }
  store.changed('portals', portal);
  return ok(treeOf(store, portal));
}

// ── People (R1, R16, R17) ────────────────────────────────────────────────────────────────

export function portalPeople(store: Store, viewer: Viewer, now: Date) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const portal = viewer.portal;
  const lastSeen = new Map<string, string>();
  for (const e of store.world.activity)
    if (e.portalId === portal.id && (lastSeen.get(e.contactId) ?? '') < e.at) lastSeen.set(e.contactId, e.at);
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
    activeEndUsers: activeCounts(store, now, portal.id),
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

// ── Internal invitations (R17, R10) ──────────────────────────────────────────────────────

/** The internal users related to the account (owner, co-owners), and who is invited now. */
export function invitations(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok(invitationsOf(store, viewer.portal));
}

function invitationsOf(store: Store, portal: Portal) {
  const company = store.companies.get(portal.companyId);
  // R17: the internal users related to the account: owner, co-owners, followers, collaborators.
  const relationOf = (id: string) =>
    company?.ownerId === id
      ? ('owner' as const)
      : company?.coOwnerIds.includes(id)
        ? ('co-owner' as const)
        : company?.followerIds.includes(id)
          ? ('follower' as const)
          : company?.collaboratorIds.includes(id)
            ? ('collaborator' as const)
            : ('invited' as const);
  const related = new Set(
    [
      company?.ownerId,
      ...(company?.coOwnerIds ?? []),
      ...(company?.followerIds ?? []),
      ...(company?.collaboratorIds ?? []),
    ].filter((id): id is string => !!id),
  );
  const people = [...new Set([...related, ...portal.invitedInternalIds])]
    .map((id) => store.internalUsers.get(id))
    .filter((u) => !!u);
  return {
    people: people.map((u) => ({
      id: u.id,
      name: u.name,
      relation: relationOf(u.id),
      invited: portal.invitedInternalIds.includes(u.id),
    })),
  };
}

/** R17: invite only internal users related to the account; anyone already invited may be removed. */
export function setInvited(store: Store, viewer: Viewer, ids: readonly string[], now: Date) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const allowed = new Set(invitationsOf(store, portal).people.map((p) => p.id));
  const refused = ids.filter((id) => !allowed.has(id));
  if (refused.length)
    return refuse(
      'bad_request',
      `Only people related to this account can be invited: ${refused.join(', ')}.`,
    );
  const before = [...portal.invitedInternalIds];
  portal.invitedInternalIds = [...new Set(ids)];
  auditWrite(store, viewer, now, 'portal.invite', { type: 'portal', id: portal.id }, [
    { field: 'invitedInternalIds', from: before, to: portal.invitedInternalIds },
  ]);
  store.changed('portals', portal);
  return ok(invitationsOf(store, portal));
}

// ── Branding (R14) ───────────────────────────────────────────────────────────────────────

type Colors = { primary?: string | undefined; accent?: string | undefined; surface?: string | undefined };

export function branding(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok(brandingOf(store, viewer.portal));
}

function brandingOf(store: Store, portal: Portal) {
  const { primary } = portalColors(store, portal);
  const onPrimary = readableOn(primary);
  return {
    templates: store.world.templates.map((t) => ({ id: t.id, name: t.name, colors: { ...t.colors } })),
    templateId: portal.templateId,
    overrides: { ...portal.colorOverrides },
    effective: { primary, onPrimary, contrast: Math.round(contrastRatio(primary, onPrimary) * 100) / 100 },
  };
}

/**
 * R14: pick a template and override its colours per portal (`null` goes back to the template's).
 * The text colour on the brand colour is chosen to reach WCAG AA, so every brand colour passes.
 */
export function setBranding(
  store: Store,
  viewer: Viewer,
  change: { templateId?: string | undefined; overrides?: Record<string, string | null> | undefined },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  if (change.templateId !== undefined && !store.world.templates.some((t) => t.id === change.templateId))
    return refuse('bad_request', `Unknown template ${change.templateId}.`);
  const before = { templateId: portal.templateId, ...portal.colorOverrides };
  if (change.templateId !== undefined) portal.templateId = change.templateId;
  const overrides: Colors = { ...portal.colorOverrides };
  for (const [key, value] of Object.entries(change.overrides ?? {})) {
    const name = key as keyof Colors;
    if (value === null) delete overrides[name];
    else overrides[name] = value.toLowerCase();
  }
  portal.colorOverrides = overrides;
  const after = { templateId: portal.templateId, ...portal.colorOverrides };
  const changes = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => before[f as keyof typeof before] !== after[f as keyof typeof after])
    .map((field) => ({
      field,
      from: before[field as keyof typeof before] ?? null,
      to: after[field as keyof typeof after] ?? null,
    }));
  if (changes.length)
    auditWrite(store, viewer, now, 'portal.branding', { type: 'portal', id: portal.id }, changes);
  store.changed('portals', portal);
  return ok(brandingOf(store, portal));
}

// ── Activity (R15) and audit trail (R23) ─────────────────────────────────────────────────

type ObjectRef = { type: string; id: string };
/** Record names by `recordKey`, read through the reader's own plans (`recordNames`). */
export type RecordNames = ReadonlyMap<string, string>;
const recordKey = (model: string, id: string) => `${model}\u0000${id}`;

/**
 * R3: the names of the records `objects` point at, as the reader may see them: a record is called
 * by its first field (tables show it first), read through the reader's shared plan — so a model or
 * naming field their role may not view, or a record no longer shared, gives no name — one
 * single-record read each, so every storage answers alike.
 */
export async function recordNames(
  reader: RecordReader,
  viewer: Viewer,
  objects: Iterable<ObjectRef>,
): Promise<RecordNames> {
  const wanted = new Map<string, { model: ModelName; id: string }>();
  for (const o of objects)
    if (isModelName(o.type)) wanted.set(recordKey(o.type, o.id), { model: o.type, id: o.id });
  const names = new Map<string, string>();
  for (const [key, { model, id }] of wanted) {
    const plan = sharedPlan(viewer, model);
    const naming = MODELS[model][0]!.name;
    if (!plan?.fields.includes(naming)) continue;
    const [record] = await reader.all({ ...plan, fields: [naming], id });
    const name = record?.[naming];
    if (name !== null && name !== undefined && name !== '') names.set(key, String(name));
  }
  return names;
}

/** What an entry acted on, named when it still exists and the reader may see it (R3). */
function nameObject(store: Store, records: RecordNames, object: ObjectRef): string | undefined {
  if (isModelName(object.type)) return records.get(recordKey(object.type, object.id));
  switch (object.type) {
    case 'section':
      return store.world.sections.find((s) => s.id === object.id)?.title;
    case 'page':
      return store.pages.get(object.id)?.title;
    case 'contact':
      return store.contacts.get(object.id)?.name;
    case 'role':
      return store.externalRoles.get(object.id)?.name;
    case 'task':
      return store.tasks.get(object.id)?.title;
    case 'file':
      return store.files.get(object.id)?.name;
    case 'document':
      return store.documents.get(object.id)?.title;
    case 'portal':
      return store.portals.get(object.id)?.name;
    default:
      return undefined;
  }
}

type StoredChange = { field: string; from: unknown; to: unknown };
type ReadableValue = string | number | boolean | null | string[];
const GRANT_RIGHTS = ['create', 'view', 'update', 'remove', 'export'] as const;
type GrantRight = (typeof GRANT_RIGHTS)[number];
type Grants = ExternalRole['models'];

/** R21: per model, and per field it names, the rights a role's grants gained and lost. */
function grantChanges(from: unknown, to: unknown) {
  const before = (from ?? {}) as Grants;
  const after = (to ?? {}) as Grants;
  const diff = (was: readonly GrantRight[], now: readonly GrantRight[]) => ({
    gained: now.filter((r) => !was.includes(r)),
    lost: was.filter((r) => !now.includes(r)),
  });
  const modelRights = (g: Grants[ModelName]) => GRANT_RIGHTS.filter((r) => g?.[r]);
  // A field follows its model unless it says otherwise: only fields named on either side count.
  const fieldRights = (g: Grants[ModelName], field: string): GrantRight[] => {
    if (!g?.view) return [];
    const own = g.fields[field] ?? { view: true, update: g.update };
    return own.view ? (own.update ? ['view', 'update'] : ['view']) : [];
  };
  return MODEL_NAMES.flatMap((model) => {
    const [was, now] = [before[model], after[model]];
    if (!was && !now) return [];
    const fields = new Set([...Object.keys(was?.fields ?? {}), ...Object.keys(now?.fields ?? {})]);
    return [
      { model, ...diff(modelRights(was), modelRights(now)) },
      ...MODELS[model]
        .filter((f) => fields.has(f.name))
        .map((f) => ({ model, field: f.label, ...diff(fieldRights(was, f.name), fieldRights(now, f.name)) })),
    ].filter((c) => c.gained.length || c.lost.length);
  });
}

/**
 * R23: an entry's changes as the reader reads them — record fields by label, people, roles and
 * templates by name, a page following its section as `section`, a role's permissions as what
 * they gained and lost. `changes` are already only fields the reader may see.
 */
function readableChanges(store: Store, object: ObjectRef, changes: readonly StoredChange[]) {
  const contactNames = (ids: unknown) =>
    ((ids ?? []) as string[]).map((id) => store.contacts.get(id)?.name ?? id);
  const personName = (ref: unknown) => {
    if (!ref) return null;
    const { kind, id } = ref as { kind: string; id: string };
    return (kind === 'internal' ? store.internalUsers.get(id)?.name : store.contacts.get(id)?.name) ?? id;
  };
  const shown = (value: unknown): ReadableValue =>
    value === undefined || value === null
      ? null
      : typeof value === 'object'
        ? JSON.stringify(value)
        : (value as string | number | boolean);
  return changes.flatMap((c): ReadableChange[] => {
    const told = (from: ReadableValue, to: ReadableValue) => ({ field: c.field, from, to });
    if (isModelName(object.type)) {
      const def = MODELS[object.type].find((f) => f.name === c.field);
      // An enum's value as the table shows it: its label.
      const value = (v: unknown) => def?.options?.find((o) => o.value === v)?.label ?? shown(v);
      return [{ ...told(value(c.from), value(c.to)), ...(def ? { label: def.label } : {}) }];
    }
    switch (c.field) {
      case 'share': {
        // A page of a section with no share of its own follows the section.
        const follows = object.type === 'page' && !!store.pages.get(object.id)?.sectionId;
        const share = (v: unknown) => (v === null && follows ? 'section' : shown(v));
        return [told(share(c.from), share(c.to))];
      }
      case 'roleId': {
        const role = (v: unknown) => (typeof v === 'string' ? (store.externalRoles.get(v)?.name ?? v) : null);
        return [told(role(c.from), role(c.to))];
      }
      case 'owner':
        return [told(personName(c.from), personName(c.to))];
      case 'templateId': {
        const name = (v: unknown) => store.world.templates.find((t) => t.id === v)?.name ?? shown(v);
        return [told(name(c.from), name(c.to))];
      }
      case 'invitedInternalIds': {
        const names = (ids: unknown) =>
          ((ids ?? []) as string[]).map((id) => store.internalUsers.get(id)?.name ?? id);
        return [told(names(c.from), names(c.to))];
      }
      case 'audience': {
        type Stored = { kind: string; contactIds: string[] };
        const [from, to] = [c.from as Stored, c.to as Stored];
        const out: ReadableChange[] = [];
        if (from.kind !== to.kind) out.push(told(from.kind, to.kind));
        if (from.contactIds.join() !== to.contactIds.join())
          out.push({
            field: 'audienceContacts',
            from: contactNames(from.contactIds),
            to: contactNames(to.contactIds),
          });
        return out;
      }
      case 'models':
        return [{ ...told(null, null), grants: grantChanges(c.from, c.to) }];
      default:
        return [told(shown(c.from), shown(c.to))];
    }
  });
}

/** R23: who acted, by name (automation rules are "Automation"). */
function actorName(store: Store, ref: { kind: string; id: string }) {
  return ref.kind === 'internal'
    ? (store.internalUsers.get(ref.id)?.name ?? ref.id)
    : ref.kind === 'external'
      ? (store.contacts.get(ref.id)?.name ?? ref.id)
      : 'Automation';
}

/** R23: the changes of a record write the reader may see: fields their own role may view. */
function visibleChanges(viewer: Viewer, entry: AuditEntry) {
  if (!entry.changes || !isModelName(entry.object.type)) return entry.changes;
  const viewable = viewer.rights(entry.object.type).viewableSet;
  return entry.changes.filter((c) => viewable.has(c.field));
}

/** The portal's activity feed: its last 50 events, newest first. */
function feedEvents(store: Store, portalId: string) {
  return store.world.activity
    .filter((e) => e.portalId === portalId)
    .slice(-50)
    .reverse();
}

/**
 * R15: active end users over 7, 30 and 90 days, and the feed — page views and the actions of
 * external users, each naming what it acted on and what it changed, as the reader may see them.
 * Records are named from `records` (`readPortalActivity` reads them through the storage).
 */
function portalActivity(store: Store, viewer: Viewer, now: Date, records: RecordNames) {
  const portal = viewer.portal;
  // An action's changes are its audit entry's: the write recorded both at once.
  const actionKey = (at: string, contactId: string, o: ObjectRef) =>
    [at, contactId, o.type, o.id].join('\u0000');
  const audited = new Map(
    store.world.audit
      .filter((e) => e.portalId === portal.id && e.actor.kind === 'external')
      .map((e) => [actionKey(e.at, e.actor.id, e.object), e]),
  );
  const feed = feedEvents(store, portal.id).map((e) => {
    const entry = e.object && audited.get(actionKey(e.at, e.contactId, e.object));
    const changes = entry && visibleChanges(viewer, entry);
    const name = e.object && nameObject(store, records, e.object);
    return {
      at: e.at,
      kind: e.kind,
      person: store.contacts.get(e.contactId)?.name ?? '',
      page: e.pageId ? (store.pages.get(e.pageId)?.title ?? null) : null,
      ...(e.object ? { object: { ...e.object, ...(name ? { name } : {}) } } : {}),
      ...(e.object && changes?.length ? { changes: readableChanges(store, e.object, changes) } : {}),
    };
  });
  return ok({ activeEndUsers: activeCounts(store, now, portal.id), feed });
}

/** `portalActivity` with the records of its feed named through the storage's `reader`. */
export async function readPortalActivity(store: Store, reader: RecordReader, viewer: Viewer, now: Date) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const objects = feedEvents(store, viewer.portal.id).flatMap((e) => (e.object ? [e.object] : []));
  return portalActivity(store, viewer, now, await recordNames(reader, viewer, objects));
}

type AuditFilter = { actor?: string | null; action?: string | null };

function trailEntries(store: Store, portalId: string, filter: AuditFilter) {
  return store.world.audit
    .filter((e) => e.portalId === portalId)
    .filter((e) => !filter.actor || e.actor.id === filter.actor)
    .filter((e) => !filter.action || e.action.startsWith(filter.action));
}

/**
 * R23: the portal's trail, newest first, in names: who acted, on what, and what changed, readable.
 * Field changes of records show only fields the reader's own role may view, and a record is named
 * only from `records` (`readAuditTrail` reads them through the storage as the reader may see
 * them); nobody can change an entry (no route does).
 */
function auditTrail(
  store: Store,
  viewer: Viewer,
  entries: ReturnType<typeof trailEntries>,
  records: RecordNames,
) {
  const items = entries.map((e) => {
    const changes = visibleChanges(viewer, e);
    // Something removed is named by the name it had, when the entry recorded it.
    const removedName = changes?.find((c) => c.field === 'name' && typeof c.from === 'string')?.from as
      string | undefined;
    const name = nameObject(store, records, e.object) ?? removedName;
    return {
      at: e.at,
      actor: { ...e.actor, name: actorName(store, e.actor) },
      ...(e.onBehalfOf ? { onBehalfOf: { ...e.onBehalfOf, name: actorName(store, e.onBehalfOf) } } : {}),
      action: e.action,
      object: { ...e.object, ...(name ? { name } : {}) },
      ...(changes ? { changes, readable: readableChanges(store, e.object, changes) } : {}),
      ...(e.note ? { note: e.note } : {}),
    };
  });
  return ok(items.reverse());
}

/** `auditTrail` with the records it names read through the storage's `reader`. */
export async function readAuditTrail(
  store: Store,
  reader: RecordReader,
  viewer: Viewer,
  filter: AuditFilter,
) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const entries = trailEntries(store, viewer.portal.id, filter);
  const names = await recordNames(
    reader,
    viewer,
    entries.map((e) => e.object),
  );
  return auditTrail(store, viewer, entries, names);
}

// ── External roles (R21) ─────────────────────────────────────────────────────────────────

interface RoleInput {
  name?: string | undefined;
  models?: Partial<Record<string, ModelGrantInput>> | undefined;
  fileAccess?: boolean | undefined;
  taskUpdate?: boolean | undefined;
  comment?: boolean | undefined;
}
interface ModelGrantInput {
  create: boolean;
  view: boolean;
  update: boolean;
  remove: boolean;
  export: boolean;
  fields: Record<string, { view: boolean; update: boolean }>;
}

/** Portal users holding each role, across the tenant's portals (a role is tenant-wide, R1). */
function holdersOf(store: Store, roleId: string) {
  return store.world.portals.flatMap((p) =>
    p.users
      .filter((u) => u.roleId === roleId)
      .map((u) => ({ portal: p.name, name: store.contacts.get(u.contactId)?.name ?? u.contactId })),
  );
}

/** R21: every staff member who manages portals reads the roles; only Portal Super Admins edit. */
export function externalRoles(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok({
    canEdit: viewer.superAdmin,
    models: MODEL_NAMES.map((name) => ({
      name,
      fields: MODELS[name].map((f) => ({ name: f.name, label: f.label })),
    })),
    roles: store.world.externalRoles.map((r) => ({
      id: r.id,
      name: r.name,
      models: r.models,
      fileAccess: r.fileAccess,
      taskUpdate: r.taskUpdate,
      comment: r.comment,
      holders: holdersOf(store, r.id).length,
    })),
  });
}

function maySuperAdmin(viewer: Viewer): Result<true> {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  return viewer.superAdmin ? ok(true) : refuse('forbidden', 'Only Portal Super Admins edit external roles.');
}

/** Grants for known models and fields only: anything else refuses the whole change. */
function checkGrants(models: RoleInput['models']): Result<ExternalRole['models']> {
  const out: ExternalRole['models'] = {};
  for (const [model, grant] of Object.entries(models ?? {})) {
    if (!isModelName(model)) return refuse('bad_request', `Unknown model ${model}.`);
    if (!grant) continue;
    const known = new Set(MODELS[model].map((f) => f.name));
    const unknown = Object.keys(grant.fields).filter((f) => !known.has(f));
    if (unknown.length) return refuse('invalid_field', `${model} has no field ${unknown.join(', ')}.`);
    out[model] = { ...grant, fields: { ...grant.fields } };
  }
  return ok(out);
}

function roleName(store: Store, raw: string, exceptId?: string): Result<string> {
  const name = raw.trim();
  if (!name) return refuse('bad_request', 'A role needs a name.');
  if (store.world.externalRoles.some((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase()))
    return refuse('bad_request', `A role named ${name} already exists.`);
  return ok(name);
}

/** R21: create a role, or clone one (`cloneOf`) under a new name. */
export function createRole(
  store: Store,
  viewer: Viewer,
  input: RoleInput & { cloneOf?: string | undefined },
  now: Date,
) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const source = input.cloneOf ? store.externalRoles.get(input.cloneOf) : undefined;
  if (input.cloneOf && !source) return notFound();
  const name = roleName(store, input.name ?? '');
  if (!name.ok) return name;
  const models = checkGrants(input.models ?? (source ? structuredClone(source.models) : {}));
  if (!models.ok) return models;
  const role: ExternalRole = {
    id: store.newId('xrole'),
    name: name.value,
    models: models.value,
    fileAccess: input.fileAccess ?? source?.fileAccess ?? false,
    taskUpdate: input.taskUpdate ?? source?.taskUpdate ?? false,
    comment: input.comment ?? source?.comment ?? false,
  };
  store.insert('externalRoles', role);
  auditWrite(store, viewer, now, source ? 'role.clone' : 'role.create', { type: 'role', id: role.id }, [
    { field: 'name', from: null, to: role.name },
  ]);
  return ok(role);
}

/** R21: a change applies to every open session from its next request (sessions re-resolve). */
export function updateRole(store: Store, viewer: Viewer, roleId: string, input: RoleInput, now: Date) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const role = store.externalRoles.get(roleId);
  if (!role) return notFound();
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const next: ExternalRole = { ...role };
  if (input.name !== undefined) {
    const name = roleName(store, input.name, role.id);
    if (!name.ok) return name;
    next.name = name.value;
  }
  if (input.models !== undefined) {
    const models = checkGrants(input.models);
    if (!models.ok) return models;
    next.models = models.value;
  }
  for (const flag of ['fileAccess', 'taskUpdate', 'comment'] as const)
    if (input[flag] !== undefined) next[flag] = input[flag]!;
  for (const field of ['name', 'models', 'fileAccess', 'taskUpdate', 'comment'] as const)
    if (JSON.stringify(role[field]) !== JSON.stringify(next[field]))
      changes.push({ field, from: role[field], to: next[field] });
  Object.assign(role, next);
  if (changes.length) auditWrite(store, viewer, now, 'role.update', { type: 'role', id: role.id }, changes);
  store.changed('externalRoles', role);
  return ok(role);
}

/** R21: a role still held by portal users is not removed (`role_in_use`, naming who holds it). */
export function removeRole(store: Store, viewer: Viewer, roleId: string, now: Date) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const role = store.externalRoles.get(roleId);
  if (!role) return notFound();
  const holders = holdersOf(store, roleId);
  if (holders.length)
    return refuse(
      'role_in_use',
      `${role.name} is held by ${holders.map((h) => `${h.name} (${h.portal})`).join(', ')}: move them to another role first.`,
    );
  store.remove('externalRoles', roleId);
  auditWrite(store, viewer, now, 'role.remove', { type: 'role', id: roleId }, [
    { field: 'name', from: role.name, to: null },
  ]);
  return ok({ id: roleId });
}
