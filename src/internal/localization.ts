import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../locales/locale-codes.js';

type Locale = typeof sourceLocale | (typeof targetLocales)[number];
const loaders: Record<(typeof targetLocales)[number], () => Promise<{ templates: Record<string, unknown> }>> =
  {
    de: () => import('../locales/generated/de.js'),
  };

let controls: ReturnType<typeof configureLocalization> | null | undefined;

/** The best supported locale for a BCP 47 tag: `de-AT` → `de`, anything unknown → `en`. */
export function supportedLocale(tag: string): Locale {
  const base = tag.toLowerCase().split('-')[0];
  return (targetLocales as readonly string[]).includes(base!) ? (base as Locale) : sourceLocale;
}

/**
 * Switches portalkit's strings. Configured on first use, not at import; @lit/localize allows one
 * configuration per page, so a host that configured its own keeps English portal strings.
 */
export async function setPortalLocale(tag: string): Promise<void> {
  if (controls === undefined) {
    try {
      controls = configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (l) => loaders[l as keyof typeof loaders]() as never,
      });
    } catch {
      controls = null;
      console.warn(
        '[portalkit] @lit/localize is already configured on this page: portal strings stay in English.',
      );
    }
  }
  await controls?.setLocale(supportedLocale(tag));
}

/** The locale portal strings are shown in now (English until configured). */
export const portalLocale = (): string => controls?.getLocale() ?? sourceLocale;
