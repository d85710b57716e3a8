// The demo world, generated deterministically: a tenant whose companies, people, roles,
// portals and records exercise every rule (R1–R19). Persona ids are listed in PERSONAS.
import type { ModelName } from '../backend/src/world/models.js';
import { MODELS_V1 } from '../backend/src/storage/postgres/models-v1.js';
import { parseWorld, type World, type WorldInput } from '../backend/src/world/schema.js';

/** The demo tenant's schema: the seven models the backend once compiled in. */
export const DEMO_MODELS = MODELS_V1;
const MODEL_NAMES = DEMO_MODELS.map((m) => m.id);

/** Small deterministic PRNG (mulberry32): the same world every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Atlas',
  'Beacon',
  'Cobalt',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nova',
  'Onyx',
  'Pioneer',
  'Quartz',
  'Ridge',
  'Summit',
  'Tundra',
  'Umber',
  'Vector',
  'Willow',
  'Zenith',
  'Ångström',
  'Émile',
];

export function fieldsFor(
  model: ModelName,
  rand: () => number,
  index: number,
): Record<string, string | number | boolean | null> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const date = (year: number) =>
    `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const out: Record<string, string | number | boolean | null> = {};
  for (const def of DEMO_MODELS.find((m) => m.id === model)!.fields) {
    if (def.type === 'string' || def.type === 'text')
      out[def.name] = `${pick(WORDS)} ${pick(WORDS)} ${index + 1}`;
    if (def.type === 'integer' || def.type === 'decimal')
      out[def.name] =
        (Math.round(rand() * 1000) *
          (def.name === 'mrr' || def.name === 'amount' || def.name === 'budget' ? 10 : 1)) /
        (def.name === 'progress' ? 10 : 1);
    if (def.type === 'date') out[def.name] = date(2025 + Math.floor(rand() * 3));
    if (def.type === 'boolean') out[def.name] = rand() < 0.5;
    if (def.type === 'enum') out[def.name] = pick(def.options!).value;
  }
  if (model === 'Issue') out.internalNotes = `Internal: escalation notes ${index + 1}`;
  return out;
}

/** Who the demo and the tests sign in as. */
export const PERSONAS = {
  alice: {
    kind: 'external',
    sub: 'k-nw-alice',
    portal: 'p-northwind',
    label: 'Alice (Northwind, full collaborator, admin)',
  },
  bob: { kind: 'external', sub: 'k-nw-bob', portal: 'p-northwind', label: 'Bob (Northwind, viewer)' },
  carol: {
    kind: 'external',
    sub: 'k-nw-carol',
    portal: 'p-northwind',
    label: 'Carol (Northwind, no file access)',
  },
  dan: { kind: 'external', sub: 'k-nw-dan', portal: 'p-northwind', label: 'Dan (Northwind, inactive)' },
  erin: {
    kind: 'external',
    sub: 'k-nw-erin',
    portal: 'p-northwind',
    label: 'Erin (email shared by two portal users)',
  },
  grace: {
    kind: 'external',
    sub: 'k-gx-grace',
    portal: 'p-globex',
    label: 'Grace (Globex, full collaborator)',
  },
  ivan: {
    kind: 'external',
    sub: 'k-in-ivan',
    portal: 'p-initech',
    label: 'Ivan (Initech, featured contact)',
  },
  judy: {
    kind: 'external',
    sub: 'k-in-judy',
    portal: 'p-initech',
    label: 'Judy (Initech, not featured: outside audience)',
  },
  ava: { kind: 'internal', sub: 'u-admin-ava', portal: 'p-northwind', label: 'Ava (Portal Super Admin)' },
  olivia: {
    kind: 'internal',
    sub: 'u-csm-olivia',
    portal: 'p-northwind',
    label: 'Olivia (CSM, only my portfolio)',
  },
  liam: { kind: 'internal', sub: 'u-csm-liam', portal: 'p-globex', label: 'Liam (CSM, owns Globex)' },
  mia: { kind: 'internal', sub: 'u-mgr-mia', portal: 'p-globex', label: 'Mia (manager, team access)' },
  ethan: {
    kind: 'internal',
    sub: 'u-ops-ethan',
    portal: 'p-globex',
    label: 'Ethan (filter: Renewal AND Americas)',
  },
  noah: {
    kind: 'internal',
    sub: 'u-csm-noah',
    portal: 'p-northwind',
    label: 'Noah (own portfolio + extended groups)',
  },
  zoe: {
    kind: 'internal',
    sub: 'u-support-zoe',
    portal: 'p-globex',
    label: 'Zoe (support, invited to Globex only)',
  },
  /** R22: a launch token naming no portal opens the staff member's portfolio. */
  oliviaPortfolio: {
    kind: 'internal',
    sub: 'u-csm-olivia',
    label: 'Olivia — portfolio (token names no portal)',
  },
  avaPortfolio: {
    kind: 'internal',
    sub: 'u-admin-ava',
    label: 'Ava — portfolio of every portal (Portal Super Admin)',
  },
  oliviaAsBob: {
    kind: 'external',
    sub: 'k-nw-bob',
    portal: 'p-northwind',
    act: 'u-csm-olivia',
    label: 'Olivia viewing as Bob (impersonation)',
  },
} as const satisfies Record<
  string,
  { kind: 'external' | 'internal'; sub: string; portal?: string; act?: string; label: string }
