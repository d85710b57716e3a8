// R2 (sections and pages), R8 (documents), R15 (activity), R16 (self-service contacts).
import type { Access, Contact, DocumentEntry, Page } from '../world/schema.js';
import { sanitizeStoredHtml } from '../world/sanitize.js';
import { applyContactSave, planContactSave } from './automation.js';
import { actorOf, auditWrite } from './audit.js';
import { internalMayOpen } from './portfolio.js';
import type { Store } from '../world/store.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { manageWrite, writable, type Viewer } from './viewer.js';

/** R2: a page's access in the portal: its own share, else its section's; undefined when unshared. */
export function pageAccess(viewer: Viewer, page: Page): Access | undefined {
  const own = viewer.portal.pageShares[page.id];
  if (own === 'none') return undefined;
  const access = own ?? (page.sectionId ? viewer.portal.sectionShares[page.sectionId] : undefined);
  // R6: without file access the files area does not appear at all.
  if (access && page.type === 'files' && !viewer.fileAccess) return undefined;
  // R3: a table of a model the role may not view has nothing to show: it does not appear either.
  if (access && page.type === 'table' && page.model && !viewer.rights(page.model).view) return undefined;
  return access && viewer.readOnly ? 'view' : access;
}

export interface NavPage {
  id: string;
  title: string;
  type: Page['type'];
  access: Access;
}
export interface NavSection {
  id: string | null;
  title: string;
  pages: NavPage[];
}

/** R16: the built-in page where an Admin external user manages the contacts of their company. */
export const PEOPLE_PAGE = { id: 'pk-people', title: 'People', type: 'people' as const };

/** R20: the built-in page where staff manage the portal (read-only for staff who may only view). */
export const SETTINGS_PAGE = { id: 'pk-manage', title: 'Manage portal', type: 'settings' as const };

/** R21: the tenant's external roles (edited by Portal Super Admins, read by other staff). */
export const ROLES_PAGE = { id: 'pk-roles', title: 'External roles', type: 'roles' as const };

/**
 * R2: navigation holds exactly the shared sections and pages, in world order. A page shared
 * alone whose section is not shared goes to the neutral group (no id, no title): nothing of an
 * unshared section — not even its title — reaches the person.
 */
export function navigation(store: Store, viewer: Viewer): NavSection[] {
  const visible = (page: Page): NavPage[] => {
    const access = pageAccess(viewer, page);
    return access ? [{ id: page.id, title: page.title, type: page.type, access }] : [];
  };
  const sectionShared = (id: string | undefined) => !!id && !!viewer.portal.sectionShares[id];
  const sections: NavSection[] = store.world.sections
    .filter((s) => sectionShared(s.id))
    .map((s) => ({
      id: s.id,
      title: s.title,
      pages: store.world.pages.filter((p) => p.sectionId === s.id).flatMap(visible),
    }))
    .filter((s) => s.pages.length > 0);
  const loose = store.world.pages.filter((p) => !sectionShared(p.sectionId)).flatMap(visible);
  const all = loose.length ? [{ id: null, title: '', pages: loose }, ...sections] : sections;
  if (viewer.admin)
    all.push({
      id: 'pk-company',
      title: 'Your company',
      pages: [{ ...PEOPLE_PAGE, access: viewer.readOnly ? 'view' : 'edit' }],
    });
  if (viewer.manage !== 'none')
    all.push({
      id: 'pk-staff',
      title: 'Vendor staff',
      pages: [
        { ...SETTINGS_PAGE, access: viewer.manage },
        { ...ROLES_PAGE, access: viewer.superAdmin ? 'edit' : 'view' },
      ],
    });
  return all;
}

export function sharedPage(
  store: Store,
  viewer: Viewer,
  pageId: string,
): Result<{ page: Page; access: Access }> {
  if (pageId === ROLES_PAGE.id)
    return viewer.manage !== 'none'
      ? ok({ page: ROLES_PAGE as Page, access: viewer.superAdmin ? 'edit' : 'view' })
      : notFound();
  if (pageId === SETTINGS_PAGE.id)
    return viewer.manage !== 'none' ? ok({ page: SETTINGS_PAGE as Page, access: viewer.manage }) : notFound();
  if (pageId === PEOPLE_PAGE.id) {
    return viewer.admin
      ? ok({ page: PEOPLE_PAGE as Page, access: viewer.readOnly ? 'view' : 'edit' })
      : notFound();
  }
  const page = store.pages.get(pageId);
  const access = page && pageAccess(viewer, page);
  return page && access ? ok({ page, access }) : notFound();
}

