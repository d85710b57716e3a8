// The models every database held before the tenant's schema became data (migration 4): the
// seven the backend once compiled in. Frozen like the migrations that read it: never edited.
import type { FieldConstraints, FieldDef, ModelDef } from '../../world/models.js';

const NAME: FieldConstraints = { maxLength: 200 };
const MONEY: FieldConstraints = { min: 0 };

const text = (name: string, label: string): FieldDef => ({ name, label, type: 'string', constraints: NAME });
const decimal = (name: string, label: string, constraints: FieldConstraints): FieldDef => ({
  name,
  label,
  type: 'decimal',
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
const model = (id: string, fields: FieldDef[]): ModelDef => ({
  id,
  label: id,
  fields,
  version: 1,
  retired: [],
});

export const MODELS_V1: readonly ModelDef[] = [
  model('Task', [
    text('title', 'Title'),
    choice('status', 'Status', { open: 'Open', in_progress: 'In progress', done: 'Done' }),
    decimal('hours', 'Hours', { min: 0, max: 100_000 }),
    date('due', 'Due'),
  ]),
  model('Issue', [
    text('title', 'Title'),
    choice('severity', 'Severity', { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' }),
    choice('status', 'Status', { open: 'Open', resolved: 'Resolved' }),
    date('opened', 'Opened'),
    { name: 'internalNotes', label: 'Internal notes', type: 'text', constraints: { maxLength: 10_000 } },
  ]),
  model('License', [
    text('product', 'Product'),
    { name: 'seats', label: 'Seats', type: 'integer', constraints: { min: 0, max: 1_000_000 } },
    decimal('mrr', 'MRR', MONEY),
    date('renewal', 'Renewal date'),
    boolean('autoRenew', 'Auto-renew'),
  ]),
  model('Opportunity', [
    text('name', 'Name'),
    choice('stage', 'Stage', {
      qualify: 'Qualify',
      propose: 'Propose',
      negotiate: 'Negotiate',
      won: 'Won',
      lost: 'Lost',
    }),
    decimal('amount', 'Amount', MONEY),
    date('close', 'Close date'),
  ]),
  model('Asset', [text('name', 'Name'), text('kind', 'Kind'), date('installed', 'Installed')]),
  model('Project', [
    text('name', 'Name'),
    choice('status', 'Status', { planned: 'Planned', active: 'Active', done: 'Done' }),
    decimal('budget', 'Budget', MONEY),
    date('start', 'Start'),
  ]),
  model('Goal', [
    text('title', 'Title'),
    decimal('progress', 'Progress', { min: 0, max: 100 }),
    date('target', 'Target date'),
    boolean('achieved', 'Achieved'),
  ]),
];
