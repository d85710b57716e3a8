// Staff side (R20–R23): the management routes' bodies. Same rules as schemas.ts: the client parses
// every answer with these, the backend validates every request with them, OpenAPI is generated.
import * as z from 'zod/mini';
import { Access, FieldConstraints, FieldType, PageType } from './schemas.js';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/));
const PageShare = z.nullable(z.enum(['view', 'edit', 'none']));

export const ManagedPage = z.object({
  id,
  title: z.string(),
  type: PageType,
  /** The model a table page shows (a role that cannot view it does not see the page, R3). */
  model: z.optional(z.string()),
  /** The page's own share; null follows its section. */
  share: PageShare,
  /** What external users get through this portal (before their role's limits). */
  effective: z.nullable(Access),
});
export const ContentTree = z.object({
  sections: z.array(
    z.object({ id, title: z.string(), share: z.nullable(Access), pages: z.array(ManagedPage) }),
  ),
  loosePages: z.array(ManagedPage),
});
export type ContentTree = z.infer<typeof ContentTree>;
export const ContentChange = z.object({
  sections: z.optional(z.record(id, z.nullable(Access))),
  pages: z.optional(z.record(id, PageShare)),
});

export const ManageLevel = z.enum(['none', 'view', 'edit']);
export const ActiveEndUsers = z.object({ d7: z.number(), d30: z.number(), d90: z.number() });
export const Audience = z.object({
  kind: z.enum(['all', 'featured', 'selected']),
  contactIds: z.array(id).check(z.maxLength(5000)),
});
export const PortalPeople = z.object({
  manage: ManageLevel,
  users: z.array(
    z.object({
      contactId: id,
      name: z.string(),
      email: z.nullable(z.string()),
      roleId: id,
      active: z.boolean(),
      admin: z.boolean(),
      lastSeen: z.nullable(z.string()),
      /** R16: another active user of this portal has the same email: neither can sign in. */
      emailClash: z.boolean(),
    }),
  ),
  candidates: z.array(
    z.object({ id, name: z.string(), email: z.nullable(z.string()), featured: z.boolean() }),
  ),
  roles: z.array(z.object({ id, name: z.string() })),
  audience: Audience,
  activeEndUsers: ActiveEndUsers,
});
export type PortalPeople = z.infer<typeof PortalPeople>;
export const PortalUserCreate = z.object({ contactId: id, roleId: id, admin: z.optional(z.boolean()) });
export const PortalUserUpdate = z.object({
  roleId: z.optional(id),
  active: z.optional(z.boolean()),
  admin: z.optional(z.boolean()),
});
export const PortalUserItem = z.object({
  contactId: id,
  roleId: id,
  active: z.boolean(),
  admin: z.boolean(),
  roleSetBy: z.enum(['hand', 'automation']),
});

export const Invitations = z.object({
  people: z.array(
    z.object({
      id,
      name: z.string(),
      relation: z.enum(['owner', 'co-owner', 'follower', 'collaborator', 'invited']),
      invited: z.boolean(),
    }),
  ),
});
export const InvitedWrite = z.object({ ids: z.array(id).check(z.maxLength(500)) });

const Colors = z.object({
  primary: z.optional(hexColor),
  accent: z.optional(hexColor),
  surface: z.optional(hexColor),
});
export const PortalBranding = z.object({
  templates: z.array(z.object({ id, name: z.string(), colors: Colors })),
  templateId: id,
  overrides: Colors,
  effective: z.object({ primary: z.string(), onPrimary: z.string(), contrast: z.number() }),
});
export type PortalBranding = z.infer<typeof PortalBranding>;
export const PortalBrandingWrite = z.object({
  templateId: z.optional(id),
  /** A colour overrides the template's; null goes back to it. */
  overrides: z.optional(
    z.object({
      primary: z.optional(z.nullable(hexColor)),
      accent: z.optional(z.nullable(hexColor)),
      surface: z.optional(z.nullable(hexColor)),
    }),
  ),
});

