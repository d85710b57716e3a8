// <pk-data-table> in the browser (R1, R3, R5, R12, R19): columns per role, server sort/search/
// filter, virtual scrolling, ARIA grid keyboard, editing with rollback and offline retry,
// create / remove / export, share more records, read-only impersonation, axe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-data-table.js';
import '../../../src/elements/pk-portal.js';
import type { PkDataTable, PkPortal } from '../../../src/index.js';
import { largeWorld, type PersonaName } from '../../../server-mock/demo-world.js';
import { tokenFor } from '../../helpers/backend.js';
import { deepQueryAll, mockBackend, signInPortal, until } from '../../helpers/portal.js';

async function table(persona: PersonaName, pageId = 'pg-licenses') {
  const backend = await mockBackend();
  const portal = await fixture<PkPortal>(
    html`<pk-portal><pk-data-table page=${pageId}></pk-data-table></pk-portal>`,
  );
  await signInPortal(portal, persona);
  const el = portal.querySelector<PkDataTable>('pk-data-table')!;
  const root = el.shadowRoot!;
  await until(() => root.querySelectorAll('[role="gridcell"][data-row]').length > 0, 3000, 'rows');
  return { backend, portal, el, root };
}

const headers = (root: ShadowRoot) =>
  [...root.querySelectorAll('[role="columnheader"] button')].map((b) =>
    b.textContent!.replace(/[▲▼]/g, '').trim(),
  );
const cell = (root: ShadowRoot, row: number, col: number) =>
  root.querySelector<HTMLElement>(`[role="gridcell"][data-row="${row}"][data-col="${col}"]`)!;
const button = (root: ShadowRoot | Element, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
const count = (root: ShadowRoot) => root.querySelector('.count')?.textContent?.trim() ?? '';
/** Search and filters live in the table's filters part. */
const filters = (root: ShadowRoot) => root.querySelector('pk-table-filters')!.shadowRoot!;
/** The record dialogs load when first opened, into a part of their own. */
const createDialog = async (root: ShadowRoot) => {
  await until(
    () => !!deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]?.open,
    3000,
    'the New record dialog',
  );
  return deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]!;
};

/**
 * The Licenses page arrives without its first rows and every record request answers `status`;
 * `seen` is called per record request. Returns a function that puts the backend back.
 */
async function failingRecords(status: number, code: string, seen: () => void) {
  const backend = await mockBackend();
  const handle = backend.handle.bind(backend);
  backend.handle = async (request: Request, basePath?: string) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/records/License')) {
      seen();
      return Response.json({ error: { code, message: code } }, { status });
    }
    const response = await handle(request, basePath);
    if (!path.endsWith('/pages/pg-licenses')) return response;
    const { records: _records, ...payload } = await response.json();
    return Response.json(payload, { status: response.status });
  };
  return () => void (backend.handle = handle);
}

describe('<pk-data-table> never loops on a refusal', () => {
  it('a 403 on records is asked once, shown once, and not again until the person asks (R3)', async () => {
    let recordRequests = 0;
    const restore = await failingRecords(403, 'forbidden', () => recordRequests++);
    try {
      const portal = await fixture<PkPortal>(
        html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
      );
      await signInPortal(portal, 'alice');
      const root = portal.querySelector<PkDataTable>('pk-data-table')!.shadowRoot!;
      await until(() => !!root.querySelector('[role="alert"]'), 3000, 'the refusal shown');
      await new Promise((r) => setTimeout(r, 1500));
      expect(recordRequests).to.equal(1);
      expect(root.querySelectorAll('[role="alert"]').length).to.equal(1);
      await expect(portal).to.be.accessible();
      // Asked again only when the person chooses to.
      root.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await until(() => recordRequests === 2, 2000, 'the second request');
      await new Promise((r) => setTimeout(r, 500));
      expect(recordRequests).to.equal(2);
    } finally {
      restore();
    }
  });

  it('a 5xx is retried with growing pauses, at most three times', async () => {
    const at: number[] = [];
    const restore = await failingRecords(503, 'internal', () => at.push(performance.now()));
    try {
      const portal = await fixture<PkPortal>(
        html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
      );
      await signInPortal(portal, 'alice');
      const root = portal.querySelector<PkDataTable>('pk-data-table')!.shadowRoot!;
      await until(() => !!root.querySelector('[role="alert"]'), 12_000, 'the error shown after the retries');
      expect(at.length).to.equal(4);
      const pauses = at.slice(1).map((t, i) => t - at[i]!);
      expect(pauses[1]!).to.be.greaterThan(pauses[0]!);
      expect(pauses[2]!).to.be.greaterThan(pauses[1]!);
      await new Promise((r) => setTimeout(r, 500));
      expect(at.length).to.equal(4);
    } finally {
      restore();
    }
  }).timeout(20_000);
});

