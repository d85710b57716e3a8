// The typed appearance of a portal: colours, fonts, radius, spacing and dark mode, mapped onto
// the `--pk-*` custom properties every part reads. Set as a property, changed at any time: the
// shell restyles in place (no remount, nothing lost), and what is set before the element first
// renders is there in its first frame.
import { readableOn } from '../../shared/contrast.js';

/** Colours of a portal; each one a CSS colour. */
export interface AppearanceColors {
  /** The brand colour (a portal's own branding from the backend still wins, R14). */
  primary?: string;
  onPrimary?: string;
  text?: string;
  textMuted?: string;
  surface?: string;
  surfaceSunken?: string;
  border?: string;
  danger?: string;
  focus?: string;
}

export interface Appearance {
  /** true: dark mode; false: light; unset: the `theme` attribute, else the system's preference. */
  dark?: boolean;
  colors?: AppearanceColors;
  fonts?: { body?: string };
  /** Corner radius: a CSS length, or a number of pixels. */
  radius?: string | number;
  /** The base spacing unit: a CSS length, or a number of pixels. */
  spacing?: string | number;
}

/** Ready-made appearances: the defaults in light and in dark. */
export const appearancePresets = {
  light: {
    dark: false,
    colors: {
      text: '#1c2024',
      textMuted: '#5b6470',
      surface: '#ffffff',
      surfaceSunken: '#f4f5f7',
      border: '#d9dde3',
      danger: '#b42318',
      focus: '#3451b2',
    },
  },
  dark: {
    dark: true,
    colors: {
      text: '#e6e8eb',
      textMuted: '#a5adb8',
      surface: '#16191d',
      surfaceSunken: '#22262b',
      border: '#353b42',
      danger: '#ff8a80',
      focus: '#8ab4ff',
    },
  },
} as const satisfies Record<string, Appearance>;

/** Public property and the shell's internal token it feeds (the shell reads the internal one). */
const COLOR_PROPERTIES: Record<keyof AppearanceColors, [string, string]> = {
  primary: ['--pk-color-primary', '--_primary'],
  onPrimary: ['--pk-color-on-primary', '--_on-primary'],
  text: ['--pk-color-text', '--_fg'],
  textMuted: ['--pk-color-text-muted', '--_fg-muted'],
  surface: ['--pk-color-surface', '--_bg'],
  surfaceSunken: ['--pk-color-surface-sunken', '--_bg-sunken'],
  border: ['--pk-color-border', '--_border'],
  danger: ['--pk-color-danger', '--_danger'],
  focus: ['--pk-color-focus', '--_focus'],
};

const length = (value: string | number) => (typeof value === 'number' ? `${value}px` : value);

/**
 * The custom properties an appearance sets (for a style map: set through the CSSOM, so a value
 * cannot add a declaration of its own and a strict `style-src` does not block it).
 */
export function appearanceProperties(appearance: Appearance | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!appearance) return out;
  const set = (names: readonly string[], value: string | undefined) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    for (const name of names) out[name] = value;
  };
  for (const [key, names] of Object.entries(COLOR_PROPERTIES))
    set(names, appearance.colors?.[key as keyof AppearanceColors]);
  // A brand colour alone gets the text (and focus ring) colour readable on it, as the backend's
  // branding does (R14); a colour that is not #rrggbb keeps the default.
  const primary = appearance.colors?.primary?.trim();
  if (appearance.colors?.onPrimary === undefined && primary && /^#[0-9a-f]{6}$/i.test(primary))
    set(COLOR_PROPERTIES.onPrimary, readableOn(primary));
  set(['--pk-font-family', '--_font'], appearance.fonts?.body);
  if (appearance.radius !== undefined) set(['--pk-radius', '--_radius'], length(appearance.radius));
  if (appearance.spacing !== undefined) set(['--pk-space', '--_space'], length(appearance.spacing));
  return out;
}
