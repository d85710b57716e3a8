// Property tests of the rules through the HTTP contract, against the separate oracle
// (test/helpers/oracle.ts): ≥ 1,000 small random worlds × principals per run, on each schema
// variant — the demo's License and Issue, and two models that are none of the demo's seven (#25).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { runnableMarkup } from '../../../backend/src/world/sanitize.js';
import type { World } from '../../../backend/src/world/schema.js';
import { call, EXECUTABLE, makeBackend } from '../../helpers/backend.js';
import {
  addContactClashes,
  mayRemove,
  mayRemoveFile,
  manageLevel,
  mayChangeModels,
  mayUpdateField,
  mayWriteThrough,
  oracleSum,
  openError,
  viewableFields,
  visibleIds,
  visiblePages,
  type OraclePrincipal,
} from '../../helpers/oracle.js';
import {
  CONTACTS,
  fieldNames,
  launchTokenFor,
  likely,
  newValueFor,
  PORTAL_IDS,
  principalArb,
  USERS,
  VARIANTS,
  worldArbFor,
} from '../../helpers/random-worlds.js';

const RUNS = 1000;

async function open(world: World, who: OraclePrincipal) {
  // The backend writes into its world: give it a copy, so the oracle keeps reading the original.
  const backend = makeBackend(structuredClone(world));
  const token = await launchTokenFor(who);
  const answer = await call(backend, 'POST', '/session', { body: { token } });
  return { backend, answer, session: answer.body?.session?.token as string | undefined };
}

const get = (backend: ReturnType<typeof makeBackend>, token: string, path: string) =>
  call(backend, 'GET', path, { token });

