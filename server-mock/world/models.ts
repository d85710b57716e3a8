// The data models a portal can share records of, with their typed fields.
// Shared by the world schema, the rules engine (filter/sort typing) and the demo world.

export type FieldType = 'string' | 'number' | 'date' | 'boolean' | 'enum';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
}

export const MODEL_NAMES = ['Task', 'Issue', 'License', 'Opportunity', 'Asset', 'Project', 'Goal'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

const f = (name: string, label: string, type: FieldType, options?: readonly string[]): FieldDef =>
  options ? { name, label, type, options } : { name, label, type };

export const MODELS: Record<ModelName, readonly FieldDef[]> = {
  Task: [
    f('title', 'Title', 'string'),
    f('status', 'Status', 'enum', ['open', 'in_progress', 'done']),
    f('hours', 'Hours', 'number'),
    f('due', 'Due', 'date'),
  ],
  Issue: [
    f('title', 'Title', 'string'),
    f('severity', 'Severity', 'enum', ['low', 'medium', 'high', 'critical']),
    f('status', 'Status', 'enum', ['open', 'resolved']),
    f('opened', 'Opened', 'date'),
    f('internalNotes', 'Internal notes', 'string'),
  ],
  License: [
    f('product', 'Product', 'string'),
    f('seats', 'Seats', 'number'),
    f('mrr', 'MRR', 'number'),
    f('renewal', 'Renewal date', 'date'),
    f('autoRenew', 'Auto-renew', 'boolean'),
  ],
  Opportunity: [
    f('name', 'Name', 'string'),
    f('stage', 'Stage', 'enum', ['qualify', 'propose', 'negotiate', 'won', 'lost']),
    f('amount', 'Amount', 'number'),
    f('close', 'Close date', 'date'),
  ],
  Asset: [f('name', 'Name', 'string'), f('kind', 'Kind', 'string'), f('installed', 'Installed', 'date')],
  Project: [
    f('name', 'Name', 'string'),
    f('status', 'Status', 'enum', ['planned', 'active', 'done']),
    f('budget', 'Budget', 'number'),
    f('start', 'Start', 'date'),
  ],
  Goal: [
    f('title', 'Title', 'string'),
    f('progress', 'Progress', 'number'),
    f('target', 'Target date', 'date'),
    f('achieved', 'Achieved', 'boolean'),
  ],
};

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export function fieldDef(model: ModelName, field: string): FieldDef | undefined {
  return MODELS[model].find((d) => d.name === field);
}
