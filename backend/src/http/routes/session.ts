// The session's own routes (R22: portfolio, opening a portal, viewing as), the bootstrap and a page's payload.
import * as route from '../../../../src/contract/routes.js';
import { PortalSwitch, ViewAs } from '../../../../src/contract/manage.js';
import { internalMayOpen, PORTFOLIO_SORTS, portfolioOf, type PortfolioAfter } from '../../rules/portfolio.js';
import { decodeCursorJson, encodeCursorJson } from '../../rules/cursors.js';
import { bootstrapFor, pagePayload } from '../payloads.js';
import { answer, BadRequest, json, refusal } from '../answers.js';
import { limitOf, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveSession({ on, onStaff, storage, store, logs, now }: Serve): void {
  // R22: the staff session's own routes.
  onStaff(route.portfolioList, async ({ url, staffId }) => {
    const query = url.searchParams;
    const limit = limitOf(query, { limit: 100, max: 500 });
    if (limit instanceof Response) return limit;
    const sort = query.get('sort') ?? 'name';
    if (!(PORTFOLIO_SORTS as readonly string[]).includes(sort.replace(/^-/, '')))
      throw new BadRequest(`sort must be one of ${PORTFOLIO_SORTS.join(', ')} (- before one: descending).`, [
        'sort',
      ]);
    const cursor = query.get('cursor');
    const after = cursor === null ? undefined : portfolioAfter(cursor);
    if (after === null) throw new BadRequest('cursor is not valid.', ['cursor']);
    if (after && after.sort !== sort)
      throw new BadRequest('The cursor belongs to another sort order: start from the first page.', [
        'cursor',
      ]);
    const { items, total, next } = await portfolioOf(
      store(),
      storage.directory,
      logs(),
      staffId,
      { q: query.get('q'), sort },
      { ...(after ? { after } : {}), limit },
      now(),
    );
    return json(200, {
      items,
      total,
      nextCursor: next && encodeCursorJson({ s: next.sort, k: next.key, i: next.id }),
    });
  });
  onStaff(route.sessionOpenPortal, async ({ request, staffId, switchTo }) => {
    const { portalId } = await readBody(request, PortalSwitch);
    if (portalId === null) return switchTo({ kind: 'staff', userId: staffId });
    // Not openable and not existing answer alike: nothing about other portals leaks (R22).
    await storage.loadCompanies({ portals: [portalId] });
    if (!internalMayOpen(store(), staffId, portalId)) return refusal('no_portal_access');
    return switchTo({ kind: 'internal', userId: staffId, portalId });
  });
  onStaff(route.sessionViewAs, async ({ request, principal, staffId, switchTo }) => {
    if (principal.kind !== 'internal')
      return refusal('bad_request', 'Open a portal before viewing it as someone.');
    const { contactId } = await readBody(request, ViewAs);
    return switchTo({
      kind: 'impersonation',
      actorId: staffId,
      portalId: principal.portalId,
      contactId,
      via: 'view-as',
    });
  });
  // "Exit view" returns to the same portal as staff.
  onStaff(route.sessionExitView, ({ principal, staffId, switchTo }) =>
    principal.kind === 'impersonation'
      ? switchTo({ kind: 'internal', userId: staffId, portalId: principal.portalId })
      : refusal('bad_request', 'This session is not viewing as anyone.'),
  );

  on(route.bootstrapGet, async ({ viewer }) => json(200, await bootstrapFor(store(), storage, viewer)));
  on(route.pagesGet, async ({ viewer, params }) =>
    answer(await pagePayload(store(), storage, viewer, params[0]!)),
  );
}

/**
 * A portfolio cursor's content, or null when it is not one — its key of the type its order sorts
 * (a count for active users, text or nothing for owner and last activity, text for the rest).
 */
function portfolioAfter(cursor: string): PortfolioAfter | null {
  const parsed = decodeCursorJson(cursor);
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { s, k, i } = parsed as { s?: unknown; k?: unknown; i?: unknown };
  if (typeof s !== 'string' || typeof i !== 'string') return null;
  const key = s.replace(/^-/, '');
  const fits =
    key === 'activeEndUsers'
      ? typeof k === 'number' && Number.isFinite(k)
      : typeof k === 'string' || (k === null && (key === 'owner' || key === 'lastActivity'));
  return fits ? { sort: s, key: k as string | number | null, id: i } : null;
}
