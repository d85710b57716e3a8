// R3, R5, R19: records shared to a portal, their fields, queries over them and writes.
// Reads of many records (lists, counts, exports, widgets) are decided here as a plan — sharing,
// projection, typed filters, search, sort — that the storage evaluates (`record-plan.ts`);
// a single record and writes are decided on the store.
import { decodeCursorJson, encodeCursorJson } from './cursors.js';
import { searchText } from '../world/collation.js';
import {
  checkValue,
  isCalendarDate,
  isFreeText,
  kindOf,
  labelIn,
  storedInstant,
  type FieldDef,
  type ModelName,
} from '../world/models.js';
import type { DataRecord } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { auditWrite } from './audit.js';
import {
  inScope,
  projector,
  type FieldValue,
  type FilterOp,
  type PageRequest,
  type PlanFilter,
  type ProjectedRecord,
  type RecordPlan,
  type RecordReader,
  type SortKey,
} from '../ports/record-plan.js';
import { notFound, ok, refuse, type Result } from './refusal.js';
import { sharedPage } from './content.js';
import { spreadsheet } from './spreadsheet.js';
import { manageRead, manageWrite, writable, type Viewer } from './viewer.js';

export type { FieldValue, FilterOp, ProjectedRecord } from '../ports/record-plan.js';

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
  /** Every match, or — a filtered list past `COUNT_CAP` — that many and more (`totalExact` false). */
  total: number;
  totalExact: boolean;
}

export const MAX_LIMIT = 500;

/** R3: the one predicate deciding whether a record reaches this viewer (the shared plan's scope). */
export function sharedPredicate(viewer: Viewer, model: ModelName): (record: DataRecord) => boolean {
  const plan = sharedPlan(viewer, model);
  return plan ? inScope(plan) : () => false;
}

/** R3: the one projection: only fields the role may view leave the server. */
export function projection(viewer: Viewer, model: ModelName): (record: DataRecord) => ProjectedRecord {
  return projector(viewer.rights(model).viewable);
}

/**
 * R3: the plan of every record of `model` shared to the viewer's portal, projected to the fields
 * the role may view; `undefined` when the role may not view the model at all. R19 (`shared:
 * false`): the company's records not shared to the portal.
 */
export function sharedPlan(viewer: Viewer, model: ModelName, shared = true): RecordPlan | undefined {
  const rights = viewer.rights(model);
  if (!rights.view) return undefined;
  const { id: portalId, companyId } = viewer.portal;
  return { scope: { model, companyId, portalId, shared }, fields: rights.viewable, filters: [] };
}

/** Unknown and hidden fields answer alike, so the refusal tells nothing about hidden data. */
function usableField(viewer: Viewer, model: ModelName, field: string): Result<FieldDef> {
  const def = viewer.schema.field(model, field);
  if (!def || !viewer.rights(model).viewableSet.has(field)) {
    return refuse('invalid_field', `The field "${field}" cannot be used to sort, filter or search.`);
  }
  return ok(def);
}

/** A filter as the client wrote it, typed for the field — or why it does not apply. */
function planFilter(def: FieldDef, filter: RecordFilter): Result<PlanFilter> {
  const { op, value } = filter;
  const kind = kindOf(def.type);
  const planned = (values: FieldValue[]) => ok<PlanFilter>({ field: def.name, type: def.type, op, values });
  const bad = () =>
    refuse<never>('bad_request', `The filter "${op}" does not apply to the ${def.type} field "${def.name}".`);
  if (op === 'contains') return isFreeText(def.type) ? planned([searchText(value)]) : bad();
  const parse = (raw: string): Result<FieldValue> => {
    if (kind === 'number') {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n)
        ? ok(n)
        : refuse('bad_request', `"${raw}" is not a number.`);
    }
    if (kind === 'boolean') {
      return raw === 'true' || raw === 'false'
        ? ok(raw === 'true')
        : refuse('bad_request', `"${raw}" is not true or false.`);
    }
    if (def.type === 'date' && !isCalendarDate(raw)) return refuse('bad_request', `"${raw}" is not a date.`);
    if (def.type === 'datetime') {
      // Compared as stored: UTC with milliseconds.
      const instant = storedInstant(raw);
      return instant
        ? ok(instant)
        : refuse('bad_request', `"${raw}" is not a date and time with its offset.`);
    }
    return ok(raw);
  };
  if ((op === 'gte' || op === 'lte') && (kind === 'boolean' || def.type === 'enum')) return bad();
  const values: FieldValue[] = [];
  for (const part of op === 'in' ? value.split('|') : [value]) {
    const parsed = parse(part);
    if (!parsed.ok) return parsed;
    // -0 and 0 are one number to a filter (and to JSON).
    values.push(parsed.value === 0 ? 0 : parsed.value);
  }
  return planned(values);
}

