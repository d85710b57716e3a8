// R3, R5, R19: records shared to a portal, their fields, queries over them and writes.
// Per viewer and model the rules compile into one predicate and one projection; a list is one
// pass over the model's records (sharing), then filter/search, sort, cursor page, projection.
import { fieldDef, MODELS, type FieldDef, type ModelName } from '../world/models.js';
import { sanitizeStoredText } from '../world/sanitize.js';
import type { DataRecord } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { auditWrite } from './audit.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { writable, type Viewer } from './viewer.js';

export type FieldValue = string | number | boolean | null;
export type ProjectedRecord = { id: string } & Record<string, FieldValue>;

export type FilterOp = 'eq' | 'ne' | 'contains' | 'gte' | 'lte' | 'in';
export interface RecordFilter {
  field: string;
  op: FilterOp;
  value: string;
}
export interface RecordQuery {
  sort?: { field: string; direction: 'asc' | 'desc' };
  filters?: readonly RecordFilter[];
  q?: string;
  cursor?: string;
  /** Random access for virtual scrolling (instead of a cursor). */
  offset?: number;
  limit?: number;
}
export interface RecordPage {
  items: ProjectedRecord[];
  nextCursor: string | null;
  total: number;
}

export const MAX_LIMIT = 500;

/** R3: the one predicate deciding whether a record reaches this viewer. */
export function sharedPredicate(viewer: Viewer, model: ModelName): (record: DataRecord) => boolean {
  if (!viewer.rights(model).view) return () => false;
  const { id: portalId, companyId } = viewer.portal;
  return (record) => record.companyId === companyId && record.portalIds.includes(portalId);
}

/** R3: the one projection: only fields the role may view leave the server. */
export function projection(viewer: Viewer, model: ModelName): (record: DataRecord) => ProjectedRecord {
  const fields = viewer.rights(model).viewable;
  return (record) => {
    const out: ProjectedRecord = { id: record.id };
    for (const name of fields) out[name] = record.fields[name] ?? null;
    return out;
  };
}

/** Shared records of a model visible to the viewer, unprojected (for widgets, export, tests). */
export function visibleRecords(store: Store, viewer: Viewer, model: ModelName): DataRecord[] {
  const shared = sharedPredicate(viewer, model);
  const out: DataRecord[] = [];
  for (const record of store.records(model)) if (shared(record)) out.push(record);
  return out;
}

/** Unknown and hidden fields answer alike, so the refusal tells nothing about hidden data. */
function usableField(viewer: Viewer, model: ModelName, field: string): Result<FieldDef> {
  const def = fieldDef(model, field);
  if (!def || !viewer.rights(model).viewableSet.has(field)) {
    return refuse('invalid_field', `The field "${field}" cannot be used to sort, filter or search.`);
  }
  return ok(def);
}

function compileFilter(def: FieldDef, filter: RecordFilter): Result<(record: DataRecord) => boolean> {
  const name = def.name;
  const { op, value } = filter;
  const bad = () =>
    refuse<never>('bad_request', `The filter "${op}" does not apply to the ${def.type} field "${name}".`);
  if (op === 'contains') {
    if (def.type !== 'string') return bad();
    const needle = value.toLowerCase();
    return ok(
      (r) => typeof r.fields[name] === 'string' && (r.fields[name] as string).toLowerCase().includes(needle),
    );
  }
  const parse = (raw: string): Result<FieldValue> => {
    if (def.type === 'number') {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n)
        ? ok(n)
        : refuse('bad_request', `"${raw}" is not a number.`);
    }
    if (def.type === 'boolean') {
      return raw === 'true' || raw === 'false'
        ? ok(raw === 'true')
        : refuse('bad_request', `"${raw}" is not true or false.`);
    }
    if (def.type === 'date' && !isCalendarDate(raw)) return refuse('bad_request', `"${raw}" is not a date.`);
    return ok(raw);
  };
  if (op === 'in') {
    const values: FieldValue[] = [];
    for (const part of value.split('|')) {
      const parsed = parse(part);
      if (!parsed.ok) return parsed;
      values.push(parsed.value);
    }
    const set = new Set(values);
    return ok((r) => set.has(r.fields[name] ?? null));
  }
  const parsed = parse(value);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  if (op === 'eq') return ok((r) => (r.fields[name] ?? null) === target);
  if (op === 'ne') return ok((r) => (r.fields[name] ?? null) !== target);
  if (def.type === 'boolean' || def.type === 'enum') return bad();
  if (op === 'gte')
    return ok(
      (r) => r.fields[name] != null && (r.fields[name] as string | number) >= (target as string | number),
    );
  if (op === 'lte')
    return ok(
      (r) => r.fields[name] != null && (r.fields[name] as string | number) <= (target as string | number),
    );
  return bad();
}