/** A changed value as people read it: names instead of ids; the client words codes (R23). */
const ReadableValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const GrantRight = z.enum(['create', 'view', 'update', 'remove', 'export']);
/** What a role's grant on one model — or one field of it (`field`, its label) — gained and lost. */
export const GrantChange = z.object({
  model: z.string(),
  field: z.optional(z.string()),
  gained: z.array(GrantRight),
  lost: z.array(GrantRight),
});
/**
 * One change of a write, readable for the reader (R23): people, roles, templates by name; a page's
 * share `section` when it follows its section; a role's permissions (`models`) as `grants`.
 */
export const ReadableChange = z.object({
  field: z.string(),
  /** A record field's label, in the model's own words. */
  label: z.optional(z.string()),
  from: ReadableValue,
  to: ReadableValue,
  grants: z.optional(z.array(GrantChange)),
});
export type ReadableChange = z.infer<typeof ReadableChange>;
/** What an entry acted on; `name` only when it still exists and the reader may see it. */
const NamedObject = z.object({ type: z.string(), id, name: z.optional(z.string()) });

export const PortalActivity = z.object({
  activeEndUsers: ActiveEndUsers,
  feed: z.array(
    z.object({
      at: z.string(),
      /** `page_view`, or the audit action of an external user's write (R15). */
      kind: z.string(),
      person: z.string(),
      page: z.nullable(z.string()),
      object: z.optional(NamedObject),
      changes: z.optional(z.array(ReadableChange)),
    }),
  ),
});

const Actor = z.object({ kind: z.enum(['internal', 'external', 'automation']), id, name: z.string() });
export const AuditItem = z.object({
  at: z.string(),
  actor: Actor,
  onBehalfOf: z.optional(Actor),
  action: z.string(),
  object: NamedObject,
  /** As stored (ids, codes), of fields the reader may see. */
  changes: z.optional(z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }))),
  /** The same changes, readable for the reader. */
  readable: z.optional(z.array(ReadableChange)),
  note: z.optional(z.string()),
});
export type AuditItem = z.infer<typeof AuditItem>;
/** One page of the trail, newest first; `nextCursor` asks for the entries before it (null: no more). */
export const AuditList = z.object({ items: z.array(AuditItem), nextCursor: z.nullable(z.string()) });
export type AuditList = z.infer<typeof AuditList>;

// ── External roles (R21) ─────────────────────────────────────────────────────────────────

export const ModelGrant = z.object({
  create: z.boolean(),
  view: z.boolean(),
  update: z.boolean(),
  remove: z.boolean(),
  export: z.boolean(),
  /** Per field View / Update; a field not listed follows the model's view and update. */
  fields: z.record(z.string(), z.object({ view: z.boolean(), update: z.boolean() })),
});
export const ExternalRoleItem = z.object({
  id,
  name: z.string(),
  models: z.record(z.string(), ModelGrant),
  fileAccess: z.boolean(),
  taskUpdate: z.boolean(),
  comment: z.boolean(),
});
export type ExternalRoleItem = z.infer<typeof ExternalRoleItem>;
export const ExternalRoleList = z.object({
  canEdit: z.boolean(),
  models: z.array(
    z.object({
      name: z.string(),
      /** The model's label in the reader's language. */
      label: z.string(),
      fields: z.array(z.object({ name: z.string(), label: z.string() })),
    }),
  ),
  roles: z.array(z.extend(ExternalRoleItem, { holders: z.number() })),
});
export type ExternalRoleList = z.infer<typeof ExternalRoleList>;
export const ExternalRoleWrite = z.object({
  name: z.optional(z.string().check(z.maxLength(200))),
  models: z.optional(z.record(z.string(), ModelGrant)),
  fileAccess: z.optional(z.boolean()),
  taskUpdate: z.optional(z.boolean()),
  comment: z.optional(z.boolean()),
});
export const ExternalRoleCreate = z.extend(ExternalRoleWrite, {
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Clone this role's grants under the new name. */
  cloneOf: z.optional(id),
});

// ── Portfolio and switching (R22) ────────────────────────────────────────────────────────

