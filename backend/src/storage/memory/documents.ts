// Documents in memory: the store's own, copied (a reader's answer is not the store's object).
import type { DocumentReader } from '../../ports/documents.js';
import type { DocumentEntry } from '../../world/schema.js';
import type { Store } from '../../world/store.js';

export class MemoryDocumentReader implements DocumentReader {
  readonly #store: () => Store;

  constructor(store: () => Store) {
    this.#store = store;
  }

  async get(ids: readonly string[]) {
    const found = new Map<string, DocumentEntry>();
    for (const id of ids) {
      const doc = this.#store().documents.get(id);
      if (doc) found.set(id, { ...doc });
    }
    return found;
  }
}