function encodeCursor(offset: number): string {
  return btoa(JSON.stringify({ o: offset })).replace(/=+$/, '');
}
function decodeCursor(cursor: string): number | undefined {
  try {
    const { o } = JSON.parse(atob(cursor)) as { o: unknown };
    return Number.isInteger(o) && (o as number) >= 0 ? (o as number) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A sort key whose code-unit order follows an Intl.Collator's with base sensitivity and
 * numeric ordering:
 * accents and case folded away, digit runs zero-padded so "9" sorts before "10".
 */
export function collationKey(value: string): string {
  // Most values are plain ASCII: skip the Unicode normalisation for them.
  const folded = /^[\x20-\x7e]*$/.test(value)
    ? value.toLowerCase()
    : value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Zero-pad digit runs to 16 places (a hand loop: a regex callback per run costs several times more).
  let key = '';
  let start = 0;
  for (let i = 0; i < folded.length;) {
    const c = folded.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let end = i;
    while (end < folded.length && folded.charCodeAt(end) >= 48 && folded.charCodeAt(end) <= 57) end++;
    let first = i;
    while (first < end - 1 && folded.charCodeAt(first) === 48) first++;
    key += folded.slice(start, i) + '0000000000000000'.slice(end - first) + folded.slice(first, end);
    start = i = end;
  }
  return start === 0 ? folded : key + folded.slice(start);
}

const sortKeys = new WeakMap<DataRecord, Map<string, { value: string; key: string }>>();

/** The record's sort key for a field, computed once per value (derived data, like a DB index entry). */
function cachedKey(record: DataRecord, field: string, value: string): string {
  let perField = sortKeys.get(record);
  if (!perField) sortKeys.set(record, (perField = new Map()));
  const hit = perField.get(field);
  if (hit?.value === value) return hit.key;
  const key = collationKey(value);
  perField.set(field, { value, key });
  return key;
}

/**
 * Computes the sort keys of every text field as the data loads (like building a database
 * index), so the first sort a person asks for only orders keys. Writes keep them current
 * (`updateRecord`, `createRecord`).
 */
export function warmSortKeys(store: Store): void {
  for (const model of Object.keys(store.world.records) as ModelName[]) {
    const text = MODELS[model].filter((d) => d.type === 'string' || d.type === 'enum').map((d) => d.name);
    for (const record of store.records(model)) keyFields(record, text);
  }
}

function keyFields(record: DataRecord, fields: readonly string[]) {
  for (const name of fields) {
    const value = record.fields[name];
    if (typeof value === 'string') cachedKey(record, name, value);
  }
}

/** Sort keys computed once per record; comparing keys is far cheaper than a locale compare per pair. */
function sortInPlace(records: DataRecord[], def: FieldDef, direction: 'asc' | 'desc'): DataRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  const name = def.name;
  if (def.type === 'string' || def.type === 'enum') {
    // Keys computed once, then positions sorted by key (ties by position: stable). Nulls last.
    const keys = records.map((r) => {
      const v = r.fields[name];
      return typeof v === 'string' ? cachedKey(r, name, v) : null;
    });
    const positions = Array.from(keys.keys());
    positions.sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      if (ka === kb) return a - b;
      if (ka === null) return 1;
      if (kb === null) return -1;
      return ka < kb ? -sign : sign;
    });
    return positions.map((p) => records[p]!);
  }
  const key = (v: FieldValue | undefined) => (v == null ? null : typeof v === 'boolean' ? Number(v) : v);
  const keyed = records.map((r, i) => ({ r, k: key(r.fields[name]), i }));
  keyed.sort((a, b) => {
    if (a.k === b.k) return a.i - b.i;
    if (a.k === null) return 1;
    if (b.k === null) return -1;
    return (a.k < b.k ? -1 : 1) * sign;
  });
  return keyed.map((x) => x.r);
}

/**
 * Sorted orders of the records shared to a portal, kept per store version like a database
 * index: until the next write a sort is one pass over the index. The shared set depends only
 * on the portal (a viewer who may not view the model never gets here), so viewers of one
 * portal share the index; filters are applied while walking it.
 */
const sortIndexes = new WeakMap<Store, { version: number; orders: Map<string, DataRecord[]> }>();

function sortedShared(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  def: FieldDef,
  direction: 'asc' | 'desc',
): DataRecord[] {
  let cache = sortIndexes.get(store);
  if (!cache || cache.version !== store.version)
    sortIndexes.set(store, (cache = { version: store.version, orders: new Map() }));
  const key = `${viewer.portal.id}|${model}|${def.name}|${direction}`;
  let order = cache.orders.get(key);
  if (!order)
    cache.orders.set(key, (order = sortInPlace(visibleRecords(store, viewer, model), def, direction)));
  return order;
}

