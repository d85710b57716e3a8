// The blob port: where uploaded files' bytes live — never in the world (an instance holds file
// metadata only). PostgreSQL keeps them in a table in chunks (`storage/postgres/blobs.ts`), memory
// in a map; an S3-compatible store fits the same three calls.
export interface BlobStore {
  /** Stores `bytes` under `key` (a new key each upload: keys are never reused). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

/** The blob key a file's inline content (a world file's base64 `content`) is moved to. */
export const inlineBlobKey = (fileId: string) => `file:${fileId}`;

/** Bytes of base64 text (a world file's inline content). */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Moves the inline content of a world's files into blobs (`put`), leaving each file its blob key:
 * a world file may carry small files inline; the stored world never does.
 */
export function takeInlineContent(
  files: { id: string; content?: string | undefined; blob?: string | undefined }[],
  put: (key: string, bytes: Uint8Array) => void,
): void {
  for (const file of files) {
    if (!file.content) continue;
    const key = inlineBlobKey(file.id);
    put(key, fromBase64(file.content));
    file.blob = key;
    delete file.content;
  }
}
