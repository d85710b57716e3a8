// The tenant's schema: which models a portal can share records of, their typed fields, the
// limits a value must keep and the labels people read. It is data (`World.models`, set through
// an import or the Portal Super Admin route), never code: every rule, plan, CSV and answer reads
// it from here.
import * as z from 'zod/mini';
import { ModelName, TenantModel, type ModelField, type ModelOption } from '../../../src/contract/manage.js';
import type { FieldConstraints, FieldType } from '../../../src/contract/schemas.js';

export { ModelName };
/** A model's name as records, grants and pages name it (`License`, `Subscription`, …). */
export type ModelName = string;
export type { FieldConstraints, FieldType };
export type FieldDef = ModelField;
export type EnumOption = ModelOption;

/** A model as stored (the contract's, its version and retired names defaulted for a world file). */
export const ModelDef = z.extend(TenantModel, {
  version: z._default(z.number().check(z.int(), z.positive()), 1),
  retired: z._default(z.array(z.string()), []),
});
export type ModelDef = z.infer<typeof ModelDef>;

/** What is wrong with a model's definition within a schema (whose models it may reference). */
export function modelProblems(
  model: ModelDef,
  schemaHas: (name: string) => boolean,
  path: string,
): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  model.fields.forEach((f, i) => {
    const at = `${path}.fields.${i}`;
    const problem = (where: string, reason: string) => problems.push({ path: `${at}${where}`, reason });
    if (seen.has(f.name)) problem('.name', `repeats the field name ${JSON.stringify(f.name)}`);
    seen.add(f.name);
    if (model.retired.includes(f.name))
      problem('.name', `${JSON.stringify(f.name)} named a removed field: choose another name`);
    if (f.type === 'enum') {
      if (!f.options) problem('.options', 'an enum field needs its options');
      const values = new Set<string>();
      f.options?.forEach((o, j) => {
        if (values.has(o.value)) problem(`.options.${j}.value`, `repeats ${JSON.stringify(o.value)}`);
        values.add(o.value);
      });
    } else if (f.options) problem('.options', `only an enum field has options, not a ${f.type} field`);
    if (f.type === 'reference') {
      if (!f.target) problem('.target', 'a reference field needs the model it names');
      else if (!schemaHas(f.target)) problem('.target', `no model ${JSON.stringify(f.target)}`);
    } else if (f.target) problem('.target', `only a reference field has a target, not a ${f.type} field`);
    const c = f.constraints ?? {};
    const numeric = f.type === 'integer' || f.type === 'decimal';
    const textual = f.type === 'string' || f.type === 'text';
    if ((c.min !== undefined || c.max !== undefined) && !numeric)
      problem('.constraints', `min and max apply to numbers, not to a ${f.type} field`);
    if ((c.minLength !== undefined || c.maxLength !== undefined) && !textual)
      problem('.constraints', `minLength and maxLength apply to text, not to a ${f.type} field`);
    if (c.min !== undefined && c.max !== undefined && c.min > c.max)
      problem('.constraints', `min ${c.min} is above max ${c.max}`);
    if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
      problem('.constraints', `minLength ${c.minLength} is above maxLength ${c.maxLength}`);
  });
  return problems;
}

/**
 * How a storage compares a field's values: text by collation key (`string`, `text`, `enum`,
 * `reference`), numbers, booleans, and ISO text compared code point by code point (`date`,
 * `datetime`: ISO order is time order).
 */
export type ValueKind = 'collated' | 'number' | 'boolean' | 'iso';

export function kindOf(type: FieldDef['type']): ValueKind {
  switch (type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'datetime':
      return 'iso';
    default:
      return 'collated';
  }
}

/** Text a search looks in and `contains` filters: written by people, not picked. */
export const isFreeText = (type: FieldDef['type']) => type === 'string' || type === 'text';

/** The label for `locale` (a BCP 47 tag): its own, its language's, else the default label. */
export function labelIn(
  thing: { label: string; labels?: Record<string, string> | undefined },
  locale: string | undefined,
): string {
  const labels = thing.labels;
  if (!locale || !labels) return thing.label;
  const own = (tag: string) => (Object.hasOwn(labels, tag) ? labels[tag] : undefined);
  return own(locale) ?? own(locale.split('-')[0]!.toLowerCase()) ?? thing.label;
}

/** The schema one version of the tenant's models describes, with lookups by name. */
export class Schema {
  readonly #models: Map<string, ModelDef>;
  readonly #fields = new Map<string, Map<string, FieldDef>>();

  constructor(readonly models: readonly ModelDef[]) {
    this.#models = new Map(models.map((m) => [m.id, m]));
    for (const m of models) this.#fields.set(m.id, new Map(m.fields.map((f) => [f.name, f])));
  }

  has(model: string): boolean {
    return this.#models.has(model);
  }

  model(name: string): ModelDef | undefined {
    return this.#models.get(name);
  }

  /** The model's fields in its order; none for a model the tenant does not have. */
  fields(model: string): readonly FieldDef[] {
    return this.#models.get(model)?.fields ?? [];
  }

  field(model: string, name: string): FieldDef | undefined {
    return this.#fields.get(model)?.get(name);
  }

