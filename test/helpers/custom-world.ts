// A tenant whose models are none of the demo's seven (#25): the demo world's people and portals
// with a `Subscription` model of every field type, its records and a table page Alice's role sees.
import type { ModelDef } from '../../backend/src/world/models.js';
import { parseWorld, type World } from '../../backend/src/world/schema.js';
import { demoWorld } from '../../server-mock/demo-world.js';

export const SUBSCRIPTION: ModelDef = {
  id: 'Subscription',
  label: 'Subscription',
  labels: { de: 'Abonnement' },
  version: 1,
  retired: [],
  fields: [
    {
      name: 'plan',
      label: 'Plan',
      labels: { de: 'Tarif' },
      type: 'string',
      constraints: { required: true, maxLength: 80 },
    },
    { name: 'units', label: 'Units', labels: { de: 'Einheiten' }, type: 'integer', constraints: { min: 0 } },
    { name: 'price', label: 'Price', type: 'decimal', constraints: { min: 0, max: 1_000_000 } },
    { name: 'startsAt', label: 'Starts', labels: { de: 'Beginn' }, type: 'datetime' },
    { name: 'notes', label: 'Notes', type: 'text', constraints: { minLength: 3, maxLength: 2000 } },
    {
      name: 'tier',
      label: 'Tier',
      type: 'enum',
      options: [
        { value: 'bronze', label: 'Bronze', labels: { de: 'Bronze' } },
        { value: 'silver', label: 'Silver', labels: { de: 'Silber' } },
        { value: 'gold', label: 'Gold', labels: { de: 'Gold' } },
      ],
    },
    { name: 'renews', label: 'Renews', type: 'boolean' },
    { name: 'license', label: 'License', type: 'reference', target: 'License' },
  ],
};

const TIERS = ['bronze', 'silver', 'gold'];

/** The demo world with `Subscription` records (12 of Northwind, 9 shared to its portal). */
export function customModelWorld(count = 12): World {
  const world = demoWorld();
  world.models.push(structuredClone(SUBSCRIPTION));
  world.records.Subscription = Array.from({ length: count }, (_, i) => ({
    id: `sub-${i + 1}`,
    companyId: 'c-northwind',
    portalIds: i < 9 ? ['p-northwind'] : [],
    fields: {
      plan: `${['Émile', 'atlas', 'Zenith', 'beacon'][i % 4]} ${i + 1}`,
      units: (i * 7) % 10,
      price: i % 5 === 0 ? null : Math.round(((i * 37) % 100) * 10.5) / 10,
      startsAt: `2026-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:30:00.000Z`,
      notes: i % 3 === 0 ? `Renewal call with finance ${i}` : null,
      tier: TIERS[i % 3]!,
      renews: i % 2 === 0,
      license: `license-${i + 1}`,
    },
  }));
  world.pages.push({
    id: 'pg-subs',
    sectionId: 's-data',
    title: 'Subscriptions',
    type: 'table',
    model: 'Subscription',
  });
  world.pages.push({
    id: 'pg-sub-dash',
    sectionId: 's-data',
    title: 'Subscription figures',
    type: 'dashboard',
    widgets: [
      { id: 'w-sub-count', title: 'Subscriptions', kind: 'count', model: 'Subscription' },
      { id: 'w-sub-units', title: 'Units', kind: 'sum', model: 'Subscription', field: 'units' },
      { id: 'w-sub-tiers', title: 'By tier', kind: 'group', model: 'Subscription', groupBy: 'tier' },
      { id: 'w-sub-months', title: 'Starts', kind: 'series', model: 'Subscription', groupBy: 'startsAt' },
    ],
  });
  const full = { create: true, view: true, update: true, remove: true, export: true, fields: {} };
  for (const role of world.externalRoles) role.models.Subscription = structuredClone(full);
  for (const role of world.internalRoles)
    if (role.models.License?.view) role.models.Subscription = structuredClone(full);
  // Checked like a world file: every value against its field.
  return parseWorld(world);
}
