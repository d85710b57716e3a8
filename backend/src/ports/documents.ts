// Documents (R8), read where they are kept: a database's instance holds none. A page's request
// reads the one document it shows, a trail page the titles it names; a write that saves one loads
// it into `store` first (`DataStorage.loadDocuments`).
import type { DocumentEntry } from '../world/schema.js';

export interface DocumentReader {
  /** The documents of `ids` that exist, by id, their bodies sanitised as stored (R8). */
  get(ids: readonly string[]): Promise<Map<string, DocumentEntry>>;
}
