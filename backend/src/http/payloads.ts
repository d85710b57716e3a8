// Builds the contract's response bodies from the rules engine's answers.
import type { Bootstrap, Column, PagePayload, PortalTask } from '../../../src/contract/schemas.js';
import { readableOn } from '../../../src/shared/contrast.js';
import { navigation, documentToShow, getDocument, sharedPage } from '../rules/content.js';
import type { Readers } from '../ports/storage.js';
import { listRecords } from '../rules/records.js';
import { mayComplete } from '../rules/tasks.js';
import { computeWidget } from '../rules/widgets.js';
import type { Viewer } from '../rules/viewer.js';
import { labelIn, type ModelName } from '../world/models.js';
import type { Comment, Owner, PortalTaskItem } from '../world/schema.js';
import type { Store } from '../world/store.js';
import type { Result } from '../rules/refusal.js';
import { portalColors } from '../rules/branding.js';

/** Columns of a table page: the configured ones minus every field the role may not view (R3). */
export function columnsFor(
  viewer: Viewer,
  model: ModelName,
  configured?: readonly string[],
  access: 'view' | 'edit' = 'edit',
): Column[] {
  const rights = viewer.rights(model);
  return (configured ?? rights.viewable)
    .filter((name) => rights.viewableSet.has(name))
    .map((name) => {
      const def = viewer.schema.field(model, name)!;
      return {
        name,
        label: labelIn(def, viewer.locale),
        type: def.type,
        ...(def.options
          ? { options: def.options.map((o) => ({ value: o.value, label: labelIn(o, viewer.locale) })) }
          : {}),
        ...(def.constraints ? { constraints: { ...def.constraints } } : {}),
        ...(def.target ? { target: def.target } : {}),
        updatable: !viewer.readOnly && access === 'edit' && rights.updatable.has(name),
      };
    });
}

export async function pagePayload(
  store: Store,
  readers: Readers,
  viewer: Viewer,
  pageId: string,
): Promise<Result<PagePayload>> {
  const reader = readers.records;
  const shared = sharedPage(store, viewer, pageId);
  if (!shared.ok) return shared;
  const { page, access } = shared.value;
  const payload: PagePayload = { id: page.id, title: page.title, type: page.type, access };
  if (page.type === 'table' && page.model) {
    payload.model = page.model;
    payload.columns = columnsFor(viewer, page.model, page.columns, access);
    const rights = viewer.rights(page.model);
    // R2: nothing is written through a page shared to view, whatever the role allows.
    const write = !viewer.readOnly && access === 'edit';
    payload.permissions = {
      create: write && rights.create,
      update: write && rights.update,
      remove: write && rights.remove,
      export: rights.export,
      // Choosing what the portal shows is staff management (R19), not a write to the page's content.
      share: viewer.manage === 'edit' && (viewer.superAdmin || rights.update),
    };
    const first = await listRecords(viewer, reader, page.model, { limit: 100 });
    if (first.ok) payload.records = first.value;
  }
  if ((page.type === 'dashboard' || page.type === 'presentation' || page.type === 'goals') && page.widgets) {
    payload.widgets = await Promise.all(
      page.widgets.map(async (w) => ({
        id: w.id,
        title: w.title,
        result: await computeWidget(viewer, reader, w),
      })),
    );
  }
  if (page.type === 'document') {
    const documents = await readers.documents.get(documentToShow(store, viewer, page.id));
    const doc = getDocument(store, viewer, page.id, documents);
    if (doc.ok) {
      const { id, title, body, version, updatedAt, updatedBy } = doc.value;
      payload.document = { id, title, body, version, updatedAt, updatedBy };
    }
  }
  if (page.type === 'html' && page.html !== undefined) payload.html = page.html;
  return { ok: true, value: payload };
}

export function personOf(store: Store, ref: Owner) {
  const name =
    ref.kind === 'internal' ? store.internalUsers.get(ref.id)?.name : store.contacts.get(ref.id)?.name;
  return { kind: ref.kind, id: ref.id, name: name ?? 'Unknown person' };
}

export function commentPayload(store: Store, comment: Comment) {
  return {
    ...comment,
    author: personOf(store, comment.author),
    mentions: comment.mentions.map((m) => personOf(store, m)),
  };
}

export function taskPayload(store: Store, viewer: Viewer, task: PortalTaskItem): PortalTask {
  return {
    id: task.id,
    title: task.title,
    phase: task.phase,
    status: task.status,
    due: task.due ?? null,
    owner: task.owner ? personOf(store, task.owner) : null,
    canComplete: mayComplete(viewer, task),
    sharedInPortal: task.sharedInPortal,
  };
}

export async function bootstrapFor(store: Store, readers: Readers, viewer: Viewer): Promise<Bootstrap> {
  const { portal } = viewer;
  const { primary, accent, surface } = portalColors(store, portal);
  const nav = navigation(store, viewer);
  const landingId =
    (portal.landingPageId && nav.some((s) => s.pages.some((p) => p.id === portal.landingPageId))
      ? portal.landingPageId
      : undefined) ?? nav[0]?.pages[0]?.id;
  const landing = landingId ? await pagePayload(store, readers, viewer, landingId) : undefined;
  const actor =
    viewer.principal.kind === 'impersonation' ? store.internalUsers.get(viewer.principal.actorId) : undefined;
  return {
    tenant: { name: store.world.tenant.name, logoUrl: store.world.tenant.logoUrl ?? null },
    portal: {
      id: portal.id,
      name: portal.name,
      company: store.companies.get(portal.companyId)?.name ?? '',
      branding: { primary, onPrimary: readableOn(primary), accent, ...(surface ? { surface } : {}) },
    },
    user: {
      kind: viewer.person.kind,
      id: viewer.person.id,
      name: viewer.person.name,
      ...(actor ? { impersonatedBy: { id: actor.id, name: actor.name } } : {}),
    },
    can: {
      write: !viewer.readOnly,
      files: viewer.fileAccess,
      admin: viewer.admin,
      shareRecords: viewer.manage === 'edit',
      manage: viewer.manage === 'edit',
    },
    navigation: nav,
    landing: landing?.ok ? landing.value : null,
  };
}
