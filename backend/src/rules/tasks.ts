// R7 and R9: workflows and tasks shared in the portal, completion, comments and mentions.
import type { Comment, Owner, PortalTaskItem } from '../world/schema.js';
import type { CommentPage, CommentReader } from '../ports/comments.js';
import type { Store } from '../world/store.js';
import { auditWrite } from './audit.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { manageWrite, writable, type Viewer } from './viewer.js';

/**
 * R7: a task is visible when marked Shared in Portal and its workflow (or, ad hoc, the task) is
 * shared to the portal. Vendor staff also see the unmarked tasks of those workflows, to share them.
 */
export function taskVisible(store: Store, viewer: Viewer, task: PortalTaskItem): boolean {
  const { id: portalId, companyId } = viewer.portal;
  const staff = viewer.person.kind === 'internal';
  if ((!task.sharedInPortal && !staff) || task.companyId !== companyId) return false;
  if (!task.workflowId) return task.portalIds.includes(portalId);
  const workflow = store.world.workflows.find((w) => w.id === task.workflowId);
  return !!workflow && workflow.companyId === companyId && workflow.portalIds.includes(portalId);
}

export function listTasks(store: Store, viewer: Viewer) {
  const { id: portalId, companyId } = viewer.portal;
  const tasks = store.world.tasks.filter((t) => taskVisible(store, viewer, t));
  const workflows = store.world.workflows
    .filter((w) => w.companyId === companyId && w.portalIds.includes(portalId))
    .map((w) => ({ id: w.id, name: w.name, tasks: tasks.filter((t) => t.workflowId === w.id) }));
  return { workflows, adHoc: tasks.filter((t) => !t.workflowId) };
}

const isSelf = (viewer: Viewer, owner: Owner | undefined) =>
  !!owner && owner.kind === viewer.person.kind && owner.id === viewer.person.id;

/** R7: may the viewer complete or re-open this task? */
export function mayComplete(viewer: Viewer, task: PortalTaskItem): boolean {
  return !viewer.readOnly && (isSelf(viewer, task.owner) || viewer.taskUpdate);
}

export function setTaskStatus(
  store: Store,
  viewer: Viewer,
  taskId: string,
  status: 'open' | 'done',
  now: Date,
): Result<PortalTaskItem> {
  const task = store.tasks.get(taskId);
  if (!task || !taskVisible(store, viewer, task)) return notFound();
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!mayComplete(viewer, task))
    return refuse(
      'forbidden',
      'Only the owner of this task, or someone allowed to update tasks, can change it.',
    );
  if (task.status !== status)
    auditWrite(store, viewer, now, 'task.status', { type: 'task', id: task.id }, [
      { field: 'status', from: task.status, to: status },
    ]);
  task.status = status;
  store.changed('tasks', task);
  return ok(task);
}

/** R9: the people the viewer may mention: the portal's external users and the internal users invited to it. */
export function mentionable(
  store: Store,
  viewer: Viewer,
): { kind: 'internal' | 'external'; id: string; name: string }[] {
  const { portal } = viewer;
  const externals = portal.users
    .filter((u) => u.active)
    .map((u) => store.contacts.get(u.contactId))
    .filter((c) => !!c)
    .map((c) => ({ kind: 'external' as const, id: c.id, name: c.name }));
  const internals = portal.invitedInternalIds
    .map((id) => store.internalUsers.get(id))
    .filter((u) => !!u?.active)
    .map((u) => ({ kind: 'internal' as const, id: u!.id, name: u!.name }));
  return [...externals, ...internals];
}

/**
 * The latest `limit` comments of a task the viewer may see, before the comment `before` (a
 * cursor), oldest first, and the comment to go on from for earlier ones (null: none).
 */
export async function listComments(
  store: Store,
  reader: CommentReader,
  viewer: Viewer,
  taskId: string,
  page: CommentPage = { limit: 50 },
): Promise<Result<{ comments: Comment[]; earlier: string | null }>> {
  const task = store.tasks.get(taskId);
  if (!task || !taskVisible(store, viewer, task)) return notFound();
  const found = await reader.latest(taskId, page);
  if (!found) return refuse('bad_request', 'The cursor is not valid.');
  return ok(found);
}

export function addComment(
  store: Store,
  viewer: Viewer,
  taskId: string,
  body: string,
  mentions: readonly Owner[],
  now: Date,
): Result<Comment> {
  const task = store.tasks.get(taskId);
  if (!task || !taskVisible(store, viewer, task)) return notFound();
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!viewer.comment) return refuse('forbidden', 'You may not comment in this portal.');
  // R8: plain text, kept as typed (markup that would run was refused with the request); shown
  // escaped, never as HTML.
  const text = body.trim();
  if (!text) return refuse('bad_request', 'A comment needs some text.');
  const allowed = new Set(mentionable(store, viewer).map((p) => `${p.kind}:${p.id}`));
  if (mentions.some((m) => !allowed.has(`${m.kind}:${m.id}`))) return refuse('mention_not_allowed');
  // Stored as plain text: rendering is the client's job, and it never renders it as HTML.
  const comment: Comment = {
    id: store.newId('comment'),
    taskId,
    author: { kind: viewer.person.kind, id: viewer.person.id },
    body: text,
    mentions: [...mentions],
    createdAt: now.toISOString(),
  };
  store.insert('comments', comment);
  auditWrite(store, viewer, now, 'comment.create', { type: 'task', id: taskId });
  return ok(comment);
}

/** Internal users: mark a task Shared in Portal or not, and (re)assign it to a person of the portal (R7, R9). */
export function manageTask(
  store: Store,
  viewer: Viewer,
  taskId: string,
  change: { sharedInPortal?: boolean | undefined; owner?: Owner | null | undefined },
  now: Date,
): Result<PortalTaskItem> {
  // R20: sharing and assigning are management writes (decided before the task is looked up, so a
  // refusal says nothing about which tasks exist).
  const may = manageWrite(viewer);
  if (!may.ok) return may;
  const task = store.tasks.get(taskId);
  if (!task || !taskVisible(store, viewer, task)) return notFound();
  if (change.owner) {
    const allowed = mentionable(store, viewer).some(
      (p) => p.kind === change.owner!.kind && p.id === change.owner!.id,
    );
    if (!allowed) return refuse('invalid_value', 'Tasks can be assigned to people of this portal only.');
  }
  const changes = [];
  if (change.sharedInPortal !== undefined && change.sharedInPortal !== task.sharedInPortal)
    changes.push({ field: 'sharedInPortal', from: task.sharedInPortal, to: change.sharedInPortal });
  if (change.owner !== undefined)
    changes.push({ field: 'owner', from: task.owner ?? null, to: change.owner ?? null });
  if (changes.length) auditWrite(store, viewer, now, 'task.manage', { type: 'task', id: task.id }, changes);
  if (change.sharedInPortal !== undefined) task.sharedInPortal = change.sharedInPortal;
  if (change.owner !== undefined) {
    if (change.owner) task.owner = change.owner;
    else delete task.owner;
  }
  store.changed('tasks', task);
  return ok(task);
}