describe('<pk-data-table>', () => {
  it('shows exactly the shared records and the columns the role may view (R3)', async () => {
    const bob = await table('bob');
    expect(headers(bob.root)).to.deep.equal(['Product', 'Seats', 'Renewal date', 'Auto-renew']);
    expect(count(bob.root)).to.equal('18 records');
    expect(bob.root.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).to.equal('19');
    const alice = await table('alice');
    expect(headers(alice.root)).to.deep.equal(['Product', 'Seats', 'MRR', 'Renewal date', 'Auto-renew']);
    await expect(alice.el).to.be.accessible();
  });

  it('sorts on the server with aria-sort, searches and filters by typed ranges', async () => {
    const { root, el } = await table('alice');
    button(root, 'Seats').click();
    await until(
      () =>
        root.querySelector('[aria-sort="ascending"]') !== null &&
        cell(root, 0, 1)?.textContent!.trim() === '2',
      3000,
      'sorted',
    );
    button(root, 'Seats ▲').click();
    await until(() => cell(root, 0, 1)?.textContent!.trim() === '914', 3000, 'descending');
    expect(root.querySelector('[aria-sort="descending"]')).not.to.equal(null);
    const search = filters(root).querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'ember';
    search.dispatchEvent(new Event('input'));
    await until(() => count(root) === '1 record', 3000, 'search'); // singular (#12 item 16)
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await until(() => count(root) === '18 records', 3000, 'search cleared');
    button(filters(root), 'Filters').click();
    await el.updateComplete;
    await root.querySelector('pk-table-filters')!.updateComplete;
    const from = [...filters(root).querySelectorAll('.filters label')]
      .find((l) => l.textContent!.includes('Seats from'))!
      .querySelector('input')!;
    from.value = '800';
    from.dispatchEvent(new Event('input'));
    await until(() => count(root) === '3 records', 3000, 'range filter');
  });

  it('a table shared to view offers no write control, whatever the role allows (R2)', async () => {
    // Grace's role may create, update and remove Licenses; Globex shares its data to view.
    const { root, el } = await table('grace');
    expect(root.querySelector('#readonly-note')!.textContent).to.contain('shared with you to view only');
    const labels = [...root.querySelectorAll('button')].map((b) => b.textContent!.trim());
    for (const control of ['New record', 'Remove row…']) expect(labels).not.to.include(control);
    expect(root.querySelector('[role="grid"]')!.getAttribute('aria-readonly')).to.equal('true');
    cell(root, 0, 1).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root.querySelector('[role="gridcell"] input, [role="gridcell"] select')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('columns size from type and content and fill the width; long text has a title; date filters show whole dates (#12 item 15)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
    await mockBackend();
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-data-table page="pg-issues"></pk-data-table></pk-portal>`,
      { parentNode: wrapper },
    );
    await signInPortal(portal, 'alice');
    const el = portal.querySelector<PkDataTable>('pk-data-table')!;
    const root = el.shadowRoot!;
    await until(() => root.querySelectorAll('[role="gridcell"][data-row]').length > 0, 3000, 'rows');
    const scroller = root.querySelector<HTMLElement>('.scroll')!;
    const headers = [...root.querySelectorAll<HTMLElement>('[role="columnheader"]')];
    const last = headers.at(-1)!.getBoundingClientRect();
    expect(last.right, 'last column not cut').to.be.at.most(scroller.getBoundingClientRect().right + 1);
    const gap = scroller.getBoundingClientRect().right - last.right;
    expect(gap, 'columns fill the width').to.be.below(24);
    const widths = headers.map((h) => h.getBoundingClientRect().width);
    // Title (text) is wider than Severity (a short enum).
    expect(widths[0]).to.be.greaterThan(widths[1]! + 40);
    const title = cell(root, 0, 0);
    expect(title.title).to.equal(title.textContent!.trim());
    button(filters(root), 'Filters')!.click();
    await el.updateComplete;
    await root.querySelector('pk-table-filters')!.updateComplete;
    for (const input of filters(root).querySelectorAll<HTMLInputElement>('.filters input[type="date"]'))
      expect(input.getBoundingClientRect().width, 'a date filter shows a whole date').to.be.at.least(150);
    await expect(el).to.be.accessible();
  });

  it('keyboard: arrows move the active cell, Enter edits, Enter saves, Escape cancels (R5)', async () => {
    const { root, backend, el } = await table('alice');
    cell(root, 0, 0).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root.activeElement).to.equal(cell(root, 1, 1));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const editor = root.querySelector<HTMLInputElement>('[role="gridcell"] input')!;
    // Typed as text with a numeric keypad (Seats is an integer field): a number input would turn
    // "1e" into "" (#23 item 7).
    expect(editor.inputMode).to.equal('numeric');
    editor.select();
    await sendKeys({ type: '4242' });
    const updated = oneEvent(el, 'pk-record-update');
    await sendKeys({ press: 'Enter' });
    expect((await updated).detail).to.deep.equal({
      model: 'License',
      id: 'license-2',
      fields: { seats: 4242 },
    });
    expect(backend.store.record('License', 'license-2')!.fields.seats).to.equal(4242);
    await until(() => cell(root, 1, 1).textContent!.trim() === '4,242', 2000, 'new value');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ type: '1' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(root.querySelector('[role="gridcell"] input')).to.equal(null);
    expect(backend.store.record('License', 'license-2')!.fields.seats).to.equal(4242);
    expect(root.activeElement).to.equal(cell(root, 1, 1));
  });

  it('a role without Update gets read-only cells; Enter does not edit', async () => {
    const { root, el } = await table('bob');
    expect(cell(root, 0, 1).getAttribute('aria-readonly')).to.equal('true');
    cell(root, 0, 1).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root.querySelector('[role="gridcell"] input')).to.equal(null);
    expect(button(root, 'New record')).to.equal(undefined);
    expect(button(root, 'Export CSV')).not.to.equal(undefined);
  });

  it('a refused edit keeps the draft in the cell with the reason; Discard rolls it back', async () => {
    const { root, backend, el } = await table('alice');
    backend.store.externalRoles.get('xr-collab')!.models.License!.fields.seats = {
      view: true,
      update: false,
    };
    cell(root, 0, 1).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    root.querySelector<HTMLInputElement>('[role="gridcell"] input')!.select();
    await sendKeys({ type: '7' });
    const error = oneEvent(el, 'pk-error');
    await sendKeys({ press: 'Enter' });
    expect((await error).detail.code).to.equal('forbidden');
    await el.updateComplete;
    expect(cell(root, 0, 1).textContent!.trim(), 'the draft stays').to.equal('7');
    expect(cell(root, 0, 1).classList.contains('failed')).to.equal(true);
    expect(root.querySelector('.notice.error')!.textContent).to.contain('permission');
    button(root, 'Discard my change')!.click();
    await until(() => cell(root, 0, 1).textContent!.trim() === '675', 2000, 'rolled back');
    expect(root.querySelector('.notice.error')).to.equal(null);
  });

  it('an edit of a record unshared meanwhile says so, keeps the text, and the row leaves only on Discard (#12 item 5)', async () => {
    const { root, backend, el } = await table('alice');
    const first = backend.store.record('License', 'license-1')!;
    cell(root, 0, 0).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    root.querySelector<HTMLInputElement>('[role="gridcell"] input')!.select();
    await sendKeys({ type: 'Renamed by Alice' });
    first.portalIds = []; // staff unshare it while she types
    const error = oneEvent(el, 'pk-error');
    await sendKeys({ press: 'Enter' });
    expect((await error).detail.code).to.equal('not_found');
    await el.updateComplete;
    expect(root.querySelector('.notice.error')!.textContent).to.contain(
      'This record is no longer shared with you',
    );
    expect(cell(root, 0, 0).textContent!.trim()).to.equal('Renamed by Alice');
    expect(cell(root, 0, 0).title).to.contain('no longer shared');
    expect(button(root, 'Try again')).not.to.equal(undefined);
    button(root, 'Discard my change')!.click();
    // The list reloads: rows go, then come back without the unshared record.
    await until(
      () => {
        const text = cell(root, 0, 0)?.textContent?.trim();
        return !!text && text !== 'Renamed by Alice';
      },
      2000,
      'row gone',
    );
    expect(cell(root, 0, 0).textContent!.trim()).not.to.equal(first.fields.product);
    await expect(el).to.be.accessible();
  });

  it('a network failure keeps the edit and retries it', async () => {
    const { root, backend, el } = await table('alice');
    const original = window.fetch;
    let failures = 0;
    window.fetch = (input, init) =>
      init?.method === 'PATCH' && failures++ === 0
        ? Promise.reject(new TypeError('offline'))
        : original(input, init);
    try {
      cell(root, 0, 1).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      root.querySelector<HTMLInputElement>('[role="gridcell"] input')!.select();
      await sendKeys({ type: '99' });
      await sendKeys({ press: 'Enter' });
      await until(() => cell(root, 0, 1).classList.contains('failed'), 2000, 'kept offline');
      expect(cell(root, 0, 1).textContent!.trim()).to.equal('99');
      expect(root.querySelector('.notice.info')!.textContent).to.contain('kept');
      await until(() => backend.store.record('License', 'license-1')!.fields.seats === 99, 4000, 'retried');
      await until(() => !cell(root, 0, 1).classList.contains('failed'), 2000, 'saved');
    } finally {
      window.fetch = original;
    }
  });

  it('create validates typed input, then creates a record shared to this portal', async () => {
    const { root, backend, el } = await table('alice');
    button(root, 'New record').click();
    await el.updateComplete;
    const dialog = await createDialog(root);
    expect(dialog.open).to.equal(true);
    // Booleans read Yes / No here as in the grid (#12 item 17).
    const autoRenew = dialog.querySelector<HTMLSelectElement>('select[name="autoRenew"]')!;
    expect([...autoRenew.options].map((o) => o.textContent!.trim())).to.deep.equal(['Not set', 'Yes', 'No']);
    dialog.querySelector<HTMLInputElement>('input[name="product"]')!.value = 'Quantum Widgets';
    dialog.querySelector<HTMLInputElement>('input[name="renewal"]')!.value = '2027-03-01';
    const created = oneEvent(el, 'pk-record-create');
    button(dialog, 'Create').click();
    const { detail } = await created;
    expect(backend.store.record('License', detail.id)!.portalIds).to.deep.equal(['p-northwind']);
    await until(() => count(root) === '19 records', 3000, 'new total');
    await expect(el).to.be.accessible();
  });

  it('remove acts only on a row the person picked and names it; export downloads a CSV', async () => {
    const { root, backend, el } = await table('alice');
    // The row active by default is not a choice (#12 item 12).
    expect(button(root, 'Remove row…')!.disabled).to.equal(true);
    cell(root, 2, 0).click();
    await el.updateComplete;
    button(root, 'Remove row…').click();
    const confirmOpen = () =>
      deepQueryAll(root, 'pk-confirm.remove')[0]?.shadowRoot?.querySelector('dialog')?.open;
    await until(() => !!confirmOpen(), 3000, 'confirm');
    const confirm = deepQueryAll(root, 'pk-confirm.remove')[0]!.shadowRoot!;
    const dialog = confirm.querySelector('dialog')!;
    expect(confirm.activeElement?.textContent?.trim(), 'focus starts on Cancel').to.equal('Cancel');
    const product = backend.store.record('License', 'license-3')!.fields.product as string;
    expect(dialog.querySelector('h3')!.textContent).to.equal(`Remove “${product}”?`);
    const removed = oneEvent(el, 'pk-record-remove');
    button(dialog, 'Remove').click();
    expect((await removed).detail.id).to.equal('license-3');
    expect(backend.store.record('License', 'license-3')).to.equal(undefined);
    await until(() => count(root) === '17 records', 3000, 'after remove');
    expect(root.querySelector('.notice')!.textContent).to.contain(`“${product}” removed.`);
    const exported = oneEvent(el, 'pk-records-export');
    button(root, 'Export CSV').click();
    expect((await exported).detail.model).to.equal('License');
  });

  it('vendor staff share more records through the picker; they appear in the table (R19)', async () => {
    const { root, el, backend } = await table('olivia');
    button(root, 'Share more records…').click();
    const picker = root.querySelector('pk-picker')!;
    await until(
      () => (picker.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) === 6,
      3000,
      'unshared list',
    );
    const pr = picker.shadowRoot!;
    // Focus starts on the list's search, not Cancel (#12 item 10); every column shows (item 14).
    expect(pr.activeElement?.getAttribute('type')).to.equal('search');
    expect(pr.querySelectorAll('thead th').length).to.equal(1 + 5);
    expect(pr.querySelector('dialog')!.getBoundingClientRect().width).to.be.greaterThan(500);
    const product = backend.store.record('License', 'license-19')!.fields.product as string;
    pr.querySelector<HTMLInputElement>(`input[aria-label="Select ${product}"]`)!.click();
    await picker.updateComplete;
    const shared = oneEvent(el, 'pk-records-share');
    button(pr, 'Share selected (1)').click();
    expect((await shared).detail).to.deep.equal({ model: 'License', ids: ['license-19'], shared: true });
    expect(backend.store.record('License', 'license-19')!.portalIds).to.include('p-northwind');
    await until(() => count(root) === '19 records', 3000, 'shared total');
    expect(root.querySelector('.notice')!.textContent).to.contain('1 record shared.');
    await expect(picker).to.be.accessible();
  });

  it('Unshare row acts on the picked row and offers Undo with focus on it (#12 item 12)', async () => {
    const { root, el, backend } = await table('olivia');
    expect(button(root, 'Unshare row')!.disabled).to.equal(true);
    cell(root, 1, 0).click();
    await el.updateComplete;
    const product = backend.store.record('License', 'license-2')!.fields.product as string;
    button(root, 'Unshare row')!.click();
    await until(() => count(root) === '17 records', 3000, 'unshared');
    expect(root.querySelector('.notice')!.textContent).to.contain(`“${product}” is no longer shared`);
    expect(root.activeElement?.textContent?.trim()).to.equal('Undo');
    (root.activeElement as HTMLButtonElement).click();
    await until(() => count(root) === '18 records', 3000, 'undone');
    expect(backend.store.record('License', 'license-2')!.portalIds).to.include('p-northwind');
  });

  it('impersonation is read-only with the reason shown (R12)', async () => {
    const { root } = await table('oliviaAsBob');
    expect(root.querySelector('#readonly-note')!.textContent).to.contain('viewing as Bob Brennan');
    expect(button(root, 'New record')).to.equal(undefined);
    expect(cell(root, 0, 0).getAttribute('aria-readonly')).to.equal('true');
  });

  it('virtual scrolling: 5,000 rows keep a bounded DOM and load pages as they come into view', async () => {
    const backend = await mockBackend();
    backend.reset(largeWorld({ shared: 5000, unshared: 0 }));
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
    );
    await signInPortal(portal, 'alice');
    const el = portal.querySelector<PkDataTable>('pk-data-table')!;
    const root = el.shadowRoot!;
    await until(() => count(root) === '5,000 records', 3000, 'total');
    const scroller = root.querySelector<HTMLElement>('.scroll')!;
    scroller.scrollTop = scroller.scrollHeight;
    const lastRow = () => root.querySelector('[role="row"][aria-rowindex="5001"]');
    await until(() => (lastRow()?.textContent ?? '').includes(' 5000'), 5000, 'last row loaded');
    expect(root.querySelectorAll('.body [role="row"]').length).to.be.below(100);
  });

  it('a filtered list past 10,000 matches says "10,000+ records"; the whole list its exact total (#25)', async () => {
    const backend = await mockBackend();
    backend.reset(largeWorld({ shared: 10_050, unshared: 0 }));
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
    );
    await signInPortal(portal, 'alice');
    const el = portal.querySelector<PkDataTable>('pk-data-table')!;
    const root = el.shadowRoot!;
    await until(() => count(root) === '10,050 records', 5000, 'the whole list, exact');
    button(filters(root), 'Filters').click();
    await el.updateComplete;
    await root.querySelector('pk-table-filters')!.updateComplete;
    const from = [...filters(root).querySelectorAll('.filters label')]
      .find((l) => l.textContent!.includes('Seats from'))!
      .querySelector('input')!;
    from.value = '0';
    from.dispatchEvent(new Event('input'));
    await until(() => count(root) === '10,000+ records', 5000, 'counted to the cap');
    from.value = '95';
    from.dispatchEvent(new Event('input'));
    await until(
      () => /^[\d,]+ records$/.test(count(root)) && count(root) !== '10,050 records',
      5000,
      'exact again',
    );
  });

  it('an edit made after the session ended is saved once fetchToken renews it (token flow)', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
    );
    let renewals = 0;
    portal.fetchToken = async () => {
      renewals++;
      return tokenFor('alice');
    };
    await signInPortal(portal, 'alice');
    const el = portal.querySelector<PkDataTable>('pk-data-table')!;
    const root = el.shadowRoot!;
    await until(() => !!cell(root, 0, 1), 3000, 'rows');
    backend.expireSessions();
    cell(root, 0, 1).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    root.querySelector<HTMLInputElement>('[role="gridcell"] input')!.select();
    await sendKeys({ type: '321' });
    const updated = oneEvent(el, 'pk-record-update');
    await sendKeys({ press: 'Enter' });
    await updated;
    expect(renewals).to.equal(1);
    expect(backend.store.record('License', 'license-1')!.fields.seats).to.equal(321);
    expect(portal.shadowRoot!.querySelector('[part="status"]')).to.equal(null);
  });

  it('columns resize from the keyboard (Alt+Arrow on the header)', async () => {
    const { root, el } = await table('alice');
    const header = root.querySelector<HTMLButtonElement>('[role="columnheader"] button')!;
    const before = header.parentElement!.getBoundingClientRect().width;
    header.focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Alt' });
    await el.updateComplete;
    expect(header.parentElement!.getBoundingClientRect().width).to.equal(before + 32);
    expect(root.querySelector('[aria-sort="ascending"]')).to.equal(null); // resizing did not sort
  });
});
