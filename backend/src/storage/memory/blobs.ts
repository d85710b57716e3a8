// Blobs in a map: tests, the browser (msw) and quick contract checks.
import type { BlobStore } from '../../ports/blobs.js';

export class MemoryBlobStore implements BlobStore {
  readonly #blobs = new Map<string, Uint8Array>();

  /** Synchronous, for a world loaded in a constructor. */
  putNow(key: string, bytes: Uint8Array): void {
    this.#blobs.set(key, bytes.slice());
  }

  async put(key: string, bytes: Uint8Array) {
    this.putNow(key, bytes);
  }

  async get(key: string) {
    return this.#blobs.get(key)?.slice();
  }

  async delete(key: string) {
    this.#blobs.delete(key);
  }
}
