// Documents read in SQL from `pk_entities` (list 'documents'), by primary key. Their bodies are
// sanitised as they are read, as the store does when it loads a world (R8: an imported body is
// stored as it came).
import type { DocumentReader } from '../../ports/documents.js';
import { sanitizeStoredHtml } from '../../world/sanitize.js';
import type { DocumentEntry } from '../../world/schema.js';
import type { Queryable } from './database.js';

export class SqlDocumentReader implements DocumentReader {
  readonly #q: () => Queryable;
  readonly #tenant: string;

  constructor(queryable: () => Queryable, tenant: string) {
    this.#q = queryable;
    this.#tenant = tenant;
  }

  async get(ids: readonly string[], forUpdate = false) {
    const found = new Map<string, DocumentEntry>();
    if (!ids.length) return found;
    const rows = await this.#q().query<{ body: DocumentEntry }>(
      `SELECT body FROM pk_entities
        WHERE tenant_id = $1 AND list = 'documents' AND id = ANY($2::text[]) AND body IS NOT NULL
        ORDER BY id ${forUpdate ? 'FOR UPDATE' : ''}`,
      [this.#tenant, [...new Set(ids)]],
    );
    for (const { body } of rows) found.set(body.id, { ...body, body: sanitizeStoredHtml(body.body) });
    return found;
  }
}
