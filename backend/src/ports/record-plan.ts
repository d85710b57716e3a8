// A plan: what the rules decided a list, count, export or widget may read, as plain data. The
// rules build it (sharing, projection, typed filters, search, sort); a storage evaluates it —
// the memory engine by walking its records (`storage/memory/plans.ts`), PostgreSQL as one
// parameterised query (`storage/postgres/plans.ts`). Neither decides anything the plan does not say.
import type { FieldType, ModelName } from '../world/models.js';
import type { DataRecord } from '../world/schema.js';

export type FieldValue = string | number | boolean | null;
export type ProjectedRecord = { id: string } & Record<string, FieldValue>;
export type FilterOp = 'eq' | 'ne' | 'contains' | 'gte' | 'lte' | 'in';

/** R3: which records of a model a plan may touch — the portal's company, shared to the portal (or, for R19, not). */
export interface PlanScope {
  model: ModelName;
  companyId: string;
  portalId: string;
  /** true: records shared to the portal (R3); false: the company's records not shared to it (R19). */
  shared: boolean;
}

/**
 * A typed filter. `values` are already parsed for the field's type (numbers, booleans, dates,
 * text); for `contains` the one value is lower-cased (`searchText`).
 */
export interface PlanFilter {
  field: string;
  type: FieldType;
  op: FilterOp;
  values: readonly FieldValue[];
}

export interface PlanSort {
  field: string;
  type: FieldType;
  direction: 'asc' | 'desc';
}

export interface RecordPlan {
  scope: PlanScope;
  /** The projection: only these fields leave the storage (R3), in this order. */
  fields: readonly string[];
  filters: readonly PlanFilter[];
  /** Lower-cased text any of `fields` (viewable text fields) must contain. */
  search?: { text: string; fields: readonly string[] };
  /** Absent: insertion order. Present: by the field's sort key, nulls last, ties in insertion order. */
  sort?: PlanSort;
  /** Only the record with this id (a single record read). */
  id?: string;
}

/**
 * The sort key of a record for `sort`: its collation key for text and enums, the value itself
 * for numbers, booleans and dates, null when the record holds no value of the field's type.
 */
export type SortKey = string | number | boolean | null;

/** A page: after the record `after.id` (whose sort key was `after.key`), else from `offset`. */
export interface PageRequest {
  limit: number;
  offset: number;
  after?: { id: string; key: SortKey };
  /** How far a filtered list's matches are counted (default `COUNT_CAP`; 0: not counted). */
  countCap?: number;
}

/**
 * How far the matches of a filtered or searched list are counted: past it a list says
 * "10,000+", and a count costs at most this many rows whatever the portal holds. A whole list
 * (no filter, no search) has its exact total, which a database keeps as records are written.
 */
export const COUNT_CAP = 10_000;

/** Whether a plan reads its whole scope (no filter, no search, not one record): its total is kept. */
export const readsWholeScope = (plan: RecordPlan) =>
  plan.filters.length === 0 && !plan.search && plan.id === undefined;

/**
 * A page's total from `matches` (exact, or counted to one past the cap): the whole scope's
 * exactly, a filtered list's up to the cap. The same for every storage.
 */
export function pageTotal(plan: RecordPlan, page: PageRequest, matches: number) {
  if (readsWholeScope(plan)) return { total: matches, totalExact: true };
  const cap = page.countCap ?? COUNT_CAP;
  return { total: Math.min(matches, cap), totalExact: matches <= cap };
}

export interface PlannedPage {
  items: ProjectedRecord[];
  /** The plan's matches, wherever the page starts: all of them, or a filtered list's up to the cap. */
  total: number;
  /** Whether `total` is every match (false: there are more than `total`). */
  totalExact: boolean;
  /** The last item's sort key, for the next cursor. */
  lastKey: SortKey;
  /** Matches follow the page. */
  more: boolean;
}

export type Aggregate =
  | { kind: 'count' }
  /**
   * The sum and the count of the numbers in `field`, added in insertion order (float addition is
   * not associative: one order gives every storage the same last bit).
   */
  | { kind: 'numbers'; field: string }
  /**
   * Per value of `by` (its text, '' for none; the first 7 characters — the month — when `month`):
   * the count of records, or the sum of the numbers in `sum`.
   */
  | { kind: 'groups'; by: string; month: boolean; sum?: string };

export type AggregateResult =
  | { kind: 'count'; count: number }
  | { kind: 'numbers'; sum: number; count: number }
  | { kind: 'groups'; groups: [key: string, value: number][] };

/** How a storage evaluates plans. */
export interface RecordReader {
  /**
   * One page, or `undefined` when `after` names no record this model held for the scope's
   * company (a record of another company answers alike: R3).
   */
  page(plan: RecordPlan, page: PageRequest): Promise<PlannedPage | undefined>;
  /** Every match in order (export, the unshared list). */
  all(plan: RecordPlan): Promise<ProjectedRecord[]>;
  aggregate(plan: RecordPlan, aggregate: Aggregate): Promise<AggregateResult>;
}

/** Groups in the order widgets show them: by key, in code-unit order. */
export const byGroupKey = ([a]: [string, number], [b]: [string, number]) => (a < b ? -1 : a > b ? 1 : 0);

/** R3 (and R19 for `shared: false`): whether a record is in the plan's scope. */
export function inScope(plan: RecordPlan): (record: DataRecord) => boolean {
  const { companyId, portalId, shared } = plan.scope;
  return (record) => record.companyId === companyId && record.portalIds.includes(portalId) === shared;
}

/** R3: only these fields (a plan's projection) leave the storage. */
export function projector(fields: readonly string[]): (record: DataRecord) => ProjectedRecord {
  return (record) => {
    const out: ProjectedRecord = { id: record.id };
    for (const name of fields) out[name] = record.fields[name] ?? null;
    return out;
  };
}
