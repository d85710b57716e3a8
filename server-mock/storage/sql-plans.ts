// Record plans compiled to SQL: one parameterised statement per list page, export, count or
// widget. Sharing is the indexed predicate on `company_id` and `portal_ids` (never a list of
// ids), the projection selects only the plan's fields, and every comparison follows the memory
// engine's semantics (`memory-plans.ts`): text sorts by the stored collation key under
// COLLATE "C", search and `contains` look in the stored lower-cased text, nulls sort last in
// both directions, ties in insertion order (`ord`). Field names travel as parameters too.
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
} from '../rules/record-plan.js';
import { byGroupKey } from '../rules/record-plan.js';
import { collationKey, searchText } from '../world/collation.js';
import { MODELS, type FieldType, type ModelName } from '../world/models.js';
import type { DataRecord } from '../world/schema.js';
import type { Queryable } from './database.js';

/** Collects parameters while a statement is written: `p(value)` is its placeholder. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

const SQL_TYPE: Record<FieldType, string> = {
  string: 'text',
  enum: 'text',
  date: 'text',
  number: 'float8',
  boolean: 'boolean',
};
const JSON_TYPE: Record<FieldType, string> = {
  string: 'string',
  enum: 'string',
  date: 'string',
  number: 'number',
  boolean: 'boolean',
};

/** The field's value when it holds one of its type, else NULL (never a failing cast). */
function valueOf(params: Params, field: string, type: FieldType): string {
  const f = params.p(field, 'text');
  const cast = SQL_TYPE[type] === 'text' ? '' : `::${SQL_TYPE[type]}`;
  return `(CASE WHEN json_typeof(fields->${f}) = '${JSON_TYPE[type]}' THEN (fields->>${f})${cast} END)`;
}

function filterSql(params: Params, filter: PlanFilter): string {
  const { field, type, op, values } = filter;
  const sqlType = SQL_TYPE[type];
  if (op === 'contains')
    return `(strpos(search_text->>${params.p(field, 'text')}, ${params.p(values[0], 'text')}) > 0)`;
  const value = valueOf(params, field, type);
  const collate = sqlType === 'text' ? ' COLLATE "C"' : '';
  switch (op) {
    case 'eq':
      return `(${value} = ${params.p(values[0], sqlType)})`;
    case 'ne':
      return `(${value} IS DISTINCT FROM ${params.p(values[0], sqlType)})`;
    case 'in':
      return `(${value} = ANY(${params.p(values, `${sqlType}[]`)}))`;
    case 'gte':
      return `(${value}${collate} >= ${params.p(values[0], sqlType)})`;
    case 'lte':
      return `(${value}${collate} <= ${params.p(values[0], sqlType)})`;
  }
}

/** R3 (or R19) scope, filters and search: the WHERE clause of every statement of a plan. */
function whereSql(params: Params, plan: RecordPlan): string {
  const { model, companyId, portalId, shared } = plan.scope;
  const share = `portal_ids @> ARRAY[${params.p(portalId, 'text')}]`;
  const parts = [
    `model = ${params.p(model, 'text')}`,
    `company_id = ${params.p(companyId, 'text')}`,
    'NOT removed',
    shared ? share : `NOT (${share})`,
    ...plan.filters.map((filter) => filterSql(params, filter)),
  ];
  if (plan.id !== undefined) parts.push(`id = ${params.p(plan.id, 'text')}`);
  if (plan.search?.fields.length) {
    const text = params.p(plan.search.text, 'text');
    const any = plan.search.fields.map((f) => `strpos(search_text->>${params.p(f, 'text')}, ${text}) > 0`);
    parts.push(`(${any.join(' OR ')})`);
  } else if (plan.search) {
    // No text the viewer may see: nothing matches.
    parts.push('false');
  }
  return parts.join(' AND ');
}

/** The sort key expression (see `SortKey`): the stored collation key for text and enums. */
function sortKeySql(params: Params, plan: RecordPlan): string {
  const sort = plan.sort!;
  if (sort.type === 'string' || sort.type === 'enum') return `(sort_keys->>${params.p(sort.field, 'text')})`;
  return valueOf(params, sort.field, sort.type);
}

const projectionSql = (params: Params, plan: RecordPlan) =>
  `json_build_array(${plan.fields.map((f) => `fields->${params.p(f, 'text')}`).join(', ')})`;

function projected(plan: RecordPlan, id: string, values: FieldValue[] | null): ProjectedRecord {
  const out: ProjectedRecord = { id };
  plan.fields.forEach((name, i) => (out[name] = values?.[i] ?? null));
  return out;
}

/** Plans evaluated by the database `q()` returns (a write's transaction inside a write). */
export class SqlRecordReader implements RecordReader {
  readonly #q: () => Queryable;
  constructor(q: () => Queryable) {
    this.#q = q;
  }