>;
export type PersonaName = keyof typeof PERSONAS;

const grant = (
  over: Partial<{ create: boolean; view: boolean; update: boolean; remove: boolean; export: boolean }> = {},
  fields = {},
) => ({
  create: false,
  view: true,
  update: false,
  remove: false,
  export: false,
  ...over,
  fields,
});
const all = { create: true, view: true, update: true, remove: true, export: true };
const everyModel = (g: ReturnType<typeof grant>) => Object.fromEntries(MODEL_NAMES.map((m) => [m, g]));
const hidden = { view: false, update: false };

export function demoWorldInput(): WorldInput {
  const rand = random(20261123);
  const records: NonNullable<WorldInput['records']> = {};
  for (const model of MODEL_NAMES) {
    const list = [];
    for (let i = 0; i < 40; i++) {
      // Northwind: 24 records, 18 shared to its portal; Northwind Europe: 4; Globex: 8 shared, 4 not.
      const companyId = i < 24 ? 'c-northwind' : i < 28 ? 'c-northwind-eu' : 'c-globex';
      const portalIds = i < 18 ? ['p-northwind'] : i >= 28 && i < 36 ? ['p-globex'] : [];
      list.push({
        id: `${model.toLowerCase()}-${i + 1}`,
        companyId,
        portalIds,
        fields: fieldsFor(model, rand, i),
      });
    }
    records[model] = list;
  }

  return {
    tenant: {
      id: 't-acme',
      name: 'Acme Cloud',
      logoUrl:
        'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 32 32%22%3E%3Cpath d=%22M16 3 30 29H2z%22 fill=%22%233451b2%22/%3E%3C/svg%3E',
    },
    companies: [
      {
        id: 'c-northwind',
        name: 'Northwind Traders',
        phase: 'Onboarding',
        tier: 'Enterprise',
        region: 'Americas',
        ownerId: 'u-csm-olivia',
        coOwnerIds: [],
        followerIds: ['u-mgr-mia'],
        collaboratorIds: [],
      },
      {
        id: 'c-northwind-eu',
        name: 'Northwind Europe',
        phase: 'Adoption',
        tier: 'Enterprise',
        region: 'EMEA',
        ownerId: 'u-csm-noah',
        parentId: 'c-northwind',
      },
      {
        id: 'c-globex',
        name: 'Globex',
        phase: 'Renewal',
        tier: 'Mid-market',
        region: 'Americas',
        ownerId: 'u-csm-liam',
        coOwnerIds: ['u-csm-olivia'],
      },
      {
        id: 'c-initech',
        name: 'Initech',
        phase: 'Renewal',
        tier: 'SMB',
        region: 'EMEA',
        ownerId: 'u-csm-zed',
      },
    ],
    contacts: [
      {
        id: 'k-nw-alice',
        companyId: 'c-northwind',
        name: 'Alice Archer',
        email: 'alice@northwind.example',
        featured: true,
      },
      { id: 'k-nw-bob', companyId: 'c-northwind', name: 'Bob Brennan', email: 'bob@northwind.example' },
      { id: 'k-nw-carol', companyId: 'c-northwind', name: 'Carol Chen', email: 'carol@northwind.example' },
      { id: 'k-nw-dan', companyId: 'c-northwind', name: 'Dan Dorsey', email: 'dan@northwind.example' },
      { id: 'k-nw-erin', companyId: 'c-northwind', name: 'Erin Ellis', email: 'erin@northwind.example' },
      {
        id: 'k-nw-erin2',
        companyId: 'c-northwind',
        name: 'Erin Ellis (duplicate)',
        email: 'Erin@Northwind.example',
      },
      { id: 'k-nw-frank', companyId: 'c-northwind', name: 'Frank Fisher', email: 'frank@northwind.example' },
      { id: 'k-gx-grace', companyId: 'c-globex', name: 'Grace Gómez', email: 'grace@globex.example' },
      {
        id: 'k-in-ivan',
        companyId: 'c-initech',
        name: 'Ivan Ivanov',
        email: 'ivan@initech.example',
        featured: true,
      },
      {
        id: 'k-in-judy',
        companyId: 'c-initech',
        name: 'Judy Jones',
        email: 'judy@initech.example',
        featured: false,
      },
    ],
    teams: [
      { id: 't-west', name: 'West', memberIds: ['u-csm-olivia', 'u-csm-liam'], managerIds: ['u-mgr-mia'] },
    ],
    internalRoles: [
      {
        id: 'r-super',
        name: 'Admin',
        portfolio: { kind: 'full' },
        models: everyModel(grant(all)),
        portalSuperAdmin: true,
        customerPortals: true,
      },
      {
        id: 'r-csm',
        name: 'CSM',
        portfolio: { kind: 'own' },
        models: everyModel(grant({ update: true })),
        customerPortals: true,
      },
      {
        id: 'r-csm-ext',
        name: 'CSM (groups)',
        portfolio: { kind: 'own', extendedGroups: true },
        models: everyModel(grant({ update: true })),
        customerPortals: true,
      },
      {
        id: 'r-manager',
        name: 'Manager',
        portfolio: { kind: 'team' },
        models: everyModel(grant({ update: true })),
        customerPortals: true,
      },
      {
        id: 'r-renewals',
        name: 'Renewals',
        portfolio: {
          kind: 'filter',
          conditions: [
            { field: 'phase', equals: 'Renewal' },
            { field: 'region', equals: 'Americas' },
          ],
        },
        models: everyModel(grant()),
        customerPortals: true,
      },
      {
        id: 'r-support',
        name: 'Support',
        portfolio: { kind: 'full' },
        models: everyModel(grant()),
        customerPortals: false,
      },
    ],
    internalUsers: [
      { id: 'u-admin-ava', name: 'Ava Admin', email: 'ava@acme.example', roleId: 'r-super' },
      { id: 'u-csm-olivia', name: 'Olivia Ortiz', email: 'olivia@acme.example', roleId: 'r-csm' },
      { id: 'u-csm-liam', name: 'Liam Lee', email: 'liam@acme.example', roleId: 'r-csm' },
      { id: 'u-mgr-mia', name: 'Mia Moreau', email: 'mia@acme.example', roleId: 'r-manager' },
      { id: 'u-ops-ethan', name: 'Ethan Evans', email: 'ethan@acme.example', roleId: 'r-renewals' },
      { id: 'u-csm-noah', name: 'Noah Nakamura', email: 'noah@acme.example', roleId: 'r-csm-ext' },
      { id: 'u-support-zoe', name: 'Zoe Zhang', email: 'zoe@acme.example', roleId: 'r-support' },
      { id: 'u-csm-zed', name: 'Zed Zimmer', email: 'zed@acme.example', roleId: 'r-csm', active: false },
    ],
    externalRoles: [
      {
        id: 'xr-collab',
        name: 'Full collaborator',
        // Vendor-internal fields (Issue.internalNotes) are never a customer's to see.
        models: { ...everyModel(grant(all)), Issue: grant(all, { internalNotes: hidden }) },
        fileAccess: true,
        taskUpdate: true,
        comment: true,
      },
      {
        id: 'xr-viewer',
        name: 'Viewer',
        models: {
          ...everyModel(grant()),
          Task: grant({}, { hours: hidden }),
          Issue: grant({}, { internalNotes: hidden }),
          License: grant({ export: true }, { mrr: hidden }),
        },
        fileAccess: true,
        comment: true,
      },
      {
        id: 'xr-nofiles',
        name: 'No file access',
        models: {
          Task: grant(
            { update: true },
            {
              title: { view: true, update: false },
              hours: hidden,
              due: { view: true, update: false },
            },
          ),
          Issue: grant({}, { internalNotes: hidden }),
        },
        fileAccess: false,
      },
    ],
    templates: [
      { id: 'tpl-ocean', name: 'Ocean', colors: { primary: '#1f6feb', accent: '#0f766e' } },
      { id: 'tpl-sunset', name: 'Sunset', colors: { primary: '#f59e0b', accent: '#b45309' } },
    ],
    portals: [
      {
        id: 'p-northwind',
        name: 'Northwind onboarding',
        companyId: 'c-northwind',
        templateId: 'tpl-ocean',
        colorOverrides: { primary: '#14532d' },
        invitedInternalIds: ['u-csm-olivia'],
        users: [
          { contactId: 'k-nw-alice', roleId: 'xr-collab', admin: true },
          { contactId: 'k-nw-bob', roleId: 'xr-viewer' },
          { contactId: 'k-nw-carol', roleId: 'xr-nofiles' },
          { contactId: 'k-nw-dan', roleId: 'xr-viewer', active: false },
          { contactId: 'k-nw-erin', roleId: 'xr-viewer' },
          { contactId: 'k-nw-erin2', roleId: 'xr-viewer' },
        ],
        sectionShares: { 's-welcome': 'view', 's-data': 'edit', 's-work': 'edit' },
        pageShares: { 'pg-welcome': 'edit', 'pg-escalations': 'none' },
        landingPageId: 'pg-welcome',
      },
      {
        id: 'p-globex',
        name: 'Globex success hub',
        companyId: 'c-globex',
        templateId: 'tpl-sunset',
        invitedInternalIds: ['u-support-zoe'],
        users: [{ contactId: 'k-gx-grace', roleId: 'xr-collab' }],
        sectionShares: { 's-data': 'view' },
        pageShares: { 'pg-welcome': 'view' },
      },
      {
        id: 'p-initech',
        name: 'Initech portal',
        companyId: 'c-initech',
        templateId: 'tpl-ocean',
        audience: { kind: 'featured', contactIds: [] },
        users: [
          { contactId: 'k-in-ivan', roleId: 'xr-viewer' },
          { contactId: 'k-in-judy', roleId: 'xr-viewer' },
        ],
        sectionShares: { 's-welcome': 'view' },
      },
    ],
    sections: [
      { id: 's-welcome', title: 'Welcome' },
      { id: 's-work', title: 'Our work together' },
      { id: 's-data', title: 'Account data' },
      { id: 's-internal', title: 'Internal planning' },
    ],
    pages: [
      {
        id: 'pg-welcome',
        sectionId: 's-welcome',
        title: 'Welcome to your portal',
        type: 'document',
        documentId: 'doc-welcome',
      },
      {
        id: 'pg-about',
        sectionId: 's-welcome',
        title: 'About this partnership',
        type: 'html',
        html: '<h2>How we work</h2><p>Weekly syncs, a shared plan and one place for files.</p><ul><li><strong>Weekly sync</strong> — Tuesdays, 30 minutes, with your success manager.</li><li><strong>Quarterly review</strong> — outcomes, adoption and the plan for the next quarter.</li><li><strong>Support</strong> — <a href="https://support.example.com">support.example.com</a>, answered within one business day.</li></ul>',
      },
      {
        id: 'pg-onboarding',
        sectionId: 's-work',
        title: 'Onboarding plan',
        type: 'tasks',
        workflowId: 'wf-onboarding',
      },
      {
        id: 'pg-goals',
        sectionId: 's-work',
        title: 'Success plan',
        type: 'goals',
        widgets: [
          { id: 'w-goals', title: 'Goals achieved', kind: 'group', model: 'Goal', groupBy: 'achieved' },
        ],
      },
      { id: 'pg-files', sectionId: 's-work', title: 'Shared files', type: 'files' },
      {
        id: 'pg-licenses',
        sectionId: 's-data',
        title: 'Licenses',
        type: 'table',
        model: 'License',
        columns: ['product', 'seats', 'mrr', 'renewal', 'autoRenew'],
      },
      {
        id: 'pg-issues',
        sectionId: 's-data',
        title: 'Open issues',
        type: 'table',
        model: 'Issue',
        columns: ['title', 'severity', 'status', 'opened', 'internalNotes'],
      },
      {
        id: 'pg-tasks-table',
        sectionId: 's-data',
        title: 'Project tasks',
        type: 'table',
        model: 'Task',
        columns: ['title', 'status', 'hours', 'due'],
      },
      {
        id: 'pg-dashboard',
        sectionId: 's-data',
        title: 'Account dashboard',
        type: 'dashboard',
        widgets: [
          { id: 'w-licenses', title: 'Licenses', kind: 'count', model: 'License' },
          { id: 'w-mrr', title: 'Total MRR', kind: 'sum', model: 'License', field: 'mrr' },
          { id: 'w-hours', title: 'Average task hours', kind: 'average', model: 'Task', field: 'hours' },
          {
            id: 'w-severity',
            title: 'Issues by severity',
            kind: 'group',
            model: 'Issue',
            groupBy: 'severity',
          },
          {
            id: 'w-pipeline',
            title: 'Pipeline by month',
            kind: 'series',
            model: 'Opportunity',
            field: 'amount',
            groupBy: 'close',
          },
        ],
      },
      {
        id: 'pg-review',
        sectionId: 's-data',
        title: 'Quarterly review',
        type: 'presentation',
        widgets: [
          {
            id: 'w-projects',
            title: 'Projects by status',
            kind: 'group',
            model: 'Project',
            groupBy: 'status',
          },
        ],
      },
      {
        id: 'pg-escalations',
        sectionId: 's-data',
        title: 'Escalations',
        type: 'table',
        model: 'Issue',
      },
      {
        id: 'pg-roadmap',
        sectionId: 's-internal',
        title: 'Internal roadmap',
        type: 'document',
        documentId: 'doc-roadmap',
      },
    ],
    models: DEMO_MODELS.map((m) => structuredClone(m)),
    records,
    workflows: [
      {
        id: 'wf-onboarding',
        companyId: 'c-northwind',
        name: 'Onboarding playbook',
        portalIds: ['p-northwind'],
      },
      { id: 'wf-internal', companyId: 'c-northwind', name: 'Internal QBR prep', portalIds: [] },
      { id: 'wf-globex', companyId: 'c-globex', name: 'Renewal playbook', portalIds: ['p-globex'] },
    ],
    tasks: [
      {
        id: 'tk-kickoff',
        companyId: 'c-northwind',
        workflowId: 'wf-onboarding',
        phase: 'Kick-off',
        title: 'Attend kick-off call',
        owner: { kind: 'external', id: 'k-nw-alice' },
        due: '2026-11-10',
        status: 'done',
        sharedInPortal: true,
      },
      {
        id: 'tk-sso',
        companyId: 'c-northwind',
        workflowId: 'wf-onboarding',
        phase: 'Setup',
        title: 'Configure single sign-on',
        owner: { kind: 'external', id: 'k-nw-bob' },
        due: '2026-11-20',
        status: 'open',
        sharedInPortal: true,
      },
      {
        id: 'tk-import',
        companyId: 'c-northwind',
        workflowId: 'wf-onboarding',
        phase: 'Setup',
        title: 'Import historical data',
        owner: { kind: 'internal', id: 'u-csm-olivia' },
        due: '2026-12-01',
        status: 'open',
        sharedInPortal: true,
      },
      {
        id: 'tk-training',
        companyId: 'c-northwind',
        workflowId: 'wf-onboarding',
        phase: 'Adoption',
        title: 'Run admin training',
        owner: { kind: 'external', id: 'k-nw-alice' },
        due: '2026-12-15',
        status: 'open',
        sharedInPortal: true,
      },
      {
        id: 'tk-margin',
        companyId: 'c-northwind',
        workflowId: 'wf-onboarding',
        phase: 'Setup',
        title: 'Review discount margin (internal)',
        owner: { kind: 'internal', id: 'u-csm-olivia' },
        due: '2026-11-25',
        status: 'open',
        sharedInPortal: false,
      },
      {
        id: 'tk-qbr',
        companyId: 'c-northwind',
        workflowId: 'wf-internal',
        phase: 'Prep',
        title: 'Draft QBR deck',
        owner: { kind: 'internal', id: 'u-csm-olivia' },
        status: 'open',
        sharedInPortal: true,
      },
      {
        id: 'tk-adhoc',
        companyId: 'c-northwind',
        phase: 'Ad hoc',
        title: 'Send updated W-9 form',
        owner: { kind: 'external', id: 'k-nw-carol' },
        due: '2026-11-30',
        status: 'open',
        sharedInPortal: true,
        portalIds: ['p-northwind'],
      },
      {
        id: 'tk-globex',
        companyId: 'c-globex',
        workflowId: 'wf-globex',
        phase: 'Renewal',
        title: 'Confirm renewal seats',
        owner: { kind: 'external', id: 'k-gx-grace' },
        due: '2026-12-05',
        status: 'open',
        sharedInPortal: true,
      },
    ],
    comments: [
      {
        id: 'cm-1',
        taskId: 'tk-sso',
        author: { kind: 'internal', id: 'u-csm-olivia' },
        body: 'Bob, the SAML metadata is in Shared files.',
        mentions: [{ kind: 'external', id: 'k-nw-bob' }],
        createdAt: '2026-11-12T09:30:00.000Z',
      },
      {
        id: 'cm-2',
        taskId: 'tk-margin',
        author: { kind: 'internal', id: 'u-csm-olivia' },
        body: 'Internal only: floor is 12%.',
        createdAt: '2026-11-12T10:00:00.000Z',
      },
    ],
    files: [
      {
        id: 'f-welcome',
        companyId: 'c-northwind',
        name: 'Welcome pack.pdf',
        type: 'application/pdf',
        size: 17,
        uploadedBy: 'Olivia Ortiz',
        createdAt: '2026-11-01T12:00:00.000Z',
        portalIds: ['p-northwind'],
        content: btoa('%PDF-1.4 welcome\n'),
      },
      {
        id: 'f-saml',
        companyId: 'c-northwind',
        name: 'SAML metadata.txt',
        type: 'text/plain',
        size: 12,
        uploadedBy: 'Olivia Ortiz',
        createdAt: '2026-11-12T09:00:00.000Z',
        portalIds: ['p-northwind'],
        content: btoa('<EntityDesc>'),
      },
      {
        id: 'f-pricing',
        companyId: 'c-northwind',
        name: 'Internal pricing.txt',
        type: 'text/plain',
        size: 9,
        uploadedBy: 'Olivia Ortiz',
        createdAt: '2026-11-02T12:00:00.000Z',
        portalIds: [],
        content: btoa('floor 12%'),
      },
      {
        id: 'f-globex',
        companyId: 'c-globex',
        name: 'Globex renewal quote.pdf',
        type: 'application/pdf',
        size: 15,
        uploadedBy: 'Liam Lee',
        createdAt: '2026-11-03T12:00:00.000Z',
        portalIds: ['p-globex'],
        content: btoa('%PDF-1.4 quote\n'),
      },
    ],
    documents: [
      {
        id: 'doc-welcome',
        title: 'Welcome',
        body: '<h2>Welcome to your customer portal</h2><p>This is our shared space: your onboarding plan, the files we exchange and your account data, in one place.</p><p>Questions? Comment on any task and your success team is notified.</p>',
        version: 1,
        updatedAt: '2026-11-01T12:00:00.000Z',
        updatedBy: 'Olivia Ortiz',
      },
      {
        id: 'doc-roadmap',
        title: 'Internal roadmap',
        body: '<p>Not for customers.</p>',
        version: 3,
        updatedAt: '2026-11-01T12:00:00.000Z',
        updatedBy: 'Ava Admin',
      },
    ],
    activity: [],
    // R16: Northwind contacts with an email become viewers of the portal, once.
    automations: [
      {
        id: 'auto-nw-viewers',
        portalId: 'p-northwind',
        roleId: 'xr-viewer',
        action: 'add',
        trigger: 'first_time',
        conditions: [{ field: 'email', op: 'not_empty' }],
      },
    ],
  };
}

