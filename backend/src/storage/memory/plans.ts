// The memory engine's evaluation of record plans (tests, msw in the browser, quick contract
// checks): one pass over a model's records per plan, with text sort keys derived as data loads
// and changes, and sorted orders kept per store version like database indexes.
import type {
  Aggregate,
  AggregateResult,
  FieldValue,
  PageRequest,
  PlanFilter,
  PlannedPage,
  ProjectedRecord,
  RecordPlan,
  RecordReader,
  SortKey,
} from '../../ports/record-plan.js';
import { byGroupKey, inScope, pageTotal, projector } from '../../ports/record-plan.js';
import { collationKey, compareCodePoints, searchText } from '../../world/collation.js';
import { kindOf, type ModelName } from '../../world/models.js';
import type { DataRecord } from '../../world/schema.js';
import type { Change, Store } from '../../world/store.js';
import { ExactSum } from '../../world/exact-sum.js';

/** Plans evaluated on the store `current()` returns (a storage may replace its store on reset). */
export class MemoryRecordReader implements RecordReader {
  readonly #current: () => Store;
  constructor(current: () => Store) {
    this.#current = current;
  }
  async page(plan: RecordPlan, page: PageRequest) {
    return evaluatePage(this.#current(), plan, page);
  }
  async all(plan: RecordPlan) {
    return evaluateAll(this.#current(), plan);
  }
  async aggregate(plan: RecordPlan, aggregate: Aggregate) {
    return evaluateAggregate(this.#current(), plan, aggregate);
  }
}

function filterTest(filter: PlanFilter): (record: DataRecord) => boolean {
  const { field, op, values } = filter;
  const numeric = kindOf(filter.type) === 'number';
  const target = values[0]!;
  switch (op) {
    case 'contains':
      return (r) => {
        const v = r.fields[field];
        return typeof v === 'string' && searchText(v).includes(target as string);
      };
    case 'in': {
      const set = new Set(values);
      return (r) => set.has(r.fields[field] ?? null);
    }
    case 'eq':
      return (r) => (r.fields[field] ?? null) === target;
    case 'ne':
      return (r) => (r.fields[field] ?? null) !== target;
    case 'gte':
      if (numeric) return (r) => typeof r.fields[field] === 'number' && r.fields[field] >= (target as number);
      // Text (dates): code-point order, as PostgreSQL's "C" collation compares.
      return (r) => {
        const v = r.fields[field];
        return typeof v === 'string' && compareCodePoints(v, target as string) >= 0;
      };
    case 'lte':
      if (numeric) return (r) => typeof r.fields[field] === 'number' && r.fields[field] <= (target as number);
      return (r) => {
        const v = r.fields[field];
        return typeof v === 'string' && compareCodePoints(v, target as string) <= 0;
      };
  }
}

function planTest(plan: RecordPlan): (record: DataRecord) => boolean {
  const tests = plan.filters.map(filterTest);
  const id = plan.id;
  if (id !== undefined) tests.push((r) => r.id === id);
  const search = plan.search;
  if (search)
    tests.push((r) =>
      search.fields.some((name) => {
        const v = r.fields[name];
        return typeof v === 'string' && searchText(v).includes(search.text);
      }),
    );
  return (r) => tests.every((test) => test(r));
}

// --- Sort keys -------------------------------------------------------------------------------

const sortKeys = new WeakMap<DataRecord, Map<string, { value: string; key: string }>>();

/** The record's collation key for a text field, computed once per value (like an index entry). */
function cachedKey(record: DataRecord, field: string, value: string): string {
  let perField = sortKeys.get(record);
  if (!perField) sortKeys.set(record, (perField = new Map()));
  const hit = perField.get(field);
  if (hit?.value === value) return hit.key;
  const key = collationKey(value);
  perField.set(field, { value, key });
  return key;
}

const textFields = (store: Store, model: ModelName) =>
  store.schema
    .fields(model)
    .filter((d) => kindOf(d.type) === 'collated')
    .map((d) => d.name);

// --- Text sort indexes ----------------------------------------------------------------------
// Per model and text field, every record in collation-key order (nulls last, ties in insertion
// order), built as the data loads and kept current by each write — like a database index — so
// no list, the first included, sorts 100,000 keys: it walks the index and keeps its portal's.

interface TextIndex {
  records: DataRecord[];
  keys: (string | null)[];
  /** Each record's key as the index holds it (to find it again when it changes). */
  keyOf: Map<string, string | null>;
}
/** The indexes of a store, valid while the store's version is `version`. */
const textIndexes = new WeakMap<Store, { version: number; byField: Map<string, TextIndex> }>();

function textKey(record: DataRecord, field: string): string | null {
  const value = record.fields[field];
  return typeof value === 'string' ? cachedKey(record, field, value) : null;
}

/** (key, ord) order with null keys last. */
function compareEntry(keyA: string | null, ordA: number, keyB: string | null, ordB: number): number {
  if (keyA !== keyB) {
    if (keyA === null) return 1;
    if (keyB === null) return -1;
    return keyA < keyB ? -1 : 1;
  }
  return ordA - ordB;
}

/** The first position whose entry is not before (key, ord). */
function seek(store: Store, model: ModelName, index: TextIndex, key: string | null, ord: number): number {
  let low = 0;
  let high = index.records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const midOrd = store.recordPlace(model, index.records[mid]!.id)!.ord;
    if (compareEntry(index.keys[mid]!, midOrd, key, ord) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function buildTextIndex(store: Store, model: ModelName, field: string): TextIndex {
  const all = [...store.records(model)];
  const allKeys = all.map((record) => textKey(record, field));
  // Positions sorted by key; ties keep insertion order (a stable sort).
  const positions = Array.from(allKeys.keys()).sort((a, b) => compareEntry(allKeys[a]!, a, allKeys[b]!, b));
  const records = positions.map((p) => all[p]!);
  const keys = positions.map((p) => allKeys[p]!);
  return { records, keys, keyOf: new Map(records.map((r, i) => [r.id, keys[i]!])) };
}

/**
 * Computes the sort keys of every text field and orders each model's records by them as the
 * data loads (like building a database index). Writes keep them current (`maintainSortIndexes`).
 */
export function buildSortIndexes(store: Store): void {
  const byField = new Map<string, TextIndex>();
  for (const model of Object.keys(store.world.records) as ModelName[])
    for (const field of textFields(store, model))
      byField.set(`${model}|${field}`, buildTextIndex(store, model, field));
  textIndexes.set(store, { version: store.version, byField });
}

/** Moves the records a write changed to their new places in the text sort indexes. */
export function maintainSortIndexes(store: Store, changes: readonly Change[]): void {
  const indexes = textIndexes.get(store);
  if (!indexes) return;
  for (const change of changes) {
    if (change.kind !== 'record') continue;
    const ord = store.recordPlace(change.model, change.id)!.ord;
    const record = change.removed ? undefined : store.record(change.model, change.id);
    for (const field of textFields(store, change.model)) {
      const index = indexes.byField.get(`${change.model}|${field}`);
      if (!index) continue;
      const old = index.keyOf.get(change.id);
      if (old !== undefined) {
        const at = seek(store, change.model, index, old, ord);
        index.records.splice(at, 1);
        index.keys.splice(at, 1);
        index.keyOf.delete(change.id);
      }
      if (!record) continue;
      const key = textKey(record, field);
      const at = seek(store, change.model, index, key, ord);
      index.records.splice(at, 0, record);
      index.keys.splice(at, 0, key);
      index.keyOf.set(change.id, key);
    }
  }
  indexes.version = store.version;
}

/**
 * The records in `plan`'s scope in its text sort's order, walked from the field's index; or
 * undefined when the index is not current (the store changed outside a storage's write).
 */
function fromTextIndex(store: Store, plan: RecordPlan): SortIndex | undefined {
  const indexes = textIndexes.get(store);
  const index =
    indexes?.version === store.version
      ? indexes.byField.get(`${plan.scope.model}|${plan.sort!.field}`)
      : undefined;
  if (!index) return undefined;
  const inside = inScope(plan);
  const records: DataRecord[] = [];
  const keys: SortKey[] = [];
  const take = (i: number) => {
    const record = index.records[i]!;
    if (inside(record)) {
      records.push(record);
      keys.push(index.keys[i]!);
    }
  };
  let firstNull = index.keys.length;
  while (firstNull > 0 && index.keys[firstNull - 1] === null) firstNull--;
  if (plan.sort!.direction === 'asc') for (let i = 0; i < firstNull; i++) take(i);
  else
    // Descending keys, ties still in insertion order: groups of one key, last group first.
    for (let end = firstNull; end > 0;) {
      let start = end - 1;
      while (start > 0 && index.keys[start - 1] === index.keys[end - 1]) start--;
      for (let i = start; i < end; i++) take(i);
      end = start;
    }
  for (let i = firstNull; i < index.keys.length; i++) take(i);
  return { records, keys };
}

/** The sort key of a record for the plan's sort (see `SortKey`). */
function sortKeyOf(plan: RecordPlan): (record: DataRecord) => SortKey {
  const sort = plan.sort!;
  const name = sort.field;
  switch (kindOf(sort.type)) {
    case 'collated':
      return (r) => {
        const v = r.fields[name];
        return typeof v === 'string' ? cachedKey(r, name, v) : null;
      };
    case 'number':
      return (r) => (typeof r.fields[name] === 'number' ? (r.fields[name] as number) : null);
    case 'boolean':
      return (r) => (typeof r.fields[name] === 'boolean' ? (r.fields[name] as boolean) : null);
    case 'iso':
      return (r) => (typeof r.fields[name] === 'string' ? (r.fields[name] as string) : null);
  }
}

/** Key order with nulls last in both directions (keys of one type). */
function compareSortKeys(a: SortKey, b: SortKey, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'string') return compareCodePoints(a, b as string) * sign;
  return (a < b ? -1 : 1) * sign;
}

interface SortIndex {
  records: DataRecord[];
  keys: SortKey[];
}

/**
 * Sorted orders of the records in a scope, kept per store version like a database index: until
 * the next write a sort is one pass over the index. Filters are applied while walking it.
 */
const sortIndexes = new WeakMap<Store, { version: number; orders: Map<string, SortIndex> }>();

function sortedScope(store: Store, plan: RecordPlan): SortIndex {
  let cache = sortIndexes.get(store);
  if (!cache || cache.version !== store.version)
    sortIndexes.set(store, (cache = { version: store.version, orders: new Map() }));
  const { scope, sort } = plan;
  const id = `${scope.model}|${scope.companyId}|${scope.portalId}|${scope.shared}|${sort!.field}|${sort!.direction}`;
  let index = cache.orders.get(id);
  if (!index && kindOf(sort!.type) === 'collated') {
    index = fromTextIndex(store, plan);
    if (index) cache.orders.set(id, index);
  }
  if (!index) {
    const inside = inScope(plan);
    const records: DataRecord[] = [];
    for (const record of store.records(scope.model)) if (inside(record)) records.push(record);
    const keyOf = sortKeyOf(plan);
    const keys = records.map(keyOf);
    const sign = sort!.direction === 'asc' ? 1 : -1;
    // Positions sorted by key; ties keep insertion order (a stable sort).
    const positions = Array.from(keys.keys());
    positions.sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      if (ka === kb) return a - b;
      if (ka === null) return 1;
      if (kb === null) return -1;
      // `<` on collation keys (no surrogates) is code-point order, and cheaper than a loop.
      return (ka < kb ? -1 : 1) * sign;
    });
    index = { records: positions.map((p) => records[p]!), keys: positions.map((p) => keys[p]!) };
    cache.orders.set(id, index);
  }
  return index;
}

/** The records matching the plan, in its order, with their sort keys (null when unsorted). */
function matches(store: Store, plan: RecordPlan): { records: DataRecord[]; keys: SortKey[] | null } {
  const test = planTest(plan);
  if (plan.sort) {
    const index = sortedScope(store, plan);
    const records: DataRecord[] = [];
    const keys: SortKey[] = [];
    for (let i = 0; i < index.records.length; i++) {
      const record = index.records[i]!;
      if (test(record)) {
        records.push(record);
        keys.push(index.keys[i]!);
      }
    }
    return { records, keys };
  }
  const inside = inScope(plan);
  const records: DataRecord[] = [];
  if (plan.id !== undefined) {
    const record = store.record(plan.scope.model, plan.id);
    return { records: record && inside(record) && test(record) ? [record] : [], keys: null };
  }
  for (const record of store.records(plan.scope.model))
    if (inside(record) && test(record)) records.push(record);
  return { records, keys: null };
}

export function evaluatePage(store: Store, plan: RecordPlan, page: PageRequest): PlannedPage | undefined {
  const { records, keys } = matches(store, plan);
  let start = page.offset;
  if (page.after) {
    const ord = (id: string) => store.recordPlace(plan.scope.model, id)!.ord;
    // A record of another company answers as one that never existed (R3).
    const place = store.recordPlace(plan.scope.model, page.after.id);
    if (place?.companyId !== plan.scope.companyId) return undefined;
    const afterOrd = place.ord;
    const sign = plan.sort?.direction === 'desc' ? -1 : 1;
    const key = page.after.key;
    // The first match past (key, ord) in the plan's order.
    start = records.findIndex((r, i) => {
      const byKey = keys ? compareSortKeys(keys[i]!, key, sign) : 0;
      return byKey > 0 || (byKey === 0 && ord(r.id) > afterOrd);
    });
    if (start < 0) start = records.length;
  }
  const slice = records.slice(start, start + page.limit);
  const project = projector(plan.fields);
  return {
    items: slice.map(project),
    ...pageTotal(plan, page, records.length),
    lastKey: keys && slice.length ? keys[start + slice.length - 1]! : null,
    more: start + page.limit < records.length,
  };
}

export function evaluateAll(store: Store, plan: RecordPlan): ProjectedRecord[] {
  return matches(store, plan).records.map(projector(plan.fields));
}

export function evaluateAggregate(store: Store, plan: RecordPlan, aggregate: Aggregate): AggregateResult {
  const { records } = matches(store, { ...plan, sort: undefined });
  const numberIn = (r: DataRecord, field: string): number | null => {
    const v = r.fields[field];
    return typeof v === 'number' ? v : null;
  };
  switch (aggregate.kind) {
    case 'count':
      return { kind: 'count', count: records.length };
    case 'numbers': {
      // Exact, rounded once (see exact-sum.ts): the sum SQL gives, whatever the order.
      const sum = new ExactSum();
      let count = 0;
      for (const r of records) {
        const v = numberIn(r, aggregate.field);
        if (v === null) continue;
        sum.add(v);
        count++;
      }
      return { kind: 'numbers', sum: sum.toNumber(), count };
    }
    case 'groups': {
      const groups = new Map<string, ExactSum>();
      for (const r of records) {
        const raw: FieldValue | undefined = r.fields[aggregate.by];
        const text = raw == null ? '' : String(raw);
        const key = aggregate.month ? text.slice(0, 7) : text;
        let sum = groups.get(key);
        if (!sum) groups.set(key, (sum = new ExactSum()));
        sum.add(aggregate.sum ? (numberIn(r, aggregate.sum) ?? 0) : 1);
      }
      const totals = [...groups].map(([key, sum]) => [key, sum.toNumber()] as [string, number]);
      return { kind: 'groups', groups: totals.sort(byGroupKey) };
    }
  }
}
