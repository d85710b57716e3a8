// The examples (#15) — a plain page, React 19 and Vue 3 hosts — are built with Vite and opened in
// Chromium: the portal draws its navigation, and pk-ready reaches the host's own handler (its
// status line names the signed-in person). Token renewal is wired in each (fetchToken).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { build } from 'vite';
import { serveBuiltExample } from '../../examples/serve.js';
// @ts-expect-error plain ESM helper without types
import { chromiumArgs, resolveChromium } from '../../scripts/chromium.mjs';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url));

describe('examples', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
  });
  after(() => browser?.close());

  for (const name of ['plain-html', 'react-vite', 'vue-vite'])
    it(`${name}: builds, draws the portal's navigation, and the host hears pk-ready`, async () => {
      const root = example(name);
      await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
      const server = await serveBuiltExample(`${root}dist`);
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      try {
        await page.goto(server.url);
        await page.locator('#status', { hasText: 'Signed in as Alice Archer' }).waitFor({ timeout: 15_000 });
        // Playwright's CSS locators pierce open shadow roots: the portal's own navigation.
        const navigation = page.locator('pk-portal nav button');
        await navigation
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(async (error) => {
            const text = await page.evaluate(
              () => document.querySelector('pk-portal')?.shadowRoot?.textContent,
            );
            throw new Error(`${error.message}\nportal: ${text}`);
          });
        const labels = (await navigation.allTextContents()).map((label) => label.trim());
        assert.ok(labels.includes('Licenses'), labels.join(', '));
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
        await server.close();
      }
    });
});
