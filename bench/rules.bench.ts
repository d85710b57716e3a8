// Rules engine on a portal with 100,000 shared License records (plus 20,000 unshared):
// list + project for one principal, beside @casl/ability doing the same job in the same run.
import { createMongoAbility, subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { RecordPlan } from '../backend/src/ports/record-plan.js';
import { projection, sharedPlan, sharedPredicate } from '../backend/src/rules/records.js';
import { buildSortIndexes, evaluatePage, maintainSortIndexes } from '../backend/src/storage/memory/plans.js';
import { resolveViewer } from '../backend/src/rules/viewer.js';
import { MODELS_V1 } from '../backend/src/storage/postgres/models-v1.js';
import { Store } from '../backend/src/world/store.js';
import { largeWorld } from '../server-mock/demo-world.js';
import { medianMs, report } from './report.js';

export async function run(): Promise<boolean> {
  const store = new Store(largeWorld({ shared: 100_000, unshared: 20_000 }));
  const viewerResult = resolveViewer(store, {
    kind: 'external',
    portalId: 'p-northwind',
    contactId: 'k-nw-bob',
  });
  if (!viewerResult.ok) throw new Error(viewerResult.error.message);
  const viewer = viewerResult.value;

  // Ours: one predicate + one projection per principal and model, one pass.
  let ours = 0;
  const oursMs = medianMs(() => {
    const project = projection(viewer, 'License');
    const shared = sharedPredicate(viewer, 'License');
    const out = [];
    for (const record of store.records('License')) if (shared(record)) out.push(project(record));
    ours = out.length;
  });

  // CASL: the same rule (company, shared to portal, viewable fields), checked per record.
  const viewable = viewer.rights('License').viewable as string[];
  const allFields = MODELS_V1.find((m) => m.id === 'License')!.fields.map((d) => d.name);
  const ability = createMongoAbility([
    {
      action: 'read',
      subject: 'License',
      fields: viewable,
      conditions: { companyId: 'c-northwind', portalIds: { $all: ['p-northwind'] } },
    },
  ]);
  let casl = 0;
  const caslMs = medianMs(
    () => {
      const out = [];
      for (const record of store.records('License')) {
        const s = subject('License', { ...record });
        if (!ability.can('read', s)) continue;
        const fields = permittedFieldsOf(ability, 'read', s, {
          fieldsFrom: (rule) => rule.fields || allFields,
        });
        const projected: Record<string, unknown> = { id: record.id };
        for (const f of fields) projected[f] = record.fields[f] ?? null;
        out.push(projected);
      }
      casl = out.length;
    },
    { warmup: 1, runs: 5 },
  );
  if (ours !== 100_000 || casl !== 100_000)
    throw new Error(`expected 100000 records, got ours=${ours} casl=${casl}`);

  // The plans the rules make for these queries, evaluated by the memory engine (synchronously).
  const base = sharedPlan(viewer, 'License')!;
  const sortPlan: RecordPlan = { ...base, sort: { field: 'product', type: 'string', direction: 'asc' } };
  const filterPlan: RecordPlan = {
    ...base,
    filters: [{ field: 'seats', type: 'integer', op: 'gte', values: [500] }],
    search: { text: 'ember', fields: ['product'] },
  };
  const first100 = { limit: 100, offset: 0 };
  // As the memory storage does when it loads data: text sort keys computed and ordered up front.
  const warmStart = performance.now();
  buildSortIndexes(store);
  const warmMs = performance.now() - warmStart;
  // First: the first sorted list after the load (one run). After a write: one record changed and
  // moved in the index, as the memory storage does after each write. Indexed: no write between.
  const start = performance.now();
  evaluatePage(store, sortPlan, first100);
  const sortFirstMs = performance.now() - start;
  let edits = 0;
  const sortAfterWriteMs = medianMs(() => {
    const record = store.record('License', `lic-${edits++}`)!;
    record.fields.product = `Edited ${edits}`;
    store.changedRecord('License', record);
    maintainSortIndexes(store, store.takeChanges());
    evaluatePage(store, sortPlan, first100);
  });
  const sortWarmMs = medianMs(() => evaluatePage(store, sortPlan, first100));
  const pageMs = medianMs(() => evaluatePage(store, base, first100));
  const filterMs = medianMs(() => evaluatePage(store, filterPlan, first100));

  let ok = report('rules.list_project_100k', oursMs, 'ms', { max: 50 });
  report('rules.casl_list_project_100k', caslMs, 'ms');
  ok = report('rules.ratio_vs_casl', oursMs / caslMs, 'x', { max: 0.2 }) && ok;
  report('rules.sort_indexes_on_load_120k', warmMs, 'ms');
  ok = report('rules.sort_string_100k_first', sortFirstMs, 'ms', { max: 150 }) && ok;
  ok = report('rules.sort_string_100k_after_write', sortAfterWriteMs, 'ms', { max: 150 }) && ok;
  report('rules.sort_string_100k_indexed', sortWarmMs, 'ms');
  report('rules.first_page_100k', pageMs, 'ms');
  report('rules.filter_search_100k', filterMs, 'ms');
  return ok;
}
