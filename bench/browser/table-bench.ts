// Runs in headless Chromium (bench/table.bench.ts serves it): <pk-data-table> and <vaadin-grid>
// over the same 100,000 rows. Reports time from data to visible rows, frame times while
// scrolling the whole list, and the most rows in the DOM at once.
import { ContextProvider } from '@lit/context';
import '@vaadin/grid';
import '../../src/elements/pk-data-table.js';
import { PortalApiClient } from '../../src/api/client.js';
import type { Bootstrap, PagePayload } from '../../src/contract/schemas.js';
import { apiContext, sessionContext } from '../../src/context/portal-context.js';

const ROWS = 100_000;
const COLUMNS = [
  { name: 'product', label: 'Product', type: 'string' as const, updatable: true },
  { name: 'seats', label: 'Seats', type: 'integer' as const, updatable: true },
  { name: 'mrr', label: 'MRR', type: 'decimal' as const, updatable: true },
  { name: 'renewal', label: 'Renewal date', type: 'date' as const, updatable: true },
  { name: 'autoRenew', label: 'Auto-renew', type: 'boolean' as const, updatable: true },
];
const records = Array.from({ length: ROWS }, (_, i) => ({
  id: `lic-${i}`,
  product: `Product ${i}`,
  seats: (i * 7) % 1000,
  mrr: (i * 13) % 10000,
  renewal: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
  autoRenew: i % 2 === 0,
}));

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Scrolls `scroller` from top to bottom in `steps` frames; frame times and the most rows seen. */
async function scrollThrough(scroller: HTMLElement, countRows: () => number, steps = 240) {
  const frames: number[] = [];
  let maxRows = 0;
  let last = await frame();
  const distance = scroller.scrollHeight - scroller.clientHeight;
  for (let i = 1; i <= steps; i++) {
    scroller.scrollTop = (distance * i) / steps;
    const now = await frame();
    frames.push(now - last);
    last = now;
    maxRows = Math.max(maxRows, countRows());
  }
  // A frame longer than 1.5 vsync intervals means at least one frame was dropped.
  const dropped = frames.filter((f) => f > 25).length;
  return { p95: percentile(frames, 0.95), dropped, maxRows };
}

async function measureOurs() {
  let dataArrived = 0;
  const page: PagePayload = {
    id: 'pg',
    title: 'Licenses',
    type: 'table',
    access: 'edit',
    model: 'License',
    columns: COLUMNS,
    permissions: { create: true, update: true, remove: true, export: true, share: false },
  };
  // The API answers from memory: the benchmark measures rendering, not the network.
  const fakeFetch: typeof fetch = async (input) => {
    const url = new URL(String(input), location.href);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const body = { items: records.slice(offset, offset + limit), nextCursor: null, total: ROWS };
    if (offset === 0) dataArrived = performance.now();
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  const client = new PortalApiClient({ apiBase: '/api', fetch: fakeFetch });
  const host = document.createElement('div');
  host.style.cssText = 'width: 900px';
  new ContextProvider(host, { context: apiContext, initialValue: client });
  new ContextProvider(host, {
    context: sessionContext,
    initialValue: { user: { kind: 'external', id: 'x', name: 'X' }, can: { write: true } } as Bootstrap,
  });
  document.body.append(host);
  const table = document.createElement('pk-data-table');
  table.payload = page;
  table.page = 'pg';
  host.append(table);
  const root = () => table.shadowRoot!;
  while (!root()?.querySelector('[role="gridcell"][data-row="0"]'))
    await new Promise((r) => setTimeout(r, 0));
  await frame();
  const firstRows = performance.now() - dataArrived;
  const scroller = root().querySelector<HTMLElement>('.scroll')!;
  const scroll = await scrollThrough(scroller, () => root().querySelectorAll('.body [role="row"]').length);
  host.remove();
  return { firstRows, ...scroll };
}

async function measureVaadin() {
  const grid = document.createElement('vaadin-grid') as HTMLElement & { items: unknown[] };
  grid.style.cssText = 'width: 900px; height: 512px';
  for (const c of COLUMNS) {
    const column = document.createElement('vaadin-grid-column') as HTMLElement & {
      path: string;
      header: string;
    };
    column.path = c.name;
    column.header = c.label;
    grid.append(column);
  }
  document.body.append(grid);
  await frame();
  const start = performance.now();
  grid.items = records;
  const rows = () => grid.shadowRoot!.querySelectorAll('tbody#items tr');
  while (!grid.querySelector('vaadin-grid-cell-content')?.textContent?.includes('Product'))
    await new Promise((r) => setTimeout(r, 0));
  await frame();
  const firstRows = performance.now() - start;
  const scroller = grid.shadowRoot!.querySelector<HTMLElement>('#table')!;
  const scroll = await scrollThrough(scroller, () => rows().length);
  grid.remove();
  return { firstRows, ...scroll };
}

(window as unknown as { runBench: () => Promise<unknown> }).runBench = async () => {
  // Warm up both (code paths, fonts), then measure.
  await measureOurs();
  await measureVaadin();
  const ours = await measureOurs();
  const vaadin = await measureVaadin();
  return { ours, vaadin };
};