/** What a write acts on, so the page it is made through can be checked to show it. */
export type WriteTarget = { type: 'table'; model: string } | { type: 'tasks' } | { type: 'files' };

/**
 * R2: every write names the page it is made through. A page shared with `view` is read-only for
 * everyone who reaches it through that share, whatever their role allows (`read_only_page`).
 * A page that is not shared is "not found", like everywhere else (R3).
 */
export function writeThrough(
  store: Store,
  viewer: Viewer,
  pageId: string | null | undefined,
  target: WriteTarget,
): Result<Page> {
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!pageId) return refuse('bad_request', 'Name the page this write is made through: ?page=<page id>.');
  const shared = sharedPage(store, viewer, pageId);
  if (!shared.ok) return shared;
  const { page, access } = shared.value;
  if (page.type !== target.type || (target.type === 'table' && page.model !== target.model))
    return refuse('bad_request', `Page ${pageId} does not show what this write changes.`);
  if (access !== 'edit') return refuse('read_only_page');
  return ok(page);
}

/**
 * The document a read through `pageId` shows (R8): the page's, when the viewer may see the page;
 * none otherwise (`getDocument` answers why). What a request reads before deciding.
 */
export function documentToShow(store: Store, viewer: Viewer, pageId: string): string[] {
  const shared = sharedPage(store, viewer, pageId);
  return shared.ok ? documentOf(shared.value.page) : [];
}

/** The document a save through `pageId` changes, when the viewer may save it (see `saveDocument`). */
export function documentToSave(store: Store, viewer: Viewer, pageId: string): string[] {
  const shared = sharedPage(store, viewer, pageId);
  if (!shared.ok || shared.value.access !== 'edit' || !writable(viewer).ok) return [];
  return documentOf(shared.value.page);
}

const documentOf = (page: { documentId?: string | undefined }) =>
  page.documentId === undefined ? [] : [page.documentId];

/** R8: the page's document, from `documents` (read for the request: see `DocumentReader`). */
export function getDocument(
  store: Store,
  viewer: Viewer,
  pageId: string,
  documents: ReadonlyMap<string, DocumentEntry>,
): Result<DocumentEntry & { access: Access }> {
  const shared = sharedPage(store, viewer, pageId);
  if (!shared.ok) return shared;
  const doc = shared.value.page.documentId ? documents.get(shared.value.page.documentId) : undefined;
  return doc ? ok({ ...doc, access: shared.value.access }) : notFound();
}

/**
 * R8: save only with edit access and only on top of the latest version: never overwrite a newer
 * one. The page's document is in `store` (`DataStorage.loadDocuments`).
 */
export function saveDocument(
  store: Store,
  viewer: Viewer,
  pageId: string,
  body: string,
  baseVersion: number,
  now: Date,
): Result<DocumentEntry> {
  const shared = sharedPage(store, viewer, pageId);
  if (!shared.ok) return shared;
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (shared.value.access !== 'edit') return refuse('read_only_page');
  const doc = shared.value.page.documentId ? store.documents.get(shared.value.page.documentId) : undefined;
  if (!doc) return notFound();
  if (doc.version !== baseVersion) return refuse('version_conflict');
  auditWrite(store, viewer, now, 'document.save', { type: 'document', id: doc.id }, [
    { field: 'version', from: doc.version, to: doc.version + 1 },
  ]);
  Object.assign(doc, {
    body: sanitizeStoredHtml(body),
    version: doc.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: viewer.person.name,
  });
  store.changed('documents', doc);
  return ok(doc);
}

/**
 * R15: page views and actions of external users (impersonation and staff are not recorded). Only
 * pages the person may see count, and the server sets the time: a client's time only orders the
 * events of one batch, so nobody can back- or forward-date activity. Actions are recorded by the
 * writes themselves (`auditWrite`): a client reports page views only (the contract's
 * `ACTIVITY_KINDS`), so it cannot claim one.
 */
export function recordActivity(
  store: Store,
  viewer: Viewer,
  events: readonly { kind: string; pageId?: string | undefined; at: string }[],
  now: Date,
): number {
  if (viewer.principal.kind !== 'external') return 0;
  const accepted = events
    .filter((e) => e.pageId === undefined || sharedPage(store, viewer, e.pageId).ok)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const e of accepted) {
    store.appendActivity({
      portalId: viewer.portal.id,
      contactId: viewer.person.id,
      kind: e.kind,
      at: now.toISOString(),
      ...(e.pageId ? { pageId: e.pageId } : {}),
    });
  }
  return accepted.length;
}

