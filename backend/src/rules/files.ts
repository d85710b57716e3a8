// R6: files shared to the portal; without File Download / Upload Access every file route is refused.
import { fileTypeFromBuffer } from 'file-type/core';
import { extensionOf, extensionsFor, FILE_TYPES } from '../../../src/contract/file-types.js';
import type { FileEntry } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { auditWrite } from './audit.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { manageRead, manageWrite, type Viewer } from './viewer.js';

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

/**
 * What a file is, by its content: `file-type` reads the signatures (office documents inside
 * their zip or compound-file containers included); a file with no binary signature is text when
 * it is valid UTF-8 without NUL bytes. Old Office formats share one container, so its extension
 * says which one it is.
 */
export async function detectType(bytes: Uint8Array, extension: string): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (found.mime === 'application/x-cfb') {
      const claimed = FILE_TYPES[extension];
      return claimed && CFB_TYPES.has(claimed) ? claimed : found.mime;
    }
    return found.mime;
  }
  if (bytes.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Markup is never a text file here: SVG and HTML can carry scripts.
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (/^(<\?xml|<svg|<!doctype html|<html)/.test(head)) return 'text/html';
  return extension === 'csv' ? 'text/csv' : 'text/plain';
}

const CFB_TYPES = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);

/** A safe display name: no path, no control characters, bounded length; Unicode kept. */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
  const cleaned = printable.replace(/^\.+/, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

/**
 * R6: upload checks, all on the server: access, read-only, size, and type by content. A file
 * whose content is not what its extension claims is refused as such (`file_content_mismatch`),
 * one of a type the portal does not accept as `file_type_not_allowed`.
 */
export async function uploadFile(
  store: Store,
  viewer: Viewer,
  input: { name: string; bytes: Uint8Array; blob: string },
  now: Date,
): Promise<Result<FileEntry>> {
  const allowed = fileRoutesAllowed(viewer);
  if (!allowed.ok) return allowed;
  if (viewer.readOnly) return refuse('read_only_impersonation');
  const { maxBytes, types } = viewer.portal.files;
  if (input.bytes.length === 0) return refuse('bad_request', 'The file is empty.');
  if (input.bytes.length > maxBytes) return refuse('file_too_large', fileTooLarge(maxBytes));
  const name = safeFileName(input.name);
  const extension = extensionOf(name);
  const claimed = FILE_TYPES[extension];
  // A name whose extension is of no accepted kind (.html, .svg, .exe, …) is refused whatever it holds:
  // the name decides how the person's computer opens it.
  if (extension && !claimed)
    return refuse('file_type_not_allowed', `This portal accepts ${extensionsFor(types).join(', ')}.`);
  const type = await detectType(input.bytes, extension);
  // A text file may be named .txt, .md or .csv alike; anything else must be what its name says.
  const textual = (t: string | undefined) => t === 'text/plain' || t === 'text/csv';
  const matches = !claimed || claimed === type || (textual(claimed) && textual(type));
  if (!matches)
    return refuse(
      'file_content_mismatch',
      `The content of ${name} is not ${extension.toUpperCase()} (it looks like ${type ?? 'unknown data'}).`,
    );
  const stored = claimed && textual(type) ? claimed : type;
  if (!stored || !types.includes(stored))
    return refuse('file_type_not_allowed', `This portal accepts ${extensionsFor(types).join(', ')}.`);
  const file: FileEntry = {
    id: store.newId('file'),
    companyId: viewer.portal.companyId,
    name,
    type: stored,
    size: input.bytes.length,
    uploadedBy: viewer.person.name,
    createdAt: now.toISOString(),
    portalIds: [viewer.portal.id],
    // The bytes are in the blob store already (stored before the write, under a new key).
    blob: input.blob,
  };
  store.insert('files', file);
  auditWrite(store, viewer, now, 'file.upload', { type: 'file', id: file.id }, [
    { field: 'name', from: null, to: file.name },
  ]);
  return ok(file);
}

/** Internal users: the account's files not yet shared to this portal. */
export function unsharedFiles(store: Store, viewer: Viewer): Result<FileEntry[]> {
  // R20: management data: staff who may open the portal read it.
  const may = manageRead(viewer);
  if (!may.ok) return may;
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
  now: Date,
): Result<{ changed: number }> {
  // R20: sharing is a management write.
  const may = manageWrite(viewer);
  if (!may.ok) return may;
  const files = ids.map((id) => store.files.get(id));
  // All or nothing: one foreign or unknown id refuses the whole request.
  if (files.some((f) => !f || f.companyId !== viewer.portal.companyId)) return notFound();
  const portalId = viewer.portal.id;
  let changed = 0;
  for (const file of files as FileEntry[]) {
    if (file.portalIds.includes(portalId) === shared) continue;
    file.portalIds = shared ? [...file.portalIds, portalId] : file.portalIds.filter((p) => p !== portalId);
    store.changed('files', file);
    auditWrite(store, viewer, now, shared ? 'file.share' : 'file.unshare', { type: 'file', id: file.id });
    changed++;
  }
  return ok({ changed });
}

/** Internal users: remove a file shared to this portal. */
export function removeFile(store: Store, viewer: Viewer, id: string, now: Date): Result<{ id: string }> {
  const may = manageWrite(viewer);
  if (!may.ok) return may;
  // Only a file shared to this portal: one of another portal of the company is "not found" (R6, R10).
  const file = store.files.get(id);
  if (!file || !shared(viewer, file)) return notFound();
  store.remove('files', id);
  auditWrite(store, viewer, now, 'file.remove', { type: 'file', id }, [
    { field: 'name', from: file.name, to: null },
  ]);
  return ok({ id });
}
