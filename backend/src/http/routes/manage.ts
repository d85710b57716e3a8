// Staff side (R20–R23): managing the portal of the session.
import * as route from '../../../../src/contract/routes.js';
import {
  Audience,
  ContentChange,
  ExternalRoleCreate,
  ExternalRoleWrite,
  InvitedWrite,
  PortalBrandingWrite,
  PortalUserCreate,
  PortalUserUpdate,
  TenantModelWrite,
} from '../../../../src/contract/manage.js';
import { branding, setBranding } from '../../rules/manage/branding.js';
import { changeContent, contentTree } from '../../rules/manage/content.js';
import { invitations, setInvited } from '../../rules/manage/invitations.js';
import {
  addPortalUser,
  changePortalUser,
  portalPeople,
  removePortalUser,
  setAudience,
} from '../../rules/manage/people.js';
import { saveTenantModel, tenantModels } from '../../rules/manage/models.js';
import {
  createRole,
  externalRoles,
  maySuperAdmin,
  NAMED_HOLDERS,
  removeRole,
  updateRole,
} from '../../rules/manage/roles.js';
import { manageRead } from '../../rules/viewer.js';
import { readAuditTrail, readPortalActivity } from '../../rules/manage/trail.js';
import type { TrailPage } from '../../ports/logs.js';
import { answer } from '../answers.js';
import { pageOf, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveManage({ on, storage, store, logs, now }: Serve): void {
  // Staff side (R20, R23): managing the portal of the session.
  on(route.manageContent, ({ viewer }) => answer(contentTree(store(), viewer)));
  on(route.manageContentSave, async ({ viewer, request }) => {
    const change = await readBody(request, ContentChange);
    return answer(changeContent(store(), viewer, change, now()));
  });
  on(route.managePeople, async ({ viewer }) => answer(await portalPeople(store(), logs(), viewer, now())));
  on(route.managePeopleAdd, async ({ viewer, request }) => {
    const body = await readBody(request, PortalUserCreate);
    return answer(addPortalUser(store(), viewer, body, now()), undefined, 201);
  });
  on(route.managePeopleUpdate, async ({ viewer, params, request }) => {
    const change = await readBody(request, PortalUserUpdate);
    return answer(changePortalUser(store(), viewer, params[0]!, change, now()));
  });
  on(route.managePeopleRemove, ({ viewer, params }) =>
    answer(removePortalUser(store(), viewer, params[0]!, now())),
  );
  on(route.manageAudienceSave, async ({ viewer, request }) => {
    const body = await readBody(request, Audience);
    return answer(setAudience(store(), viewer, body, now()));
  });
  on(route.manageInvitations, ({ viewer }) => answer(invitations(store(), viewer)));
  on(route.manageInvitationsSave, async ({ viewer, request }) => {
    const { ids } = await readBody(request, InvitedWrite);
    return answer(setInvited(store(), viewer, ids, now()));
  });
  on(route.manageBranding, ({ viewer }) => answer(branding(store(), viewer)));
  on(route.manageBrandingSave, async ({ viewer, request }) => {
    const body = await readBody(request, PortalBrandingWrite);
    return answer(setBranding(store(), viewer, body, now()));
  });
  on(route.manageRoles, async ({ viewer }) => {
    // The holders are counted across the tenant: only for those who may read the roles.
    const read = manageRead(viewer);
    if (!read.ok) return answer(read);
    return answer(externalRoles(store(), viewer, await storage.directory.roleHolders()));
  });
  on(route.manageRolesCreate, async ({ viewer, request }) => {
    const body = await readBody(request, ExternalRoleCreate);
    return answer(createRole(store(), viewer, body, now()), undefined, 201);
  });
  on(route.manageRolesUpdate, async ({ viewer, params, request }) => {
    const body = await readBody(request, ExternalRoleWrite);
    return answer(updateRole(store(), viewer, params[0]!, body, now()));
  });
  on(route.manageRolesRemove, async ({ viewer, params }) => {
    // A role still held is refused naming its first holders: they and their people are read
    // first (for a Portal Super Admin only).
    const allowed = maySuperAdmin(viewer);
    if (!allowed.ok) return answer(allowed);
    const held = await storage.directory.holdersOf(params[0]!, NAMED_HOLDERS);
    await storage.loadCompanies({ contacts: held.holders.map((h) => h.contactId) });
    return answer(removeRole(store(), viewer, params[0]!, held, now()));
  });
  on(route.manageModels, ({ viewer }) => answer(tenantModels(store(), viewer)));
  on(route.manageModelsSave, async ({ viewer, params, request }) => {
    const body = await readBody(request, TenantModelWrite);
    return answer(saveTenantModel(store(), viewer, params[0]!, body, now()));
  });
  // The people a page of the log names may be of a company the instance does not hold (one that
  // left the portal's company): read first.
  const loadPeople = (ids: readonly string[]) => storage.loadCompanies({ contacts: ids });
  on(route.manageActivity, async ({ viewer }) =>
    answer(await readPortalActivity(store(), storage, logs(), viewer, now(), loadPeople)),
  );
  on(route.manageAudit, async ({ viewer, url }) => {
    const query = url.searchParams;
    const page = trailPage(query);
    if (page instanceof Response) return page;
    return answer(
      await readAuditTrail(
        store(),
        storage,
        logs(),
        viewer,
        { actor: query.get('actor'), action: query.get('action') },
        page,
        loadPeople,
      ),
    );
  });
}

/** `cursor` and `limit` of the audit trail: a place in the trail, 1–200 entries (default 50). */
function trailPage(query: URLSearchParams): TrailPage | Response {
  const page = pageOf(query, { limit: 50, max: 200 });
  if (page instanceof Response) return page;
  return { limit: page.limit, ...(query.get('cursor') !== null ? { before: page.offset } : {}) };
}
