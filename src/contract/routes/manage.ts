// Routes of the contract: Staff: the portal's settings — content, people, audience, invitations, branding, roles, activity, audit (R20–R23).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as m from '../manage.js';
import * as s from '../schemas.js';

export const manageContent = {
  key: 'manage.content',
  method: 'GET',
  path: '/manage/content',
  response: m.ContentTree,
} as const satisfies Route;

export const manageContentSave = {
  key: 'manage.content.save',
  method: 'PUT',
  path: '/manage/content',
  body: m.ContentChange,
  response: m.ContentTree,
} as const satisfies Route;

export const managePeople = {
  key: 'manage.people',
  method: 'GET',
  path: '/manage/people',
  response: m.PortalPeople,
} as const satisfies Route;

export const managePeopleAdd = {
  key: 'manage.people.add',
  method: 'POST',
  path: '/manage/people',
  errors: ['email_in_use'],
  body: m.PortalUserCreate,
  response: m.PortalUserItem,
  status: 201,
} as const satisfies Route;

export const managePeopleUpdate = {
  key: 'manage.people.update',
  method: 'PATCH',
  path: '/manage/people/{contactId}',
  errors: ['email_in_use'],
  body: m.PortalUserUpdate,
  response: m.PortalUserItem,
} as const satisfies Route;

export const managePeopleRemove = {
  key: 'manage.people.remove',
  method: 'DELETE',
  path: '/manage/people/{contactId}',
  response: m.RemovedPortalUser,
} as const satisfies Route;

export const manageAudienceSave = {
  key: 'manage.audience.save',
  method: 'PUT',
  path: '/manage/audience',
  body: m.Audience,
  response: m.Audience,
} as const satisfies Route;

export const manageInvitations = {
  key: 'manage.invitations',
  method: 'GET',
  path: '/manage/invitations',
  response: m.Invitations,
} as const satisfies Route;

export const manageInvitationsSave = {
  key: 'manage.invitations.save',
  method: 'PUT',
  path: '/manage/invitations',
  body: m.InvitedWrite,
  response: m.Invitations,
} as const satisfies Route;

export const manageBranding = {
  key: 'manage.branding',
  method: 'GET',
  path: '/manage/branding',
  response: m.PortalBranding,
} as const satisfies Route;

export const manageBrandingSave = {
  key: 'manage.branding.save',
  method: 'PUT',
  path: '/manage/branding',
  body: m.PortalBrandingWrite,
  response: m.PortalBranding,
} as const satisfies Route;

export const manageRoles = {
  key: 'manage.roles',
  method: 'GET',
  path: '/manage/roles',
  response: m.ExternalRoleList,
} as const satisfies Route;

export const manageRolesCreate = {
  key: 'manage.roles.create',
  method: 'POST',
  path: '/manage/roles',
  body: m.ExternalRoleCreate,
  response: m.ExternalRoleItem,
  status: 201,
  errors: ['invalid_field'],
} as const satisfies Route;

export const manageRolesUpdate = {
  key: 'manage.roles.update',
  method: 'PATCH',
  path: '/manage/roles/{roleId}',
  body: m.ExternalRoleWrite,
  response: m.ExternalRoleItem,
  errors: ['invalid_field'],
} as const satisfies Route;

export const manageRolesRemove = {
  key: 'manage.roles.remove',
  method: 'DELETE',
  path: '/manage/roles/{roleId}',
  errors: ['role_in_use'],
  response: s.RemovedRecord,
} as const satisfies Route;

export const manageActivity = {
  key: 'manage.activity',
  method: 'GET',
  path: '/manage/activity',
  response: m.PortalActivity,
} as const satisfies Route;

export const manageAudit = {
  key: 'manage.audit',
  method: 'GET',
  path: '/manage/audit',
  response: m.AuditList,
  query: [
    { name: 'actor', description: 'Only entries by this person (internal user or contact id).' },
    { name: 'action', description: 'Only actions starting with this (e.g. `record.`, `portal_user.`).' },
    { name: 'cursor', description: 'Opaque cursor from `nextCursor`: the entries before the last page.' },
    { name: 'limit', description: 'Entries per page, 1–200 (default 50).' },
  ],
  errors: ['limit_too_large'],
} as const satisfies Route;

export const manageModels = {
  key: 'manage.models',
  method: 'GET',
  path: '/manage/models',
  response: m.TenantModels,
} as const satisfies Route;

export const manageModelsSave = {
  key: 'manage.models.save',
  method: 'PUT',
  path: '/manage/models/{model}',
  errors: ['version_conflict'],
  body: m.TenantModelWrite,
  response: m.TenantModel,
} as const satisfies Route;
