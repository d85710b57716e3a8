// R6: files shared to the portal; without File Download / Upload Access every file route is refused.
import type { FileEntry } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import type { Viewer } from './viewer.js';

export const fileTooLarge = (maxBytes: number) =>
  `Files can be at most ${Math.round(maxBytes / 1024 / 1024)} MB here.`;

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

/** What the first bytes say a file is; executables are recognised so a renamed one is refused. */
export function sniffType(bytes: Uint8Array): string | 'executable' | 'unknown' {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (
    starts(0x4d, 0x5a) ||
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xca, 0xfe, 0xba, 0xbe) ||
    starts(0x23, 0x21)
  ) {
    return 'executable';
  }
  if (bytes.includes(0)) return 'unknown';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text';
  } catch {
    return 'unknown';
  }
}

/** A safe display name: no path, no control characters, bounded length; Unicode kept. */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
  const cleaned = printable.replace(/^\.+/, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

const TEXT_TYPES: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/plain' };

/** R6: upload checks, all on the server: access, read-only, size, and type by content. */
export function uploadFile(
  store: Store,
  viewer: Viewer,
  input: { name: string; declaredType: string; bytes: Uint8Array },
  now: Date,
): Result<FileEntry> {
  const allowed = fileRoutesAllowed(viewer);
  if (!allowed.ok) return allowed;
  if (viewer.readOnly) return refuse('read_only_impersonation');
  const { maxBytes, types } = viewer.portal.files;
  if (input.bytes.length === 0) return refuse('bad_request', 'The file is empty.');
  if (input.bytes.length > maxBytes) return refuse('file_too_large', fileTooLarge(maxBytes));
  const name = safeFileName(input.name);
  const sniffed = sniffType(input.bytes);
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const type = sniffed === 'text' ? TEXT_TYPES[extension] : sniffed;
  if (!type || type === 'executable' || type === 'unknown' || !types.includes(type)) {
    return refuse('file_type_not_allowed', `This portal accepts ${types.join(', ')}.`);
  }
  // A declared type that disagrees with the content (a renamed file) is refused too.
  if (
    input.declaredType &&
    input.declaredType !== 'application/octet-stream' &&
    input.declaredType !== type
  ) {
    return refuse('file_type_not_allowed', `The file's content is not ${input.declaredType}.`);
  }
  let binary = '';
  for (const byte of input.bytes) binary += String.fromCharCode(byte);
  const file: FileEntry = {
    id: store.newId('file'),
    companyId: viewer.portal.companyId,
    name,
    type,
    size: input.bytes.length,
    uploadedBy: viewer.person.name,
    createdAt: now.toISOString(),
    portalIds: [viewer.portal.id],
    content: btoa(binary),
  };
  store.insertFile(file);
  return ok(file);
}

/** Internal users: the account's files not yet shared to this portal. */
export function unsharedFiles(store: Store, viewer: Viewer): Result<FileEntry[]> {
  if (viewer.person.kind !== 'internal') return refuse('forbidden', 'Only vendor staff can share files.');
  return ok(
    store.world.files.filter(
      (f) => f.companyId === viewer.portal.companyId && !f.portalIds.includes(viewer.portal.id),
    ),
  );
}

/** Internal users: share or unshare account files in this portal, in bulk (as records, R19). */
export function shareFiles(
  store: Store,
  viewer: Viewer,
  ids: readonly string[],
  shared: boolean,
): Result<{ changed: number }> {
  if (viewer.person.kind !== 'internal') return refuse('forbidden', 'Only vendor staff can share files.');
  const files = ids.map((id) => store.files.get(id));
  // All or nothing: one foreign or unknown id refuses the whole request.
  if (files.some((f) => !f || f.companyId !== viewer.portal.companyId)) return notFound();
  const portalId = viewer.portal.id;
  let changed = 0;
  for (const file of files as FileEntry[]) {
    if (file.portalIds.includes(portalId) === shared) continue;
    file.portalIds = shared ? [...file.portalIds, portalId] : file.portalIds.filter((p) => p !== portalId);
    changed++;
  }
  store.touch();
  return ok({ changed });
}

/** Internal users: remove a file shared to this portal. */
export function removeFile(store: Store, viewer: Viewer, id: string): Result<{ id: string }> {
  if (viewer.person.kind !== 'internal') return refuse('forbidden', 'Only vendor staff can remove files.');
  // Only a file shared to this portal: one of another portal of the company is "not found" (R6, R10).
  const file = store.files.get(id);
  if (!file || !shared(viewer, file)) return notFound();
  store.removeFile(id);
  return ok({ id });
}
