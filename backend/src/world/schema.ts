// The portal world: every entity the mock backend knows, as zod schemas.
// A world file is validated against `World` on load, with path + reason for each problem.
import * as z from 'zod/mini';
import { DEFAULT_FILE_TYPES } from '../../../src/contract/file-types.js';
import { PAGE_TYPES } from '../../../src/contract/schemas.js';
import { checkValue, ModelDef, ModelName, modelProblems, Schema, storedInstant } from './models.js';
import { runnableText } from './sanitize.js';

const id = z.string().check(z.minLength(1));
const ids = z._default(z.array(id), []);
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/));

export { ModelName } from './models.js';
export const Access = z.enum(['view', 'edit']);
export type Access = z.infer<typeof Access>;

export const Company = z.object({
  id,
  name: z.string(),
  phase: z.string(),
  tier: z.string(),
  region: z.string(),
  custom: z._default(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), {}),
  ownerId: z.optional(id),
  coOwnerIds: ids,
  followerIds: ids,
  collaboratorIds: ids,
  parentId: z.optional(id),
});

export const Contact = z.object({
  id,
  companyId: id,
  name: z.string(),
  email: z.optional(z.string()),
  featured: z._default(z.boolean(), false),
});

export const Team = z.object({ id, name: z.string(), memberIds: ids, managerIds: ids });

const ModelGrant = z.object({
  create: z._default(z.boolean(), false),
  view: z._default(z.boolean(), false),
  update: z._default(z.boolean(), false),
  remove: z._default(z.boolean(), false),
  export: z._default(z.boolean(), false),
  /** Per-field grants; a field not listed inherits the model's view/update. */
  fields: z._default(z.record(z.string(), z.object({ view: z.boolean(), update: z.boolean() })), {}),
});
export type ModelGrant = z.infer<typeof ModelGrant>;

/** R11: which companies an internal role may see. */
export const Portfolio = z.object({
  kind: z.enum(['own', 'team', 'full', 'filter']),
  /** Filter based: conditions on company fields (or custom fields), ANDed. */
  conditions: z._default(
    z.array(z.object({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) })),
    [],
  ),
  /** Access to one company of a parent/child group gives the whole group (not for full access). */
  extendedGroups: z._default(z.boolean(), false),
});

export const InternalRole = z.object({
  id,
  name: z.string(),
  portfolio: Portfolio,
  models: z._default(z.record(ModelName, ModelGrant), {}),
  portalSuperAdmin: z._default(z.boolean(), false),
  customerPortals: z._default(z.boolean(), false),
});

export const InternalUser = z.object({
  id,
  name: z.string(),
  email: z.string(),
  roleId: id,
  active: z._default(z.boolean(), true),
});

/** R1: defined once per tenant, applicable across portals. */
export const ExternalRole = z.object({
  id,
  name: z.string(),
  models: z._default(z.record(ModelName, ModelGrant), {}),
  fileAccess: z._default(z.boolean(), false),
  taskUpdate: z._default(z.boolean(), false),
  comment: z._default(z.boolean(), false),
});

export const PortalTemplate = z.object({
  id,
  name: z.string(),
  colors: z.object({ primary: hexColor, accent: z.optional(hexColor), surface: z.optional(hexColor) }),
});

export const PortalUser = z.object({
  contactId: id,
  roleId: id,
  active: z._default(z.boolean(), true),
  admin: z._default(z.boolean(), false),
  /** Who set the role: staff by hand, or an automation rule (which never overrides a hand-set role). */
  roleSetBy: z._default(z.enum(['hand', 'automation']), 'hand'),
});

export const Portal = z.object({
  id,
  name: z.string(),
  companyId: id,
  templateId: id,
  colorOverrides: z._default(
    z.object({ primary: z.optional(hexColor), accent: z.optional(hexColor), surface: z.optional(hexColor) }),
    {},
  ),
  /** R17 */
  audience: z._default(z.object({ kind: z.enum(['all', 'featured', 'selected']), contactIds: ids }), {
    kind: 'all',
    contactIds: [],
  }),
  invitedInternalIds: ids,
  users: z._default(z.array(PortalUser), []),
  /** R2: section and page shares. A page share overrides its section's; `none` hides one page of a shared section. */
  sectionShares: z._default(z.record(id, Access), {}),
  pageShares: z._default(z.record(id, z.enum(['view', 'edit', 'none'])), {}),
  landingPageId: z.optional(id),
  files: z._default(z.object({ maxBytes: z.number().check(z.positive()), types: z.array(z.string()) }), {
    maxBytes: 10 * 1024 * 1024,
    types: [...DEFAULT_FILE_TYPES],
  }),
});

