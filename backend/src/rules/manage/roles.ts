// R21: the tenant's external roles — read by staff who manage portals, edited by Portal Super
// Admins. Vendor staff manage the portal they opened (R20); decided here only, the routes parse and
// serialise. Nothing here is ever an external user's or an impersonator's.
import { labelIn, type Schema } from '../../world/models.js';
import type { ExternalRole } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import type { RoleHolder } from '../../ports/directory.js';
import { auditWrite } from '../audit.js';
import { notFound, ok, refuse, type Result } from '../refusal.js';
import { manageRead, manageWrite, type Viewer } from '../viewer.js';

interface RoleInput {
  name?: string | undefined;
  models?: Partial<Record<string, ModelGrantInput>> | undefined;
  fileAccess?: boolean | undefined;
  taskUpdate?: boolean | undefined;
  comment?: boolean | undefined;
}
interface ModelGrantInput {
  create: boolean;
  view: boolean;
  update: boolean;
  remove: boolean;
  export: boolean;
  fields: Record<string, { view: boolean; update: boolean }>;
}

/** How many holders a `role_in_use` refusal names (the rest it counts). */
export const NAMED_HOLDERS = 5;

/**
 * R21: every staff member who manages portals reads the roles; only Portal Super Admins edit.
 * `holding`: how many portal users hold each role, across the tenant's portals (read by the
 * route: a role is tenant-wide, R1).
 */
export function externalRoles(store: Store, viewer: Viewer, holding: ReadonlyMap<string, number>) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok({
    canEdit: viewer.superAdmin,
    models: viewer.schema.models.map((m) => ({
      name: m.id,
      label: labelIn(m, viewer.locale),
      fields: m.fields.map((f) => ({ name: f.name, label: labelIn(f, viewer.locale) })),
    })),
    roles: store.world.externalRoles.map((r) => ({
      id: r.id,
      name: r.name,
      models: r.models,
      fileAccess: r.fileAccess,
      taskUpdate: r.taskUpdate,
      comment: r.comment,
      holders: holding.get(r.id) ?? 0,
    })),
  });
}

/** R21: only Portal Super Admins edit roles (checked before the route reads what an edit needs). */
export function maySuperAdmin(viewer: Viewer): Result<true> {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  return viewer.superAdmin ? ok(true) : refuse('forbidden', 'Only Portal Super Admins edit external roles.');
}

/** Grants for known models and fields only: anything else refuses the whole change. */
function checkGrants(schema: Schema, models: RoleInput['models']): Result<ExternalRole['models']> {
  const out: ExternalRole['models'] = {};
  for (const [model, grant] of Object.entries(models ?? {})) {
    if (!schema.has(model)) return refuse('bad_request', `Unknown model ${model}.`);
    if (!grant) continue;
    const known = new Set(schema.fields(model).map((f) => f.name));
    // A grant of a field the model has since removed is dropped, not refused: roles saved before
    // the removal stay editable.
    const retired = new Set(schema.model(model)!.retired);
    const unknown = Object.keys(grant.fields).filter((f) => !known.has(f) && !retired.has(f));
    if (unknown.length) return refuse('invalid_field', `${model} has no field ${unknown.join(', ')}.`);
    const fields = Object.fromEntries(Object.entries(grant.fields).filter(([f]) => known.has(f)));
    out[model] = { ...grant, fields };
  }
  return ok(out);
}

function roleName(store: Store, raw: string, exceptId?: string): Result<string> {
  const name = raw.trim();
  if (!name) return refuse('bad_request', 'A role needs a name.');
  if (store.world.externalRoles.some((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase()))
    return refuse('bad_request', `A role named ${name} already exists.`);
  return ok(name);
}

/** R21: create a role, or clone one (`cloneOf`) under a new name. */
export function createRole(
  store: Store,
  viewer: Viewer,
  input: RoleInput & { cloneOf?: string | undefined },
  now: Date,
) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const source = input.cloneOf ? store.externalRoles.get(input.cloneOf) : undefined;
  if (input.cloneOf && !source) return notFound();
  const name = roleName(store, input.name ?? '');
  if (!name.ok) return name;
  const models = checkGrants(viewer.schema, input.models ?? (source ? structuredClone(source.models) : {}));
  if (!models.ok) return models;
  const role: ExternalRole = {
    id: store.newId('xrole'),
    name: name.value,
    models: models.value,
    fileAccess: input.fileAccess ?? source?.fileAccess ?? false,
    taskUpdate: input.taskUpdate ?? source?.taskUpdate ?? false,
    comment: input.comment ?? source?.comment ?? false,
  };
  store.insert('externalRoles', role);
  auditWrite(store, viewer, now, source ? 'role.clone' : 'role.create', { type: 'role', id: role.id }, [
    { field: 'name', from: null, to: role.name },
  ]);
  return ok(role);
}

/** R21: a change applies to every open session from its next request (sessions re-resolve). */
export function updateRole(store: Store, viewer: Viewer, roleId: string, input: RoleInput, now: Date) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const role = store.externalRoles.get(roleId);
  if (!role) return notFound();
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const next: ExternalRole = { ...role };
  if (input.name !== undefined) {
    const name = roleName(store, input.name, role.id);
    if (!name.ok) return name;
    next.name = name.value;
  }
  if (input.models !== undefined) {
    const models = checkGrants(viewer.schema, input.models);
    if (!models.ok) return models;
    next.models = models.value;
  }
  for (const flag of ['fileAccess', 'taskUpdate', 'comment'] as const)
    if (input[flag] !== undefined) next[flag] = input[flag]!;
  for (const field of ['name', 'models', 'fileAccess', 'taskUpdate', 'comment'] as const)
    if (JSON.stringify(role[field]) !== JSON.stringify(next[field]))
      changes.push({ field, from: role[field], to: next[field] });
  Object.assign(role, next);
  if (changes.length) auditWrite(store, viewer, now, 'role.update', { type: 'role', id: role.id }, changes);
  store.changed('externalRoles', role);
  return ok(role);
}

/**
 * R21: a role still held by portal users is not removed (`role_in_use`, naming who holds it).
 * `held`: the role's first NAMED_HOLDERS holders and how many there are, read by the route in
 * the write (which holds the tenant), their people loaded.
 */
export function removeRole(
  store: Store,
  viewer: Viewer,
  roleId: string,
  held: { holders: readonly RoleHolder[]; total: number },
  now: Date,
) {
  const allowed = maySuperAdmin(viewer);
  if (!allowed.ok) return allowed;
  const role = store.externalRoles.get(roleId);
  if (!role) return notFound();
  if (held.total) {
    const named = held.holders
      .slice(0, NAMED_HOLDERS)
      .map((h) => `${store.contacts.get(h.contactId)?.name ?? h.contactId} (${h.portal})`);
    const more = held.total - named.length;
    return refuse(
      'role_in_use',
      `${role.name} is held by ${named.join(', ')}${more ? ` and ${more} more` : ''}: move them to another role first.`,
    );
  }
  store.remove('externalRoles', roleId);
  auditWrite(store, viewer, now, 'role.remove', { type: 'role', id: roleId }, [
    { field: 'name', from: role.name, to: null },
  ]);
  return ok({ id: roleId });
}
