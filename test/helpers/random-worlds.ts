// Small random worlds and principals (fast-check) for the property tests of the rules and the
// differential test of the storages: three companies, three portals, four contacts, three staff,
// and records of two models — the demo's License and Issue, or (#25) two models that are none of
// the demo's seven, with other names, field names and field types (`SchemaVariant`).
import fc from 'fast-check';
import { DEV_HS256_KEY } from '../../server-mock/dev-keys.js';
import { parseWorld, type World, type WorldInput } from '../../backend/src/world/schema.js';
import type { FieldDef, ModelDef } from '../../backend/src/world/models.js';
import { MODELS_V1 } from '../../backend/src/storage/postgres/models-v1.js';
import { signLaunchToken } from '../../src/server/index.js';
import type { OraclePrincipal } from './oracle.js';

/** What the tests do with the fields of the model standing where License stands: by role. */
export type LicenseRole = 'product' | 'seats' | 'mrr' | 'renewal' | 'autoRenew';
/** …and of the model standing where Issue stands. */
export type IssueRole = 'title' | 'severity' | 'status' | 'opened' | 'internalNotes';
type FieldValue = string | number | boolean;

/**
 * A tenant's schema the random worlds are made of: two models, one standing where the demo's
 * `License` stands (a line of text, a whole number, an amount, a date or instant, a flag) and one
 * where `Issue` stands (a title, two enums, a date or instant, free text shown to few). Tests name
 * models and fields through it; page ids are the same in every variant.
 */
export interface SchemaVariant {
  readonly name: string;
  readonly models: readonly ModelDef[];
  /** The model standing where License stands (its table is `pg-lic`, its sums on `pg-dash`). */
  readonly license: string;
  /** The model standing where Issue stands. */
  readonly issue: string;
  /** Each role's field name, per model. */
  readonly fields: {
    readonly License: Record<LicenseRole, string>;
    readonly Issue: Record<IssueRole, string>;
  };
  /** The stored fields of generated record `i`, per model. */
  readonly values: {
    readonly License: (i: number) => Record<string, FieldValue>;
    readonly Issue: (i: number) => Record<string, FieldValue>;
  };
}

/** The fields of `model` (a variant's model name) in their order. */
export const fieldNames = (variant: SchemaVariant, model: string): string[] =>
  variant.models.find((m) => m.id === model)?.fields.map((f) => f.name) ?? [];

/**
 * A valid new value for a field of the variant's License-like model (what a write sends): by its
 * type, so every variant's write passes the same checks. Instants are sent with an offset; the
 * backend stores them in UTC.
 */
export function newValueFor(
  variant: SchemaVariant,
  field: string,
  flag: boolean,
  number: number,
): FieldValue {
  const def: FieldDef | undefined = variant.models
    .find((m) => m.id === variant.license)
    ?.fields.find((f) => f.name === field);
  switch (def?.type) {
    case 'string':
    case 'text':
      return 'Changed';
    case 'date':
      return '2027-02-02';
    case 'datetime':
      return '2027-02-02T09:30:00+01:00';
    case 'boolean':
      return flag;
    case 'enum':
      return def.options![flag ? 0 : def.options!.length - 1]!.value;
    default:
      return number;
  }
}

const modelsV1 = (...ids: string[]) => MODELS_V1.filter((m) => ids.includes(m.id));

/** Today's demo models, License and Issue, as migration 4 gives them. */
export const DEMO: SchemaVariant = {
  name: 'demo',
  models: modelsV1('License', 'Issue'),
  license: 'License',
  issue: 'Issue',
  fields: {
    License: { product: 'product', seats: 'seats', mrr: 'mrr', renewal: 'renewal', autoRenew: 'autoRenew' },
    Issue: {
      title: 'title',
      severity: 'severity',
      status: 'status',
      opened: 'opened',
      internalNotes: 'internalNotes',
    },
  },
  values: {
    License: (i) => ({
      product: `P${i}`,
      seats: i * 3,
      mrr: i * 100,
      renewal: '2026-01-01',
      autoRenew: i % 2 === 0,
    }),
    Issue: (i) => ({
      title: `T${i}`,
      severity: 'low',
      status: 'open',
      opened: '2026-01-01',
      internalNotes: `secret ${i}`,
    }),
  },
};

