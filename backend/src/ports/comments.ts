// A task's comments, read where they are kept: a page is the task's latest comments before one
// of them (its id is the cursor), never a walk over every comment of the tenant. Comments are
// append-only, in the order they were written (on a database: commit order).
import type { Comment } from '../world/schema.js';

/** The latest `limit` comments of a task, before the comment `before` when given. */
export interface CommentPage {
  before?: string;
  limit: number;
}

export interface CommentReader {
  /**
   * The page's comments, oldest first, and the id to go on from for earlier ones (null: none);
   * `undefined` when `before` names no comment of the task.
   */
  latest(
    taskId: string,
    page: CommentPage,
  ): Promise<{ comments: Comment[]; earlier: string | null } | undefined>;
}

/** The cursor a page of comments goes on from: its earliest comment, when earlier ones exist. */
export function commentsPage(found: readonly Comment[], limit: number) {
  const shown = found.slice(0, limit);
  return { comments: shown.reverse(), earlier: found.length > limit ? shown[0]!.id : null };
}