export const Widget = z.object({
  id,
  title: z.string(),
  kind: z.enum(['count', 'sum', 'average', 'group', 'series']),
  model: ModelName,
  field: z.optional(z.string()),
  groupBy: z.optional(z.string()),
});
export type Widget = z.infer<typeof Widget>;

export const Page = z.object({
  id,
  sectionId: z.optional(id),
  title: z.string(),
  type: z.enum(PAGE_TYPES),
  model: z.optional(ModelName),
  columns: z.optional(z.array(z.string())),
  widgets: z.optional(z.array(Widget)),
  documentId: z.optional(id),
  html: z.optional(z.string()),
  workflowId: z.optional(id),
});
export type Page = z.infer<typeof Page>;

export const Section = z.object({ id, title: z.string() });

export const DataRecord = z.object({
  id,
  companyId: id,
  portalIds: ids,
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type DataRecord = z.infer<typeof DataRecord>;

export const Owner = z.object({ kind: z.enum(['internal', 'external']), id });

export const Workflow = z.object({ id, companyId: id, name: z.string(), portalIds: ids });

export const PortalTaskItem = z.object({
  id,
  companyId: id,
  /** Absent for an ad-hoc task. */
  workflowId: z.optional(id),
  phase: z._default(z.string(), 'General'),
  title: z.string(),
  owner: z.optional(Owner),
  due: z.optional(isoDate),
  status: z.enum(['open', 'done']),
  sharedInPortal: z._default(z.boolean(), false),
  /** Ad-hoc tasks are shared to portals directly. */
  portalIds: ids,
});

export const Comment = z.object({
  id,
  taskId: id,
  author: Owner,
  body: z.string(),
  mentions: z._default(z.array(Owner), []),
  createdAt: isoDateTime,
});

export const FileEntry = z.object({
  id,
  companyId: id,
  name: z.string(),
  type: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: isoDateTime,
  portalIds: ids,
  /**
   * A world file may carry small files inline, as base64; the storage moves it into its blob store
   * as it loads (`takeInlineContent`): the stored world holds the blob key only.
   */
  content: z.optional(z.string()),
  /** Where the file's bytes are in the blob store. */
  blob: z.optional(z.string()),
});

export const DocumentEntry = z.object({
  id,
  title: z.string(),
  body: z.string(),
  version: z.number().check(z.int(), z.nonnegative()),
  updatedAt: isoDateTime,
  updatedBy: z.string(),
});

export const ActivityEvent = z.object({
  portalId: id,
  contactId: id,
  /** `page.view`-style client events, or the audit action of a write (`record.update`, …). */
  kind: z.string(),
  pageId: z.optional(id),
  /** What an action acted on (R15: actions of external users are activity too). */
  object: z.optional(z.object({ type: z.string(), id })),
  at: isoDateTime,
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/**
 * R16 automation: add/update or remove portal users when a contact meets conditions, either
 * "the first time all conditions are met" (never re-activated after removal) or "every time the
 * record is saved" (re-activation possible).
 */
export const Automation = z.object({
  id,
  portalId: id,
  roleId: id,
  action: z.enum(['add', 'remove']),
  trigger: z.enum(['first_time', 'every_save']),
  conditions: z.array(
    z.object({
      field: z.enum(['email', 'name', 'featured']),
      op: z.enum(['not_empty', 'equals']),
      value: z.optional(z.union([z.string(), z.boolean()])),
    }),
  ),
  /** Contacts a first-time rule has already fired for. */
  firedFor: ids,
});
export type Automation = z.infer<typeof Automation>;

/** R23: one append-only entry of the audit trail. */
export const AuditEntry = z.object({
  at: isoDateTime,
  portalId: id,
  actor: z.object({ kind: z.enum(['internal', 'external', 'automation']), id }),
  /** Present when someone acts for another (impersonation). */
  onBehalfOf: z.optional(z.object({ kind: z.enum(['internal', 'external']), id })),
  action: z.string(),
  object: z.object({ type: z.string(), id }),
  changes: z.optional(z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }))),
  note: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const World = z.object({
  tenant: z.object({ id, name: z.string(), logoUrl: z.optional(z.string()) }),
  companies: z.array(Company),
  contacts: z.array(Contact),
  teams: z._default(z.array(Team), []),
  internalRoles: z.array(InternalRole),
  internalUsers: z.array(InternalUser),
  externalRoles: z.array(ExternalRole),
  templates: z.array(PortalTemplate),
  portals: z.array(Portal),
  sections: z._default(z.array(Section), []),
  pages: z._default(z.array(Page), []),
  /** The tenant's schema: the models its records have (see models.ts). */
  models: z._default(z.array(ModelDef), []),
  records: z._default(z.record(ModelName, z.array(DataRecord)), {}),
  workflows: z._default(z.array(Workflow), []),
  tasks: z._default(z.array(PortalTaskItem), []),
  comments: z._default(z.array(Comment), []),
  files: z._default(z.array(FileEntry), []),
  documents: z._default(z.array(DocumentEntry), []),
  activity: z._default(z.array(ActivityEvent), []),
  automations: z._default(z.array(Automation), []),
  audit: z._default(z.array(AuditEntry), []),
});
export type World = z.infer<typeof World>;
export type WorldInput = z.input<typeof World>;
export type Company = z.infer<typeof Company>;
export type Contact = z.infer<typeof Contact>;
export type InternalUser = z.infer<typeof InternalUser>;
export type InternalRole = z.infer<typeof InternalRole>;
export type ExternalRole = z.infer<typeof ExternalRole>;
export type Portal = z.infer<typeof Portal>;
export type PortalUser = z.infer<typeof PortalUser>;
export type PortalTaskItem = z.infer<typeof PortalTaskItem>;
export type Comment = z.infer<typeof Comment>;
export type FileEntry = z.infer<typeof FileEntry>;
export type DocumentEntry = z.infer<typeof DocumentEntry>;
export type Owner = z.infer<typeof Owner>;

export class WorldError extends Error {
  /** `source`: what was read — `world` (default), `import`, or a file's path. */
  constructor(
    readonly problems: { path: string; reason: string }[],
    source = 'world',
  ) {
    super(
      `Invalid ${source === 'world' || source === 'import' ? source : `world file ${source}`} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}`,
    );
  }
}

/** A zod issue as a reason a person can act on: what was expected, and what was found. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  let found: unknown = input;
  for (const key of issue.path)
    found = found && typeof found === 'object' ? (found as never)[key] : undefined;
  const shown =
    found === undefined
      ? 'nothing'
      : Array.isArray(found)
        ? 'an array'
        : found === null
          ? 'null'
          : typeof found === 'string'
            ? JSON.stringify(found.length > 40 ? `${found.slice(0, 40)}…` : found)
            : typeof found === 'object'
              ? 'an object'
              : String(found);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `required (${issue.expected})`
        : `expected ${issue.expected}, got ${shown}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown}`;
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? `text matching ${issue.pattern}` : `a ${issue.format}`}, got ${shown}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must not be empty${Number(issue.minimum) > 1 ? ` (at least ${issue.minimum} characters)` : ''}`
        : `must be at least ${issue.minimum}, got ${shown}`;
    case 'too_big':
      return `must be at most ${issue.maximum}, got ${shown}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return `not one of the accepted shapes, got ${shown}`;
    default:
      return issue.message === 'Invalid input' ? `invalid value ${shown}` : issue.message;
  }
}

/** The references a world's entities make to each other, each checked: a dangling id is a problem. */
function referenceProblems(world: World): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  const known = (list: { id: string }[]) => new Set(list.map((e) => e.id));
  const companies = known(world.companies);
  const contacts = known(world.contacts);
  const internalRoles = known(world.internalRoles);
  const externalRoles = known(world.externalRoles);
  const templates = known(world.templates);
  const sections = known(world.sections);
  const portals = known(world.portals);
  const check = (set: Set<string>, id: string | undefined, path: string, what: string) => {
    if (id !== undefined && !set.has(id))
      problems.push({ path, reason: `no ${what} with id ${JSON.stringify(id)}` });
  };
  // Every list of entities with ids (activity and audit entries have none): no id twice.
  for (const [name, list] of Object.entries(world)) {
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    for (const [i, entity] of (list as { id?: string }[]).entries()) {
      if (entity.id === undefined) continue;
      if (seen.has(entity.id))
        problems.push({ path: `${name}.${i}.id`, reason: `repeats id ${JSON.stringify(entity.id)}` });
      seen.add(entity.id);
    }
  }
  world.contacts.forEach((c, i) => check(companies, c.companyId, `contacts.${i}.companyId`, 'company'));
  world.internalUsers.forEach((u, i) =>
    check(internalRoles, u.roleId, `internalUsers.${i}.roleId`, 'internal role'),
  );
  world.portals.forEach((p, i) => {
    check(companies, p.companyId, `portals.${i}.companyId`, 'company');
    check(templates, p.templateId, `portals.${i}.templateId`, 'template');
    p.users.forEach((u, j) => {
      check(contacts, u.contactId, `portals.${i}.users.${j}.contactId`, 'contact');
      check(externalRoles, u.roleId, `portals.${i}.users.${j}.roleId`, 'external role');
    });
    Object.keys(p.sectionShares).forEach((id) =>
      check(sections, id, `portals.${i}.sectionShares.${id}`, 'section'),
    );
  });
  const schema = new Schema(world.models);
  world.models.forEach((m, i) =>
    problems.push(...modelProblems(m, (name) => schema.has(name), `models.${i}`)),
  );
  const model = (name: string | undefined, path: string) => {
    if (name !== undefined && !schema.has(name))
      problems.push({ path, reason: `no model ${JSON.stringify(name)} in the tenant's models` });
  };
  world.pages.forEach((p, i) => {
    check(sections, p.sectionId, `pages.${i}.sectionId`, 'section');
    model(p.model, `pages.${i}.model`);
    p.widgets?.forEach((w, j) => model(w.model, `pages.${i}.widgets.${j}.model`));
  });
  for (const [name, records] of Object.entries(world.records)) {
    model(name, `records.${name}`);
    records.forEach((r, i) => {
      check(companies, r.companyId, `records.${name}.${i}.companyId`, 'company');
      r.portalIds.forEach((id, j) => check(portals, id, `records.${name}.${i}.portalIds.${j}`, 'portal'));
      problems.push(...valueProblems(schema, name, r.fields, `records.${name}.${i}.fields`));
    });
  }
  return problems;
}

/**
 * Each value of a record's fields that its model's field would refuse, and fields the model lacks;
 * the values it accepts are put in `fields` as the field stores them.
 */
export function valueProblems(
  schema: Schema,
  model: string,
  fields: Record<string, unknown>,
  path: string,
): { path: string; reason: string }[] {
  if (!schema.has(model)) return [];
  const problems: { path: string; reason: string }[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const def = schema.field(model, name);
    if (!def) {
      problems.push({ path: `${path}.${name}`, reason: `${model} has no field ${JSON.stringify(name)}` });
      continue;
    }
    const checked = checkValue(def, value);
    if (!checked.ok) problems.push({ path: `${path}.${name}`, reason: checked.reason });
    // Kept as its field stores it (an instant in UTC with milliseconds), as a write through the
    // API would: sorts and filters compare stored values.
    else fields[name] = checked.value;
  }
  return problems;
}

/** R8: a world's HTML lives in pages' `html` and documents' `body` only; the rest is plain text. */
export const worldHtml = ([list, , key, ...rest]: (string | number)[]) =>
  rest.length === 0 && ((list === 'pages' && key === 'html') || (list === 'documents' && key === 'body'));

/** Plain text of a world or an import holding markup that would run, as world problems. */
export const runnableProblems = (value: unknown) =>
  runnableText(value, worldHtml).map(({ path, reason }) => ({ path: path.join('.'), reason }));

/**
 * R8: a world given in code (not read from a file, which `parseWorld` checks) holds no plain text
 * that would run: checked wherever a world enters storage.
 */
export function refuseRunnableWorld(world: World): void {
  const problems = runnableProblems(world);
  if (problems.length) throw new WorldError(problems);
}

/** Validates a parsed world file; throws WorldError listing each problem as path + reason. */
export function parseWorld(input: unknown): World {
  const result = World.safeParse(input);
  if (!result.success)
    throw new WorldError(
      result.error.issues.map((issue) => ({
        path: issue.path.length ? issue.path.join('.') : '(root)',
        reason: describeIssue(issue, input),
      })),
    );
  const problems = [...referenceProblems(result.data), ...runnableProblems(result.data)];
  if (problems.length) throw new WorldError(problems);
  // Log times as the server writes them (UTC with milliseconds): windows and "latest" compare
  // them as text, in memory and in SQL.
  for (const entry of [...result.data.activity, ...result.data.audit])
    entry.at = storedInstant(entry.at) ?? entry.at;
  return result.data;
}