const option = (value: string) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) });

/**
 * Two models that are none of the demo's seven (#25): `Subscription` stands where License stands,
 * `Ticket` where Issue stands, with instants (`datetime`) where the demo has dates.
 */
export const CUSTOM: SchemaVariant = {
  name: 'custom',
  models: [
    {
      id: 'Subscription',
      label: 'Subscription',
      labels: { de: 'Abonnement' },
      version: 1,
      retired: [],
      fields: [
        { name: 'plan', label: 'Plan', type: 'string', constraints: { maxLength: 200 } },
        { name: 'units', label: 'Units', type: 'integer', constraints: { min: 0, max: 1_000_000 } },
        { name: 'price', label: 'Price', type: 'decimal', constraints: { min: 0 } },
        { name: 'startsAt', label: 'Starts', type: 'datetime' },
        { name: 'renews', label: 'Renews', type: 'boolean' },
      ],
    },
    {
      id: 'Ticket',
      label: 'Ticket',
      version: 1,
      retired: [],
      fields: [
        { name: 'subject', label: 'Subject', type: 'string', constraints: { maxLength: 200 } },
        {
          name: 'priority',
          label: 'Priority',
          type: 'enum',
          options: ['low', 'medium', 'high', 'critical'].map(option),
        },
        { name: 'state', label: 'State', type: 'enum', options: ['open', 'resolved'].map(option) },
        { name: 'openedAt', label: 'Opened at', type: 'datetime' },
        { name: 'privateNotes', label: 'Private notes', type: 'text', constraints: { maxLength: 10_000 } },
      ],
    },
  ],
  license: 'Subscription',
  issue: 'Ticket',
  fields: {
    License: { product: 'plan', seats: 'units', mrr: 'price', renewal: 'startsAt', autoRenew: 'renews' },
    Issue: {
      title: 'subject',
      severity: 'priority',
      status: 'state',
      opened: 'openedAt',
      internalNotes: 'privateNotes',
    },
  },
  values: {
    // Prices with a fraction that binary floating point holds exactly, so sums do not depend on
    // the order of addition.
    License: (i) => ({
      plan: `Plan ${i}`,
      units: i * 3,
      price: i * 12.5,
      startsAt: `2026-01-0${1 + i}T0${i}:30:00.000Z`,
      renews: i % 2 === 0,
    }),
    Issue: (i) => ({
      subject: `S${i}`,
      priority: 'low',
      state: 'open',
      openedAt: `2026-01-01T1${i}:00:00.000Z`,
      privateNotes: `secret ${i}`,
    }),
  },
};

/** Every variant the property tests run on. */
export const VARIANTS: readonly SchemaVariant[] = [DEMO, CUSTOM];

/** A valid new value for a demo License field (what a write sends). */
export const newLicenseValue = (field: string, flag: boolean, number: number) =>
  newValueFor(DEMO, field, flag, number);
/** The demo's two models (see `DEMO`). */
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
/**
 * When the generated activity happened from: its events lie 0–45 days before this (a test's
 * clock is later), so a portfolio's "active in 30 days" counts some and leaves others out.
 */
const ACTIVITY_UNTIL = Date.now();

