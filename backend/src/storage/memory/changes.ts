// The change feed in memory: the latest FEED_WRITES writes' changes, in order.
import { FEED_LIMIT, FEED_WRITES, type ChangeFeed, type FeedChange } from '../../ports/changes.js';

export class MemoryChangeFeed implements ChangeFeed {
  #changes: FeedChange[] = [];
  #head = 0;
  /** The lowest position the feed reaches back to. */
  #floor = 0;

  /** Appends one committed write's changes at the next position. */
  append(portalId: string | null, entries: readonly Omit<FeedChange, 'position' | 'portalId'>[]): void {
    if (!entries.length) return;
    const position = ++this.#head;
    for (const entry of entries) this.#changes.push({ position, portalId, ...entry });
    const floor = position - FEED_WRITES;
    if (floor > this.#floor) {
      this.#floor = floor;
      // Trimmed in bulk, not entry by entry: the array is copied once per many writes.
      if (this.#changes[0]!.position <= floor - 1000)
        this.#changes = this.#changes.filter((c) => c.position > floor);
    }
  }

  /** The data was replaced: positions go on, and nothing before now can be read on. */
  restart(): void {
    this.#floor = ++this.#head;
    this.#changes = [];
  }

  async head() {
    return this.#head;
  }

  async since(position: number, options: { portalId?: string; limit?: number } = {}) {
    if (position < this.#floor) return { changes: [], next: this.#head, reset: true };
    const limit = options.limit ?? FEED_LIMIT;
    const ofReader = (change: FeedChange) =>
      change.position > position &&
      (!options.portalId ||
        change.portalId === null ||
        change.portalId === options.portalId ||
        change.portalIds.includes(options.portalId));
    const found: FeedChange[] = [];
    for (const change of this.#changes) {
      if (!ofReader(change)) continue;
      found.push(change);
      if (found.length > limit) break;
    }
    if (found.length <= limit) return { changes: found, next: this.#head, reset: false };
    // Past the limit: whole writes only — up to the last write the limit reached in full; one
    // write larger than the limit comes alone (as in SQL).
    const cut = found[limit]!.position;
    const whole = found.filter((change) => change.position < cut);
    if (whole.length) return { changes: whole, next: whole[whole.length - 1]!.position, reset: false };
    return {
      changes: this.#changes.filter((change) => change.position === cut && ofReader(change)),
      next: cut,
      reset: false,
    };
  }
}