for (const variant of VARIANTS) {
  // The model standing where License stands (its table is pg-lic, its sums on pg-dash), the one
  // standing where Issue stands, and their fields by the role the tests give them.
  const L = variant.license;
  const I = variant.issue;
  const lf = variant.fields.License;
  const isf = variant.fields.Issue;
  const worldArb = worldArbFor(variant);

  describe(`${variant.name} models (${L}, ${I})`, () => {
    describe('rules engine properties (R1, R3, R4, R5, R10, R11, R12, R16, R17)', function () {
      this.timeout(120_000);

      it(`opening a portal, lists, fields, widgets and writes agree with the oracle (${RUNS} worlds)`, async () => {
        const seen = { opened: 0, refused: 0, listed: 0, writesAllowed: 0, writesRefused: 0 };
        await fc.assert(
          fc.asyncProperty(
            worldArb,
            principalArb,
            fc.constantFrom(L, I),
            fc.nat(10),
            fc.constantFrom(...fieldNames(variant, L)),
            async (world, who, model, pick, field) => {
              const { backend, answer, session } = await open(world, who);
              const expectedError = openError(world, who);
              if (expectedError) {
                expect(answer.body.error?.code).to.equal(expectedError);
                seen.refused++;
                return;
              }
              expect(answer.status, answer.text).to.equal(200);
              seen.opened++;

              // R3: exactly the shared records of the company, exactly the viewable fields.
              const fields = viewableFields(world, who, model);
              const list = await get(backend, session!, `/records/${model}?limit=500`);
              if (fields.length === 0) {
                expect(list.status).to.equal(403);
              } else {
                expect(list.body.items.map((r: any) => r.id).sort()).to.deep.equal(
                  visibleIds(world, who, model).sort(),
                );
                for (const item of list.body.items)
                  expect(Object.keys(item).sort()).to.deep.equal(['id', ...fields].sort());
                if (list.body.items.length) seen.listed++;
              }

              // R4: widget numbers equal the oracle's; no number without access.
              const widgets = (await get(backend, session!, '/pages/pg-dash')).body.widgets;
              for (const [id, f] of [
                ['w-seats', lf.seats],
                ['w-mrr', lf.mrr],
              ] as const) {
                const expected = oracleSum(world, who, L, f);
                const result = widgets.find((w: any) => w.id === id).result;
                if (expected === 'no_access')
                  expect(result).to.deep.equal({
                    status: 'no_access',
                    message: "Can't show this widget. You have no access",
                  });
                else expect(result.value).to.equal(expected);
              }

              // R5, R12: a write the oracle refuses is refused and changes nothing.
              {
                // Even picks aim at a visible record (the allowed branch), odd ones at any record.
                const visible = visibleIds(world, who, L);
                const pool =
                  pick % 2 === 0 && visible.length
                    ? (world.records[L] ?? []).filter((r) => visible.includes(r.id))
                    : (world.records[L] ?? []);
                const target = pool[pick % Math.max(1, pool.length)];
                if (target) {
                  const before = JSON.stringify(backend.store.world);
                  const patch = await call(backend, 'PATCH', `/records/${L}/${target.id}?page=pg-lic`, {
                    token: session,
                    body: {
                      fields: {
                        [field]: newValueFor(variant, field, true, 7),
                      },
                    },
                  });
                  const allowed =
                    visibleIds(world, who, L).includes(target.id) &&
                    mayUpdateField(world, who, L, field) &&
                    mayWriteThrough(world, who, 'pg-lic');
                  expect(patch.status === 200, `${who.kind} PATCH ${field}: ${patch.text}`).to.equal(allowed);
                  if (!allowed) expect(JSON.stringify(backend.store.world)).to.equal(before);
                  seen[allowed ? 'writesAllowed' : 'writesRefused']++;
                }
              }
            },
          ),
          { numRuns: RUNS },
        );
        // The generator must reach every branch often enough for the property to mean something.
        console.log(`${variant.name} properties: ${JSON.stringify(seen)}`);
        // Allowed writes need a visible record, an updatable field and an edit share: the rarest branch.
        for (const [branch, count] of Object.entries(seen))
          expect(count, branch).to.be.greaterThan(branch === 'writesAllowed' ? RUNS / 100 : RUNS / 50);
      });

      it('impersonating X yields exactly X’s views (R12)', async () => {
        await fc.assert(
          fc.asyncProperty(
            worldArb,
            fc.constantFrom(...PORTAL_IDS),
            fc.constantFrom(...CONTACTS),
            fc.constantFrom(...USERS),
            async (world, portal, contact, actor) => {
              const as = await open(world, { kind: 'impersonation', portal, contact, actor });
              const direct = await open(world, { kind: 'external', portal, contact });
              if (as.answer.status !== 200 || direct.answer.status !== 200) return;
              for (const path of [
                `/records/${L}?limit=500&sort=-${lf.seats}`,
                `/records/${I}?limit=500`,
                '/pages/pg-dash',
              ]) {
                const viaAct = await get(as.backend, as.session!, path);
                const viaUser = await get(direct.backend, direct.session!, path);
                expect(viaAct.text.replace(/"access":"edit"/g, '"access":"view"'), path).to.equal(
                  viaUser.text.replace(/"access":"edit"/g, '"access":"view"'),
                );
              }
            },
          ),
          { numRuns: 200 },
        );
      });

      it('non-interference: changing what the principal may not see leaves every answer byte-identical (R3, R4)', async () => {
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, fc.integer(), async (world, who, noise) => {
            if (openError(world, who)) return;
            const changed: World = structuredClone(world);
            const portal = changed.portals.find((p) => p.id === who.portal)!;
            for (const model of [L, I]) {
              const visible = new Set(visibleIds(world, who, model));
              const fields = new Set(viewableFields(world, who, model));
              for (const r of changed.records[model] ?? []) {
                for (const f of fieldNames(variant, model)) {
                  if (visible.has(r.id) && fields.has(f)) continue;
                  r.fields[f] =
                    typeof r.fields[f] === 'number'
                      ? noise
                      : typeof r.fields[f] === 'boolean'
                        ? noise % 2 === 0
                        : f === isf.severity
                          ? 'critical'
                          : `noise ${noise}`;
                }
              }
              // Records the principal may not see: another company's, and unshared ones of this company.
              changed.records[model] = [
                ...(changed.records[model] ?? []),
                {
                  id: `${model}-other-${noise}`,
                  companyId: portal.companyId === 'c-a' ? 'c-c' : 'c-a',
                  portalIds: [portal.id],
                  fields: { ...(changed.records[model]?.[0]?.fields ?? {}) },
                },
                {
                  id: `${model}-unshared-${noise}`,
                  companyId: portal.companyId,
                  portalIds: [],
                  fields: { ...(changed.records[model]?.[0]?.fields ?? {}) },
                },
              ];
            }
            // R2: an unshared section's title is not the principal's to see.
            changed.sections.find((x) => x.id === 's-hidden')!.title = `Internal: churn risk ${noise}`;
            const a = await open(world, who);
            const b = await open(changed, who);
            expect(b.answer.status).to.equal(a.answer.status);
            // Navigation and the landing page, byte for byte (the session token aside).
            expect(JSON.stringify(b.answer.body.bootstrap)).to.equal(JSON.stringify(a.answer.body.bootstrap));
            const paths = [
              `/records/${L}?limit=500`,
              `/records/${L}?limit=3&sort=-${lf.seats}`,
              `/records/${I}?limit=500&q=secret`,
              `/records/${L}?filter=${lf.mrr}:gte:0`,
              `/records/${L}?sort=${lf.mrr}`,
              `/records/${L}?sort=-${lf.renewal}&filter=${lf.autoRenew}:eq:true`,
              `/records/${I}?sort=${isf.opened}&filter=${isf.severity}:ne:critical`,
              `/records/${L}/${L}-other-${noise}`,
              `/records/${L}/${L}-unshared-${noise}`,
              `/records/${L}/${L}-never`,
              `/records/${L}/export`,
              `/records/${I}/export`,
              '/pages/pg-dash',
            ];
            for (const path of paths) {
              const left = await get(a.backend, a.session!, path);
              const right = await get(b.backend, b.session!, path);
              expect(right.status, path).to.equal(left.status);
              expect(right.text, path).to.equal(left.text);
            }
            // R3: ids allocated meanwhile for others (as if other companies created records) do not
            // show in the ids this principal gets. Random ids differ run to run, so they are
            // compared by shape only.
            for (let i = 0; i < (noise & 7); i++) b.backend.store.newId(L.toLowerCase());
            const created = await Promise.all(
              [a, b].map((side) =>
                call(side.backend, 'POST', `/records/${L}?page=pg-lic`, {
                  token: side.session,
                  body: { fields: { [lf.seats]: 1 } },
                }),
              ),
            );
            const shape = (text: string) =>
              text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, 'ID');
            expect(shape(created[1]!.text)).to.equal(shape(created[0]!.text));
          }),
          { numRuns: 300 },
        );
      });

      it('writes act only on items shared to the session’s portal: staff of one portal of a company cannot reach the other (R3, R5, R6, R10)', async () => {
        const seen = { fileRemoved: 0, fileRefused: 0, recordRemoved: 0, recordRefused: 0 };
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, fc.nat(10), async (world, who, pick) => {
            if (openError(world, who)) return;
            const { backend, session } = await open(world, who);
            // Even picks aim at a file the oracle lets the principal remove (the allowed branch is
            // rare in random worlds), odd ones at any.
            const removable = world.files.filter(
              (f) =>
                pick % 2 === 1 ||
                (mayRemoveFile(world, who, f.id) && mayWriteThrough(world, who, 'pg-files')),
            );
            const files = removable.length > 0 ? removable : world.files;
            const file = files[pick % Math.max(1, files.length)];
            if (file) {
              const before = JSON.stringify(backend.store.world);
              const removed = await call(backend, 'DELETE', `/files/${file.id}?page=pg-files`, {
                token: session,
              });
              const allowed = mayRemoveFile(world, who, file.id) && mayWriteThrough(world, who, 'pg-files');
              expect(removed.status === 200, `${who.kind} DELETE ${file.id}: ${removed.text}`).to.equal(
                allowed,
              );
              if (!allowed) expect(JSON.stringify(backend.store.world)).to.equal(before);
              seen[allowed ? 'fileRemoved' : 'fileRefused']++;
            }
            // Even picks aim at a record the oracle lets the principal remove (the allowed branch:
            // rare in random worlds, and checked for each schema), odd ones at any.
            const all = world.records[L] ?? [];
            const removableRecords = all.filter(
              (r) =>
                pick % 2 === 1 || (mayRemove(world, who, L, r.id) && mayWriteThrough(world, who, 'pg-lic')),
            );
            const pool = removableRecords.length > 0 ? removableRecords : all;
            const record = pool[pick % Math.max(1, pool.length)];
            if (record) {
              const before = JSON.stringify(backend.store.world);
              const removed = await call(backend, 'DELETE', `/records/${L}/${record.id}?page=pg-lic`, {
                token: session,
              });
              const allowed = mayRemove(world, who, L, record.id) && mayWriteThrough(world, who, 'pg-lic');
              expect(removed.status === 200, `${who.kind} DELETE ${record.id}: ${removed.text}`).to.equal(
                allowed,
              );
              if (!allowed) expect(JSON.stringify(backend.store.world)).to.equal(before);
              seen[allowed ? 'recordRemoved' : 'recordRefused']++;
            }
          }),
          // Enough runs that the rarest branch (a removal allowed) comes up about 25 times per schema.
          { numRuns: 1600 },
        );
        console.log(`${variant.name} portal-scoped writes: ${JSON.stringify(seen)}`);
        for (const [branch, count] of Object.entries(seen)) expect(count, branch).to.be.greaterThan(5);
      });

      it('an Admin adding a contact is refused exactly on a clash in their portal and locks nobody out (R16)', async () => {
        const seen = { added: 0, refused: 0 };
        const principals = (world: World) =>
          world.portals.flatMap((p) =>
            world.contacts.map((c) => ({ kind: 'external' as const, portal: p.id, contact: c.id })),
          );
        await fc.assert(
          fc.asyncProperty(
            worldArb,
            fc.constantFrom(...PORTAL_IDS),
            fc.constantFrom(...CONTACTS, 'fresh'),
            fc.boolean(),
            likely,
            async (generated, portalId, emailOf, shout, withRule) => {
              // Most runs give the admin's own portal an "add" rule, so clashes are reached often.
              const world = structuredClone(generated);
              if (withRule && !world.automations.some((a) => a.portalId === portalId))
                world.automations.push({
                  id: 'auto-own',
                  portalId,
                  roleId: 'xr-1',
                  action: 'add',
                  trigger: 'first_time',
                  conditions: [{ field: 'email', op: 'not_empty' }],
                  firedFor: [],
                });
              const admin = world.portals
                .find((p) => p.id === portalId)!
                .users.find(
                  (u) =>
                    u.admin &&
                    !openError(world, { kind: 'external', portal: portalId, contact: u.contactId }),
                );
              if (!admin) return;
              const who = { kind: 'external' as const, portal: portalId, contact: admin.contactId };
              const { backend, session } = await open(world, who);
              const base =
                emailOf === 'fresh'
                  ? 'fresh@new.example'
                  : world.contacts.find((c) => c.id === emailOf)!.email!;
              const email = shout ? base.toUpperCase() : base;
              const before = JSON.stringify(backend.store.world);
              const added = await call(backend, 'POST', '/contacts', {
                token: session,
                body: { name: 'New', email },
              });
              if (addContactClashes(world, portalId, email)) {
                expect(added.body.error?.code, added.text).to.equal('email_in_use');
                expect(JSON.stringify(backend.store.world)).to.equal(before);
                seen.refused++;
              } else {
                expect(added.status, added.text).to.equal(201);
                seen.added++;
              }
              // Nobody who could sign in before is refused now, in any portal of any company.
              for (const p of principals(world)) {
                const token = await launchTokenFor({
                  kind: 'external',
                  portal: p.portal,
                  contact: p.contact,
                });
                const answer = await call(backend, 'POST', '/session', { body: { token } });
                expect(answer.body.error?.code ?? null, `${p.contact}@${p.portal}`).to.equal(
                  openError(world, p),
                );
              }
            },
          ),
          { numRuns: 200 },
        );
        console.log(`${variant.name} admin-added contacts: ${JSON.stringify(seen)}`);
        for (const [branch, count] of Object.entries(seen)) expect(count, branch).to.be.greaterThan(5);
      });

      const fragment = fc.constantFrom(
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">a</a>',
        '<a href=" JAVA\tSCRIPT:alert(1)">b</a>',
        '<iframe src="https://e.example"></iframe>',
        '<svg onload=alert(1)>',
        '<p onclick="x">p</p>',
        '<math><style><img src=x onerror=alert(1)></style></math>',
        '&lt;script&gt;alert(1)&lt;/script&gt;',
        '<<script>script>alert(1)<</script>/script>',
        'text < 3 & more',
        '<strong>ok</strong>',
      );
      const hostileHtml = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

      it('hostile HTML through every write route is stored and served without a script, handler, javascript: URL or frame (R8)', async () => {
        let checked = 0;
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, hostileHtml, async (world, who, html) => {
            if (openError(world, who)) return;
            const { backend, session } = await open(world, who);
            const saved = await call(backend, 'PUT', '/documents/pg-doc', {
              token: session,
              body: { body: html, baseVersion: 1 },
            });
            expect(saved.text).not.to.match(EXECUTABLE);
            expect((await call(backend, 'GET', '/documents/pg-doc', { token: session })).text).not.to.match(
              EXECUTABLE,
            );
            const target = visibleIds(world, who, L)[0];
            if (target) {
              // Plain text is kept exactly as typed, or refused when it holds markup that would run.
              const runs = runnableMarkup(html) !== undefined;
              const updated = await call(backend, 'PATCH', `/records/${L}/${target}?page=pg-lic`, {
                token: session,
                body: { fields: { [lf.product]: html } },
              });
              const created = await call(backend, 'POST', `/records/${L}?page=pg-lic`, {
                token: session,
                body: { fields: { [lf.product]: html } },
              });
              for (const answer of [updated, created]) {
                if (runs) expect(answer.body.error?.code, answer.text).to.equal('markup_not_allowed');
                else if (answer.status < 300) expect(answer.body[lf.product]).to.equal(html);
              }
            }
            // No plain-text field holds markup that would run; documents keep only the allow-list.
            for (const r of backend.store.world.records[L] ?? [])
              expect(
                runnableMarkup(String(r.fields[lf.product] ?? '')),
                String(r.fields[lf.product]),
              ).to.equal(undefined);
            expect(JSON.stringify(backend.store.world.documents)).not.to.match(EXECUTABLE);
            checked++;
          }),
          { numRuns: 300 },
        );
        expect(checked).to.be.greaterThan(30);
      });

      it('every undeclared key is refused on every record write, __proto__ included, and changes nothing (R5)', async () => {
        const undeclared = fc.oneof(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'toString',
            'valueOf',
            'hasOwnProperty',
            '__defineGetter__',
            'id',
          ),
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fieldNames(variant, L).includes(k)),
        );
        let invalidField = 0;
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, undeclared, async (world, who, key) => {
            if (openError(world, who)) return;
            const { backend, session } = await open(world, who);
            const target = visibleIds(world, who, L)[0] ?? `${L}-0`;
            const before = JSON.stringify(backend.store.world);
            // A function, not a string: a key such as "$&" is a replacement pattern in a string.
            const raw = JSON.stringify({ fields: { [lf.product]: 'P' } }).replace(
              JSON.stringify(lf.product),
              () => JSON.stringify(key),
            );
            for (const [method, path] of [
              ['PATCH', `/records/${L}/${target}?page=pg-lic`],
              ['POST', `/records/${L}?page=pg-lic`],
            ] as const) {
              const answer = await call(backend, method, path, { token: session, raw });
              expect(answer.status, `${method} ${JSON.stringify(key)}: ${answer.text}`).to.be.within(
                400,
                404,
              );
              if (answer.body.error.code === 'invalid_field') invalidField++;
            }
            if (
              mayUpdateField(world, who, L, lf.product) &&
              mayWriteThrough(world, who, 'pg-lic') &&
              visibleIds(world, who, L).length
            ) {
              const answer = await call(backend, 'PATCH', `/records/${L}/${target}?page=pg-lic`, {
                token: session,
                raw,
              });
              expect(answer.body.error.code, JSON.stringify(key)).to.equal('invalid_field');
            }
            expect(JSON.stringify(backend.store.world)).to.equal(before);
          }),
          { numRuns: 400 },
        );
        expect(invalidField).to.be.greaterThan(10);
      });
    });

    describe('staff side properties (R2, R20, R23)', function () {
      this.timeout(120_000);
      const pageIds = ['pg-doc', 'pg-alone', 'pg-dash', 'pg-lic', 'pg-files'];
      const shareChange = fc.record({
        sections: fc.dictionary(fc.constantFrom('s', 's-hidden'), fc.constantFrom('view', 'edit', null), {
          maxKeys: 2,
        }),
        pages: fc.dictionary(fc.constantFrom(...pageIds), fc.constantFrom('view', 'edit', 'none', null), {
          maxKeys: 3,
        }),
      });

      it('management is allowed exactly when the oracle says; a refused change changes nothing', async () => {
        const seen = { edited: 0, readOnly: 0, refused: 0, modelChanged: 0 };
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, shareChange, async (world, who, change) => {
            if (openError(world, who)) return;
            const { backend, session } = await open(world, who);
            const level = manageLevel(world, who);
            const read = await get(backend, session!, '/manage/content');
            expect(read.status === 200, `${who.kind} read: ${read.text}`).to.equal(level !== 'none');
            const before = JSON.stringify(backend.store.world);
            const write = await call(backend, 'PUT', '/manage/content', { token: session, body: change });
            expect(write.status === 200, `${who.kind} write: ${write.text}`).to.equal(level === 'edit');
            if (level !== 'edit') expect(JSON.stringify(backend.store.world)).to.equal(before);
            // #25: the tenant's models — read by whoever manages, changed by Portal Super Admins only.
            const models = await get(backend, session!, '/manage/models');
            expect(models.status === 200, `${who.kind} models: ${models.text}`).to.equal(level !== 'none');
            const stored = world.models.find((m) => m.id === L)!;
            const unchanged = JSON.stringify(backend.store.world);
            const relabel = await call(backend, 'PUT', `/manage/models/${L}`, {
              token: session,
              body: { version: stored.version, label: `${stored.label} (renamed)`, fields: stored.fields },
            });
            const may = mayChangeModels(world, who);
            expect(relabel.status === 200, `${who.kind} model change: ${relabel.text}`).to.equal(may);
            if (may) {
              expect(relabel.body.version).to.equal(stored.version + 1);
              seen.modelChanged++;
            } else expect(JSON.stringify(backend.store.world)).to.equal(unchanged);
            seen[level === 'edit' ? 'edited' : level === 'view' ? 'readOnly' : 'refused']++;
          }),
          { numRuns: 1500 },
        );
        console.log(`${variant.name} management: ${JSON.stringify(seen)}`);
        // Read-only staff need an invited user whose role lacks Customer Portals: the rarest branch.
        for (const [branch, count] of Object.entries(seen)) expect(count, branch).to.be.greaterThan(5);
      });

      it('every management write — sharing of every kind, assigning, branding, audience — follows the one R20 decision; impersonation is refused with read_only_impersonation (#22)', async () => {
        const seen = { edited: 0, readOnly: 0, refused: 0, impersonating: 0 };
        await fc.assert(
          fc.asyncProperty(worldArb, principalArb, fc.boolean(), async (generated, who, shared) => {
            if (openError(generated, who)) return;
            // An internal task of the portal's company ("Margin review (internal)"), shared nowhere yet.
            const world = structuredClone(generated);
            const portal = world.portals.find((p) => p.id === who.portal)!;
            world.tasks.push({
              id: 't-internal',
              companyId: portal.companyId,
              phase: 'General',
              title: 'Margin review (internal)',
              status: 'open',
              sharedInPortal: false,
              portalIds: [who.portal],
            });
            const { backend, session } = await open(world, who);
            const level = manageLevel(world, who);
            const role =
              who.kind === 'internal'
                ? world.internalRoles.find(
                    (r) => r.id === world.internalUsers.find((u) => u.id === who.user)!.roleId,
                  )!
                : undefined;
            const fileId = world.files.find((f) => f.companyId === portal.companyId)?.id ?? 'f-none';
            const licenseId = world.records[L]?.find((r) => r.companyId === portal.companyId)?.id ?? 'l-none';
            const writes: [string, string, unknown, boolean][] = [
              ['PUT', '/manage/branding', { overrides: { primary: '#123456' } }, true],
              ['PUT', '/manage/audience', { kind: 'all', contactIds: [] }, true],
              ['PATCH', '/tasks/t-internal', { sharedInPortal: shared }, true],
              ['POST', '/files/share', { ids: [fileId], shared }, fileId !== 'f-none'],
              [
                'POST',
                `/records/${L}/share`,
                { ids: [licenseId], shared },
                licenseId !== 'l-none' &&
                  (!!role?.portalSuperAdmin || (!!role?.models[L]?.view && !!role.models[L].update)),
              ],
            ];
            for (const [method, path, body, possible] of writes) {
              const before = JSON.stringify(backend.store.world);
              const answer = await call(backend, method, path, { token: session, body });
              const where = `${who.kind} (${level}) ${method} ${path}: ${answer.text}`;
              if (who.kind === 'impersonation') {
                expect(answer.status, where).to.equal(403);
                expect(answer.body.error.code, where).to.equal('read_only_impersonation');
              } else if (level !== 'edit') {
                expect(answer.status, where).to.equal(403);
                expect(answer.body.error.code, where).to.equal('forbidden');
              } else if (possible) expect(answer.status, where).to.equal(200);
              if (answer.status !== 200) expect(JSON.stringify(backend.store.world), where).to.equal(before);
            }
            seen[
              who.kind === 'impersonation'
                ? 'impersonating'
                : level === 'edit'
                  ? 'edited'
                  : level === 'view'
                    ? 'readOnly'
                    : 'refused'
            ]++;
          }),
          { numRuns: 1500 },
        );
        console.log(`${variant.name} management writes: ${JSON.stringify(seen)}`);
        // Read-only staff (invited, or a role that only views) are the rarest branch: ~1 run in 80.
        for (const [branch, count] of Object.entries(seen)) expect(count, branch).to.be.greaterThan(2);
      });

      it('after a sharing change every principal of that portal sees exactly the oracle’s pages, others nothing new', async () => {
        let checked = 0;
        await fc.assert(
          fc.asyncProperty(
            worldArb,
            fc.constantFrom(...PORTAL_IDS),
            shareChange,
            principalArb,
            async (world, portalId, change, reader) => {
              // A Portal Super Admin of this world makes the change in `portalId`.
              const admin = world.internalUsers.find((u) => {
                const role = world.internalRoles.find((r) => r.id === u.roleId)!;
                return u.active && role.portalSuperAdmin;
              });
              if (!admin) return;
              const staff = await open(world, { kind: 'internal', portal: portalId, user: admin.id });
              const changed = await call(staff.backend, 'PUT', '/manage/content', {
                token: staff.session,
                body: change,
              });
              expect(changed.status, changed.text).to.equal(200);
              const after = structuredClone(staff.backend.store.world);
              if (openError(after, reader) || reader.kind === 'internal') return;
              const { backend, session } = await open(after, reader);
              const nav = (await get(backend, session!, '/bootstrap')).body.navigation.flatMap((s: any) =>
                s.pages.map((p: any) => p.id),
              );
              expect(nav.filter((id: string) => !id.startsWith('pk-')).sort()).to.deep.equal(
                visiblePages(after, reader).sort(),
              );
              // Other portals keep their own shares.
              for (const p of world.portals.filter((x) => x.id !== portalId))
                expect(after.portals.find((x) => x.id === p.id)!.pageShares).to.deep.equal(p.pageShares);
              checked++;
            },
          ),
          { numRuns: 1000 },
        );
        expect(checked).to.be.greaterThan(30);
      });

      it('the audit trail shows a reader only the fields their role may view, and every record write is in it (R23)', async () => {
        let checked = 0;
        await fc.assert(
          fc.asyncProperty(
            worldArb,
            principalArb,
            fc.constantFrom(...fieldNames(variant, L)),
            async (world, reader, field) => {
              if (manageLevel(world, reader) === 'none') return;
              const admin = world.internalUsers.find((u) => {
                const role = world.internalRoles.find((r) => r.id === u.roleId)!;
                return u.active && role.portalSuperAdmin && !!role.models[L]?.update;
              });
              const target = world.records[L]?.find(
                (r) =>
                  r.portalIds.includes(reader.portal) &&
                  r.companyId === world.portals.find((p) => p.id === reader.portal)!.companyId,
              );
              if (!admin || !target) return;
              const writer = await open(world, { kind: 'internal', portal: reader.portal, user: admin.id });
              const patch = await call(writer.backend, 'PATCH', `/records/${L}/${target.id}?page=pg-lic`, {
                token: writer.session,
                body: {
                  fields: {
                    [field]: newValueFor(variant, field, !target.fields[lf.autoRenew], 12345),
                  },
                },
              });
              if (patch.status !== 200) return; // the page may be shared to view, or the field not updatable
              const after = structuredClone(writer.backend.store.world);
              const { backend, session } = await open(after, reader);
              const entries = (await get(backend, session!, '/manage/audit?action=record.update')).body.items;
              expect(entries.length, 'the write is recorded').to.be.greaterThan(0);
              const allowed = viewableFields(world, reader, L);
              for (const entry of entries)
                for (const c of entry.changes ?? []) expect(allowed, `${c.field} shown`).to.include(c.field);
              checked++;
            },
          ),
          { numRuns: 1500 },
        );
        expect(checked).to.be.greaterThan(10);
      });
    });
  });
}