/**
 * A cursor names the last record of a page and its sort key, and the sort it belongs to:
 * the next page starts after that record in that order, whatever was written meanwhile
 * (keyset pagination — no record skipped or shown twice when rows are added before it).
 */
interface Cursor {
  sort: string;
  key: SortKey;
  id: string;
}

const sortName = (sort: RecordQuery['sort']) =>
  sort ? `${sort.direction === 'desc' ? '-' : ''}${sort.field}` : '';

function encodeCursor(cursor: Cursor): string {
  return encodeCursorJson({ s: cursor.sort, k: cursor.key, i: cursor.id });
}

function decodeCursor(text: string, sortType: FieldDef['type'] | undefined): Cursor | undefined {
  const parsed = decodeCursorJson(text);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { s, k, i } = parsed as { s?: unknown; k?: unknown; i?: unknown };
  if (typeof s !== 'string' || typeof i !== 'string') return undefined;
  const kind = sortType === undefined ? undefined : kindOf(sortType);
  const keyType = kind === undefined ? 'null' : kind === 'number' || kind === 'boolean' ? kind : 'string';
  const key = k === undefined ? null : k;
  if (key !== null && (typeof key !== keyType || (typeof key === 'number' && !Number.isFinite(key))))
    return undefined;
  return { sort: s, key: key as SortKey, id: i };
}

/** The plan of a list query: its filters, search and sort, on fields the viewer may use (R3). */
function queryPlan(
  viewer: Viewer,
  model: ModelName,
  base: RecordPlan,
  query: RecordQuery,
): Result<RecordPlan> {
  const filters: PlanFilter[] = [];
  for (const filter of query.filters ?? []) {
    const def = usableField(viewer, model, filter.field);
    if (!def.ok) return def;
    const planned = planFilter(def.value, filter);
    if (!planned.ok) return planned;
    filters.push(planned.value);
  }
  const plan: RecordPlan = { ...base, filters };
  const q = query.q?.trim();
  if (q) {
    // Search only ever looks at fields the viewer may see.
    const fields = base.fields.filter((name) => isFreeText(viewer.schema.field(model, name)!.type));
    plan.search = { text: searchText(q), fields };
  }
  if (query.sort) {
    const def = usableField(viewer, model, query.sort.field);
    if (!def.ok) return def;
    plan.sort = { field: def.value.name, type: def.value.type, direction: query.sort.direction };
  }
  return ok(plan);
}

/** R3: one page of the records shared to the viewer's portal, projected to viewable fields. */
export async function listRecords(
  viewer: Viewer,
  reader: RecordReader,
  model: ModelName,
  query: RecordQuery = {},
): Promise<Result<RecordPage>> {
  const base = sharedPlan(viewer, model);
  if (!base) return refuse('forbidden', `You do not have access to ${model} records.`);
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1)
    return refuse('bad_request', 'limit must be a positive integer.');
  if (limit > MAX_LIMIT) return refuse('limit_too_large', `limit must be at most ${MAX_LIMIT}.`);
  if (query.offset !== undefined && (!Number.isInteger(query.offset) || query.offset < 0))
    return refuse('bad_request', 'offset must be a non-negative integer.');

  const planned = queryPlan(viewer, model, base, query);
  if (!planned.ok) return planned;
  const plan = planned.value;
  let after: Cursor | undefined;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor, plan.sort?.type);
    if (!after) return refuse('bad_request', 'The cursor is not valid.');
    if (after.sort !== sortName(query.sort))
      return refuse('bad_request', 'The cursor belongs to another sort order: start from the first page.');
  }

  const page = await reader.page(plan, {
    limit,
    offset: after ? 0 : (query.offset ?? 0),
    ...(after ? { after: { id: after.id, key: after.key } } : {}),
  });
  if (!page) return refuse('bad_request', 'The cursor is not valid.');
  const last = page.items.at(-1);
  const nextCursor =
    page.more && last ? encodeCursor({ sort: sortName(query.sort), key: page.lastKey, id: last.id }) : null;
  return ok({ items: page.items, nextCursor, total: page.total, totalExact: page.totalExact });
}

