// Comments read in SQL from `pk_entities` (list 'comments'): a task's page is one range of the
// (tenant, task, place) index, newest first, from before the cursor's comment.
import { commentsPage, type CommentPage, type CommentReader } from '../../ports/comments.js';
import type { Comment } from '../../world/schema.js';
import type { Queryable } from './database.js';

export class SqlCommentReader implements CommentReader {
  readonly #q: () => Queryable;
  readonly #tenant: string;

  constructor(queryable: () => Queryable, tenant: string) {
    this.#q = queryable;
    this.#tenant = tenant;
  }

  async latest(taskId: string, page: CommentPage) {
    let before: number | null = null;
    if (page.before !== undefined) {
      const [cursor] = await this.#q().query<{ ord: number; task: string | null }>(
        `SELECT ord, body->>'taskId' AS task FROM pk_entities
          WHERE tenant_id = $1 AND list = 'comments' AND id = $2 AND body IS NOT NULL`,
        [this.#tenant, page.before],
      );
      if (!cursor || cursor.task !== taskId) return undefined;
      before = cursor.ord;
    }
    const rows = await this.#q().query<{ body: Comment }>(
      `SELECT body FROM pk_entities
        WHERE tenant_id = $1 AND list = 'comments' AND body->>'taskId' = $2 AND body IS NOT NULL
          AND ($3::bigint IS NULL OR ord < $3)
        ORDER BY ord DESC LIMIT $4`,
      [this.#tenant, taskId, before, page.limit + 1],
    );
    return commentsPage(
      rows.map((row) => row.body),
      page.limit,
    );
  }
}