  /** The field naming a record in lists that need one word for it (the audit trail): its first text field. */
  namingField(model: string): FieldDef | undefined {
    return this.fields(model).find((f) => f.type === 'string') ?? this.fields(model)[0];
  }
}

/**
 * The model `sent` makes of `stored` (undefined: a new model): fields left out are retired (their
 * values leave every answer at once; the name is never taken again), and the version moves on
 * when anything changed.
 */
export function evolveModel(
  stored: ModelDef | undefined,
  sent: Omit<ModelDef, 'version' | 'retired'> & Partial<ModelDef>,
): ModelDef {
  const { id, label, labels, fields } = sent;
  const shape = (m: Pick<ModelDef, 'label' | 'labels' | 'fields'>) =>
    JSON.stringify({ label: m.label, labels: m.labels ?? null, fields: m.fields });
  if (!stored)
    return { id, label, ...(labels ? { labels } : {}), fields, version: 1, retired: sent.retired ?? [] };
  const kept = new Set(fields.map((f) => f.name));
  const retired = [
    ...new Set([...stored.retired, ...stored.fields.filter((f) => !kept.has(f.name)).map((f) => f.name)]),
  ];
  const changed = shape(stored) !== shape(sent);
  return {
    id,
    label,
    ...(labels ? { labels } : {}),
    fields,
    version: changed ? stored.version + 1 : stored.version,
    retired,
  };
}

/**
 * What a change of a stored model may not do: change a kept field's type (its stored values would
 * no longer be of it — remove the field and add one under a new name), except between one line of
 * text and several.
 */
export function evolutionProblems(
  stored: ModelDef | undefined,
  next: ModelDef,
  path: string,
): { path: string; reason: string }[] {
  if (!stored) return [];
  const text = (t: FieldType) => (t === 'string' || t === 'text' ? 'text' : t);
  return next.fields.flatMap((f, i) => {
    const was = stored.fields.find((w) => w.name === f.name);
    return was && text(was.type) !== text(f.type)
      ? [
          {
            path: `${path}.fields.${i}.type`,
            reason: `"${f.name}" holds ${was.type} values: remove it and add a field with a new name to change its type`,
          },
        ]
      : [];
  });
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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with its offset, as stored: UTC with milliseconds
 * (`2026-12-06T15:30:00.000Z`), so that text order is time order in every storage.
 */
export function storedInstant(value: string): string | undefined {
  if (!INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return iso.startsWith('-') || iso.startsWith('+') ? undefined : iso;
}

/** The longest record id a reference holds. */
const MAX_REFERENCE = 200;

/**
 * A value for `def` as stored, or why it is not one (a sentence naming the field and the limit).
 * `null` (or empty text) clears a field unless it is required. Numbers are finite and within
 * ±`Number.MAX_SAFE_INTEGER` so they round-trip exactly; instants are stored in UTC.
 */
export function checkValue(
  def: FieldDef,
  value: unknown,
): { ok: true; value: string | number | boolean | null } | { ok: false; reason: string } {
  const c = def.constraints ?? {};
  const label = `"${def.label}"`;
  const refuse = (reason: string) => ({ ok: false as const, reason });
  const accept = (v: string | number | boolean | null) => ({ ok: true as const, value: v });
  if (value === null) return c.required ? refuse(`${label} is required.`) : accept(null);
  switch (def.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return refuse(`${label} needs text.`);
      if (value === '') return c.required ? refuse(`${label} is required.`) : accept('');
      if (c.maxLength !== undefined && value.length > c.maxLength)
        return refuse(`${label} holds at most ${c.maxLength} characters (this has ${value.length}).`);
      if (c.minLength !== undefined && value.length < c.minLength)
        return refuse(`${label} needs at least ${c.minLength} characters (this has ${value.length}).`);
      return accept(value);
    }
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(`${label} needs a number.`);
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
        return refuse(`${label} holds numbers up to ${Number.MAX_SAFE_INTEGER} in size.`);
      if (def.type === 'integer' && !Number.isInteger(value)) return refuse(`${label} needs a whole number.`);
      if (c.min !== undefined && value < c.min) return refuse(`${label} must be at least ${c.min}.`);
      if (c.max !== undefined && value > c.max) return refuse(`${label} must be at most ${c.max}.`);
      // -0 and 0 are one number (JSON writes both as 0).
      return accept(value === 0 ? 0 : value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? accept(value) : refuse(`${label} needs true or false.`);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? accept(value)
        : refuse(`${label} needs a date (YYYY-MM-DD).`);
    case 'datetime': {
      const instant = typeof value === 'string' ? storedInstant(value) : undefined;
      return instant
        ? accept(instant)
        : refuse(`${label} needs a date and time with its offset (2026-12-06T15:30:00Z).`);
    }
    case 'enum':
      return typeof value === 'string' && def.options?.some((o) => o.value === value)
        ? accept(value)
        : refuse(`${label} needs one of ${(def.options ?? []).map((o) => o.value).join(', ')}.`);
    case 'reference':
      return typeof value === 'string' && value.length <= MAX_REFERENCE && value.trim() === value
        ? accept(value)
        : refuse(`${label} needs the id of a ${def.target ?? 'record'}.`);
  }
}
