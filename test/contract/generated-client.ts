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

same<Same<Ok<'postSession'>, s.SessionResponse>>(true);
same<Same<Ok<'getRecordsByModel'>, s.RecordPage>>(true);
same<Same<Ok<'getPagesByPageId'>, s.PagePayload>>(true);
same<Same<Ok<'getTasks'>, s.TaskList>>(true);
same<Same<Ok<'getFiles'>, s.FileList>>(true);
same<Same<Ok<'getManageContent'>, m.ContentTree>>(true);
same<Same<Ok<'getManagePeople'>, m.PortalPeople>>(true);
same<Same<Ok<'getManageRoles'>, m.ExternalRoleList>>(true);
same<Same<Ok<'getManageAudit'>, { items: m.AuditItem[] }>>(true);
same<Same<Ok<'getPortfolio'>, { items: m.PortfolioItem[] }>>(true);
same<Same<Body<'putManageContent'>, import('zod/mini').input<typeof m.ContentChange>>>(true);
