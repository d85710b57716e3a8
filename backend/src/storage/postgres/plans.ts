// Record plans compiled to SQL: one parameterised statement per list page, export, count or
// widget. Sharing is the indexed predicate on `company_id` and `portal_ids` (never a list of
// ids), the projection selects only the plan's fields, and every comparison follows the memory
// engine's semantics (`memory/plans.ts`): text sorts by the stored collation key under
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
} from '../../ports/record-plan.js';
import { byGroupKey, COUNT_CAP, pageTotal, readsWholeScope } from '../../ports/record-plan.js';
import { collationKey, searchText } from '../../world/collation.js';
import { isFreeText, kindOf, type FieldDef, type FieldType, type ValueKind } from '../../world/models.js';
import { ExactSum } from '../../world/exact-sum.js';
import type { DataRecord } from '../../world/schema.js';
import type { Queryable } from './database.js';

/** Collects parameters while a statement is written: `p(value)` is its placeholder. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

const SQL_TYPE: Record<ValueKind, string> = {
  collated: 'text',
  iso: 'text',
  number: 'float8',
  boolean: 'boolean',
};
const JSON_TYPE: Record<ValueKind, string> = {
  collated: 'string',
  iso: 'string',
  number: 'number',
  boolean: 'boolean',
};

/** The field's value when it holds one of its type, else NULL (never a failing cast). */
function valueOf(params: Params, field: string, type: FieldType | 'number'): string {
  const kind = type === 'number' ? 'number' : kindOf(type);
  const f = params.p(field, 'text');
  const cast = SQL_TYPE[kind] === 'text' ? '' : `::${SQL_TYPE[kind]}`;
  return `(CASE WHEN jsonb_typeof(fields->${f}) = '${JSON_TYPE[kind]}' THEN (fields->>${f})${cast} END)`;
}

/** A number field's value as the exact decimal jsonb keeps (NULL when it holds no number). */
function exactNumberOf(params: Params, field: string): string {
  const f = params.p(field, 'text');
  return `(CASE WHEN jsonb_typeof(fields->${f}) = 'number' THEN (fields->${f})::numeric END)`;
}

