// Starts `npm start`'s Vite server on a free port and a Chromium, for the Node demo tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
// @ts-expect-error plain ESM helper without types
import { chromiumArgs, resolveChromium } from '../../scripts/chromium.mjs';
// @ts-expect-error plain ESM helper without types
import { freePort } from '../../scripts/free-port.mjs';

export interface Demo {
  url: string;
  browser: Browser;
  /** Back to the demo world (the backend keeps data across pages, as it does for a person). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pk-demo-'));
  const server = spawn(
    'npx',
    ['vite', '--config', 'vite.config.ts', '--port', String(port), '--strictPort'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // A PGlite folder of its own: the tests never touch a developer's demo data or server.
      env: { ...process.env, NO_COLOR: '1', PORTALKIT_DATA_DIR: dataDir, DATABASE_URL: '' },
    },
  );
  // Read, so the server never blocks on a full pipe; its last lines explain a failure.
  let errors = '';
  server.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
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
  const browser = await chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
  return {
    url,
    browser,
    async reset() {
      const response = await fetch(`${url}__demo/reset`, { method: 'POST', body: '{}' });
      if (!response.ok)
        throw new Error(`demo reset answered ${response.status}; the server's last errors:\n${errors}`);
    },
    async stop() {
      await browser.close();
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