/** R3: one record, or `not_found` exactly as if it did not exist. */
export async function getRecord(
  viewer: Viewer,
  reader: RecordReader,
  model: ModelName,
  id: string,
): Promise<Result<ProjectedRecord>> {
  const plan = sharedPlan(viewer, model);
  if (!plan) return notFound();
  const [record] = await reader.all({ ...plan, id });
  return record ? ok(record) : notFound();
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
    const def = viewer.schema.field(model, name);
    if (!def || !rights.viewableSet.has(name))
      return refuse('invalid_field', `The field "${name}" cannot be changed.`);
    if (!rights.updatable.has(name)) return refuse('forbidden', `You may not change "${def.label}".`);
    // Values are checked against their field: type, required, range, whole numbers, length (#23, #25).
    const checked = checkValue(def, value);
    if (!checked.ok) return refuse('invalid_value', checked.reason);
    // R8: text is kept as typed (markup that would run was refused with the request).
    out[name] = checked.value;
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
  const defs = viewer.schema.fields(model);
  // A required field left out is refused like one sent empty.
  const rights = viewer.rights(model);
  for (const def of defs)
    if (def.constraints?.required && (checked.value[def.name] ?? null) === null)
      // A field the role may not view is not named (R3): only that something is missing.
      return rights.viewableSet.has(def.name)
        ? refuse('invalid_value', `"${labelIn(def, viewer.locale)}" is required.`)
        : refuse(
            'forbidden',
            `You may not create ${model} records: one of its required fields is not yours to set.`,
          );
  const fields = Object.fromEntries(defs.map((d) => [d.name, checked.value[d.name] ?? null]));
  const record: DataRecord = {
    id: store.newId(model.toLowerCase()),
    companyId: viewer.portal.companyId,
    portalIds: [viewer.portal.id],
    fields,
  };
  store.insertRecord(model, record);
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

/** The most records one export holds; more is refused, asking for a narrower list. */
export const EXPORT_MAX_RECORDS = 50_000;

/**
 * R5: export needs Export and holds only shared records and viewable fields — here, what the
 * person sees: the list's search, filters and sort, the page's columns with their labels, values
 * for a spreadsheet in their locale (see ./spreadsheet.ts).
 */
export async function exportRecords(
  store: Store,
  viewer: Viewer,
  reader: RecordReader,
  model: ModelName,
  query: RecordQuery,
  format: { locale: string; pageId?: string | null | undefined },
): Promise<Result<string>> {
  const base = sharedPlan(viewer, model);
  if (!base) return refuse('forbidden', `You do not have access to ${model} records.`);
  if (!viewer.rights(model).export) return refuse('forbidden', `You may not export ${model} records.`);
  const planned = queryPlan(viewer, model, base, query);
  if (!planned.ok) return planned;
  const plan = planned.value;
  // Through a table page of this model shared to the person: its columns, in its order, of those
  // the role may view (R3); else every viewable field.
  let configured: readonly string[] | undefined;
  if (format.pageId) {
    const shown = sharedPage(store, viewer, format.pageId);
    if (!shown.ok) return shown;
    const { page } = shown.value;
    if (page.type === 'table' && page.model === model) configured = page.columns;
  }
  const viewable = new Set(plan.fields);
  const columns = configured?.filter((name) => viewable.has(name)) ?? plan.fields;
  const defs = columns.map((name) => viewer.schema.field(model, name)!);
  const sheet = spreadsheet(format.locale);
  const lines = [sheet.row(defs.map((d) => ({ value: labelIn(d, format.locale), def: undefined })))];
  // Page by page in the list's order (keyset), so an export costs what scrolling would.
  let after: PageRequest['after'];
  for (;;) {
    // Counted once, on the first page, up to one past the limit.
    const countCap = after ? 0 : EXPORT_MAX_RECORDS;
    const page = await reader.page(plan, {
      limit: MAX_LIMIT,
      offset: 0,
      countCap,
      ...(after ? { after } : {}),
    });
    // The record the last page ended on was removed meanwhile: never answer half a list.
    if (!page) return refuse('list_changed');
    if (!after && (page.total > EXPORT_MAX_RECORDS || !page.totalExact))
      return refuse(
        'limit_too_large',
        `An export holds at most ${EXPORT_MAX_RECORDS} records; this list has ${page.totalExact ? page.total : `more than ${EXPORT_MAX_RECORDS}`}. Narrow it with search or filters.`,
      );
    for (const record of page.items)
      lines.push(sheet.row(defs.map((def) => ({ value: record[def.name], def }))));
    const last = page.items.at(-1);
    if (!page.more || !last) break;
    after = { id: last.id, key: page.lastKey };
  }
  return ok(sheet.file(lines));
}

/** R19: internal users see, per model, which of the company's records are not yet shared. */
export async function unsharedRecords(
  viewer: Viewer,
  reader: RecordReader,
  model: ModelName,
): Promise<Result<ProjectedRecord[]>> {
  // R20: management data: staff who may open the portal read it.
  const may = manageRead(viewer);
  if (!may.ok) return may;
  const plan = sharedPlan(viewer, model, false);
  if (!plan) return refuse('forbidden', `You do not have access to ${model} records.`);
  return ok(await reader.all(plan));
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
  // R20: sharing is a management write, and sharing records of a model needs that model's Update
  // (Portal Super Admin needs nothing more).
  const may = manageWrite(viewer);
  if (!may.ok) return may;
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