export const PortfolioItem = z.object({
  id,
  name: z.string(),
  company: z.string(),
  phase: z.string(),
  owner: z.nullable(z.string()),
  /** Distinct external users active in the last 30 days (R15). */
  activeEndUsers: z.number(),
  lastActivity: z.nullable(z.string()),
});
export type PortfolioItem = z.infer<typeof PortfolioItem>;
/** One page of the portfolio in the order asked for; `total` counts every portal that matches. */
export const Portfolio = z.object({
  items: z.array(PortfolioItem),
  total: z.number().check(z.int(), z.nonnegative()),
  nextCursor: z.nullable(z.string()),
});
export type Portfolio = z.infer<typeof Portfolio>;
/** Open a portal of the portfolio (or null: back to the portfolio) without a new launch token. */
export const PortalSwitch = z.object({ portalId: z.nullable(id) });
export const ViewAs = z.object({ contactId: id });
export type Invitations = z.infer<typeof Invitations>;
export type PortalActivity = z.infer<typeof PortalActivity>;

/** A portal user removed: whose access ended. */
export const RemovedPortalUser = z.object({ contactId: z.string() });

// ── The tenant's models (#25): the schema Portal Super Admins edit ─────────────────────────

/**
 * A model's name: a capital letter, then letters, digits or `_` (it names records in URLs and CSV;
 * the capital keeps it apart from the audit trail's own object types: `page`, `task`, …).
 */
export const ModelName = z.string().check(z.regex(/^[A-Z][A-Za-z0-9_]{0,63}$/));

/** Labels by locale (`de`, `fr-CA`), beside the default `label`. */
const Labels = z.optional(
  z.record(
    z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
    z.string().check(z.minLength(1), z.maxLength(200)),
  ),
);
const Label = z.string().check(z.minLength(1), z.maxLength(200));

/** One value of an enum field: stored as `value`, shown as `label`; a field's options are ordered. */
export const ModelOption = z.object({
  value: z.string().check(z.minLength(1), z.maxLength(100)),
  label: Label,
  labels: Labels,
});
export type ModelOption = z.infer<typeof ModelOption>;

/** One field of a model: the name records use, the type its values keep, limits, labels. */
export const ModelField = z.object({
  /** Not `id` (every record has one) and never a name the model retired. */
  name: z.string().check(
    z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    z.refine((name) => name !== 'id', 'a field may not be named "id"'),
    // Names every object has (`constructor`, `toString`, …) would read as values that are not there.
    z.refine((name) => !(name in Object.prototype), 'a field may not take a name every object has'),
  ),
  label: Label,
  labels: Labels,
  type: FieldType,
  /** `enum`: the values, in order. */
  options: z.optional(z.array(ModelOption).check(z.minLength(1), z.maxLength(200))),
  constraints: z.optional(FieldConstraints),
  /** `reference`: the model whose records it names. */
  target: z.optional(ModelName),
});
export type ModelField = z.infer<typeof ModelField>;

/**
 * A model of the tenant's schema. `version` counts its changes; a removed field's name is
 * `retired`: its stored values leave every answer at once, and no new field takes the name back.
 */
export const TenantModel = z.object({
  id: ModelName,
  label: Label,
  labels: Labels,
  fields: z.array(ModelField).check(z.maxLength(200)),
  version: z.number().check(z.int(), z.positive()),
  retired: z.array(z.string()),
});
export type TenantModel = z.infer<typeof TenantModel>;

export const TenantModels = z.object({ canEdit: z.boolean(), models: z.array(TenantModel) });
export type TenantModels = z.infer<typeof TenantModels>;

/**
 * A model as a Portal Super Admin saves it, whole: fields left out are removed (with their data),
 * new ones added, labels and limits changed. `version` is the version the change was made on
 * (absent for a new model): an older one is refused with `version_conflict`.
 */
export const TenantModelWrite = z.object({
  version: z.optional(z.number().check(z.int(), z.positive())),
  label: Label,
  labels: Labels,
  fields: z.array(ModelField).check(z.maxLength(200)),
});
export type TenantModelWrite = z.infer<typeof TenantModelWrite>;
