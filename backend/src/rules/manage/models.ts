// #25: the tenant's models — the schema every portal's records follow — read by staff who manage
// a portal and changed by Portal Super Admins only. A change is a whole model at a version: a
// field left out is removed with its data from every answer at once, one added starts empty.
import type { TenantModelWrite } from '../../../../src/contract/manage.js';
import { evolutionProblems, evolveModel, modelProblems } from '../../world/models.js';
import type { Store } from '../../world/store.js';
import { auditWrite } from '../audit.js';
import { ok, refuse } from '../refusal.js';
import { manageRead, manageWrite, type Viewer } from '../viewer.js';

/** The tenant's models, and whether this person may change them. */
export function tenantModels(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok({ canEdit: viewer.superAdmin && !viewer.readOnly, models: store.world.models });
}

/** Saves model `name` as `input` describes it, made on `input.version` (absent: a new model). */
export function saveTenantModel(
  store: Store,
  viewer: Viewer,
  name: string,
  input: TenantModelWrite,
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  if (!viewer.superAdmin) return refuse('forbidden', 'Only Portal Super Admins change the models.');
  if (!/^[A-Z][A-Za-z0-9_]{0,63}$/.test(name))
    return refuse('bad_request', 'A model name starts with a capital letter, then letters, digits or _.');
  const stored = store.models.get(name);
  if (stored?.version !== input.version)
    return refuse(
      'version_conflict',
      stored
        ? `${name} is at version ${stored.version}: load it again and make your change on it.`
        : `There is no model ${name} at version ${input.version}: leave the version out to add it.`,
    );
  const next = evolveModel(stored, {
    id: name,
    label: input.label,
    labels: input.labels,
    fields: input.fields,
  });
  const problems = [
    ...modelProblems(next, (other) => other === name || store.models.has(other), 'model'),
    ...evolutionProblems(stored, next, 'model'),
  ];
  if (problems.length) return refuse('bad_request', problems.map((p) => `${p.path}: ${p.reason}`).join('; '));
  if (stored && next.version === stored.version) return ok(stored);
  if (stored) store.replace('models', next);
  else store.insert('models', next);
  const names = (m: typeof next | undefined) => m?.fields.map((f) => f.name) ?? [];
  auditWrite(store, viewer, now, stored ? 'model.update' : 'model.create', { type: 'model', id: name }, [
    { field: 'fields', from: stored ? names(stored) : null, to: names(next) },
  ]);
  return ok(next);
}
