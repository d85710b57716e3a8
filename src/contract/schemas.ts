// The HTTP contract: request and response bodies of every route (see openapi.ts for the routes).
import * as z from 'zod/mini';

const id = z.string().check(z.minLength(1), z.maxLength(200));

// ── Launch token and session ─────────────────────────────────────────────────────────────

/** Claims of a launch token (validated by portalkit/server after the signature). */
export const LaunchClaims = z.object({
  iss: z.string().check(z.minLength(1)),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: id,
  kind: z.enum(['external', 'internal']),
  portal: z.optional(id),
  /** RFC 8693 actor: the internal user viewing the portal as external user `sub` (R12). */
  act: z.optional(z.object({ sub: id })),
  iat: z.number(),
  exp: z.number(),
  nbf: z.optional(z.number()),
  jti: z.string().check(z.minLength(8), z.maxLength(200)),
});
export type LaunchClaims = z.infer<typeof LaunchClaims>;

export const SessionRequest = z.object({ token: z.string().check(z.minLength(1), z.maxLength(8192)) });
export type SessionRequest = z.infer<typeof SessionRequest>;

// ── Records (R3, R5, R19) ────────────────────────────────────────────────────────────────

/** Longest text a field value may hold. */
export const MAX_TEXT_VALUE = 10_000;
export const FieldValue = z.union([
  z.string().check(z.maxLength(MAX_TEXT_VALUE)),
  z.number(),
  z.boolean(),
  z.null(),
]);
export type FieldValue = z.infer<typeof FieldValue>;

/**
 * A field's type, set by the tenant's schema: `string` a line of text, `text` several lines,
 * `integer` a whole number, `decimal` any number, `date` a calendar day (`2026-12-06`), `datetime`
 * an instant (`2026-12-06T15:30:00Z`), `boolean`, `enum` one of ordered options, `reference` the
 * id of a record of the model named by the column's `target`.
 */
export const FieldType = z.enum([
  'string',
  'text',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'enum',
  'reference',
]);
export type FieldType = z.infer<typeof FieldType>;

/** A record as the viewer may see it: `id` plus only the fields the role may view. */
export const RecordItem = z.catchall(z.object({ id }), FieldValue);
export type RecordItem = z.infer<typeof RecordItem>;

export const RecordPage = z.object({
  items: z.array(RecordItem),
  nextCursor: z.nullable(z.string()),
  /** Every match; for a filtered or searched list at most 10,000 — then `totalExact` is false ("10,000+"). */
  total: z.number().check(z.int(), z.nonnegative()),
  /** Absent (a backend before 0.2): exact. */
  totalExact: z.optional(z.boolean()),
});
export type RecordPage = z.infer<typeof RecordPage>;

/** Records without paging (the unshared records of a company, R19). */
export const RecordList = z.object({ items: z.array(RecordItem) });

/** Answer to a removal. */
export const RemovedRecord = z.object({ id });

/** One value of an enum field: stored as `value`, shown as `label`; options keep their order. */
export const EnumOption = z.object({ value: z.string(), label: z.string() });
export type EnumOption = z.infer<typeof EnumOption>;

/**
 * What a field's value must satisfy beyond its type (the server refuses the rest with
 * `invalid_value`; the client says so before sending). Numbers are also finite and within
 * ±`Number.MAX_SAFE_INTEGER`, so they round-trip exactly.
 */
