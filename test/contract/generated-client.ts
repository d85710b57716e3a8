// Type-level test: a client generated from openapi.json (openapi-typescript) and our own contract
// types describe the same bodies, both ways. If the document and the zod schemas drift, `npm test`
// fails at the type check. (Compiled only; nothing runs.)
import type * as m from '../../src/contract/manage.js';
import type * as s from '../../src/contract/schemas.js';
import type { operations } from './generated/openapi.js';

type Ok<O extends keyof operations, S extends number = 200> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer B } }> ? B : never;
type Body<O extends keyof operations> = operations[O]['requestBody'] extends
  { content: { 'application/json': infer B } } | undefined
  ? B
  : never;
/** Both ways: each type can stand for the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(_: T) => _;

same<Same<Ok<'sessionCreate'>, s.SessionResponse>>(true);
same<Same<Ok<'recordsList'>, s.RecordPage>>(true);
same<Same<Ok<'pagesGet'>, s.PagePayload>>(true);
same<Same<Ok<'tasksList'>, s.TaskList>>(true);
same<Same<Ok<'filesList'>, s.FileList>>(true);
same<Same<Ok<'manageContent'>, m.ContentTree>>(true);
same<Same<Ok<'managePeople'>, m.PortalPeople>>(true);
same<Same<Ok<'manageRoles'>, m.ExternalRoleList>>(true);
same<Same<Ok<'manageAudit'>, m.AuditList>>(true);
same<Same<Ok<'portfolioList'>, m.Portfolio>>(true);
same<Same<Body<'manageContentSave'>, import('zod/mini').input<typeof m.ContentChange>>>(true);