function filterSql(params: Params, filter: PlanFilter): string {
  const { field, type, op, values } = filter;
  const sqlType = SQL_TYPE[kindOf(type)];
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
function whereSql(params: Params, tenant: string, plan: RecordPlan): string {
  const { model, companyId, portalId, shared } = plan.scope;
  const share = `portal_ids @> ARRAY[${params.p(portalId, 'text')}]`;
  const parts = [
    `tenant_id = ${params.p(tenant, 'text')}`,
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

/**
 * The number of records in a plan's whole scope, from the totals the writes keep
 * (`pk_record_counts`: per model, company and portal, and per company under portal ''): one
 * index read, however many records the scope holds.
 */
function keptTotalSql(params: Params, tenant: string, plan: RecordPlan): string {
  const { model, companyId, portalId, shared } = plan.scope;
  const kept = (portal: string) =>
    `coalesce((SELECT n FROM pk_record_counts WHERE tenant_id = ${params.p(tenant, 'text')}
       AND model = ${params.p(model, 'text')} AND company_id = ${params.p(companyId, 'text')}
       AND portal_id = ${params.p(portal, 'text')}), 0)`;
  return shared ? kept(portalId) : `(${kept('')} - ${kept(portalId)})`;
}

/**
 * The sum and count of a field's numbers in the records shared with a portal, from the sums the
 * writes keep (`pk_record_sums`): one index read, however many records the portal holds.
 */
function keptSumSql(params: Params, tenant: string, plan: RecordPlan, field: string): string {
  const { model, companyId, portalId } = plan.scope;
  return `SELECT coalesce(sum(total), 0)::text AS sum, coalesce(sum(n), 0)::int AS count
            FROM pk_record_sums WHERE tenant_id = ${params.p(tenant, 'text')}
             AND model = ${params.p(model, 'text')} AND company_id = ${params.p(companyId, 'text')}
             AND portal_id = ${params.p(portalId, 'text')} AND field = ${params.p(field, 'text')}`;
}

/**
 * Whether a page reads the sort field's order (`pk_record_order`): a portal's whole list sorted
 * by a field, from its start or a cursor. Filters, search, the company's unshared records (R19)
 * and offsets read the records.
 */
const readsOrder = (plan: RecordPlan, page: PageRequest) =>
  plan.sort !== undefined &&
  plan.scope.shared &&
  readsWholeScope(plan) &&
  (page.after !== undefined || page.offset === 0);

/**
 * Whether a filtered count reads the filter's field order: one equality or range filter on a
 * number, date or boolean (text filters compare the text itself, not its collation key), no
 * search, in a portal's list.
 */
const countsByOrder = (plan: RecordPlan) =>
  plan.scope.shared &&
  plan.id === undefined &&
  !plan.search &&
  plan.filters.length === 1 &&
  kindOf(plan.filters[0]!.type) !== 'collated' &&
  ['eq', 'in', 'gte', 'lte'].includes(plan.filters[0]!.op);

/**
 * Whether a record of the plan's company holds a key of `field` too long for the order (one probe
 * of a partial index): then the order lacks it, and the list reads the matches instead.
 */
function longKeysSql(params: Params, tenant: string, plan: RecordPlan, field: string): string {
  return `EXISTS (SELECT 1 FROM pk_records WHERE tenant_id = ${params.p(tenant, 'text')}
    AND model = ${params.p(plan.scope.model, 'text')} AND company_id = ${params.p(plan.scope.companyId, 'text')}
    AND long_keys IS NOT NULL AND long_keys @> ARRAY[${params.p(field, 'text')}] AND NOT removed)`;
}

/** What `#orderedPage` answers when the order lacks a record (see `longKeysSql`). */
const LONG = Symbol('a key too long for the order');

/** The number of a list of the fields' order (`pk_order_lists`): a portal's records by a field. */
function listSql(params: Params, tenant: string, plan: RecordPlan, field: string): string {
  const { model, companyId, portalId } = plan.scope;
  return `(SELECT id FROM pk_order_lists WHERE tenant_id = ${params.p(tenant, 'text')}
    AND model = ${params.p(model, 'text')} AND company_id = ${params.p(companyId, 'text')}
    AND portal_id = ${params.p(portalId, 'text')} AND field = ${params.p(field, 'text')})`;
}

/**
 * A filtered count (see `countsByOrder`) as a range of the field's order, to one past the cap
 * (`cap`), or as `matches` counts it when a key of the field was too long for the order.
 */
function orderedCountSql(params: Params, tenant: string, plan: RecordPlan, cap: string, matches: string) {
  const { field, type, op, values } = plan.filters[0]!;
  const keys = values.map((v) => orderKey(kindOf(type), v) ?? null);
  const range = {
    eq: () => `k = ${params.p(keys[0], 'text')}`,
    in: () => `k = ANY(${params.p(keys, 'text[]')})`,
    gte: () => `k >= ${params.p(keys[0], 'text')}`,
    lte: () => `k <= ${params.p(keys[0], 'text')}`,
  }[op as 'eq' | 'in' | 'gte' | 'lte']();
  // In key order: a range of the index. Unordered, the planner may read the table instead,
  // guessing the cap is soon reached when the tenant holds little besides this portal.
  return `(CASE WHEN ${longKeysSql(params, tenant, plan, field)}
     THEN ${matches}
     ELSE (SELECT count(*) FROM (SELECT 1 FROM pk_record_order WHERE tenant_id = ${params.p(tenant, 'text')}
       AND list = ${listSql(params, tenant, plan, field)} AND ${range}
       ORDER BY k LIMIT ${cap}) ordered) END)`;
}

/** The sort key expression (see `SortKey`): the stored collation key for text and enums. */
function sortKeySql(params: Params, plan: RecordPlan): string {
  const sort = plan.sort!;
  if (kindOf(sort.type) === 'collated') return `(sort_keys->>${params.p(sort.field, 'text')})`;
  return valueOf(params, sort.field, sort.type);
}

const projectionSql = (params: Params, plan: RecordPlan) =>
  `jsonb_build_array(${plan.fields.map((f) => `fields->${params.p(f, 'text')}`).join(', ')})`;

function projected(plan: RecordPlan, id: string, values: FieldValue[] | null): ProjectedRecord {
  const out: ProjectedRecord = { id };
  plan.fields.forEach((name, i) => (out[name] = values?.[i] ?? null));
  return out;
}

/**
 * A page statement's rows: its total and the cursor's place on each, then the page's records
 * (none: one row with `id` null), one more than the page asked for when there are more.
 */
interface PageRow {
  total: number;
  after_ord: number | null;
  id: string | null;
  k: SortKey;
  vals: FieldValue[] | null;
}

/** The page `rows` hold; undefined when the cursor's record is not in the company's. */
function pageOf(plan: RecordPlan, page: PageRequest, rows: PageRow[]): PlannedPage | undefined {
  if (page.after && rows[0]!.after_ord === null) return undefined;
  const found = rows.filter((row) => row.id !== null);
  const items = found.slice(0, page.limit);
  return {
    items: items.map((row) => projected(plan, row.id!, row.vals)),
    ...pageTotal(plan, page, rows[0]!.total),
    lastKey: plan.sort && items.length ? items.at(-1)!.k : null,
    more: found.length > page.limit,
  };
}

/** Plans evaluated by the database `q()` returns (a write's transaction inside a write). */
export class SqlRecordReader implements RecordReader {
  readonly #q: () => Queryable;
  readonly #tenant: string;
  readonly #hashing: <T>(work: (q: Queryable) => Promise<T>) => Promise<T>;
  /**
   * `hashing` runs statements in a transaction that groups by hashing, not sorting (see
   * `aggregate`); without it (a test reading one statement) they run as they are.
   */
  constructor(
    q: () => Queryable,
    tenant: string,
    hashing?: <T>(work: (q: Queryable) => Promise<T>) => Promise<T>,
  ) {
    this.#q = q;
    this.#tenant = tenant;
    this.#hashing = hashing ?? ((work) => work(q()));
  }

  async page(plan: RecordPlan, page: PageRequest): Promise<PlannedPage | undefined> {
    if (readsOrder(plan, page)) {
      const ordered = await this.#orderedPage(plan, page);
      if (ordered !== LONG) return ordered;
    }
    const params = new Params();
    // One WHERE, used twice (the count and the page): its placeholders are shared.
    const where = whereSql(params, this.#tenant, plan);
    const key = plan.sort ? sortKeySql(params, plan) : 'NULL::text';
    const direction = plan.sort?.direction === 'desc' ? 'DESC' : 'ASC';
    const collate = plan.sort && SQL_TYPE[kindOf(plan.sort.type)] === 'text' ? ' COLLATE "C"' : '';
    const orderBy = (k: string, ord: string) =>
      plan.sort ? `${k}${collate} ${direction} NULLS LAST, ${ord}` : ord;
    let afterOrd = 'NULL::bigint';
    let keyset = 'true';
    if (page.after) {
      // The cursor's record, looked up among the company's records (removed ones included).
      afterOrd = `(SELECT ord FROM pk_records WHERE tenant_id = ${params.p(this.#tenant, 'text')}
        AND model = ${params.p(plan.scope.model, 'text')}
        AND id = ${params.p(page.after.id, 'text')} AND company_id = ${params.p(plan.scope.companyId, 'text')})`;
      const tie = `ord > ${afterOrd}`;
      if (!plan.sort) keyset = tie;
      else if (page.after.key === null) keyset = `(${key} IS NULL AND ${tie})`;
      else {
        const cursorKey = params.p(page.after.key, SQL_TYPE[kindOf(plan.sort.type)]);
        const past = direction === 'ASC' ? '>' : '<';
        keyset = `(${key}${collate} ${past} ${cursorKey} OR ${key} IS NULL OR (${key} = ${cursorKey} AND ${tie}))`;
      }
    }
    const offset = page.after ? 0 : page.offset;
    // A whole list's total is kept; a filtered one is counted to one past the cap (see COUNT_CAP).
    let counted: string;
    if (readsWholeScope(plan)) counted = keptTotalSql(params, this.#tenant, plan);
    else {
      const cap = params.p((page.countCap ?? COUNT_CAP) + 1, 'int');
      const matches = `(SELECT count(*) FROM (SELECT 1 FROM pk_records WHERE ${where} LIMIT ${cap}) matches)`;
      counted = countsByOrder(plan) ? orderedCountSql(params, this.#tenant, plan, cap, matches) : matches;
    }
    // The projection is built for the page's rows only, after the sort and the limit.
    const sql = `
      SELECT ${counted}::int AS total, ${afterOrd} AS after_ord,
             p.id, p.k, ${projectionSql(params, plan)} AS vals
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT id, ord, fields, ${key} AS k FROM pk_records WHERE ${where} AND ${keyset}
          ORDER BY ${orderBy(key, 'ord')}
          LIMIT ${params.p(page.limit + 1, 'int')} OFFSET ${params.p(offset, 'int')}
        ) p ON true
        ORDER BY ${orderBy('p.k', 'p.ord')}`;
    return pageOf(plan, page, await this.#q().query<PageRow>(sql, params.values));
  }

  /**
   * A sorted page of a portal's whole list from the field's order (`pk_record_order`): ranges of
   * one index, whatever the portal holds. In three parts, each read only while the page is not
   * full: the rest of the cursor's key (ties in insertion order), the keys past it, then the
   * records holding no value (nulls last), in insertion order from the records themselves. Each
   * row of the order names its record by place (ord: `pk_records_company`).
   */
  async #orderedPage(plan: RecordPlan, page: PageRequest): Promise<PlannedPage | undefined | typeof LONG> {
    const params = new Params();
    const sort = plan.sort!;
    const { model, companyId } = plan.scope;
    const t = params.p(this.#tenant, 'text');
    const m = params.p(model, 'text');
    const c = params.p(companyId, 'text');
    // A function: a part left out must leave no parameter behind (its type would be unknown).
    const inOrder = () => `tenant_id = ${t} AND list = ${listSql(params, this.#tenant, plan, sort.field)}`;
    const desc = sort.direction === 'desc';
    const n = params.p(page.limit + 1, 'int');
    const afterOrd = page.after
      ? `(SELECT ord FROM pk_records WHERE tenant_id = ${t} AND model = ${m}
           AND id = ${params.p(page.after.id, 'text')} AND company_id = ${c})`
      : 'NULL::bigint';
    const none = `SELECT NULL::bigint AS ord, NULL::text AS k WHERE false`;
    let tied = none;
    let past = none;
    let nullsAfter = 'true';
    const from = (bound: string) => `SELECT ord, k FROM pk_record_order WHERE ${inOrder()}${bound}
      ORDER BY k ${desc ? 'DESC' : ''}, ord LIMIT ${n}`;
    if (!page.after) past = from('');
    else if (page.after.key !== null) {
      // A text cursor holds the collation key already (as memory compares it, even hand-made).
      const kind = kindOf(sort.type);
      const key = params.p(kind === 'collated' ? page.after.key : orderKey(kind, page.after.key), 'text');
      tied = `SELECT ord, k FROM pk_record_order WHERE ${inOrder()} AND k = ${key} AND ord > ${afterOrd}
        ORDER BY ord LIMIT ${n}`;
      past = from(` AND k ${desc ? '<' : '>'} ${key}`);
    } else nullsAfter = `ord > ${afterOrd}`;
    const valueless = `${valueOf(params, sort.field, sort.type)} IS NULL`;
    // Each part runs only if the ones before it left the page short (a one-time filter).
    const sql = `
      WITH tied AS MATERIALIZED (${tied}),
      past AS MATERIALIZED (
        SELECT * FROM (${past}) x WHERE (SELECT count(*) FROM tied) < ${n}
      ), valueless AS MATERIALIZED (
        SELECT ord, NULL::text AS k FROM pk_records
         WHERE (SELECT count(*) FROM tied) + (SELECT count(*) FROM past) < ${n}
           AND ${whereSql(params, this.#tenant, plan)} AND ${valueless} AND ${nullsAfter}
         ORDER BY ord LIMIT ${n}
      ), p AS (
        SELECT * FROM (
          SELECT 1 AS part, * FROM tied UNION ALL SELECT 2, * FROM past UNION ALL SELECT 3, * FROM valueless
        ) parts ORDER BY part, k COLLATE "C" ${desc ? 'DESC' : ''}, ord LIMIT ${n}
      )
      SELECT ${keptTotalSql(params, this.#tenant, plan)}::int AS total, ${afterOrd} AS after_ord,
             ${longKeysSql(params, this.#tenant, plan, sort.field)} AS long,
             r.id, ${sortKeySql(params, plan)} AS k, ${projectionSql(params, plan)} AS vals
        FROM (SELECT 1) one
        LEFT JOIN (p JOIN pk_records r ON r.tenant_id = ${t} AND r.model = ${m} AND r.company_id = ${c}
                   AND r.ord = p.ord) ON true
       ORDER BY p.part, p.k COLLATE "C" ${desc ? 'DESC' : ''}, p.ord`;
    const rows = await this.#q().query<PageRow & { long: boolean }>(sql, params.values);
    // Decided in the page's own snapshot: a long key written meanwhile cannot leave a record out.
    return rows[0]!.long ? LONG : pageOf(plan, page, rows);
  }

  async all(plan: RecordPlan): Promise<ProjectedRecord[]> {
    const params = new Params();
    const where = whereSql(params, this.#tenant, plan);
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
        const count = readsWholeScope(plan)
          ? keptTotalSql(params, this.#tenant, plan)
          : `(SELECT count(*) FROM pk_records WHERE ${whereSql(params, this.#tenant, plan)})`;
        const [row] = await this.#q().query<{ count: number }>(
          `SELECT ${count}::int AS count`,
          params.values,
        );
        return { kind: 'count', count: row!.count };
      }
      case 'numbers': {
        // Exact (numeric, unsorted), rounded once in TypeScript: the memory engine's sum. A
        // portal's whole list reads the kept sum; anything narrower adds up its matches.
        const sql =
          readsWholeScope(plan) && plan.scope.shared
            ? keptSumSql(params, this.#tenant, plan, aggregate.field)
            : `SELECT coalesce(sum(n), 0)::text AS sum, count(n)::int AS count
                 FROM (SELECT ${exactNumberOf(params, aggregate.field)} AS n
                         FROM pk_records WHERE ${whereSql(params, this.#tenant, plan)}) x`;
        const [row] = await this.#q().query<{ sum: string; count: number }>(sql, params.values);
        return { kind: 'numbers', sum: new ExactSum().add(row!.sum).toNumber(), count: row!.count };
      }
      case 'groups': {
        const by = params.p(aggregate.by, 'text');
        // A month is the first 7 characters of the text; any other group is the value itself,
        // named in TypeScript below as the memory engine names it (String(value): a number's
        // text as JavaScript writes it). No value and JSON null are one group, as in memory.
        const group = aggregate.month
          ? `left(coalesce(fields->>${by}, ''), 7)`
          : `(CASE WHEN jsonb_typeof(fields->${by}) IN ('string', 'number', 'boolean') THEN fields->${by} END)`;
        const value = aggregate.sum ? `coalesce(${exactNumberOf(params, aggregate.sum)}, 0)` : '1::numeric';
        const where = whereSql(params, this.#tenant, plan);
        // The planner cannot tell how many groups an expression on a document makes and guesses
        // one per row: on a large portal it would sort every match to group them (and spill to
        // disk). A widget's groups are few (months, an enum's values): grouped by hashing.
        const rows = await this.#hashing((q) =>
          q.query<{ g: unknown; value: string }>(
            `SELECT g, sum(v)::text AS value
               FROM (SELECT ${group} AS g, ${value} AS v FROM pk_records WHERE ${where}) x GROUP BY g`,
            params.values,
          ),
        );
        const groups = new Map<string, ExactSum>();
        for (const row of rows) {
          const key = aggregate.month ? (row.g as string) : row.g == null ? '' : String(row.g);
          // Two values of one name (text "1" and the number 1 in one field): added together.
          let sum = groups.get(key);
          if (!sum) groups.set(key, (sum = new ExactSum()));
          sum.add(row.value);
        }
        const totals = [...groups].map(([key, sum]) => [key, sum.toNumber()] as [string, number]);
        return { kind: 'groups', groups: totals.sort(byGroupKey) };
      }
    }
  }
}

/**
 * The longest order key `pk_record_order` holds (characters; a btree entry must fit a third of a
 * page). A record whose key is longer is named in its `long_keys`, and a list sorted by that
 * field sorts its matches instead (exact, slower): long keys are rare, ties within them rarer.
 */
export const ORDER_KEY_MAX = 256;

/**
 * A value's key in `pk_record_order` for a field of kind `kind`, as text whose order under
 * COLLATE "C" is the plan's order of the values (see `SortKey`): the collation key for text and
 * enums, the text itself for dates, an order-preserving hex form of a number's float64 (what
 * SQL compares: `::float8`), "0"/"1" for booleans. Undefined when the value is not of the kind.
 */
export function orderKey(kind: ValueKind, value: unknown): string | undefined {
  switch (kind) {
    case 'collated':
      return typeof value === 'string' ? collationKey(value) : undefined;
    case 'iso':
      return typeof value === 'string' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? '1' : '0') : undefined;
    case 'number': {
      if (typeof value !== 'number') return undefined;
      const bytes = new DataView(new ArrayBuffer(8));
      bytes.setFloat64(0, value === 0 ? 0 : value); // -0 equals 0: one key
      // Negative numbers: every bit inverted (larger magnitude sorts first); others: sign set.
      const high = bytes.getUint32(0);
      const low = bytes.getUint32(4);
      const negative = high >>> 31 === 1;
      const hex = (n: number) => n.toString(16).padStart(8, '0');
      return negative ? hex(~high >>> 0) + hex(~low >>> 0) : hex((high | 0x80000000) >>> 0) + hex(low);
    }
  }
}

/**
 * The derived columns stored beside a record's fields: the collation key of each text or enum
 * value (`sort_keys`), the lower-cased text of each text value (`search_text`), the order key of
 * each value of its field's kind (`order_keys`, the record's rows in `pk_record_order`) and the
 * fields whose order key is too long for it (`long_keys`, null when none).
 */
export function derivedColumns(fields: readonly FieldDef[], record: DataRecord | undefined) {
  const sortKeys: Record<string, string> = {};
  const search: Record<string, string> = {};
  const order: Record<string, string> = {};
  const long: string[] = [];
  for (const def of fields) {
    const value = record?.fields[def.name];
    const key = orderKey(kindOf(def.type), value);
    if (key !== undefined) {
      if (key.length > ORDER_KEY_MAX) long.push(def.name);
      else order[def.name] = key;
    }
    if (typeof value !== 'string') continue;
    if (kindOf(def.type) === 'collated') sortKeys[def.name] = key!;
    if (isFreeText(def.type)) search[def.name] = searchText(value);
  }
  return {
    sort_keys: JSON.stringify(sortKeys),
    search_text: JSON.stringify(search),
    order_keys: JSON.stringify(order),
    long_keys: long.length ? long : null,
  };
}
