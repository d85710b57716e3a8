// #22 items 1–3 through the HTTP contract: viewing as someone stays read-only and stays inside its
// portal (R12, R22) — from a launch token with `act` and from "View as" — and who edits a portal's
// settings and sharing is decided once (R20): Portal Super Admin, or Customer Portals with a role
// that may write; everyone else who may open the portal reads.
import { expect } from '@open-wc/testing';
import { openApiDocument } from '../../../src/contract/openapi.js';
import { call, exchange, makeBackend, tokenFor } from '../../helpers/backend.js';

type Backend = ReturnType<typeof makeBackend>;

async function session(backend: Backend, persona: Parameters<typeof tokenFor>[0], claims = {}) {
  const answer = await exchange(backend, await tokenFor(persona, claims));
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  const token = (answer.body as any).session.token as string;
  return <T = any>(method: string, path: string, body?: unknown) =>
    call<T>(backend, method, path, { token, ...(body === undefined ? {} : { body }) });
}

/** Olivia (CSM of Northwind) viewing Northwind as Bob: from a launch token, or from her own session. */
async function impersonating(backend: Backend, via: 'token' | 'view-as') {
  if (via === 'token') return session(backend, 'oliviaAsBob');
  const as = await session(backend, 'olivia');
  const viewing = await as('POST', '/session/view-as', { contactId: 'k-nw-bob' });
  expect(viewing.status, viewing.text).to.equal(200);
  return as;
}

/** A body each write route accepts, so a refusal is about who asks, not about the body. */
const BODIES: Record<string, unknown> = {
  'POST /session/portal': { portalId: 'p-globex' },
  'POST /session/view-as': { contactId: 'k-nw-carol' },
  'POST /records/{model}': { fields: { product: 'Sneaky' } },
  'PATCH /records/{model}/{id}': { fields: { seats: 1 } },
  'POST /records/{model}/share': { ids: ['license-1'], shared: true },
  'PATCH /tasks/{taskId}': { sharedInPortal: true },
  'PUT /tasks/{taskId}/status': { status: 'done' },
  'POST /tasks/{taskId}/comments': { body: 'hello', mentions: [] },
  'POST /files/share': { ids: ['f-pricing'], shared: true },
  'PUT /documents/{pageId}': { body: '<p>x</p>', baseVersion: 1 },
  'POST /activity': { events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }] },
  'PATCH /contacts/{contactId}': { name: 'Renamed' },
  'POST /contacts': { name: 'New person', email: 'new@northwind.example' },
  'PUT /manage/content': { sections: { 's-data': 'edit' }, pages: {} },
  'POST /manage/people': { contactId: 'k-nw-frank', roleId: 'xr-viewer' },
  'PATCH /manage/people/{contactId}': { admin: true },
  'PUT /manage/audience': { kind: 'featured', contactIds: [] },
  'PUT /manage/invitations': { ids: [] },
  'PUT /manage/branding': { overrides: { primary: '#7a1f1f' } },
  'POST /manage/roles': { name: 'Sneaky role' },
  'PATCH /manage/roles/{roleId}': { name: 'Renamed role' },
  'PUT /manage/models/{model}': { version: 1, label: 'License', fields: [] },
};
const PARAMS: Record<string, string> = {
  model: 'License',
  id: 'license-1',
  taskId: 'tk-sso',
  fileId: 'f-welcome',
  pageId: 'pg-welcome',
  contactId: 'k-nw-carol',
  roleId: 'xr-viewer',
};

/** What an impersonating session may still do: read the portal as that user sees it, sign out. */
const ALLOWED = new Set(['POST /session', 'DELETE /session', 'DELETE /session/view-as']);
const isManagementRead = (path: string) =>
  path.startsWith('/manage/') || path === '/portfolio' || path.endsWith('/unshared');

