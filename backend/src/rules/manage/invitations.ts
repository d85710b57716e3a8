// R10, R17: the internal users related to the account, and who of them the portal invites. Vendor
// staff manage the portal they opened (R20); decided here only, the routes parse and serialise.
// Nothing here is ever an external user's or an impersonator's.
import type { Portal } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import { auditWrite } from '../audit.js';
import { ok, refuse } from '../refusal.js';
import { manageRead, manageWrite, type Viewer } from '../viewer.js';

/** The internal users related to the account (owner, co-owners), and who is invited now. */
export function invitations(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok(invitationsOf(store, viewer.portal));
}

function invitationsOf(store: Store, portal: Portal) {
  const company = store.companies.get(portal.companyId);
  // R17: the internal users related to the account: owner, co-owners, followers, collaborators.
  const relationOf = (id: string) =>
    company?.ownerId === id
      ? ('owner' as const)
      : company?.coOwnerIds.includes(id)
        ? ('co-owner' as const)
        : company?.followerIds.includes(id)
          ? ('follower' as const)
          : company?.collaboratorIds.includes(id)
            ? ('collaborator' as const)
            : ('invited' as const);
  const related = new Set(
    [
      company?.ownerId,
      ...(company?.coOwnerIds ?? []),
      ...(company?.followerIds ?? []),
      ...(company?.collaboratorIds ?? []),
    ].filter((id): id is string => !!id),
  );
  const people = [...new Set([...related, ...portal.invitedInternalIds])]
    .map((id) => store.internalUsers.get(id))
    .filter((u) => !!u);
  return {
    people: people.map((u) => ({
      id: u.id,
      name: u.name,
      relation: relationOf(u.id),
      invited: portal.invitedInternalIds.includes(u.id),
    })),
  };
}

/** R17: invite only internal users related to the account; anyone already invited may be removed. */
export function setInvited(store: Store, viewer: Viewer, ids: readonly string[], now: Date) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  const allowed = new Set(invitationsOf(store, portal).people.map((p) => p.id));
  const refused = ids.filter((id) => !allowed.has(id));
  if (refused.length)
    return refuse(
      'bad_request',
      `Only people related to this account can be invited: ${refused.join(', ')}.`,
    );
  const before = [...portal.invitedInternalIds];
  portal.invitedInternalIds = [...new Set(ids)];
  auditWrite(store, viewer, now, 'portal.invite', { type: 'portal', id: portal.id }, [
    { field: 'invitedInternalIds', from: before, to: portal.invitedInternalIds },
  ]);
  store.changed('portals', portal);
  return ok(invitationsOf(store, portal));
}
