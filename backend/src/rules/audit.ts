// R23: every write is recorded, append-only, with who acted (and for whom, when impersonating).
// R15: a write of an external user acting for themselves is also their activity.
import type { Store } from '../world/store.js';
import type { Viewer } from './viewer.js';

/** R23: who acted, as the audit trail names them. */
export function actorOf(viewer: Viewer) {
  return { kind: viewer.person.kind, id: viewer.person.id };
}

/**
 * R23: one audit entry for a write by `viewer` (impersonation names the actor and the user).
 * R15: when an external user acts for themselves, the same write is an activity entry too, of the
 * audit action's kind and on the same object (staff and impersonation are not activity).
 */
export function auditWrite(
  store: Store,
  viewer: Viewer,
  now: Date,
  action: string,
  object: { type: string; id: string },
  changes?: { field: string; from: unknown; to: unknown }[],
) {
  const { principal } = viewer;
  store.audit({
    at: now,
    portalId: viewer.portal.id,
    ...(principal.kind === 'impersonation'
      ? {
          actor: { kind: 'internal' as const, id: principal.actorId },
          onBehalfOf: { kind: 'external' as const, id: principal.contactId },
        }
      : { actor: actorOf(viewer) }),
    action,
    object,
    ...(changes ? { changes } : {}),
  });
  if (principal.kind === 'external')
    store.appendActivity({
      portalId: viewer.portal.id,
      contactId: principal.contactId,
      kind: action,
      object: { ...object },
      at: now.toISOString(),
    });
}
