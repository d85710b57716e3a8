// Staff side (R20–R23): the management routes' bodies. Same rules as schemas.ts: the client parses
// every answer with these, the backend validates every request with them, OpenAPI is generated.
import * as z from 'zod/mini';
import { Access, PageType } from './schemas.js';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const hexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/));
const PageShare = z.nullable(z.enum(['view', 'edit', 'none']));

export const ManagedPage = z.object({
  id,
  title: z.string(),
  type: PageType,
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
      relation: z.enum(['owner', 'co-owner', 'invited']),
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

export const PortalActivity = z.object({
  activeEndUsers: ActiveEndUsers,
  feed: z.array(
    z.object({ at: z.string(), kind: z.string(), person: z.string(), page: z.nullable(z.string()) }),
  ),
});

const Actor = z.object({ kind: z.enum(['internal', 'external', 'automation']), id, name: z.string() });
export const AuditItem = z.object({
  at: z.string(),
  actor: Actor,
  onBehalfOf: z.optional(Actor),
  action: z.string(),
  object: z.object({ type: z.string(), id }),
  changes: z.optional(z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }))),
  note: z.optional(z.string()),
});
export type AuditItem = z.infer<typeof AuditItem>;
export const AuditList = z.object({ items: z.array(AuditItem) });
