// R10 and R11: which companies an internal user may see, and which portals they may open.
import type { Company } from '../world/schema.js';
import type { Store } from '../world/store.js';
import type { DirectoryReader } from '../ports/directory.js';
import type { LogReader } from '../ports/logs.js';

/**
 * The companies of `companies` in the user's portfolio, resolved once into a plain set (R11);
 * `all` for full access. `companies` holds whole parent/child groups: by default those `store`
 * holds (a storage loads a company with its group), or every company of the tenant.
 */
export function portfolioCompanies(
  store: Store,
  userId: string,
  companies: readonly Company[] = store.world.companies,
): Set<string> | 'all' {
  const user = store.internalUsers.get(userId);
  const role = user && store.internalRoles.get(user.roleId);
  if (!user || !role) return new Set();
  const { portfolio } = role;
  if (portfolio.kind === 'full') return 'all';

  const found = new Set<string>();
  const ownedBy = (people: Set<string>) => {
    for (const c of companies) {
      if ((c.ownerId && people.has(c.ownerId)) || c.coOwnerIds.some((id) => people.has(id))) found.add(c.id);
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
    for (const c of companies) {
      const matches = portfolio.conditions.every(({ field, equals }) => {
        const value = field in c.custom ? c.custom[field] : (c as unknown as Record<string, unknown>)[field];
        return value === equals;
      });
      if (matches) found.add(c.id);
    }
  }
  if (portfolio.extendedGroups) {
    // Extended groups: one company of a parent/child group gives the whole group.
    const byId = new Map(companies.map((c) => [c.id, c]));
    const root = (id: string) => {
      let current = byId.get(id);
      const seen = new Set<string>();
      while (current?.parentId && !seen.has(current.id)) {
        seen.add(current.id);
        current = byId.get(current.parentId) ?? current;
      }
      return current?.id ?? id;
    };
    const roots = new Set([...found].map(root));
    for (const c of companies) if (roots.has(root(c.id))) found.add(c.id);
  }
  return found;
}

/** R10: may this internal user open this portal? (`store` holds the portal's company: see `portfolioCompanies`.) */
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

/** A row of an internal user's portfolio (R22). */
export interface PortfolioRow {
  id: string;
  name: string;
  company: string;
  phase: string;
  owner: string | null;
  activeEndUsers: number;
  lastActivity: string | null;
}

/** The orders a portfolio is listed in (`-` before one: descending). */
export const PORTFOLIO_SORTS = [
  'name',
  'company',
  'phase',
  'owner',
  'activeEndUsers',
  'lastActivity',
] as const;
type SortKey = (typeof PORTFOLIO_SORTS)[number];
/** Orders read from the portals' activity: every portal's figures are read to sort by them. */
const BY_ACTIVITY: readonly SortKey[] = ['activeEndUsers', 'lastActivity'];

/**
 * Where a page starts: after the portal `id`, whose value in the order `sort` was `key` (keyset
 * paging: a portal added or removed meanwhile moves no other from one page to the next).
 */
export interface PortfolioAfter {
  sort: string;
  key: string | number | null;
  id: string;
}

/**
 * R22: a page of the portals an internal user may open (R10, R11), with what staff look for, in
 * the order `query.sort` names (`name` by default; ties by id): `limit` of them after `after`, how
 * many match, and where the next page starts. The portfolio is resolved once (not per portal) so
 * 10,000 portals answer quickly; the activity figures are read for the page's portals only,
 * unless the list is ordered by them. Nothing about a portal they may not open is in the answer.
 */
export async function portfolioOf(
  store: Store,
  directory: DirectoryReader,
  logs: LogReader,
  userId: string,
  query: { q?: string | null; sort?: string | null },
  page: { after?: PortfolioAfter; limit: number },
  now: Date,
): Promise<{ items: PortfolioRow[]; total: number; next: PortfolioAfter | null }> {
  const user = store.internalUsers.get(userId);
  const role = user && store.internalRoles.get(user.roleId);
  if (!user?.active || !role) return { items: [], total: 0, next: null };
  // Every company and portal of the tenant, read for this request (an instance holds neither).
  const [everyCompany, everyPortal] = await Promise.all([directory.companies(), directory.portals()]);
  const companies =
    role.portalSuperAdmin || role.customerPortals
      ? portfolioCompanies(store, userId, everyCompany)
      : new Set();
  const open = (p: { id: string; companyId: string; invitedInternalIds: string[] }) =>
    role.portalSuperAdmin ||
    p.invitedInternalIds.includes(userId) ||
    (role.customerPortals && (companies === 'all' || companies.has(p.companyId)));
  const companyOf = new Map(everyCompany.map((c) => [c.id, c]));
  let rows: PortfolioRow[] = everyPortal.filter(open).map((p) => {
    const company = companyOf.get(p.companyId);
    return {
      id: p.id,
      name: p.name,
      company: company?.name ?? '',
      phase: company?.phase ?? '',
      owner: company?.ownerId ? (store.internalUsers.get(company.ownerId)?.name ?? null) : null,
      activeEndUsers: 0,
      lastActivity: null,
    };
  });
  const q = query.q?.trim().toLowerCase();
  if (q) rows = rows.filter((r) => `${r.name} ${r.company} ${r.owner ?? ''}`.toLowerCase().includes(q));
  const sort = query.sort ?? 'name';
  const key = sort.replace(/^-/, '') as SortKey;
  const byActivity = BY_ACTIVITY.includes(key);
  // For the portals shown: distinct users in 30 days, and the latest event. Times are ISO
  // strings of one format (the server writes them): compared as text.
  const addActivity = async (shown: PortfolioRow[]) => {
    const wanted = shown.map((r) => r.id);
    const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const [active, last] = await Promise.all([
      logs.activeUsers(wanted, since, now.toISOString()),
      logs.lastActivity(wanted),
    ]);
    for (const row of shown) {
      row.activeEndUsers = active.get(row.id) ?? 0;
      row.lastActivity = last.get(row.id) ?? null;
    }
  };
  if (byActivity) await addActivity(rows);
  const direction = sort.startsWith('-') ? -1 : 1;
  // Ties by id: every instance, and every page of one listing, orders them the same way.
  const compare = (x: PortfolioAfter['key'], xId: string, y: PortfolioAfter['key'], yId: string) => {
    const [a, b] = [x ?? '', y ?? ''];
    return (a < b ? -1 : a > b ? 1 : xId < yId ? -1 : xId > yId ? 1 : 0) * direction;
  };
  rows.sort((a, b) => compare(a[key], a.id, b[key], b.id));
  const { after } = page;
  const from = after ? rows.findIndex((r) => compare(r[key], r.id, after.key, after.id) > 0) : 0;
  const items = from < 0 ? [] : rows.slice(from, from + page.limit);
  if (!byActivity) await addActivity(items);
  const last = items.at(-1);
  const more = from >= 0 && from + page.limit < rows.length;
  return { items, total: rows.length, next: more && last ? { sort, key: last[key], id: last.id } : null };
}
