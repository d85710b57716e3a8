// R15, R23: the portal's activity feed and its audit trail — in names and words, never ids, and
// only what the reader may see. Vendor staff manage the portal they opened (R20); decided here
// only, the routes parse and serialise. Nothing here is ever an external user's or an
// impersonator's.
import type { ReadableChange } from '../../../../src/contract/manage.js';
import type { ModelName, Schema } from '../../world/models.js';
import type { ActivityEvent, AuditEntry, ExternalRole } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import type { Readers } from '../../ports/storage.js';
import type { LogReader, TrailFilter, TrailPage } from '../../ports/logs.js';
import { sharedPlan } from '../records.js';
import { ok } from '../refusal.js';
import { manageRead, type Viewer } from '../viewer.js';
import { activeCounts } from './people.js';

type ObjectRef = { type: string; id: string };
/**
 * Record names by `recordKey`, read through the reader's own plans, and documents' titles (under
 * the key of type `document`; a model's name starts with a capital letter) — see `recordNames`.
 */
export type RecordNames = ReadonlyMap<string, string>;
const recordKey = (model: string, id: string) => `${model}\u0000${id}`;

/**
 * R3: the names of the records `objects` point at, as the reader may see them: a record is called
 * by its first field (tables show it first), read through the reader's shared plan — so a model or
 * naming field their role may not view, or a record no longer shared, gives no name — one
 * single-record read each, so every storage answers alike. Documents are named by their titles,
 * read together.
 */
export async function recordNames(
  readers: Readers,
  viewer: Viewer,
  objects: Iterable<ObjectRef>,
): Promise<RecordNames> {
  const wanted = new Map<string, { model: ModelName; id: string }>();
  const documents = new Set<string>();
  for (const o of objects) {
    if (viewer.schema.has(o.type)) wanted.set(recordKey(o.type, o.id), { model: o.type, id: o.id });
    if (o.type === 'document') documents.add(o.id);
  }
  const names = new Map<string, string>();
  for (const doc of (await readers.documents.get([...documents])).values())
    names.set(recordKey('document', doc.id), doc.title);
  for (const [key, { model, id }] of wanted) {
    const plan = sharedPlan(viewer, model);
    const naming = viewer.schema.namingField(model)?.name;
    if (!naming || !plan?.fields.includes(naming)) continue;
    const [record] = await readers.records.all({ ...plan, fields: [naming], id });
    const name = record?.[naming];
    if (name !== null && name !== undefined && name !== '') names.set(key, String(name));
  }
  return names;
}

/** Reads the contacts `ids` into the store first (a database's instance holds a company at a time). */
export type PeopleLoader = (ids: readonly string[]) => Promise<void>;

/** The contacts an audit entry names: who acted, for whom, on whom, and in its changes. */
function peopleOf(entry: AuditEntry): string[] {
  const ids: string[] = [];
  const person = (ref: unknown) => {
    const { kind, id } = (ref ?? {}) as { kind?: string; id?: string };
    if (kind === 'external' && id) ids.push(id);
  };
  person(entry.actor);
  person(entry.onBehalfOf);
  if (entry.object.type === 'contact') ids.push(entry.object.id);
  for (const c of entry.changes ?? []) {
    if (c.field === 'owner') {
      person(c.from);
      person(c.to);
    }
    if (c.field === 'audience')
      for (const side of [c.from, c.to]) ids.push(...((side as { contactIds?: string[] })?.contactIds ?? []));
  }
  return ids;
}

