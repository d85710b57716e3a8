// Small random worlds and principals (fast-check) for the property tests of the rules and the
// differential test of the storages: three companies, three portals, four contacts, three staff.
import fc from 'fast-check';
import { DEV_HS256_KEY } from '../../server-mock/dev-keys.js';
import { parseWorld, type World, type WorldInput } from '../../backend/src/world/schema.js';
import { MODELS_V1 } from '../../backend/src/storage/postgres/models-v1.js';
import { signLaunchToken } from '../../src/server/index.js';
import { ORACLE_FIELDS, type OraclePrincipal } from './oracle.js';

/** A valid new value for a License field (what a write sends). */
export const newLicenseValue = (field: string, flag: boolean, number: number) =>
  field === 'product'
    ? 'Changed'
    : field === 'renewal'
      ? '2027-02-02'
      : field === 'autoRenew'
        ? flag
        : number;
export const MODELS = ['License', 'Issue'] as const;
export const COMPANIES = ['c-a', 'c-b', 'c-c'];
// Two portals of one company (p-a, p-a2), so staff invited to one of them meet the other's items.
const PORTALS = [
  { id: 'p-a', companyId: 'c-a' },
  { id: 'p-a2', companyId: 'c-a' },
  { id: 'p-c', companyId: 'c-c' },
];
export const PORTAL_IDS = PORTALS.map((p) => p.id);
export const CONTACTS = ['k-1', 'k-2', 'k-3', 'k-4'];
export const USERS = ['u-1', 'u-2', 'u-3'];

/** True four times in five: most generated principals should get in, so the deep checks run often. */
export const likely = fc.oneof(
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
  .map(
    (g) =>
      Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as Record<
        string,
        NonNullable<(typeof g)['License']>
      >,
  );

const record = (model: (typeof MODELS)[number], i: number) =>
  fc.record({
    id: fc.constant(`${model}-${i}`),
    companyId: fc.constantFrom('c-a', 'c-a', 'c-c', 'c-b'),
    portalIds: fc.oneof(fc.constant(['p-a', 'p-c']), fc.subarray(PORTAL_IDS)),
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

export const worldArb: fc.Arbitrary<World> = fc
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
    files: fc.array(
      fc.record({ companyId: fc.constantFrom(...COMPANIES), portalIds: fc.subarray(PORTAL_IDS) }),
      { maxLength: 4 },
    ),
    automationPortal: fc.option(fc.constantFrom(...PORTAL_IDS), { nil: undefined }),
    // R2: the License table and the files page, per portal; edit three times in four.
    pageAccess: fc.tuple(
      ...PORTALS.map(() =>
        fc.record({
          lic: fc.constantFrom('edit' as const, 'edit' as const, 'edit' as const, 'view' as const),
          files: fc.constantFrom('edit' as const, 'edit' as const, 'edit' as const, 'view' as const),
        }),
      ),
    ),
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
        pageShares: {
          'pg-doc': 'edit' as const,
          'pg-alone': 'view' as const,
          'pg-lic': g.pageAccess[i]!.lic,
          'pg-files': g.pageAccess[i]!.files,
        },
      })),
      // `s-hidden` is shared nowhere; its page `pg-alone` is shared alone (R2).
      sections: [
        { id: 's', title: 's' },
        { id: 's-hidden', title: 'Hidden section' },
      ],
      documents: [
        {
          id: 'doc',
          title: 'Doc',
          body: '<p>x</p>',
          version: 1,
          updatedAt: '2026-01-01T00:00:00.000Z',
          updatedBy: 'x',
        },
      ],
      pages: [
        { id: 'pg-doc', sectionId: 's', title: 'doc', type: 'document', documentId: 'doc' },
        { id: 'pg-alone', sectionId: 's-hidden', title: 'alone', type: 'html', html: '<p>a</p>' },
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
        // Every write names the page it is made through (R2).
        { id: 'pg-lic', sectionId: 's', title: 'licenses', type: 'table', model: 'License' },
        { id: 'pg-files', sectionId: 's', title: 'files', type: 'files' },
      ],
      models: MODELS_V1.filter((m) => (MODELS as readonly string[]).includes(m.id)),
      records: { License: g.License, Issue: g.Issue },
      files: g.files.map((f, i) => ({
        id: `file-${i}`,
        ...f,
        name: `f${i}.txt`,
        type: 'text/plain',
        size: 1,
        uploadedBy: 'x',
        createdAt: '2026-01-01T00:00:00.000Z',
        content: btoa('x'),
      })),
      // R16: contacts with an email become users of one portal, every time they are saved.
      automations: g.automationPortal
        ? [
            {
              id: 'auto',
              portalId: g.automationPortal,
              roleId: 'xr-0',
              action: 'add' as const,
              trigger: 'every_save' as const,
              conditions: [{ field: 'email' as const, op: 'not_empty' as const }],
            },
          ]
        : [],
    };
    return parseWorld(input);
  });

export const principalArb: fc.Arbitrary<OraclePrincipal> = fc.oneof(
  fc.record({
    kind: fc.constant('external' as const),
    portal: fc.constantFrom(...PORTAL_IDS),
    contact: fc.constantFrom(...CONTACTS),
  }),
  fc.record({
    kind: fc.constant('internal' as const),
    portal: fc.constantFrom(...PORTAL_IDS),
    user: fc.constantFrom(...USERS),
  }),
  fc.record({
    kind: fc.constant('impersonation' as const),
    portal: fc.constantFrom(...PORTAL_IDS),
    contact: fc.constantFrom(...CONTACTS),
    actor: fc.constantFrom(...USERS),
  }),
);

let jti = 0;
/**
 * A launch token for a generated principal, each with an id of its own (R13: one use each).
 * `now` is the clock of the backend that will verify it: a test whose backend runs on a fixed
 * clock mints on that clock too, so a token never turns "not yet valid" on a slow machine.
 */
export const launchTokenFor = (who: OraclePrincipal, now?: Date) =>
  signLaunchToken(
    {
      iss: 'random-worlds',
      kind: who.kind === 'internal' ? 'internal' : 'external',
      sub: who.kind === 'internal' ? who.user : who.contact,
      portal: who.portal,
      ...(who.kind === 'impersonation' ? { act: { sub: who.actor } } : {}),
      jti: `random-worlds-jti-${jti++}`,
    },
    DEV_HS256_KEY,
    now ? { now: Math.floor(now.getTime() / 1000) } : {},
  );
