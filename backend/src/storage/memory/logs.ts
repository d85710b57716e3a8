// The logs in memory: the store's arrays, with each portal's entries indexed as they are appended
// (a place in a portal's trail is its index there, as in SQL's `pos`).
import type { LogReader, TrailFilter, TrailPage } from '../../ports/logs.js';
import type { ActivityEvent, AuditEntry } from '../../world/schema.js';
import type { Store } from '../../world/store.js';

/** Each portal's entries of one log, in the order appended; follows the array as it grows. */
class PortalIndex<E extends { portalId: string }> {
  readonly #byPortal = new Map<string, E[]>();
  #source: readonly E[] = [];
  #indexed = 0;

  of(source: readonly E[], portalId: string): readonly E[] {
    // A new store (a reset) brings new arrays: index again from the start.
    if (source !== this.#source) {
      this.#source = source;
      this.#byPortal.clear();
      this.#indexed = 0;
    }
    for (; this.#indexed < source.length; this.#indexed++) {
      const entry = source[this.#indexed]!;
      let list = this.#byPortal.get(entry.portalId);
      if (!list) this.#byPortal.set(entry.portalId, (list = []));
      list.push(entry);
    }
    return this.#byPortal.get(portalId) ?? [];
  }
}

export class MemoryLogReader implements LogReader {
  readonly #store: () => Store;
  readonly #audit = new PortalIndex<AuditEntry>();
  readonly #activity = new PortalIndex<ActivityEvent>();

  constructor(store: () => Store) {
    this.#store = store;
  }

  #trailOf(portalId: string) {
    return this.#audit.of(this.#store().world.audit, portalId);
  }

  #activityOf(portalId: string) {
    return this.#activity.of(this.#store().world.activity, portalId);
  }

  async trail(portalId: string, filter: TrailFilter, page: TrailPage) {
    const all = this.#trailOf(portalId);
    const entries: AuditEntry[] = [];
    let last = -1;
    for (let i = Math.min(page.before ?? all.length, all.length) - 1; i >= 0; i--) {
      const e = all[i]!;
      if (filter.actor && e.actor.id !== filter.actor) continue;
      if (filter.action && !e.action.startsWith(filter.action)) continue;
      // One match past the page says there is more: the next page is before the last one shown.
      if (entries.length === page.limit) return { entries, next: last };
      entries.push(e);
      last = i;
    }
    return { entries, next: null };
  }

  async latestActivity(portalId: string, limit: number) {
    return this.#activityOf(portalId).slice(-limit).reverse();
  }

  async externalActionsAt(portalId: string, at: readonly string[]) {
    const times = new Set(at);
    return this.#trailOf(portalId).filter((e) => e.actor.kind === 'external' && times.has(e.at));
  }

  async activeUsers(portalIds: readonly string[], since: string, until: string) {
    const counts = new Map<string, number>();
    for (const portalId of new Set(portalIds)) {
      const people = new Set<string>();
      for (const e of this.#activityOf(portalId)) if (e.at >= since && e.at <= until) people.add(e.contactId);
      if (people.size) counts.set(portalId, people.size);
    }
    return counts;
  }

  async lastActivity(portalIds: readonly string[]) {
    const last = new Map<string, string>();
    for (const portalId of new Set(portalIds))
      for (const e of this.#activityOf(portalId))
        if ((last.get(portalId) ?? '') < e.at) last.set(portalId, e.at);
    return last;
  }

  async lastSeen(portalId: string, contactIds: readonly string[]) {
    const wanted = new Set(contactIds);
    const last = new Map<string, string>();
    for (const e of this.#activityOf(portalId))
      if (wanted.has(e.contactId) && (last.get(e.contactId) ?? '') < e.at) last.set(e.contactId, e.at);
    return last;
  }
}
