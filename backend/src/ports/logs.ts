// The append-only logs (R15 activity, R23 audit trail), read where they are kept: an instance
// holds neither log, so every read names one portal (or the portals a list shows) and is bounded.
// Times are ISO strings in UTC as the server writes them, compared as text by both storages.
import type { ActivityEvent, AuditEntry } from '../world/schema.js';

/** Narrows a portal's trail: entries by one actor, entries whose action starts with `action`. */
export interface TrailFilter {
  actor?: string | null;
  action?: string | null;
}

/**
 * A page of a portal's trail: `before` the entry at that place in the portal's trail (a cursor),
 * at most `limit` entries. An entry's place is its index in the portal's trail, which only grows:
 * a place stays the same entry for as long as the data does.
 */
export interface TrailPage {
  before?: number;
  limit: number;
}

export interface LogReader {
  /** R23: one page of the portal's trail, newest first, and the place to continue before (null: no more). */
  trail(
    portalId: string,
    filter: TrailFilter,
    page: TrailPage,
  ): Promise<{ entries: AuditEntry[]; next: number | null }>;
  /** R15: the portal's latest `limit` activity events, newest first. */
  latestActivity(portalId: string, limit: number): Promise<ActivityEvent[]>;
  /** R15: the portal's audit entries by external users at the times `at`, in the order written. */
  externalActionsAt(portalId: string, at: readonly string[]): Promise<AuditEntry[]>;
  /** R15: per portal, the distinct people with activity from `since` to `until` (inclusive); portals with none are left out. */
  activeUsers(portalIds: readonly string[], since: string, until: string): Promise<Map<string, number>>;
  /** Per portal, the time of its latest activity; portals with none are left out. */
  lastActivity(portalIds: readonly string[]): Promise<Map<string, string>>;
  /** Per contact, the time of their latest activity in the portal; contacts with none are left out. */
  lastSeen(portalId: string, contactIds: readonly string[]): Promise<Map<string, string>>;
}