export const FieldConstraints = z.object({
  /** A value must be given (never empty). */
  required: z.optional(z.boolean()),
  /** Numbers: smallest value. */
  min: z.optional(z.number()),
  /** Numbers: largest value. */
  max: z.optional(z.number()),
  /** Text: fewest characters (when a value is given). */
  minLength: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Text: most characters. */
  maxLength: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type FieldConstraints = z.infer<typeof FieldConstraints>;

export const Column = z.object({
  name: z.string(),
  label: z.string(),
  type: FieldType,
  options: z.optional(z.array(EnumOption)),
  constraints: z.optional(FieldConstraints),
  /** A reference column: the model whose record ids its values are. */
  target: z.optional(z.string()),
  /** The role may update this field (R5): the table offers an editor. */
  updatable: z.boolean(),
});
export type Column = z.infer<typeof Column>;

export const RecordWrite = z.object({
  fields: z
    .record(z.string().check(z.maxLength(100)), FieldValue)
    .check(z.refine((fields) => Object.keys(fields).length <= 200, 'at most 200 fields')),
});
export type RecordWrite = z.infer<typeof RecordWrite>;

export const ShareRequest = z.object({
  ids: z.array(id).check(z.minLength(1), z.maxLength(1000)),
  shared: z.boolean(),
});
export type ShareRequest = z.infer<typeof ShareRequest>;

export const ShareResult = z.object({ changed: z.number() });

// ── Pages, navigation, branding (R2, R4, R8, R14) ────────────────────────────────────────

export const PAGE_TYPES = [
  'document',
  'table',
  'dashboard',
  'presentation',
  'tasks',
  'files',
  'html',
  'goals',
  'people',
  'settings',
  'roles',
] as const;
export const PageType = z.enum(PAGE_TYPES);
export type PageType = z.infer<typeof PageType>;
export const Access = z.enum(['view', 'edit']);

export const NavPage = z.object({ id, title: z.string(), type: PageType, access: Access });
export const NavSection = z.object({
  id: z.nullable(z.string()),
  title: z.string(),
  pages: z.array(NavPage),
});
export type NavSection = z.infer<typeof NavSection>;

export const WidgetResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    kind: z.enum(['count', 'sum', 'average', 'group', 'series']),
    value: z.optional(z.number()),
    /** In the order to show; an enum's groups in its options' order, each with the option's label. */
    groups: z.optional(
      z.array(z.object({ key: z.string(), value: z.number(), label: z.optional(z.string()) })),
    ),
    /** What group keys are, so the client words them: a month ("2025-01"), a boolean, or text. */
    keyType: z.optional(z.enum(['text', 'boolean', 'month'])),
  }),
  z.object({ status: z.literal('no_access'), message: z.string() }),
]);
export type WidgetResult = z.infer<typeof WidgetResult>;

export const WidgetPayload = z.object({ id, title: z.string(), result: WidgetResult });

