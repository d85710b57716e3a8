// Documents read in SQL from `pk_entities` (list 'documents'), by primary key, as stored: a body
// is sanitised once, when it is written (a save, an import; migration 16 for older rows — R8).
import type { DocumentReader } from '../../ports/documents.js';
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
    for (const { body } of rows) found.set(body.id, body);
    return found;
  }
}