export function demoWorld(): World {
  return parseWorld(demoWorldInput());
}

/**
 * A large world for benchmarks: one portal (p-northwind) with `shared` License records shared
 * to it, plus `unshared` more of the same company and of another company.
 */
export function largeWorld({ shared = 100_000, unshared = 20_000, portals = 1 } = {}): World {
  const base = demoWorldInput();
  const rand = random(7);
  // portals > 1: the shared records spread over that many portals of as many companies
  // (Northwind's portal is the first), the unshared ones stay with Northwind and Globex.
  for (let p = 1; p < portals; p++) {
    base.companies!.push({
      id: `c-bench-${p}`,
      name: `Bench company ${p}`,
      phase: 'Onboarding',
      tier: 'Standard',
      region: 'EMEA',
    });
    base.portals!.push({
      id: `p-bench-${p}`,
      name: `Bench portal ${p}`,
      companyId: `c-bench-${p}`,
      templateId: 'tpl-ocean',
      sectionShares: { 's-data': 'view' },
    });
  }
  const licenses = [];
  for (let i = 0; i < shared + unshared; i++) {
    const isShared = i < shared;
    const p = i % portals;
    licenses.push({
      id: `lic-${i}`,
      companyId: isShared ? (p === 0 ? 'c-northwind' : `c-bench-${p}`) : i % 2 ? 'c-northwind' : 'c-globex',
      portalIds: isShared ? [p === 0 ? 'p-northwind' : `p-bench-${p}`] : [],
      fields: fieldsFor('License', rand, i),
    });
  }
  base.records = { ...base.records, License: licenses };
  return parseWorld(base);
}