/** True four times in five: most generated principals should get in, so the deep checks run often. */
export const likely = fc.oneof(
  { weight: 4, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);

const fieldGrants = (variant: SchemaVariant, model: string) =>
  fc.dictionary(
    fc.constantFrom(...fieldNames(variant, model)),
    fc.record({ view: fc.boolean(), update: fc.boolean() }),
    { maxKeys: 3 },
  );
const modelGrant = (variant: SchemaVariant, model: string) =>
  fc.option(
    fc.record({
      create: fc.boolean(),
      view: likely,
      update: likely,
      remove: fc.boolean(),
      export: fc.boolean(),
      fields: fieldGrants(variant, model),
    }),
    { nil: undefined, freq: 5 },
  );
// An absent key means "no grant for this model"; strip undefined so the world schema sees absence.
const grants = (variant: SchemaVariant) =>
  fc
    .tuple(modelGrant(variant, variant.license), modelGrant(variant, variant.issue))
    .map(([license, issue]) => {
      const result: Record<string, NonNullable<typeof license>> = {};
      if (license) result[variant.license] = license;
      if (issue) result[variant.issue] = issue;
      return result;
    });

type GeneratedRecord = {
  id: string;
  companyId: string;
  portalIds: string[];
  fields: Record<string, FieldValue>;
};
const record = (model: string, i: number, values: (i: number) => Record<string, FieldValue>) =>
  fc.record({
    id: fc.constant(`${model}-${i}`),
    companyId: fc.constantFrom('c-a', 'c-a', 'c-c', 'c-b'),
    portalIds: fc.oneof(fc.constant(['p-a', 'p-c']), fc.subarray(PORTAL_IDS)),
    fields: fc.constant(values(i)),
  });
const records = (
  model: string,
  values: (i: number) => Record<string, FieldValue>,
): fc.Arbitrary<GeneratedRecord[]> =>
  fc
    .integer({ min: 0, max: 8 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(model, i, values))))
    .map((list) => list as unknown as GeneratedRecord[]);

/** Random worlds whose records are of `variant`'s two models. */
export const worldArbFor = (variant: SchemaVariant): fc.Arbitrary<World> => {
  const roleGrants = grants(variant);
  return fc
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
            models: roleGrants,
          }),
        ),
      ),
      usersActive: fc.tuple(...USERS.map(() => likely)),
      externalRoles: fc.tuple(roleGrants, roleGrants),
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
      License: records(variant.license, variant.values.License),
      Issue: records(variant.issue, variant.values.Issue),
      files: fc.array(
        fc.record({ companyId: fc.constantFrom(...COMPANIES), portalIds: fc.subarray(PORTAL_IDS) }),
        { maxLength: 4 },
      ),
      // R15: page views of the portals' people, some within the portfolio's 30 days; a few share
      // a minute (ties in the portfolio's orders by activity).
      activity: fc.array(
        fc.record({
          portalId: fc.constantFrom(...PORTAL_IDS),
          contactId: fc.constantFrom(...CONTACTS),
          daysAgo: fc.integer({ min: 0, max: 45 }),
          minute: fc.constantFrom(0, 0, 7, 600),
        }),
        { maxLength: 8 },
      ),
      automationPortal: fc.option(fc.constantFrom(...PORTAL_IDS), { nil: undefined }),
      // R2: the License-like model's table and the files page, per portal; edit three times in four.
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
              { id: 'w-count', title: 'n', kind: 'count', model: variant.license },
              {
                id: 'w-seats',
                title: 's',
                kind: 'sum',
                model: variant.license,
                field: variant.fields.License.seats,
              },
              {
                id: 'w-mrr',
                title: 'm',
                kind: 'sum',
                model: variant.license,
                field: variant.fields.License.mrr,
              },
            ],
          },
          // Every write names the page it is made through (R2).
          { id: 'pg-lic', sectionId: 's', title: 'licenses', type: 'table', model: variant.license },
          { id: 'pg-files', sectionId: 's', title: 'files', type: 'files' },
        ],
        models: structuredClone([...variant.models]),
        records: { [variant.license]: g.License, [variant.issue]: g.Issue },
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
        activity: g.activity.map(({ portalId, contactId, daysAgo, minute }) => ({
          portalId,
          contactId,
          kind: 'page.view',
          pageId: 'pg-doc',
          at: new Date(ACTIVITY_UNTIL - daysAgo * 86_400_000 - minute * 60_000).toISOString(),
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
};

/** Random worlds of the demo's License and Issue. */
export const worldArb: fc.Arbitrary<World> = worldArbFor(DEMO);

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
