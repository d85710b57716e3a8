// Routes of the contract: Tasks, their comments and who may be mentioned (R7, R9).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

export const tasksList = {
  key: 'tasks.list',
  method: 'GET',
  path: '/tasks',
  response: s.TaskList,
} as const satisfies Route;

export const tasksManage = {
  key: 'tasks.manage',
  method: 'PATCH',
  path: '/tasks/{taskId}',
  body: s.TaskManage,
  response: s.PortalTask,
  errors: ['invalid_value'],
} as const satisfies Route;

export const tasksSetStatus = {
  key: 'tasks.setStatus',
  method: 'PUT',
  path: '/tasks/{taskId}/status',
  throughPage: true,
  body: s.TaskStatusWrite,
  response: s.PortalTask,
} as const satisfies Route;

export const commentsList = {
  key: 'comments.list',
  method: 'GET',
  path: '/tasks/{taskId}/comments',
  response: s.CommentList,
  query: [
    { name: 'cursor', description: 'Opaque cursor from `nextCursor`: the comments before the ones shown.' },
    { name: 'limit', description: 'Comments per page, 1–200 (default 50): the latest ones.' },
  ],
  errors: ['limit_too_large'],
} as const satisfies Route;

export const commentsCreate = {
  key: 'comments.create',
  method: 'POST',
  path: '/tasks/{taskId}/comments',
  errors: ['mention_not_allowed'],
  throughPage: true,
  body: s.CommentCreate,
  response: s.CommentItem,
  status: 201,
} as const satisfies Route;

export const peopleMentionable = {
  key: 'people.mentionable',
  method: 'GET',
  path: '/mentionable',
  response: s.PeopleList,
} as const satisfies Route;