/** R3: one page of the records shared to the viewer's portal, projected to viewable fields. */
export function listRecords(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  query: RecordQuery = {},
): Result<RecordPage> {
  const rights = viewer.rights(model);
  if (!rights.view) return refuse('forbidden', `You do not have access to ${model} records.`);
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1)
    return refuse('bad_request', 'limit must be a positive integer.');
  if (limit > MAX_LIMIT) return refuse('limit_too_large', `limit must be at most ${MAX_LIMIT}.`);
  if (query.offset !== undefined && (!Number.isInteger(query.offset) || query.offset < 0))
    return refuse('bad_request', 'offset must be a non-negative integer.');
  const offset = query.cursor === undefined ? (query.offset ?? 0) : decodeCursor(query.cursor);
  if (offset === undefined) return refuse('bad_request', 'The cursor is not valid.');

  const tests: ((record: DataRecord) => boolean)[] = [];
  for (const filter of query.filters ?? []) {
    const def = usableField(viewer, model, filter.field);
    if (!def.ok) return def;
    const test = compileFilter(def.value, filter);
    if (!test.ok) return test;
    tests.push(test.value);
  }
  const q = query.q?.trim().toLowerCase();
  if (q) {
    // Search only ever looks at fields the viewer may see.
    const searchable = rights.viewable.filter((name) => fieldDef(model, name)!.type === 'string');
    tests.push((r) =>
      searchable.some((name) =>
        String(r.fields[name] ?? '')
          .toLowerCase()
          .includes(q),
      ),
    );
  }
  let sortDef: FieldDef | undefined;
  if (query.sort) {
    const def = usableField(viewer, model, query.sort.field);
    if (!def.ok) return def;
    sortDef = def.value;
  }

  const matches: DataRecord[] = [];
  if (sortDef) {
    for (const record of sortedShared(store, viewer, model, sortDef, query.sort!.direction)) {
      if (tests.every((test) => test(record))) matches.push(record);
    }
  } else {
    const shared = sharedPredicate(viewer, model);
    for (const record of store.records(model))
      if (shared(record) && tests.every((test) => test(record))) matches.push(record);
  }

  const project = projection(viewer, model);
  const items = matches.slice(offset, offset + limit).map(project);
  const next = offset + limit;
  return ok({ items, nextCursor: next < matches.length ? encodeCursor(next) : null, total: matches.length });
}

/** R3: one record, or `not_found` exactly as if it did not exist. */
export function getRecord(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  id: string,
): Result<ProjectedRecord> {
  const record = store.record(model, id);
  if (!record || !sharedPredicate(viewer, model)(record)) return notFound();
  return ok(projection(viewer, model)(record));
}

/** A real calendar date, `YYYY-MM-DD` (no 2026-02-30, no month 13, no year 0). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function checkValues(
  viewer: Viewer,
  model: ModelName,
  values: Record<string, unknown>,
): Result<Record<string, FieldValue>> {
  const rights = viewer.rights(model);
  const out: Record<string, FieldValue> = {};
  // Own keys, `__proto__` included: every key that is not a declared field is refused alike.
  for (const name of Object.keys(values)) {
    const value = values[name];
    const def = fieldDef(model, name);
    if (!def || !rights.viewableSet.has(name))
      return refuse('invalid_field', `The field "${name}" cannot be changed.`);
    if (!rights.updatable.has(name)) return refuse('forbidden', `You may not change "${def.label}".`);
    const valid =
      value === null ||
      (def.type === 'string' && typeof value === 'string') ||
      (def.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (def.type === 'boolean' && typeof value === 'boolean') ||
      (def.type === 'date' && typeof value === 'string' && isCalendarDate(value)) ||
      (def.type === 'enum' && typeof value === 'string' && def.options!.includes(value));
    if (!valid)
      return refuse(
        'invalid_value',
        `"${def.label}" needs a ${def.type === 'enum' ? `one of ${def.options!.join(', ')}` : def.type} value.`,
      );
    // R8: text is stored without markup.
    out[name] =
      def.type === 'string' && typeof value === 'string' ? sanitizeStoredText(value) : (value as FieldValue);
  }
  return ok(out);
}

/** R5: update needs model Update and field Update on every changed field; nothing changes on refusal. */
export function updateRecord(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  id: string,
  values: Record<string, unknown>,
  now: Date,
): Result<ProjectedRecord> {
  const record = store.record(model, id);
  if (!record || !sharedPredicate(viewer, model)(record)) return notFound();
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!viewer.rights(model).update) return refuse('forbidden', `You may not change ${model} records.`);
  if (Object.keys(values).length === 0)
    return refuse('bad_request', 'fields: name at least one field to change.');
  const checked = checkValues(viewer, model, values);
  if (!checked.ok) return checked;
  const changes = Object.entries(checked.value)
    .filter(([field, value]) => record.fields[field] !== value)
    .map(([field, to]) => ({ field, from: record.fields[field] ?? null, to }));
  Object.assign(record.fields, checked.value);
  keyFields(record, Object.keys(checked.value));
  auditWrite(store, viewer, now, 'record.update', { type: model, id }, changes);
  store.changedRecord(model, record);
  return ok(projection(viewer, model)(record));
}

