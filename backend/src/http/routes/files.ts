// Files (R6): list, upload, download, sharing, removal.
import { ShareRequest } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { writeThrough } from '../../rules/content.js';
import {
  fileRoutesAllowed,
  fileTooLarge,
  getFile,
  listFiles,
  removeFile,
  shareFiles,
  unsharedFiles,
  uploadFile,
} from '../../rules/files.js';
import { fromBase64 } from '../../ports/blobs.js';
import { answer, errorResponse, refusal, TooLarge } from '../answers.js';
import { readBody, readBytes, uploadRefusal } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveFiles({ on, store, storage, now, uploadedBlob, afterCommit }: Serve): void {
  // Files (R6).
  const fileItem = ({
    id,
    name,
    type,
    size,
    uploadedBy,
    createdAt,
  }: {
    id: string;
    name: string;
    type: string;
    size: number;
    uploadedBy: string;
    createdAt: string;
  }) => ({
    id,
    name,
    type,
    size,
    uploadedBy,
    createdAt,
  });
  on(route.filesList, ({ viewer }) =>
    answer(listFiles(store(), viewer), (files) => ({
      items: files.map(fileItem),
      limits: viewer.portal.files,
    })),
  );
  on(route.filesUnshared, ({ viewer }) =>
    answer(unsharedFiles(store(), viewer), (files) => ({
      items: files.map(fileItem),
      limits: viewer.portal.files,
    })),
  );
  on(route.filesUpload, async ({ viewer, request, url }) => {
    // Checked before the bytes were read (#uploadBeforeWrite), and again on the latest data.
    const refused = uploadRefusal(store(), viewer, url);
    if (refused) return refused;
    // The portal's own limit (the bytes are here already: read before the write began).
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(request, viewer.portal.files.maxBytes);
    } catch (error) {
      if (error instanceof TooLarge)
        return refusal('file_too_large', fileTooLarge(viewer.portal.files.maxBytes));
      throw error;
    }
    const name = url.searchParams.get('name')!;
    const blob = uploadedBlob(request);
    if (!blob) throw new Error('an upload reached its write without its bytes stored');
    return answer(await uploadFile(store(), viewer, { name, bytes, blob }, now()), fileItem, 201);
  });
  on(route.filesShare, async ({ viewer, request }) => {
    const body = await readBody(request, ShareRequest);
    return answer(shareFiles(store(), viewer, body.ids, body.shared, now()));
  });
  on(route.filesRemove, ({ viewer, params, url, request }) => {
    const allowed = fileRoutesAllowed(viewer);
    if (!allowed.ok) return errorResponse(allowed.error);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'files' });
    if (!through.ok) return errorResponse(through.error);
    const blob = store().files.get(params[0]!)?.blob;
    const removed = removeFile(store(), viewer, params[0]!, now());
    // The bytes go once the removal is committed.
    if (removed.ok && blob) afterCommit(request, () => storage.blobs.delete(blob));
    return answer(removed);
  });
  on(route.filesContent, async ({ viewer, params }) => {
    const file = getFile(store(), viewer, params[0]!);
    if (!file.ok) return errorResponse(file.error);
    const { blob, content } = file.value;
    const bytes = blob ? await storage.blobs.get(blob) : fromBase64(content ?? '');
    if (!bytes) return refusal('not_found');
    const filename = encodeURIComponent(file.value.name);
    return new Response(bytes as unknown as ArrayBuffer, {
      headers: {
        'content-type': file.value.type,
        'content-disposition': `attachment; filename*=UTF-8''${filename}`,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
