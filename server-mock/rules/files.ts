// R6: files shared to the portal; without File Download / Upload Access every file route is refused.
import type { FileEntry } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import type { Viewer } from './viewer.js';

export function fileRoutesAllowed(viewer: Viewer): Result<true> {
  return viewer.fileAccess ? ok(true) : refuse('no_file_access');
}

const shared = (viewer: Viewer, file: FileEntry) =>
  file.companyId === viewer.portal.companyId && file.portalIds.includes(viewer.portal.id);

export function listFiles(store: Store, viewer: Viewer): Result<FileEntry[]> {
  const allowed = fileRoutesAllowed(viewer);
  if (!allowed.ok) return allowed;
  return ok(store.world.files.filter((f) => shared(viewer, f)));
}

export function getFile(store: Store, viewer: Viewer, id: string): Result<FileEntry> {
  const allowed = fileRoutesAllowed(viewer);
  if (!allowed.ok) return allowed;
  const file = store.files.get(id);
  return file && shared(viewer, file) ? ok(file) : notFound();
}
