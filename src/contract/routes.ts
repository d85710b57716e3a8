// The HTTP contract in one table: every route by key — method, path, query, body and answers —
// as data, in modules by area (routes/). The client calls a route and parses its answer with the
// route's schema (api.call(recordsList, …)), the backend serves one handler per route and
// validates every request with the same schemas, and openapi.json is generated from ROUTE_LIST.
// A route added here is typed everywhere at once; a part imports only the routes it calls.
import * as session from './routes/session.js';
import * as pages from './routes/pages.js';
import * as records from './routes/records.js';
import * as tasks from './routes/tasks.js';
import * as files from './routes/files.js';
import * as documents from './routes/documents.js';
import * as contacts from './routes/contacts.js';
import * as manage from './routes/manage.js';

export * from './routes/session.js';
export * from './routes/pages.js';
export * from './routes/records.js';
export * from './routes/tasks.js';
export * from './routes/files.js';
export * from './routes/documents.js';
export * from './routes/contacts.js';
export * from './routes/manage.js';
export type * from './route.js';

/** Every route, for the backend (one handler per key) and the OpenAPI document. */
export const ROUTE_LIST = [
  session.sessionCreate,
  session.sessionEnd,
  session.portfolioList,
  session.sessionOpenPortal,
  session.sessionViewAs,
  session.sessionExitView,
  pages.bootstrapGet,
  pages.pagesGet,
  pages.activityRecord,
  records.recordsList,
  records.recordsCreate,
  records.recordsGet,
  records.recordsUpdate,
  records.recordsRemove,
  records.recordsExport,
  records.recordsUnshared,
  records.recordsShare,
  tasks.tasksList,
  tasks.tasksManage,
  tasks.tasksSetStatus,
  tasks.commentsList,
  tasks.commentsCreate,
  tasks.peopleMentionable,
  files.filesList,
  files.filesUpload,
  files.filesUnshared,
  files.filesShare,
  files.filesRemove,
  files.filesContent,
  documents.documentsGet,
  documents.documentsSave,
  contacts.contactsUpdate,
  contacts.contactsList,
  contacts.contactsCreate,
  manage.manageContent,
  manage.manageContentSave,
  manage.managePeople,
  manage.managePeopleAdd,
  manage.managePeopleUpdate,
  manage.managePeopleRemove,
  manage.manageAudienceSave,
  manage.manageInvitations,
  manage.manageInvitationsSave,
  manage.manageBranding,
  manage.manageBrandingSave,
  manage.manageRoles,
  manage.manageRolesCreate,
  manage.manageRolesUpdate,
  manage.manageRolesRemove,
  manage.manageModels,
  manage.manageModelsSave,
  manage.manageActivity,
  manage.manageAudit,
] as const;

export type AnyRoute = (typeof ROUTE_LIST)[number];
export type RouteKey = AnyRoute['key'];
export type RouteFor<K extends RouteKey> = Extract<AnyRoute, { key: K }>;
