// What each route is for, in words: the OpenAPI document's summaries and the rules of SPEC.md a
// route applies. Kept beside the document, not in the route table, so the browser bundles only
// what a call needs (each route's method, path, query, body and answers).
import type { RouteKey } from './routes.js';

export const ROUTE_DOCS: Record<RouteKey, { summary: string; rules?: string }> = {
  'contacts.update': {
    summary: 'Vendor staff: update a contact; automation rules then add or remove portal users.',
    rules: 'R16',
  },
  'contacts.list': { summary: 'Admin external users: contacts of their company.', rules: 'R16' },
  'contacts.create': { summary: 'Admin external users: add a contact.', rules: 'R16' },
  'documents.get': { summary: 'The document of a document page.', rules: 'R8' },
  'documents.save': {
    summary: 'Save on top of `baseVersion`; a newer version answers 409 version_conflict.',
    rules: 'R8, R12',
  },
  'files.list': {
    summary: 'Files shared to the portal, and the upload limits (needs File Download / Upload Access).',
    rules: 'R6',
  },
  'files.upload': {
    summary:
      'Upload: the body is the file, `name` in the query, its type in Content-Type. Size and type (by content) are checked.',
    rules: 'R6, R12',
  },
  'files.unshared': { summary: 'Vendor staff: account files not yet shared to the portal.', rules: 'R6' },
  'files.share': {
    summary: 'Vendor staff: share or unshare account files in bulk (all or nothing).',
    rules: 'R6, R19',
  },
  'files.remove': { summary: 'Vendor staff: remove a file.', rules: 'R6' },
  'files.content': { summary: 'Download a shared file, served with its own content type.', rules: 'R6' },
  'manage.content': {
    summary: 'Staff: the section and page tree with each share and what external users get.',
    rules: 'R2, R20',
  },
  'manage.content.save': {
    summary: 'Staff: share or unshare sections and pages (all or nothing; null follows the section).',
    rules: 'R2, R20, R23',
  },
  'manage.people': {
    summary: 'Staff: portal users, contacts who could be added, roles, audience, active end users.',
    rules: 'R1, R15, R16, R17, R20',
  },
  'manage.people.add': {
    summary:
      'Staff: add a contact of the company as a portal user; a second active user of one email is 409 email_in_use.',
    rules: 'R1, R16, R20, R23',
  },
  'manage.people.update': {
    summary: 'Staff: change role, Active or Admin; re-activating into an email clash is 409 email_in_use.',
    rules: 'R1, R16, R20, R23',
  },
  'manage.people.remove': { summary: 'Staff: remove a portal user.', rules: 'R20, R23' },
  'manage.audience.save': {
    summary: 'Staff: who of the portal users may sign in: all, featured or selected contacts.',
    rules: 'R17, R20, R23',
  },
  'manage.invitations': {
    summary: 'Staff: internal users related to the account and who is invited.',
    rules: 'R10, R17, R20',
  },
  'manage.invitations.save': {
    summary: 'Staff: invite internal users related to the account (owner, co-owners).',
    rules: 'R10, R17, R20, R23',
  },
  'manage.branding': { summary: 'Staff: templates, overrides and the effective colours.', rules: 'R14, R20' },
  'manage.branding.save': {
    summary: 'Staff: pick a template, override colours (null returns to the template).',
    rules: 'R14, R20, R23',
  },
  'manage.roles': {
    summary:
      'Staff: the tenant’s external roles with how many portal users hold each; canEdit for Portal Super Admins.',
    rules: 'R1, R21',
  },
  'manage.roles.create': {
    summary: 'Portal Super Admin: create a role, or clone one (cloneOf).',
    rules: 'R21, R23',
  },
  'manage.roles.update': {
    summary:
      'Portal Super Admin: rename a role or change its grants; open sessions follow at their next request.',
    rules: 'R21, R23',
  },
  'manage.roles.remove': {
    summary: 'Portal Super Admin: remove a role; one held by portal users is 409 role_in_use.',
    rules: 'R21, R23',
  },
  'manage.models': {
    summary:
      'Staff: the tenant’s models (the schema every record follows: typed fields, limits, labels per locale), each at its version; canEdit for Portal Super Admins.',
    rules: 'R20',
  },
  'manage.models.save': {
    summary:
      'Portal Super Admin: save one model whole, made on its current version (409 version_conflict otherwise). A field left out is removed and its values leave every answer at once; its name is retired. A kept field keeps its type.',
    rules: 'R20, R23',
  },
  'manage.activity': {
    summary: 'Staff: the portal activity feed and active end users, last 7 / 30 / 90 days.',
    rules: 'R15, R20',
  },
  'manage.audit': {
    summary:
      'Staff: the append-only audit trail, newest first; field changes only of fields the reader may view.',
    rules: 'R23',
  },
  'records.list': {
    summary: 'Records of a model shared to the portal, projected to viewable fields.',
    rules: 'R1, R3',
  },
  'records.create': { summary: 'Create a record (needs Create); shared to this portal.', rules: 'R5' },
  'records.get': { summary: 'One shared record.', rules: 'R3' },
  'records.update': { summary: 'Update fields (needs model and field Update).', rules: 'R5, R12' },
  'records.remove': { summary: 'Remove a record (needs Remove).', rules: 'R5, R12' },
  'records.export': {
    summary:
      'CSV of shared records and viewable fields (needs Export), as the list shows them: same search, filters and sort; column labels; values for a spreadsheet in `locale`; UTF-8 with BOM. At most 50,000 records.',
    rules: 'R5',
  },
  'records.unshared': {
    summary: 'Internal users: company records not yet shared to the portal.',
    rules: 'R19',
  },
  'records.share': { summary: 'Internal users: share or unshare records in bulk.', rules: 'R19' },
  'session.create': {
    summary: 'Exchange a launch token for a session and the bootstrap (landing page included).',
    rules: 'Token flow, R10–R13, R16, R17',
  },
  'session.end': { summary: 'Sign out: end the session.' },
  'portfolio.list': {
    summary:
      'Staff: the portals they may open, with company, phase, owner, active end users (30 days), last activity.',
    rules: 'R10, R11, R15, R22',
  },
  'session.openPortal': {
    summary:
      'Staff: open a portal of their portfolio in this session (null: back to the portfolio); R10 re-checked.',
    rules: 'R10, R22',
  },
  'session.viewAs': {
    summary: 'Staff: view the portal as one of its external users (read-only, R12) without a new token.',
    rules: 'R12, R22',
  },
  'session.exitView': { summary: 'Exit view: back to the same portal as staff.', rules: 'R12, R22' },
  'bootstrap.get': { summary: 'The bootstrap again (after a renewal, for example).', rules: 'R2, R14' },
  'pages.get': { summary: 'A shared page with everything its first paint needs.', rules: 'R2, R3, R4, R8' },
  'activity.record': {
    summary: 'Batched page views of external users (actions are recorded by the writes themselves).',
    rules: 'R15',
  },
  'tasks.list': {
    summary: 'Shared workflows with their Shared in Portal tasks, and ad-hoc tasks.',
    rules: 'R7',
  },
  'tasks.manage': {
    summary: 'Vendor staff: mark Shared in Portal, assign to a person of the portal.',
    rules: 'R7, R9',
  },
  'tasks.setStatus': { summary: 'Complete or re-open a task.', rules: 'R7, R12' },
  'comments.list': { summary: 'Comments on a task.', rules: 'R7' },
  'comments.create': { summary: 'Comment, mentioning only people R9 allows.', rules: 'R7, R9' },
  'people.mentionable': { summary: 'People the user may mention.', rules: 'R9' },
};
