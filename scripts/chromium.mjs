// The one place that decides which Chromium the tests, benchmarks and demo checks use:
// PORTALKIT_CHROMIUM, then Playwright's own downloaded browser, then Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function resolveChromium() {
  const fromEnv = process.env.PORTALKIT_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`PORTALKIT_CHROMIUM=${fromEnv} does not exist.`);
  }
  try {
    const { chromium } = await import('playwright');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright not installed or no browser downloaded: fall through.
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    'No Chromium found. Set PORTALKIT_CHROMIUM=/path/to/chrome, run `npx playwright install chromium`, or `apt-get install -y chromium`.',
  );
}

// `node scripts/chromium.mjs` prints the path, or the one-line error and exits 1.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  resolveChromium().then(
    (path) => console.log(path),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
