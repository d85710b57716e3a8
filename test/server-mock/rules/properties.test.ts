// Property tests of the rules through the HTTP contract, against the separate oracle
// (test/helpers/oracle.ts): ≥ 1,000 small random worlds × principals per run.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DEV_HS256_KEY } from '../../../server-mock/dev-keys.js';
import { parseWorld, type World, type WorldInput } from '../../../server-mock/world/schema.js';
import { signLaunchToken } from '../../../src/server/index.js';
import { call, makeBackend } from '../../helpers/backend.js';
import {
  mayUpdateField,
  ORACLE_FIELDS,
  oracleSum,
  openError,
  viewableFields,
  visibleIds,
  type OraclePrincipal,
} from '../../helpers/oracle.js';

const RUNS = 1000;
const MODELS = ['License', 'Issue'] as const;
const COMPANIES = ['c-a', 'c-b', 'c-c'];
const PORTALS = [
  { id: 'p-a', companyId: 'c-a' },
  { id: 'p-c', companyId: 'c-c' },
];
const CONTACTS = ['k-1', 'k-2', 'k-3', 'k-4'];
const USERS = ['u-1', 'u-2', 'u-3'];

/** True four times in five: most generated principals should get in, so the deep checks run often. */
const likely = fc.oneof(
  { weight: 4, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);

const fieldGrants = (model: (typeof MODELS)[number]) =>
  fc.dictionary(
    fc.constantFrom(...ORACLE_FIELDS[model]),
    fc.record({ view: fc.boolean(), update: fc.boolean() }),
    { maxKeys: 3 },
  );
const modelGrant = (model: (typeof MODELS)[number]) =>
  fc.option(
    fc.record({
      create: fc.boolean(),
      view: likely,
      update: likely,
      remove: fc.boolean(),
      export: fc.boolean(),
      fields: fieldGrants(model),
    }),
    { nil: undefined, freq: 5 },
  );
// An absent key means "no grant for this model"; strip undefined so the world schema sees absence.
const grants = fc
  .record({ License: modelGrant('License'), Issue: modelGrant('Issue') })
  .map((g) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)));

const record = (model: (typeof MODELS)[number], i: number) =>
  fc.record({
    id: fc.constant(`${model}-${i}`),
    companyId: fc.constantFrom('c-a', 'c-a', 'c-c', 'c-b'),
    portalIds: fc.oneof(fc.constant(['p-a', 'p-c']), fc.subarray(PORTALS.map((p) => p.id))),
    fields: fc.constant(
      model === 'License'
        ? { product: `P${i}`, seats: i * 3, mrr: i * 100, renewal: '2026-01-01', autoRenew: i % 2 === 0 }
        : {
            title: `T${i}`,
            severity: 'low',
            status: 'open',
            opened: '2026-01-01',
            internalNotes: `secret ${i}`,
          },
    ),
  });
type GeneratedRecord = {
  id: string;
  companyId: string;
  portalIds: string[];
  fields: Record<string, string | number | boolean>;
};
const records = (model: (typeof MODELS)[number]): fc.Arbitrary<GeneratedRecord[]> =>
  fc
    .integer({ min: 0, max: 8 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(model, i))))
    .map((list) => list as unknown as GeneratedRecord[]);