describe('read-only boundaries (#22: R12, R20, R22)', () => {
  for (const via of ['token', 'view-as'] as const)
    it(`viewing as someone (${via === 'token' ? 'a launch token with act' : 'View as'}): every route of the OpenAPI document that reads management data or writes is refused, nothing changes`, async () => {
      const backend = makeBackend();
      const as = await impersonating(backend, via);
      const before = JSON.stringify(backend.store.world);
      const checked: string[] = [];
      for (const [template, operations] of Object.entries(openApiDocument().paths)) {
        for (const method of Object.keys(operations as object)) {
          const route = `${method.toUpperCase()} ${template}`;
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || ALLOWED.has(route)) continue;
          if (method === 'get' && !isManagementRead(template)) continue;
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name]!);
          const query =
            /^\/(records|tasks|files|documents)/.test(path) && method !== 'get' ? '?page=pg-files' : '';
          const answer =
            route === 'POST /files'
              ? await call(backend, 'POST', `/files?page=pg-files&name=a.txt`, { raw: 'hello' })
              : await as(method.toUpperCase(), `${path}${query}`, BODIES[route]);
          if (route === 'POST /activity') {
            // Page views while viewing as someone are not the user's activity (R15): accepted, none kept.
            expect(answer.body.recorded, route).to.equal(0);
          } else if (route !== 'POST /files') {
            expect(answer.status, `${route}: ${answer.text}`).to.equal(403);
            expect(answer.body.error.code, `${route}: ${answer.text}`).to.equal('read_only_impersonation');
          }
          checked.push(route);
        }
      }
      expect(checked.length).to.be.greaterThan(30);
      expect(JSON.stringify(backend.store.world), 'nothing changed').to.equal(before);
      // Still viewing as Bob, in Northwind.
      const bootstrap = (await as('GET', '/bootstrap')).body;
      expect(bootstrap.user.id).to.equal('k-nw-bob');
      expect(bootstrap.portal.id).to.equal('p-northwind');
    });

  it('only Exit view ends a view, and only one started from a staff session (R22)', async () => {
    const backend = makeBackend();
    const viewing = await impersonating(backend, 'view-as');
    const exit = await viewing('DELETE', '/session/view-as');
    expect(exit.status, exit.text).to.equal(200);
    expect(exit.body.bootstrap.user).to.deep.include({ kind: 'internal', id: 'u-csm-olivia' });
    // A launch token minted for viewing only has no staff session behind it to return to.
    const fromToken = await impersonating(backend, 'token');
    const refused = await fromToken('DELETE', '/session/view-as');
    expect(refused.body.error.code).to.equal('read_only_impersonation');
    expect((await fromToken('GET', '/bootstrap')).body.user.id).to.equal('k-nw-bob');
    const opened = await exchange(backend, await tokenFor('oliviaAsBob'));
    expect((opened.body as any).staff, 'no staff session offered to a view-only token').to.equal(undefined);
  });

  it('R20: Customer Portals with a role that only views reads the settings; every settings write is forbidden', async () => {
    const backend = makeBackend();
    // Ethan: Customer Portals, View and nothing else on every model; opens Northwind (filter portfolio).
    const ethan = await session(backend, 'ethan', { portal: 'p-globex' });
    const people = await ethan('GET', '/manage/people');
    expect(people.status, people.text).to.equal(200);
    expect(people.body.manage).to.equal('view');
    const before = JSON.stringify(backend.store.world);
    for (const [method, path, body] of [
      ['PUT', '/manage/branding', BODIES['PUT /manage/branding']],
      ['PUT', '/manage/audience', BODIES['PUT /manage/audience']],
      ['PUT', '/manage/invitations', BODIES['PUT /manage/invitations']],
      ['PUT', '/manage/content', BODIES['PUT /manage/content']],
      ['PATCH', '/manage/people/k-gx-grace', { admin: true }],
    ] as const) {
      const answer = await ethan(method, path, body);
      expect(answer.status, `${method} ${path}: ${answer.text}`).to.equal(403);
      expect(answer.body.error.code).to.equal('forbidden');
    }
    expect(JSON.stringify(backend.store.world)).to.equal(before);
    expect((await ethan('GET', '/bootstrap')).body.can.manage).to.equal(false);
  });

  it('R20: staff at view level cannot share or assign tasks, nor share or unshare files', async () => {
    const backend = makeBackend();
    // Zoe: invited to Globex, her role has no Customer Portals: she reads the settings only.
    const zoe = await session(backend, 'zoe', { portal: 'p-globex' });
    expect((await zoe('GET', '/manage/people')).body.manage).to.equal('view');
    const tasks = (await zoe('GET', '/tasks')).body;
    const task = [...tasks.adHoc, ...tasks.workflows.flatMap((w: any) => w.tasks)][0];
    expect(task, 'a task of Globex').to.exist;
    const before = JSON.stringify(backend.store.world);
    for (const [method, path, body] of [
      ['PATCH', `/tasks/${task.id}`, { sharedInPortal: false }],
      ['PATCH', `/tasks/${task.id}`, { owner: { kind: 'internal', id: 'u-support-zoe' } }],
      ['POST', '/files/share', { ids: ['f-globex'], shared: false }],
      ['POST', '/records/License/share', { ids: ['license-37'], shared: false }],
    ] as const) {
      const answer = await zoe(method, path, body);
      expect(answer.status, `${method} ${path}: ${answer.text}`).to.equal(403);
      expect(answer.body.error.code).to.equal('forbidden');
    }
    expect(JSON.stringify(backend.store.world)).to.equal(before);
    const bootstrap = (await zoe('GET', '/bootstrap')).body;
    expect(bootstrap.can).to.deep.include({ manage: false, shareRecords: false });
  });
});
