// The session's own routes (R22: portfolio, opening a portal, viewing as), the bootstrap and a page's payload.
import * as route from '../../../../src/contract/routes.js';
import { PortalSwitch, ViewAs } from '../../../../src/contract/manage.js';
import { internalMayOpen, portfolioOf } from '../../rules/portfolio.js';
import { bootstrapFor, pagePayload } from '../payloads.js';
import { answer, json, refusal } from '../answers.js';
import { pageOf, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveSession({ on, onStaff, storage, store, logs, now }: Serve): void {
  // R22: the staff session's own routes.
  onStaff(route.portfolioList, async ({ url, staffId }) => {
    const query = url.searchParams;
    const page = pageOf(query, { limit: 100, max: 500 });
    if (page instanceof Response) return page;
    const filter = { q: query.get('q'), sort: query.get('sort') };
    // An offset into the list as this request computed it (the list is derived per request).
    const { items, total } = await portfolioOf(
      store(),
      storage.directory,
      logs(),
      staffId,
      filter,
      page,
      now(),
    );
    const end = page.offset + page.limit;
    return json(200, { items, total, nextCursor: end < total ? String(end) : null });
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
