// R14: a portal's colours are its template's, each overridden per portal — decided here only.
import type { Portal } from '../world/schema.js';
import type { Store } from '../world/store.js';

/** The brand colour of a portal whose template names none. */
export const DEFAULT_PRIMARY = '#3451b2';

export function portalColors(store: Store, portal: Portal) {
  const template = store.world.templates.find((t) => t.id === portal.templateId);
  const primary = portal.colorOverrides.primary ?? template?.colors.primary ?? DEFAULT_PRIMARY;
  return {
    primary,
    accent: portal.colorOverrides.accent ?? template?.colors.accent ?? primary,
    surface: portal.colorOverrides.surface ?? template?.colors.surface,
  };
}