const worldArb: fc.Arbitrary<World> = fc
  .record({
    parentOfB: fc.boolean(),
    owners: fc.tuple(...COMPANIES.map(() => fc.option(fc.constantFrom(...USERS), { nil: undefined }))),
    coOwners: fc.tuple(...COMPANIES.map(() => fc.subarray(USERS, { maxLength: 1 }))),
    phases: fc.tuple(...COMPANIES.map(() => fc.constantFrom('Renewal', 'Onboarding'))),
    contactCompanies: fc.tuple(...CONTACTS.map(() => fc.constantFrom('c-a', 'c-c', 'c-a', 'c-c', 'c-b'))),
    // Mostly distinct emails; sometimes two contacts share one (R16).
    contactEmails: fc.tuple(
      ...CONTACTS.map((id) =>
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(`${id}@x.example`) },
          { weight: 1, arbitrary: fc.constant('shared@x.example') },
        ),
      ),
    ),
    featured: fc.tuple(...CONTACTS.map(() => fc.boolean())),
    teamManagers: fc.subarray(USERS, { maxLength: 1 }),
    teamMembers: fc.subarray(USERS),
    roles: fc.tuple(
      ...USERS.map(() =>
        fc.record({
          kind: fc.constantFrom('own', 'team', 'full', 'filter'),
          extendedGroups: fc.boolean(),
          portalSuperAdmin: fc.boolean(),
          customerPortals: fc.boolean(),
          models: grants,
        }),
      ),
    ),
    usersActive: fc.tuple(...USERS.map(() => likely)),
    externalRoles: fc.tuple(grants, grants),
    portalUsers: fc.tuple(
      ...PORTALS.map(() =>
        fc.subarray(CONTACTS, { minLength: 2 }).chain((ids) =>
          fc.tuple(
            ...ids.map((contactId) =>
              fc.record({
                contactId: fc.constant(contactId),
                roleId: fc.constantFrom('xr-0', 'xr-1'),
                active: likely,
                admin: fc.boolean(),
              }),
            ),
          ),
        ),
      ),
    ),
    audiences: fc.tuple(
      ...PORTALS.map(() =>
        fc.record({
          kind: fc.constantFrom('all', 'all', 'all', 'featured', 'selected'),
          contactIds: fc.subarray(CONTACTS),
        }),
      ),
    ),
    invited: fc.tuple(...PORTALS.map(() => fc.subarray(USERS, { maxLength: 1 }))),
    License: records('License'),
    Issue: records('Issue'),
  })
  .map((g): World => {
    const input: WorldInput = {
      tenant: { id: 't', name: 'T' },
      companies: COMPANIES.map((id, i) => ({
        id,
        name: id,
        phase: g.phases[i]!,
        tier: 'x',
        region: 'Americas',
        ownerId: g.owners[i],
        coOwnerIds: g.coOwners[i]!,
        ...(id === 'c-b' && g.parentOfB ? { parentId: 'c-a' } : {}),
      })),
      contacts: CONTACTS.map((id, i) => ({
        id,
        companyId: g.contactCompanies[i]!,
        name: id,
        email: g.contactEmails[i]!,
        featured: g.featured[i]!,
      })),
      teams: [{ id: 'team', name: 'team', managerIds: g.teamManagers, memberIds: g.teamMembers }],
      internalRoles: USERS.map((_, i) => ({
        id: `r-${i}`,
        name: `r-${i}`,
        portfolio: {
          kind: g.roles[i]!.kind,
          extendedGroups: g.roles[i]!.extendedGroups,
          conditions: [{ field: 'phase', equals: 'Renewal' }],
        },
        portalSuperAdmin: g.roles[i]!.portalSuperAdmin,
        customerPortals: g.roles[i]!.customerPortals,
        models: g.roles[i]!.models,
      })),
      internalUsers: USERS.map((id, i) => ({
        id,
        name: id,
        email: `${id}@v.example`,
        roleId: `r-${i}`,
        active: g.usersActive[i]!,
      })),
      externalRoles: g.externalRoles.map((models, i) => ({ id: `xr-${i}`, name: `xr-${i}`, models })),
      templates: [{ id: 'tpl', name: 'tpl', colors: { primary: '#123456' } }],
      portals: PORTALS.map((p, i) => ({
        ...p,
        name: p.id,
        templateId: 'tpl',
        users: g.portalUsers[i]!,
        audience: g.audiences[i]!,
        invitedInternalIds: g.invited[i]!,
        sectionShares: { s: 'view' as const },
      })),
      sections: [{ id: 's', title: 's' }],
      pages: [
        {
          id: 'pg-dash',
          sectionId: 's',
          title: 'd',
          type: 'dashboard',
          widgets: [
            { id: 'w-count', title: 'n', kind: 'count', model: 'License' },
            { id: 'w-seats', title: 's', kind: 'sum', model: 'License', field: 'seats' },
            { id: 'w-mrr', title: 'm', kind: 'sum', model: 'License', field: 'mrr' },
          ],
        },
      ],
      records: { License: g.License, Issue: g.Issue },
    };
    return parseWorld(input);
  });

const principalArb: fc.Arbitrary<OraclePrincipal> = fc.oneof(
  fc.record({
    kind: fc.constant('external' as const),
    portal: fc.constantFrom('p-a', 'p-c'),
    contact: fc.constantFrom(...CONTACTS),
  }),
  fc.record({
    kind: fc.constant('internal' as const),
    portal: fc.constantFrom('p-a', 'p-c'),
    user: fc.constantFrom(...USERS),
  }),
  fc.record({
    kind: fc.constant('impersonation' as const),
    portal: fc.constantFrom('p-a', 'p-c'),
    contact: fc.constantFrom(...CONTACTS),
    actor: fc.constantFrom(...USERS),
  }),
);

