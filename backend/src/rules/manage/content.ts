// R2, R20: which sections and pages the portal shares, and what its external users get. Vendor
// staff manage the portal they opened (R20); decided here only, the routes parse and serialise.
// Nothing here is ever an external user's or an impersonator's.
import type { Access, Portal } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import { auditWrite } from '../audit.js';
import { ok, refuse } from '../refusal.js';
import { manageRead, manageWrite, type Viewer } from '../viewer.js';

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
