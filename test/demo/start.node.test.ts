// `npm start` really serves the demo host application and it renders in headless Chromium.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
// @ts-expect-error plain ESM helper without types
import { chromiumArgs, resolveChromium } from '../../scripts/chromium.mjs';

const port = 5300 + Math.floor(Math.random() * 500);
let server: ReturnType<typeof spawn>;
let browser: Browser;
let url = '';

describe('npm start (demo host application)', () => {
  before(async () => {
    server = spawn('npx', ['vite', '--config', 'vite.config.ts', '--port', String(port), '--strictPort'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NO_COLOR: '1' },
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('vite did not print its URL within 30 s')), 30_000);
      server.stdout!.on('data', (chunk: Buffer) => {
        // Colours are forced on under CI=true: strip them before reading the URL.
        // eslint-disable-next-line no-control-regex
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString().replace(/\x1b\[[0-9;]*m/g, ''));
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    });
    browser = await chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });

  it('prints the URL and renders the host page with <pk-portal> upgraded', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => !!document.querySelector('pk-portal')?.shadowRoot?.textContent?.trim());
    assert.equal(await page.title(), 'Acme Cloud — customer portal demo');
    const text = await page.evaluate(() => document.querySelector('pk-portal')!.shadowRoot!.textContent!);
    assert.ok(text.trim().length > 0, 'the portal drew something');
    assert.deepEqual(errors, []);
  });
});