export const DocumentPayload = z.object({
  id,
  /** How the reader may use the page (R2); on GET. */
  access: z.optional(Access),
  title: z.string(),
  body: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type DocumentPayload = z.infer<typeof DocumentPayload>;

export const DocumentSave = z.object({
  body: z.string().check(z.maxLength(200_000)),
  baseVersion: z.number().check(z.int()),
});

/** Everything a page needs for its first paint, so one request (or the bootstrap) fills it. */
export const PagePayload = z.object({
  id,
  title: z.string(),
  type: PageType,
  access: Access,
  model: z.optional(z.string()),
  columns: z.optional(z.array(Column)),
  /** What the person may do with the table's records (R5, R19). */
  permissions: z.optional(
    z.object({
      create: z.boolean(),
      update: z.boolean(),
      remove: z.boolean(),
      export: z.boolean(),
      share: z.boolean(),
    }),
  ),
  records: z.optional(RecordPage),
  widgets: z.optional(z.array(WidgetPayload)),
  document: z.optional(DocumentPayload),
  /** Sanitise before rendering: never trusted as safe HTML. */
  html: z.optional(z.string()),
});
export type PagePayload = z.infer<typeof PagePayload>;

export const Branding = z.object({
  primary: z.string(),
  onPrimary: z.string(),
  accent: z.string(),
  surface: z.optional(z.string()),
});

export const Bootstrap = z.object({
  tenant: z.object({ name: z.string(), logoUrl: z.nullable(z.string()) }),
  portal: z.object({ id, name: z.string(), company: z.string(), branding: Branding }),
  user: z.object({
    kind: z.enum(['external', 'internal']),
    id,
    name: z.string(),
    /** R12: present while an internal user views as this external user. */
    impersonatedBy: z.optional(z.object({ id, name: z.string() })),
  }),
  can: z.object({
    write: z.boolean(),
    files: z.boolean(),
    admin: z.boolean(),
    shareRecords: z.boolean(),
    /** R20: staff who may change the portal's settings and sharing (share, assign, people, branding). */
    manage: z.boolean(),
  }),
  navigation: z.array(NavSection),
  /** The landing page's content, so token → first content is one round trip. */
  landing: z.nullable(PagePayload),
});
export type Bootstrap = z.infer<typeof Bootstrap>;

export const SessionResponse = z.object({
  session: z.object({
    token: z.string(),
    expiresAt: z.iso.datetime(),
    /** Seconds from now: clients schedule refresh from this, not from their own clock. */
    expiresIn: z.number(),
  }),
  /** Null for a staff session with no portal yet: its portfolio (R22). */
  bootstrap: z.nullable(Bootstrap),
  /** The staff member behind the session (internal users, and staff viewing as someone). */
  staff: z.optional(z.object({ id, name: z.string() })),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
/** What a session shows after switching portal or viewing as someone (R22). */
export const SessionScope = z.object({
  bootstrap: z.nullable(Bootstrap),
  staff: z.optional(z.object({ id, name: z.string() })),
});
export type SessionScope = z.infer<typeof SessionScope>;

// ── Tasks, comments, mentions (R7, R9) ───────────────────────────────────────────────────

export const Person = z.object({ kind: z.enum(['internal', 'external']), id, name: z.string() });
export const PersonRef = z.object({ kind: z.enum(['internal', 'external']), id });

export const PortalTask = z.object({
  id,
  title: z.string(),
  phase: z.string(),
  status: z.enum(['open', 'done']),
  due: z.nullable(z.string()),
  owner: z.nullable(Person),
  /** The viewer may complete / re-open it (R7). */
  canComplete: z.boolean(),
  /** Marked Shared in Portal (vendor staff also see unmarked tasks, to share them). */
  sharedInPortal: z.boolean(),
});
export type PortalTask = z.infer<typeof PortalTask>;

export const TaskList = z.object({
  workflows: z.array(z.object({ id, name: z.string(), tasks: z.array(PortalTask) })),
  adHoc: z.array(PortalTask),
});
export type TaskList = z.infer<typeof TaskList>;

export const TaskStatusWrite = z.object({ status: z.enum(['open', 'done']) });

/** Vendor staff: share a task in the portal and (re)assign it. */
export const TaskManage = z.object({
  sharedInPortal: z.optional(z.boolean()),
  owner: z.optional(z.nullable(PersonRef)),
});

/** The longest comment, in characters: the composer counts down to it. */
export const COMMENT_MAX_LENGTH = 5000;
export const CommentCreate = z.object({
  body: z.string().check(z.minLength(1), z.maxLength(COMMENT_MAX_LENGTH)),
  mentions: z._default(z.array(PersonRef).check(z.maxLength(50)), []),
});
export const CommentItem = z.object({
  id,
  /** The task commented on. */
  taskId: id,
  author: Person,
  body: z.string(),
  mentions: z.array(Person),
  createdAt: z.string(),
});
export type CommentItem = z.infer<typeof CommentItem>;
/** The latest comments of a task, oldest first; `nextCursor` asks for the ones before (null: none). */
export const CommentList = z.object({ items: z.array(CommentItem), nextCursor: z.nullable(z.string()) });
export type CommentList = z.infer<typeof CommentList>;
export const PeopleList = z.object({ items: z.array(Person) });

// ── Files (R6) ───────────────────────────────────────────────────────────────────────────

export const FileItem = z.object({
  id,
  name: z.string(),
  type: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type FileItem = z.infer<typeof FileItem>;
/** Upload limits of the portal, so the UI can say no before sending (the server checks again). */
export const FileLimits = z.object({ maxBytes: z.number(), types: z.array(z.string()) });
export const FileList = z.object({ items: z.array(FileItem), limits: FileLimits });
export type FileList = z.infer<typeof FileList>;

// ── Activity (R15) and contacts (R16) ────────────────────────────────────────────────────

/** R15: the activity a client reports (actions are recorded by the server's writes). */
export const ACTIVITY_KINDS = ['page_view'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** How many events of a batch were recorded (a page view of a page the user cannot see is not). */
export const ActivityRecorded = z.object({ recorded: z.number() });
export type ActivityRecorded = z.infer<typeof ActivityRecorded>;

export const ActivityBatch = z.object({
  events: z
    .array(
      z.object({
        /** What a client may report: page views. Actions are recorded by the writes themselves. */
        kind: z.enum(ACTIVITY_KINDS),
        pageId: z.optional(id),
        /** The client's time: it only orders the events of one batch; the server dates them (R15). */
        at: z.iso.datetime(),
      }),
    )
    .check(z.minLength(1), z.maxLength(100)),
});
export const ContactItem = z.object({ id, name: z.string(), email: z.nullable(z.string()) });
export type ContactItem = z.infer<typeof ContactItem>;
export const ContactList = z.object({ items: z.array(ContactItem) });
export const ContactUpdate = z.object({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  email: z.optional(z.nullable(z.email().check(z.maxLength(320)))),
  featured: z.optional(z.boolean()),
});
export const ContactCreate = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z.email().check(z.maxLength(320)),
});
