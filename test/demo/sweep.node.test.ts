// The demo swept as a new user would meet it (#12 "done when"): every persona, every page of the
// portal at 1280 px and the landing page at 375 px — no axe violation, no request storm, no page
// error. Prints what it found, so a regression names its persona, page and rule.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { PERSONAS } from '../../server-mock/demo-world.js';
import { startDemo, type Demo } from './demo-server.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** More API calls than this in the quiet half second after a page settled is a storm. */
const STORM = 5;

let demo: Demo;

interface Finding {
  where: string;
  kind: 'axe' | 'storm' | 'error';
  detail: string;
}

async function settle(page: Page) {
  // Loading states carry aria-busy; wait until none is left (Playwright pierces shadow roots).
  await page.waitForFunction(
    `(() => {
      const busy = (root) => [...root.querySelectorAll('*')].some((el) =>
        el.getAttribute('aria-busy') === 'true' || (el.shadowRoot && busy(el.shadowRoot)));
      return !busy(document);
    })()`,
    undefined,
    // Sized for a busy 2-core machine (the first page also waits for the backend to open).
    { timeout: 30_000 },
  );
  await page.waitForTimeout(150);
}

async function axe(page: Page, where: string, findings: Finding[]) {
  const t0 = Date.now();
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) })))`,
  )) as { id: string; nodes: string[] }[];
  if (process.env.SWEEP_TIMING) console.log(`axe ${where}: ${Date.now() - t0} ms`);
  for (const v of violations) {
    findings.push({ where, kind: 'axe', detail: `${v.id}: ${v.nodes.join(' | ')}` });
    console.log(`sweep axe · ${where} · ${v.id}: ${v.nodes.join(' | ')}`);
  }
}

async function quiet(page: Page, calls: string[], where: string, findings: Finding[]) {
  const before = calls.length;
  await page.waitForTimeout(500);
  const made = calls.slice(before);
  if (made.length > STORM)
    findings.push({ where, kind: 'storm', detail: `${made.length} calls: ${made.slice(0, 4).join(', ')}` });
}

describe('demo sweep: every persona, every page', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('finds no axe violation, no request storm and no page error', async () => {
    const findings: Finding[] = [];
    let pages = 0;
    const only = process.env.SWEEP_PERSONAS?.split(',');
    for (const persona of Object.keys(PERSONAS).filter((p) => !only || only.includes(p))) {
      for (const width of [1280, 375]) {
        const page = await demo.browser.newPage({ viewport: { width, height: 900 } });
        const calls: string[] = [];
        page.on('request', (r) => {
          const path = new URL(r.url()).pathname;
          if (path.startsWith('/api/')) calls.push(`${r.method()} ${path}`);
        });
        page.on('pageerror', (e) =>
          findings.push({ where: `${persona}@${width}`, kind: 'error', detail: e.message }),
        );
        await page.goto(`${demo.url}?persona=${persona}&latency=0`);
        await page
          .locator('pk-portal nav, pk-portal [part="status"], pk-portal pk-portfolio')
          .first()
          .waitFor({ state: 'attached', timeout: 30_000 });
        await settle(page);
        await axe(page, `${persona}@${width} landing`, findings);
        await quiet(page, calls, `${persona}@${width} landing`, findings);
        pages++;
        if (width === 1280) {
          const labels = await page.locator('pk-portal nav button').allTextContents();
          for (const label of labels.map((l) => l.trim())) {
            await page.locator('pk-portal nav').getByRole('button', { name: label, exact: true }).click();
            await settle(page);
            await axe(page, `${persona} ${label}`, findings);
            await quiet(page, calls, `${persona} ${label}`, findings);
            pages++;
          }
        }
        await page.close();
      }
    }
    for (const f of findings) console.log(`sweep ${f.kind} · ${f.where} · ${f.detail}`);
    console.log(
      `sweep: ${pages} views of ${Object.keys(PERSONAS).length} personas; ${findings.length} findings`,
    );
    assert.deepEqual(findings, []);
  });
});
