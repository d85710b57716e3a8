// Blobs in PostgreSQL: `pk_blobs`, one row per 256 KiB chunk of a file's bytes, so no statement
// carries a whole large file and none is read as one value. Written before the upload's write
// (outside its transaction: nothing slow runs inside a write) under a key never used before.
import type { BlobStore } from '../../ports/blobs.js';
import type { Database, Queryable } from './database.js';

export const BLOB_CHUNK = 256 * 1024;

/** Writes `bytes` as chunks of the tenant's `key` (replacing any there). */
export async function putBlob(tx: Queryable, tenant: string, key: string, bytes: Uint8Array): Promise<void> {
  await tx.query('DELETE FROM pk_blobs WHERE tenant_id = $1 AND key = $2', [tenant, key]);
  for (let part = 0; part * BLOB_CHUNK < bytes.length || part === 0; part++)
    await tx.query('INSERT INTO pk_blobs (tenant_id, key, part, bytes) VALUES ($1, $2, $3, $4)', [
      tenant,
      key,
      part,
      bytes.subarray(part * BLOB_CHUNK, (part + 1) * BLOB_CHUNK),
    ]);
}

export class PostgresBlobStore implements BlobStore {
  constructor(
    readonly db: Database,
    readonly tenant: string,
  ) {}

  put(key: string, bytes: Uint8Array) {
    return this.db.transaction((tx) => putBlob(tx, this.tenant, key, bytes));
  }

  async get(key: string) {
    const rows = await this.db.query<{ bytes: Uint8Array }>(
      'SELECT bytes FROM pk_blobs WHERE tenant_id = $1 AND key = $2 ORDER BY part',
      [this.tenant, key],
    );
    if (!rows.length) return undefined;
    const out = new Uint8Array(rows.reduce((n, r) => n + r.bytes.length, 0));
    let at = 0;
    for (const { bytes } of rows) {
      out.set(bytes, at);
      at += bytes.length;
    }
    return out;
  }

  async delete(key: string) {
    await this.db.query('DELETE FROM pk_blobs WHERE tenant_id = $1 AND key = $2', [this.tenant, key]);
  }
}