/** What an entry acted on, named when it still exists and the reader may see it (R3). */
function nameObject(store: Store, records: RecordNames, object: ObjectRef): string | undefined {
  if (store.schema.has(object.type)) return records.get(recordKey(object.type, object.id));
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
      return records.get(recordKey('document', object.id));
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
function grantChanges(schema: Schema, from: unknown, to: unknown) {
  const before = (from ?? {}) as Grants;
  const after = (to ?? {}) as Grants;
  const diff = (was: readonly GrantRight[], now: readonly GrantRight[]) => ({
    gained: now.filter((r) => !was.includes(r)),
    lost: was.filter((r) => !now.includes(r)),
  });
  const modelRights = (g: Grants[ModelName] | undefined) => GRANT_RIGHTS.filter((r) => g?.[r]);
  // A field follows its model unless it says otherwise: only fields named on either side count.
  const fieldRights = (g: Grants[ModelName] | undefined, field: string): GrantRight[] => {
    if (!g?.view) return [];
    const own = g.fields[field] ?? { view: true, update: g.update };
    return own.view ? (own.update ? ['view', 'update'] : ['view']) : [];
  };
  const models = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...models].flatMap((model) => {
    const [was, now] = [before[model], after[model]];
    if (!was && !now) return [];
    const fields = new Set([...Object.keys(was?.fields ?? {}), ...Object.keys(now?.fields ?? {})]);
    return [
      { model, ...diff(modelRights(was), modelRights(now)) },
      ...schema
        .fields(model)
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
    if (store.schema.has(object.type)) {
      const def = store.schema.field(object.type, c.field);
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
        return [{ ...told(null, null), grants: grantChanges(store.schema, c.from, c.to) }];
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
  // A record's type is its model's name (capitalised): a model the tenant removed shows nothing.
  if (!entry.changes || !/^[A-Z]/.test(entry.object.type)) return entry.changes;
  const viewable = viewer.rights(entry.object.type).viewableSet;
  return entry.changes.filter((c) => viewable.has(c.field));
}

/** The activity feed holds the portal's latest 50 events. */
const FEED_LENGTH = 50;

/**
 * R15: the feed — page views and the actions of external users, each naming what it acted on and
 * what it changed, as the reader may see them. Records are named from `records` and an action's
 * changes read from `actions`, its audit entries (`readPortalActivity` reads both).
 */
function portalFeed(
  store: Store,
  viewer: Viewer,
  events: readonly ActivityEvent[],
  actions: readonly AuditEntry[],
  records: RecordNames,
) {
  // An action's changes are its audit entry's: the write recorded both at once.
  const actionKey = (at: string, contactId: string, o: ObjectRef) =>
    [at, contactId, o.type, o.id].join('\u0000');
  const audited = new Map(actions.map((e) => [actionKey(e.at, e.actor.id, e.object), e]));
  return events.map((e) => {
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
}

/**
 * R15: active end users over 7, 30 and 90 days, and the feed, its records named through the
 * storage's `readers` and its events and actions read from `logs`.
 */
export async function readPortalActivity(
  store: Store,
  readers: Readers,
  logs: LogReader,
  viewer: Viewer,
  now: Date,
  loadPeople: PeopleLoader = async () => {},
) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const portalId = viewer.portal.id;
  const events = await logs.latestActivity(portalId, FEED_LENGTH);
  const objects = events.flatMap((e) => (e.object ? [e.object] : []));
  const [actions, names, activeEndUsers] = await Promise.all([
    logs.externalActionsAt(
      portalId,
      events.filter((e) => e.object).map((e) => e.at),
    ),
    recordNames(readers, viewer, objects),
    activeCounts(logs, now, portalId),
  ]);
  await loadPeople([...events.map((e) => e.contactId), ...actions.flatMap(peopleOf)]);
  return ok({ activeEndUsers, feed: portalFeed(store, viewer, events, actions, names) });
}

/**
 * R23: the portal's trail, newest first, in names: who acted, on what, and what changed, readable.
 * Field changes of records show only fields the reader's own role may view, and a record is named
 * only from `records` (`readAuditTrail` reads them through the storage as the reader may see
 * them); nobody can change an entry (no route does).
 */
function auditTrail(store: Store, viewer: Viewer, entries: readonly AuditEntry[], records: RecordNames) {
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
  return items;
}

/** `auditTrail` with the records and documents it names read through the storage's `readers`. */
export async function readAuditTrail(
  store: Store,
  readers: Readers,
  logs: LogReader,
  viewer: Viewer,
  filter: TrailFilter,
  page: TrailPage = { limit: 50 },
  loadPeople: PeopleLoader = async () => {},
) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  const { entries, next } = await logs.trail(viewer.portal.id, filter, page);
  await loadPeople(entries.flatMap(peopleOf));
  const names = await recordNames(
    readers,
    viewer,
    entries.map((e) => e.object),
  );
  return ok({
    items: auditTrail(store, viewer, entries, names),
    nextCursor: next === null ? null : String(next),
  });
}