  async page(plan: RecordPlan, page: PageRequest): Promise<PlannedPage | undefined> {
    const params = new Params();
    const where = whereSql(params, plan);
    const key = plan.sort ? sortKeySql(params, plan) : 'NULL::text';
    const direction = plan.sort?.direction === 'desc' ? 'DESC' : 'ASC';
    const collate = plan.sort && SQL_TYPE[plan.sort.type] === 'text' ? ' COLLATE "C"' : '';
    const order = plan.sort ? `m.k${collate} ${direction} NULLS LAST, m.ord` : 'm.ord';
    let after = '';
    let keyset = 'true';
    if (page.after) {
      // The cursor's record, looked up among the company's records (removed ones included).
      after = `LEFT JOIN LATERAL (SELECT ord FROM pk_records
        WHERE model = ${params.p(plan.scope.model, 'text')} AND id = ${params.p(page.after.id, 'text')}
          AND company_id = ${params.p(plan.scope.companyId, 'text')}) c ON true`;
      const tie = `(m.ord > c.ord)`;
      if (!plan.sort) keyset = tie;
      else if (page.after.key === null) keyset = `(m.k IS NULL AND ${tie})`;
      else {
        const cursorKey = params.p(page.after.key, SQL_TYPE[plan.sort.type]);
        const past = direction === 'ASC' ? '>' : '<';
        keyset = `(m.k${collate} ${past} ${cursorKey} OR m.k IS NULL OR (m.k = ${cursorKey} AND ${tie}))`;
      }
    }
    const offset = page.after ? 0 : page.offset;
    const sql = `
      WITH m AS (
        SELECT id, ord, ${key} AS k, ${projectionSql(params, plan)} AS vals FROM pk_records WHERE ${where}
      )
      SELECT t.total, ${page.after ? 'c.ord' : 'NULL::bigint'} AS after_ord, p.id, p.k, p.vals
        FROM (SELECT count(*)::int AS total FROM m) t
        ${after}
        LEFT JOIN LATERAL (
          SELECT m.id, m.k, m.vals FROM m WHERE ${keyset}
          ORDER BY ${order}
          LIMIT ${params.p(page.limit + 1, 'int')} OFFSET ${params.p(offset, 'int')}
        ) p ON true`;
    const rows = await this.#q().query<{
      total: number;
      after_ord: number | null;
      id: string | null;
      k: SortKey;
      vals: FieldValue[] | null;
    }>(sql, params.values);
    if (page.after && rows[0]!.after_ord === null) return undefined;
    const found = rows.filter((row) => row.id !== null);
    const items = found.slice(0, page.limit);
    return {
      items: items.map((row) => projected(plan, row.id!, row.vals)),
      total: rows[0]!.total,
      lastKey: plan.sort && items.length ? items.at(-1)!.k : null,
      more: found.length > page.limit,
    };
  }

  async all(plan: RecordPlan): Promise<ProjectedRecord[]> {
    const params = new Params();
    const where = whereSql(params, plan);
    const rows = await this.#q().query<{ id: string; vals: FieldValue[] }>(
      `SELECT id, ${projectionSql(params, plan)} AS vals FROM pk_records WHERE ${where} ORDER BY ord`,
      params.values,
    );
    return rows.map((row) => projected(plan, row.id, row.vals));
  }

  async aggregate(plan: RecordPlan, aggregate: Aggregate): Promise<AggregateResult> {
    const params = new Params();
    switch (aggregate.kind) {
      case 'count': {
        const where = whereSql(params, plan);
        const [row] = await this.#q().query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pk_records WHERE ${where}`,
          params.values,
        );
        return { kind: 'count', count: row!.count };
      }
      case 'numbers': {
        const n = valueOf(params, aggregate.field, 'number');
        const where = whereSql(params, plan);
        // Added in insertion order: the same floating-point sum as the memory engine's.
        const [row] = await this.#q().query<{ sum: number; count: number }>(
          `SELECT coalesce(sum(n ORDER BY ord), 0)::float8 AS sum, count(n)::int AS count
             FROM (SELECT ord, ${n} AS n FROM pk_records WHERE ${where}) x`,
          params.values,
        );
        return { kind: 'numbers', sum: row!.sum, count: row!.count };
      }
      case 'groups': {
        const by = params.p(aggregate.by, 'text');
        const text = `coalesce(fields->>${by}, '')`;
        const group = aggregate.month ? `left(${text}, 7)` : text;
        const value = aggregate.sum
          ? `coalesce(${valueOf(params, aggregate.sum, 'number')}, 0)`
          : '1::float8';
        const where = whereSql(params, plan);
        const rows = await this.#q().query<{ key: string; value: number }>(
          `SELECT g AS key, sum(v ORDER BY ord)::float8 AS value
             FROM (SELECT ord, ${group} AS g, ${value} AS v FROM pk_records WHERE ${where}) x GROUP BY g`,
          params.values,
        );
        return {
          kind: 'groups',
          groups: rows.map((r): [string, number] => [r.key, r.value]).sort(byGroupKey),
        };
      }
    }
  }
}

/**
 * The derived columns stored beside a record's fields: the collation key of each text or enum
 * value (`sort_keys`) and the lower-cased text of each text value (`search_text`).
 */
export function derivedColumns(model: string, record: DataRecord | undefined) {
  const sortKeys: Record<string, string> = {};
  const search: Record<string, string> = {};
  for (const def of MODELS[model as ModelName] ?? []) {
    const value = record?.fields[def.name];
    if (typeof value !== 'string') continue;
    if (def.type === 'string' || def.type === 'enum') sortKeys[def.name] = collationKey(value);
    if (def.type === 'string') search[def.name] = searchText(value);
  }
  return { sort_keys: JSON.stringify(sortKeys), search_text: JSON.stringify(search) };
}
