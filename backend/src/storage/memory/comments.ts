// Comments in memory: the store's list, walked back from the cursor's comment.
import { commentsPage, type CommentPage, type CommentReader } from '../../ports/comments.js';
import type { Comment } from '../../world/schema.js';
import type { Store } from '../../world/store.js';

export class MemoryCommentReader implements CommentReader {
  readonly #store: () => Store;

  constructor(store: () => Store) {
    this.#store = store;
  }

  async latest(taskId: string, page: CommentPage) {
    const all = this.#store().world.comments;
    let end = all.length;
    if (page.before !== undefined) {
      end = all.findIndex((c) => c.id === page.before);
      if (end < 0 || all[end]!.taskId !== taskId) return undefined;
    }
    // Newest first, one past the page (there are earlier ones).
    const found: Comment[] = [];
    for (let i = end - 1; i >= 0 && found.length <= page.limit; i--)
      if (all[i]!.taskId === taskId) found.push(all[i]!);
    return commentsPage(found, page.limit);
  }
}