let jti = 0;
async function open(world: World, who: OraclePrincipal) {
  const backend = makeBackend(world);
  const token = await signLaunchToken(
    {
      iss: 'prop',
      kind: who.kind === 'internal' ? 'internal' : 'external',
      sub: who.kind === 'internal' ? who.user : who.contact,
      portal: who.portal,
      ...(who.kind === 'impersonation' ? { act: { sub: who.actor } } : {}),
      jti: `prop-jti-${jti++}`,
    },
    DEV_HS256_KEY,
  );
  const answer = await call(backend, 'POST', '/session', { body: { token } });
  return { backend, answer, session: answer.body?.session?.token as string | undefined };
}

const get = (backend: ReturnType<typeof makeBackend>, token: string, path: string) =>
  call(backend, 'GET', path, { token });

describe('rules engine properties (R1, R3, R4, R5, R10, R11, R12, R16, R17)', function () {
  this.timeout(120_000);

  it(`opening a portal, lists, fields, widgets and writes agree with the oracle (${RUNS} worlds)`, async () => {
    const seen = { opened: 0, refused: 0, listed: 0, writesAllowed: 0, writesRefused: 0 };
    await fc.assert(
      fc.asyncProperty(
        worldArb,
        principalArb,
        fc.constantFrom(...MODELS),
        fc.nat(10),
        fc.constantFrom(...ORACLE_FIELDS.License),
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
            ['w-seats', 'seats'],
            ['w-mrr', 'mrr'],
          ] as const) {
            const expected = oracleSum(world, who, f);
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
            const visible = visibleIds(world, who, 'License');
            const pool =
              pick % 2 === 0 && visible.length
                ? (world.records.License ?? []).filter((r) => visible.includes(r.id))
                : (world.records.License ?? []);
            const target = pool[pick % Math.max(1, pool.length)];
            if (target) {
              const before = JSON.stringify(backend.store.world);
              const patch = await call(backend, 'PATCH', `/records/License/${target.id}`, {
                token: session,
                body: {
                  fields: {
                    [field]:
                      field === 'product'
                        ? 'Changed'
                        : field === 'renewal'
                          ? '2027-02-02'
                          : field === 'autoRenew'
                            ? true
                            : 7,
                  },
                },
              });
              const allowed =
                visibleIds(world, who, 'License').includes(target.id) &&
                mayUpdateField(world, who, 'License', field);
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
    console.log(`properties: ${JSON.stringify(seen)}`);
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).to.be.greaterThan(RUNS / 50);
  });

  it('impersonating X yields exactly X’s views (R12)', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArb,
        fc.constantFrom('p-a', 'p-c'),
        fc.constantFrom(...CONTACTS),
        fc.constantFrom(...USERS),
        async (world, portal, contact, actor) => {
          const as = await open(world, { kind: 'impersonation', portal, contact, actor });
          const direct = await open(world, { kind: 'external', portal, contact });
          if (as.answer.status !== 200 || direct.answer.status !== 200) return;
          for (const path of [
            '/records/License?limit=500&sort=-seats',
            '/records/Issue?limit=500',
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
        for (const model of MODELS) {
          const visible = new Set(visibleIds(world, who, model));
          const fields = new Set(viewableFields(world, who, model));
          for (const r of changed.records[model] ?? []) {
            for (const f of ORACLE_FIELDS[model]) {
              if (visible.has(r.id) && fields.has(f)) continue;
              r.fields[f] =
                typeof r.fields[f] === 'number'
                  ? noise
                  : typeof r.fields[f] === 'boolean'
                    ? noise % 2 === 0
                    : f === 'severity'
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
        const a = await open(world, who);
        const b = await open(changed, who);
        expect(b.answer.status).to.equal(a.answer.status);
        const paths = [
          '/records/License?limit=500',
          '/records/License?limit=3&sort=-seats',
          '/records/Issue?limit=500&q=secret',
          '/records/License?filter=mrr:gte:0',
          '/records/License?sort=mrr',
          `/records/License/License-other-${noise}`,
          `/records/License/License-unshared-${noise}`,
          '/records/License/License-never',
          '/records/License/export',
          '/records/Issue/export',
          '/pages/pg-dash',
        ];
        for (const path of paths) {
          const left = await get(a.backend, a.session!, path);
          const right = await get(b.backend, b.session!, path);
          expect(right.status, path).to.equal(left.status);
          expect(right.text, path).to.equal(left.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
