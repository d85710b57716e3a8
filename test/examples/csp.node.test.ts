// A strict Content-Security-Policy with Trusted Types (#15): the plain-HTML example served with
// the directives the README publishes; every page type of the portal renders and works, and the
// page reports zero `securitypolicyviolation` events.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { build } from 'vite';
import { serveBuiltExample } from '../../examples/serve.js';
// @ts-expect-error plain ESM helper without types
import { chromiumArgs, resolveChromium } from '../../scripts/chromium.mjs';

/** The directives README.md publishes for hosts (keep the two in step). */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types portalkit dompurify lit-html',
].join('; ');

const root = fileURLToPath(new URL('../../examples/plain-html/', import.meta.url));

describe('strict CSP and Trusted Types', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
    await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  });
  after(() => browser?.close());

  it('every page type renders and works with zero violations', async () => {
    const server = await serveBuiltExample(`${root}dist`, { 'content-security-policy': STRICT_CSP });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sample} ${(e.target as Element)?.outerHTML?.slice(0, 100) ?? e.sourceFile + ':' + e.lineNumber}`,
        ),
      );
    });
    try {
      await page.goto(server.url);
      await page.locator('#status', { hasText: 'Signed in as' }).waitFor({ timeout: 15_000 });
      const visited: string[] = [];
      // Every page of the navigation: html, table, files, dashboard, document, tasks.
      for (const label of (await page.locator('pk-portal nav button').allTextContents()).map((l) =>
        l.trim(),
      )) {
        await page.locator('pk-portal nav button', { hasText: label }).first().click();
        await page.locator('pk-portal pk-page h2', { hasText: label }).first().waitFor({ timeout: 10_000 });
        // Let the part load and draw its data.
        await page.waitForTimeout(400);
        visited.push(label);
      }
      assert.ok(visited.length >= 5, visited.join(', '));
      // It works, not only renders: sort the licenses table through the server.
      await page.locator('pk-portal nav button', { hasText: 'Licenses' }).first().click();
      await page.locator('pk-portal pk-data-table [role="columnheader"] button').first().click();
      await page.waitForTimeout(400);
      // And a document edited and saved: the editor takes its HTML through the `portalkit` policy.
      await page.locator('pk-portal nav button', { hasText: 'Welcome to your portal' }).first().click();
      await page.locator('pk-portal pk-document button.edit').click();
      const editor = page.locator('pk-portal pk-document .editor');
      await editor.click();
      await page.keyboard.type(' Saved under a strict CSP.');
      await page.locator('pk-portal pk-document button.primary', { hasText: 'Save' }).click();
      await page
        .locator('pk-portal pk-document [part="content"]', { hasText: 'Saved under a strict CSP.' })
        .waitFor({ timeout: 10_000 });
      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      );
      assert.deepEqual(violations, [], `violations on ${visited.join(', ')}`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
