// R10 and R11: which companies an internal user may see, and which portals they may open.
import type { Store } from '../world/store.js';

/** Companies in the user's portfolio, resolved once into a plain set (R11). `all` for full access. */
export function portfolioCompanies(store: Store, userId: string): Set<string> | 'all' {
  const user = store.internalUsers.get(userId);
  const role = user && store.internalRoles.get(user.roleId);
  if (!user || !role) return new Set();
  const { portfolio } = role;
  if (portfolio.kind === 'full') return 'all';

  const companies = new Set<string>();
  const ownedBy = (people: Set<string>) => {
    for (const c of store.world.companies) {
      if ((c.ownerId && people.has(c.ownerId)) || c.coOwnerIds.some((id) => people.has(id)))
        companies.add(c.id);
    }
  };
  if (portfolio.kind === 'own') ownedBy(new Set([userId]));
  if (portfolio.kind === 'team') {
    const people = new Set([userId]);
    for (const team of store.world.teams) {
      if (team.managerIds.includes(userId)) for (const member of team.memberIds) people.add(member);
    }
    ownedBy(people);
  }
  if (portfolio.kind === 'filter') {
    for (const c of store.world.companies) {
      const matches = portfolio.conditions.every(({ field, equals }) => {
        const value = field in c.custom ? c.custom[field] : (c as unknown as Record<string, unknown>)[field];
        return value === equals;
      });
      if (matches) companies.add(c.id);
    }
  }
  if (portfolio.extendedGroups) {
    // Extended groups: one company of a parent/child group gives the whole group.
    const root = (id: string) => {
      let current = store.companies.get(id);
      const seen = new Set<string>();
      while (current?.parentId && !seen.has(current.id)) {
        seen.add(current.id);
        current = store.companies.get(current.parentId) ?? current;
      }
      return current?.id ?? id;
    };
    const roots = new Set([...companies].map(root));
    for (const c of store.world.companies) if (roots.has(root(c.id))) companies.add(c.id);
  }
  return companies;
}

/** R10: may this internal user open this portal? */
export function internalMayOpen(store: Store, userId: string, portalId: string): boolean {
  const user = store.internalUsers.get(userId);
  const role = user && store.internalRoles.get(user.roleId);
  const portal = store.portals.get(portalId);
  if (!user || !user.active || !role || !portal) return false;
  if (role.portalSuperAdmin) return true;
  if (portal.invitedInternalIds.includes(userId)) return true;
  if (!role.customerPortals) return false;
  const companies = portfolioCompanies(store, userId);
  return companies === 'all' || companies.has(portal.companyId);
}
