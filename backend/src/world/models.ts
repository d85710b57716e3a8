// The data models a portal can share records of, with their typed fields.
// Shared by the world schema, the rules engine (filter/sort typing) and the demo world.

export type FieldType = 'string' | 'number' | 'date' | 'boolean' | 'enum';

/** One value of an enum field: stored as `value`, shown as `label`; a field's options are ordered. */
export interface EnumOption {
  value: string;
  label: string;
}

/**
 * What a value must satisfy beyond its type; the server refuses anything else (`invalid_value`)
 * and the client refuses early from the same numbers. Every number must also be finite and
 * within ±`Number.MAX_SAFE_INTEGER`, so it round-trips exactly.
 */
export interface FieldConstraints {
  /** number: whole numbers only. */
  integer?: boolean;
  /** number: smallest value. */
  min?: number;
  /** number: largest value. */
  max?: number;
  /** string: most characters. */
  maxLength?: number;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly EnumOption[];
  constraints?: FieldConstraints;
}

export const MODEL_NAMES = ['Task', 'Issue', 'License', 'Opportunity', 'Asset', 'Project', 'Goal'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** A short line of text (a title, a name). */
const NAME: FieldConstraints = { maxLength: 200 };
/** Money: never negative. */
const MONEY: FieldConstraints = { min: 0 };

const text = (name: string, label: string, constraints = NAME): FieldDef => ({
  name,
  label,
  type: 'string',
  constraints,
});
const number = (name: string, label: string, constraints: FieldConstraints): FieldDef => ({
  name,
  label,
  type: 'number',
  constraints,
});
const date = (name: string, label: string): FieldDef => ({ name, label, type: 'date' });
const boolean = (name: string, label: string): FieldDef => ({ name, label, type: 'boolean' });
const choice = (name: string, label: string, options: Record<string, string>): FieldDef => ({
  name,
  label,
  type: 'enum',
  options: Object.entries(options).map(([value, shown]) => ({ value, label: shown })),
});

export const MODELS: Record<ModelName, readonly FieldDef[]> = {
  Task: [
    text('title', 'Title'),
    choice('status', 'Status', { open: 'Open', in_progress: 'In progress', done: 'Done' }),
    number('hours', 'Hours', { min: 0, max: 100_000 }),
    date('due', 'Due'),
  ],
  Issue: [
    text('title', 'Title'),
    choice('severity', 'Severity', { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' }),
    choice('status', 'Status', { open: 'Open', resolved: 'Resolved' }),
    date('opened', 'Opened'),
    text('internalNotes', 'Internal notes', { maxLength: 10_000 }),
  ],
  License: [
    text('product', 'Product'),
    number('seats', 'Seats', { integer: true, min: 0, max: 1_000_000 }),
    number('mrr', 'MRR', MONEY),
    date('renewal', 'Renewal date'),
    boolean('autoRenew', 'Auto-renew'),
  ],
  Opportunity: [
    text('name', 'Name'),
    choice('stage', 'Stage', {
      qualify: 'Qualify',
      propose: 'Propose',
      negotiate: 'Negotiate',
      won: 'Won',
      lost: 'Lost',
    }),
    number('amount', 'Amount', MONEY),
    date('close', 'Close date'),
  ],
  Asset: [text('name', 'Name'), text('kind', 'Kind'), date('installed', 'Installed')],
  Project: [
    text('name', 'Name'),
    choice('status', 'Status', { planned: 'Planned', active: 'Active', done: 'Done' }),
    number('budget', 'Budget', MONEY),
    date('start', 'Start'),
  ],
  Goal: [
    text('title', 'Title'),
    number('progress', 'Progress', { min: 0, max: 100 }),
    date('target', 'Target date'),
    boolean('achieved', 'Achieved'),
  ],
};

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export function fieldDef(model: ModelName, field: string): FieldDef | undefined {
  return MODELS[model].find((d) => d.name === field);
}

/** Why `value` breaks the field's constraints (a sentence naming the limit), or undefined. */
export function constraintBreach(def: FieldDef, value: unknown): string | undefined {
  const c = def.constraints ?? {};
  if (def.type === 'string' && typeof value === 'string') {
    return c.maxLength !== undefined && value.length > c.maxLength
      ? `"${def.label}" holds at most ${c.maxLength} characters (this has ${value.length}).`
      : undefined;
  }
  if (def.type !== 'number' || typeof value !== 'number') return undefined;
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
    return `"${def.label}" holds numbers up to ${Number.MAX_SAFE_INTEGER} in size.`;
  if (c.integer && !Number.isInteger(value)) return `"${def.label}" needs a whole number.`;
  if (c.min !== undefined && value < c.min) return `"${def.label}" must be at least ${c.min}.`;
  if (c.max !== undefined && value > c.max) return `"${def.label}" must be at most ${c.max}.`;
  return undefined;
}
