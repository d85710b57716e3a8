// Tasks, comments and mentions (R7, R9); staff managing a task.
import { CommentCreate, TaskManage, TaskStatusWrite } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { writeThrough } from '../../rules/content.js';
import {
  addComment,
  listComments,
  listTasks,
  manageTask,
  mentionable,
  setTaskStatus,
} from '../../rules/tasks.js';
import { commentPayload, taskPayload } from '../payloads.js';
import { answer, BadRequest, errorResponse, json } from '../answers.js';
import { pageOf, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveTasks({ on, store, now, storage }: Serve): void {
  // Tasks, comments, mentions (R7, R9).
  on(route.tasksList, ({ viewer }) => {
    const { workflows, adHoc } = listTasks(store(), viewer);
    const task = (t: (typeof adHoc)[number]) => taskPayload(store(), viewer, t);
    return json(200, {
      workflows: workflows.map((w) => ({ ...w, tasks: w.tasks.map(task) })),
      adHoc: adHoc.map(task),
    });
  });
  on(route.tasksSetStatus, async ({ viewer, params, request, url }) => {
    const { status } = await readBody(request, TaskStatusWrite);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'tasks' });
    if (!through.ok) return errorResponse(through.error);
    return answer(setTaskStatus(store(), viewer, params[0]!, status, now()), (t) =>
      taskPayload(store(), viewer, t),
    );
  });
  // Staff choosing what the portal shows and who owns what is management (R7, R19), not a write
  // through the page: it is not bound to the page's access, like record sharing.
  on(route.tasksManage, async ({ viewer, params, request }) => {
    const change = await readBody(request, TaskManage);
    return answer(manageTask(store(), viewer, params[0]!, change, now()), (t) =>
      taskPayload(store(), viewer, t),
    );
  });
  on(route.commentsList, async ({ viewer, params, url }) => {
    // The cursor is a comment's id: only the limit is a number here.
    const query = new URLSearchParams(url.searchParams);
    const cursor = query.get('cursor');
    query.delete('cursor');
    const page = pageOf(query, { limit: 50, max: 200 });
    if (page instanceof Response) return page;
    if (cursor !== null && (cursor === '' || cursor.length > 200))
      throw new BadRequest('cursor is not valid.', ['cursor']);
    const before = cursor !== null ? { before: cursor } : {};
    const found = await listComments(store(), storage.comments, viewer, params[0]!, {
      limit: page.limit,
      ...before,
    });
    return answer(found, (shown) => ({
      items: shown.comments.map((c) => commentPayload(store(), c)),
      nextCursor: shown.earlier,
    }));
  });
  on(route.commentsCreate, async ({ viewer, params, request, url }) => {
    const body = await readBody(request, CommentCreate);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'tasks' });
    if (!through.ok) return errorResponse(through.error);
    return answer(
      addComment(store(), viewer, params[0]!, body.body, body.mentions, now()),
      (c) => commentPayload(store(), c),
      201,
    );
  });
  on(route.peopleMentionable, ({ viewer }) => json(200, { items: mentionable(store(), viewer) }));
}
