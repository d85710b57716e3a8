// R14: the portal's template and colour overrides, and the colours it shows. Vendor staff manage
// the portal they opened (R20); decided here only, the routes parse and serialise. Nothing here is
// ever an external user's or an impersonator's.
import { readableOn, contrastRatio } from '../../../../src/shared/contrast.js';
import type { Portal } from '../../world/schema.js';
import type { Store } from '../../world/store.js';
import { auditWrite } from '../audit.js';
import { ok, refuse } from '../refusal.js';
import { manageRead, manageWrite, type Viewer } from '../viewer.js';
import { portalColors } from '../branding.js';

type Colors = { primary?: string | undefined; accent?: string | undefined; surface?: string | undefined };

export function branding(store: Store, viewer: Viewer) {
  const read = manageRead(viewer);
  if (!read.ok) return read;
  return ok(brandingOf(store, viewer.portal));
}

function brandingOf(store: Store, portal: Portal) {
  const { primary } = portalColors(store, portal);
  const onPrimary = readableOn(primary);
  return {
    templates: store.world.templates.map((t) => ({ id: t.id, name: t.name, colors: { ...t.colors } })),
    templateId: portal.templateId,
    overrides: { ...portal.colorOverrides },
    effective: { primary, onPrimary, contrast: Math.round(contrastRatio(primary, onPrimary) * 100) / 100 },
  };
}

/**
 * R14: pick a template and override its colours per portal (`null` goes back to the template's).
 * The text colour on the brand colour is chosen to reach WCAG AA, so every brand colour passes.
 */
export function setBranding(
  store: Store,
  viewer: Viewer,
  change: { templateId?: string | undefined; overrides?: Record<string, string | null> | undefined },
  now: Date,
) {
  const write = manageWrite(viewer);
  if (!write.ok) return write;
  const portal = viewer.portal;
  if (change.templateId !== undefined && !store.world.templates.some((t) => t.id === change.templateId))
    return refuse('bad_request', `Unknown template ${change.templateId}.`);
  const before = { templateId: portal.templateId, ...portal.colorOverrides };
  if (change.templateId !== undefined) portal.templateId = change.templateId;
  const overrides: Colors = { ...portal.colorOverrides };
  for (const [key, value] of Object.entries(change.overrides ?? {})) {
    const name = key as keyof Colors;
    if (value === null) delete overrides[name];
    else overrides[name] = value.toLowerCase();
  }
  portal.colorOverrides = overrides;
  const after = { templateId: portal.templateId, ...portal.colorOverrides };
  const changes = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => before[f as keyof typeof before] !== after[f as keyof typeof after])
    .map((field) => ({
      field,
      from: before[field as keyof typeof before] ?? null,
      to: after[field as keyof typeof after] ?? null,
    }));
  if (changes.length)
    auditWrite(store, viewer, now, 'portal.branding', { type: 'portal', id: portal.id }, changes);
  store.changed('portals', portal);
  return ok(brandingOf(store, portal));
}