/** R5: create needs Create; the new record belongs to the portal's company and is shared to this portal. */
export function createRecord(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  values: Record<string, unknown>,
  now: Date,
): Result<ProjectedRecord> {
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!viewer.rights(model).create) return refuse('forbidden', `You may not create ${model} records.`);
  const checked = checkValues(viewer, model, values);
  if (!checked.ok) return checked;
  const fields = Object.fromEntries(MODELS[model].map((d) => [d.name, checked.value[d.name] ?? null]));
  const record: DataRecord = {
    id: store.newId(model.toLowerCase()),
    companyId: viewer.portal.companyId,
    portalIds: [viewer.portal.id],
    fields,
  };
  store.insertRecord(model, record);
  keyFields(record, Object.keys(fields));
  auditWrite(
    store,
    viewer,
    now,
    'record.create',
    { type: model, id: record.id },
    Object.entries(fields)
      .filter(([, v]) => v !== null)
      .map(([field, to]) => ({ field, from: null, to })),
  );
  return ok(projection(viewer, model)(record));
}

/** R5: remove needs Remove. */
export function removeRecord(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  id: string,
  now: Date,
): Result<{ id: string }> {
  const record = store.record(model, id);
  if (!record || !sharedPredicate(viewer, model)(record)) return notFound();
  const canWrite = writable(viewer);
  if (!canWrite.ok) return canWrite;
  if (!viewer.rights(model).remove) return refuse('forbidden', `You may not remove ${model} records.`);
  store.removeRecord(model, id);
  auditWrite(store, viewer, now, 'record.remove', { type: model, id });
  return ok({ id });
}

const csvCell = (value: FieldValue | undefined) => {
  const text = value == null ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas so an export can't run one.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** R5: export needs Export and holds only shared records and viewable fields. */
export function exportRecords(store: Store, viewer: Viewer, model: ModelName): Result<string> {
  const rights = viewer.rights(model);
  if (!rights.view) return refuse('forbidden', `You do not have access to ${model} records.`);
  if (!rights.export) return refuse('forbidden', `You may not export ${model} records.`);
  const header = ['id', ...rights.viewable].map((h) => csvCell(h)).join(',');
  const rows = visibleRecords(store, viewer, model).map((r) =>
    [csvCell(r.id), ...rights.viewable.map((f) => csvCell(r.fields[f]))].join(','),
  );
  return ok([header, ...rows].join('\r\n') + '\r\n');
}

/** R19: internal users see, per model, which of the company's records are not yet shared. */
export function unsharedRecords(store: Store, viewer: Viewer, model: ModelName): Result<ProjectedRecord[]> {
  if (viewer.person.kind !== 'internal') return refuse('forbidden', 'Only vendor staff can share records.');
  if (!viewer.rights(model).view) return refuse('forbidden', `You do not have access to ${model} records.`);
  const { id: portalId, companyId } = viewer.portal;
  const project = projection(viewer, model);
  const out: ProjectedRecord[] = [];
  for (const r of store.records(model))
    if (r.companyId === companyId && !r.portalIds.includes(portalId)) out.push(project(r));
  return ok(out);
}

/** R19: share or unshare records of the portal's company in bulk. */
export function shareRecords(
  store: Store,
  viewer: Viewer,
  model: ModelName,
  ids: readonly string[],
  shared: boolean,
  now: Date,
): Result<{ changed: number }> {
  if (viewer.person.kind !== 'internal') return refuse('forbidden', 'Only vendor staff can share records.');
  // R20: sharing records of a model needs that model's Update (Portal Super Admin needs nothing more).
  if (!viewer.superAdmin && !viewer.rights(model).update)
    return refuse('forbidden', `Your role may not share ${model} records.`);
  const { id: portalId, companyId } = viewer.portal;
  const records = ids.map((id) => store.record(model, id));
  // All or nothing: one foreign or unknown id refuses the whole request.
  if (records.some((r) => !r || r.companyId !== companyId)) return notFound();
  let changed = 0;
  for (const r of records as DataRecord[]) {
    const has = r.portalIds.includes(portalId);
    if (has === shared) continue;
    r.portalIds = shared ? [...r.portalIds, portalId] : r.portalIds.filter((p) => p !== portalId);
    store.changedRecord(model, r);
    auditWrite(store, viewer, now, shared ? 'record.share' : 'record.unshare', { type: model, id: r.id });
    changed++;
  }
  return ok({ changed });
}