/** R16: an Admin external user sees the contacts of their own company. */
export function companyContacts(store: Store, viewer: Viewer) {
  if (viewer.person.kind !== 'external' || !viewer.admin)
    return refuse('forbidden', 'Only portal admins can see the contacts of their company.');
  const companyId = viewer.portal.companyId;
  return ok(
    store.world.contacts
      .filter((c) => c.companyId === companyId)
      .map(({ id, name, email }) => ({ id, name, email: email ?? null })),
  );
}

/**
 * R16, R10: the portals whose automation a save by this viewer runs: those they may open of the
 * contact's company (the portal's: only its portals' rules act on its contacts, and `store`
 * holds them with the portal).
 */
function automationScope(store: Store, viewer: Viewer): Set<string> {
  if (viewer.person.kind === 'external') return new Set([viewer.portal.id]);
  const staffId = viewer.person.id;
  const companyId = viewer.portal.companyId;
  return new Set(
    store.world.portals
      .filter((p) => p.companyId === companyId && internalMayOpen(store, staffId, p.id))
      .map((p) => p.id),
  );
}

/** A person's name as stored: plain text as typed, not blank (R8). */
function cleanName(raw: string): Result<string> {
  const name = raw.trim();
  return name ? ok(name) : refuse('bad_request', 'A name needs some text.');
}

/**
 * R16: an Admin external user adds a contact to their own company. Refused with `email_in_use`,
 * before anything is stored, when automation would make it a second active user of one email.
 */
export function addContact(store: Store, viewer: Viewer, input: { name: string; email: string }, now: Date) {
  // R12 first: viewing as someone changes nothing, whoever that someone is.
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (viewer.person.kind !== 'external' || !viewer.admin)
    return refuse('forbidden', 'Only portal admins can add contacts.');
  const name = cleanName(input.name);
  if (!name.ok) return name;
  const contact: Contact = {
    id: store.newId('contact'),
    companyId: viewer.portal.companyId,
    name: name.value,
    email: input.email.trim(),
    featured: false,
  };
  const plan = planContactSave(store, contact, automationScope(store, viewer));
  if (!plan.ok) return plan;
  store.insert('contacts', contact);
  auditWrite(store, viewer, now, 'contact.create', { type: 'contact', id: contact.id });
  applyContactSave(store, contact, plan.value, now);
  return ok({ id: contact.id, name: contact.name, email: contact.email ?? null });
}

/**
 * Vendor staff: update a contact of the portal's company; automation rules of the portals they
 * may open then run (R16). A change that would lock anyone out is refused whole.
 */
export function updateContact(
  store: Store,
  viewer: Viewer,
  contactId: string,
  change: { name?: string | undefined; email?: string | null | undefined; featured?: boolean | undefined },
  now: Date,
) {
  // R20: editing the portal's people is a management write.
  const may = manageWrite(viewer);
  if (!may.ok) return may;
  const contact = store.contacts.get(contactId);
  if (!contact || contact.companyId !== viewer.portal.companyId) return notFound();
  if (change.name === undefined && change.email === undefined && change.featured === undefined)
    return refuse('bad_request', 'Nothing to change.');
  const next: Contact = { ...contact };
  if (change.name !== undefined) {
    const name = cleanName(change.name);
    if (!name.ok) return name;
    next.name = name.value;
  }
  if (change.email !== undefined) {
    if (change.email === null || change.email.trim() === '') delete next.email;
    else next.email = change.email.trim();
  }
  if (change.featured !== undefined) next.featured = change.featured;
  const plan = planContactSave(store, next, automationScope(store, viewer), contact);
  if (!plan.ok) return plan;
  const changes = (['name', 'email', 'featured'] as const)
    .filter((f) => contact[f] !== next[f])
    .map((field) => ({ field, from: contact[field] ?? null, to: next[field] ?? null }));
  store.replace('contacts', next);
  store.audit({
    at: now,
    portalId: viewer.portal.id,
    actor: actorOf(viewer),
    action: 'contact.update',
    object: { type: 'contact', id: contact.id },
    changes,
  });
  applyContactSave(store, next, plan.value, now);
  return ok({ id: next.id, name: next.name, email: next.email ?? null });
}
