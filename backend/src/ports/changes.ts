// The change feed: what each committed write changed, at a position that follows commit order —
// a reader that has read up to a position never later finds a change below it. Instances and
// live updates (R24) read it to learn what changed since they last looked; it names what changed,
// never its content (a reader reads that through the rules, as the person may see it).
import type { Change as StoreChange, Store } from '../world/store.js';

/** One thing a write changed: an entity of a list, a record of a model, or a log's new entry. */
export interface FeedChange {
  /** The write's place in the feed (every change of one write shares it). */
  position: number;
  /** The portal whose write it was; null for a tenant-wide write (roles, models, contacts, content). */
  portalId: string | null;
  /**
   * The portals whose people may see what changed (a record or file shared with several, a
   * task of a shared workflow, a comment on it), as it is after the write — or was, if removed.
   * Sharing changes only the writing portal's share, so before and after differ by that one.
   */
  portalIds: string[];
  kind: 'entity' | 'record' | 'log';
  /** The entity's list (`tasks`, `portals`, …), the record's model, or the log (`activity`, `audit`). */
  name: string;
  /** The entity's or record's id; null for a log entry. */
  id: string | null;
}

export interface ChangeFeed {
  /** The position of the latest committed write. */
  head(): Promise<number>;
  /**
   * Changes after `position`, in commit order, at most `limit` (default 500) — whole writes only
   * (one larger than the limit comes alone), so `next` (the position to read after) never splits
   * one. With `portalId`: that portal's writes, the tenant-wide ones (they change what its people
   * may see), and other portals' changes to what it shows (`portalIds`). `reset`: the feed no longer reaches back to `position` (it keeps the latest
   * 100,000 writes, and a reset of the data starts it again): read everything again.
   */
  since(
    position: number,
    options?: { portalId?: string; limit?: number },
  ): Promise<{ changes: FeedChange[]; next: number; reset: boolean }>;
}

/** How many writes back the feed reaches. */
export const FEED_WRITES = 100_000;
/** Changes a read of the feed answers at most, by default. */
export const FEED_LIMIT = 500;

/** What a write's store changes say to the feed: each entity and record, and each log written to once. */
export function feedEntries(
  changes: readonly StoreChange[],
  store: Store,
): Omit<FeedChange, 'position' | 'portalId'>[] {
  const entries: Omit<FeedChange, 'position' | 'portalId'>[] = [];
  const logs = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'entity')
      entries.push({
        kind: 'entity',
        name: change.list,
        id: change.id,
        portalIds: change.removed
          ? (change.portalIds ?? [])
          : store.portalsOf(change.list, store.entity(change.list, change.id)),
      });
    else if (change.kind === 'record')
      entries.push({
        kind: 'record',
        name: change.model,
        id: change.id,
        portalIds: change.removed
          ? (change.portalIds ?? [])
          : [...(store.record(change.model, change.id)?.portalIds ?? [])],
      });
    else if (!logs.has(change.list)) {
      logs.add(change.list);
      entries.push({ kind: 'log', name: change.list, id: null, portalIds: [] });
    }
  }
  return entries;
}
