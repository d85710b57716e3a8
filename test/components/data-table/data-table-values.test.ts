// <pk-data-table>, issue #23: values checked against their field before anything is sent (item 7),
// long text cut with an ellipsis (7), filters applied as typed with a count and Clear all (13),
// export of what the person sees (14), enum labels (15).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-data-table.js';
import '../../../src/elements/pk-portal.js';
import type { PkDataTable, PkPortal } from '../../../src/index.js';
import type { PersonaName } from '../../../server-mock/demo-world.js';
import { deepQueryAll, mockBackend, signInPortal, until } from '../../helpers/portal.js';

async function table(persona: PersonaName, pageId = 'pg-licenses', locale = 'en') {
  const backend = await mockBackend();
  const requests: URL[] = [];
  const handle = backend.handle.bind(backend);
  backend.handle = (request: Request, basePath?: string) => {
    requests.push(new URL(request.url));
    return handle(request, basePath);
  };
  const portal = await fixture<PkPortal>(
    html`<pk-portal locale=${locale}
      ><pk-data-table page=${pageId} locale=${locale}></pk-data-table
    ></pk-portal>`,
  );
  await signInPortal(portal, persona);
  const el = portal.querySelector<PkDataTable>('pk-data-table')!;
  const root = el.shadowRoot!;
  await until(() => root.querySelectorAll('[role="gridcell"][data-row]').length > 0, 10_000, 'rows');
  return { backend, portal, el, root, requests };
}

const cell = (root: ShadowRoot, row: number, col: number) =>
  root.querySelector<HTMLElement>(`[role="gridcell"][data-row="${row}"][data-col="${col}"]`)!;
const button = (root: ShadowRoot | Element, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
const count = (root: ShadowRoot) => root.querySelector('.count')?.textContent?.trim() ?? '';
/** Search and filters live in the table's filters part. */
const filters = (root: ShadowRoot) => root.querySelector('pk-table-filters')!.shadowRoot!;
const filterInput = (root: ShadowRoot, label: string) =>
  [...filters(root).querySelectorAll('.filters label')]
    .find((l) => l.textContent!.trim().startsWith(label))!
    .querySelector<HTMLInputElement | HTMLSelectElement>('input, select')!;

/** Types `text` into a cell's editor and presses Enter. */
async function editCell(el: PkDataTable, row: number, col: number, text: string) {
  const root = el.shadowRoot!;
  cell(root, row, col).focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  // The text arrives as one input event (typing 200 characters key by key would only measure the
  // machine); Enter is a real key press.
  const input = root.querySelector<HTMLInputElement>('[role="gridcell"] input')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('<pk-data-table> values (#23)', () => {
  it('the cell editor refuses what the field cannot hold, names the limit and keeps the text (item 7, R5)', async function () {
    this.timeout(30_000); // five edits in a row, on a busy machine
    const { root, el, backend, requests } = await table('alice');
    const seatsBefore = backend.store.record('License', 'license-1')!.fields.seats;
    const cases: [col: number, typed: string, message: string][] = [
      [1, '-5', 'Seats must be at least 0.'],
      [1, '2.5', 'Seats needs a whole number.'],
      [1, '99999999999999999999', 'Seats must be at most 1,000,000.'],
      [2, '99999999999999999999', 'MRR cannot hold 99999999999999999999 exactly'],
      [0, 'x'.repeat(201), 'Product holds at most 200 characters; this has 201.'],
    ];
    for (const [col, typed, message] of cases) {
      await editCell(el, 0, col, typed);
      expect(root.querySelector('.notice.error')?.textContent, typed).to.contain(message);
      const editor = root.querySelector<HTMLInputElement>('[role="gridcell"] input')!;
      expect(editor.value, 'the text stays').to.equal(typed);
      expect(editor.getAttribute('aria-invalid')).to.equal('true');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
    }
    expect(requests.filter((u) => u.pathname.includes('/records/License/')).length, 'nothing sent').to.equal(
      0,
    );
    expect(backend.store.record('License', 'license-1')!.fields.seats).to.equal(seatsBefore);
    await expect(el).to.be.accessible();
  });

  it('New record refuses a negative Seats in its field and keeps what was typed (item 7)', async () => {
    const { root, el, backend } = await table('alice');
    const before = backend.store.world.records.License!.length;
    button(root, 'New record').click();
    await el.updateComplete;
    // The record dialogs load when first opened, into a part of their own.
    await until(
      () => !!deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]?.open,
      10_000,
      'the New record dialog',
    );
    const dialog = deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]!;
    dialog.querySelector<HTMLInputElement>('input[name="product"]')!.value = 'Negative seats';
    const seats = dialog.querySelector<HTMLInputElement>('input[name="seats"]')!;
    seats.value = '-5';
    button(dialog, 'Create').click();
    await el.updateComplete;
    await root.querySelector('pk-record-dialogs')!.updateComplete;
    const dialogs = root.querySelector('pk-record-dialogs')!.shadowRoot!;
    expect(dialogs.getElementById(seats.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'Seats must be at least 0.',
    );
    expect(seats.value).to.equal('-5');
    expect(seats.getAttribute('aria-invalid')).to.equal('true');
    expect(dialog.open).to.equal(true);
    expect(backend.store.world.records.License!.length).to.equal(before);
  });

  it('long text ends in an ellipsis inside its column, the whole text in the title (item 7)', async () => {
    const backend = await mockBackend();
    const long = 'Enterprise suite ' + 'with a very long product name '.repeat(6);
    backend.store.record('License', 'license-1')!.fields.product = long.slice(0, 200);
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-data-table page="pg-licenses"></pk-data-table></pk-portal>`,
      { parentNode: await fixture(html`<div style="width: 900px"></div>`) },
    );
    await signInPortal(portal, 'alice');
    const root = portal.querySelector<PkDataTable>('pk-data-table')!.shadowRoot!;
    await until(() => !!cell(root, 0, 0), 10_000, 'rows');
    const product = cell(root, 0, 0);
    const text = product.querySelector<HTMLElement>('.text')!;
    expect(getComputedStyle(text).textOverflow).to.equal('ellipsis');
    expect(text.scrollWidth, 'cut').to.be.greaterThan(text.clientWidth);
    expect(product.title).to.equal(long.slice(0, 200));
    // The text stays in its column: the next one starts where the product cell ends.
    expect(text.getBoundingClientRect().right).to.be.at.most(
      cell(root, 0, 1).getBoundingClientRect().left + 1,
    );
    const scroller = root.querySelector<HTMLElement>('.scroll')!;
    expect(scroller.scrollWidth, 'no sideways scroll').to.be.at.most(scroller.clientWidth + 1);
  });

  it('filters apply as typed, Enter at once; the Filters button counts them and Clear all resets (item 13)', async () => {
    const { root, el, requests } = await table('alice');
    button(filters(root), 'Filters').click();
    await el.updateComplete;
    await root.querySelector('pk-table-filters')!.updateComplete;
    // A number range applies while typing, without leaving the field.
    filterInput(root, 'Seats from').focus();
    await sendKeys({ type: '800' });
    await until(() => count(root) === '3 records', 10_000, 'range applied while typing');
    expect(filters(root).activeElement).to.equal(filterInput(root, 'Seats from'));
    const toggle = filters(root).querySelector<HTMLButtonElement>('.filters-toggle')!;
    expect(toggle.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Filters1, 1 active');
    // Text filters too; Enter does not wait for the pause. The pause is held (its timer never
    // fires), so a request for the filter can only come from Enter — whatever the machine's speed.
    const product = filterInput(root, 'Product') as HTMLInputElement;
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
      (ms ?? 0) >= 200 ? 0 : realSetTimeout(handler, ms, ...rest)) as typeof window.setTimeout;
    try {
      product.value = 'a';
      product.dispatchEvent(new Event('input'));
      product.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await until(
        () => requests.some((u) => u.searchParams.getAll('filter').includes('product:contains:a')),
        5000,
        'Enter to apply the filter without waiting for the pause',
      );
    } finally {
      window.setTimeout = realSetTimeout;
    }
    await until(() => toggle.textContent!.includes('2 active'), 10_000, 'two filters counted');
    await expect(el).to.be.accessible();
    button(filters(root), 'Clear all filters').click();
    await until(() => count(root) === '18 records', 10_000, 'cleared');
    expect(toggle.textContent!.trim()).to.equal('Filters');
    expect(button(filters(root), 'Clear all filters')).to.equal(undefined);
    expect(filterInput(root, 'Seats from').value).to.equal('');
  });

  it('Export CSV holds what the person sees: labels, shown values, sort and filters, UTF-8 with BOM (item 14)', async () => {
    const { root, el, backend } = await table('alice', 'pg-licenses', 'de');
    // German strings load on their own time: wait for them, not for a guess.
    await until(() => !!button(root, 'CSV exportieren'), 5000, 'the German strings');
    const license = backend.store.record('License', 'license-1')!;
    license.fields.product = 'Ångström Émile';
    license.fields.mrr = 1234.5;
    license.fields.autoRenew = true;
    let blob: Blob | undefined;
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:captured');
    try {
      button(root, 'Seats').click();
      await until(() => !!root.querySelector('[aria-sort="ascending"]'), 10_000, 'sorted');
      button(root, 'Seats ▲').click();
      await until(() => !!root.querySelector('[aria-sort="descending"]'), 10_000, 'sorted descending');
      filters(root).querySelector<HTMLButtonElement>('.filters-toggle')!.click();
      await el.updateComplete;
      await root.querySelector('pk-table-filters')!.updateComplete;
      const autoRenew = filterInput(root, 'Auto-renew') as HTMLSelectElement;
      autoRenew.value = 'true';
      autoRenew.dispatchEvent(new Event('change'));
      await until(() => !count(root).startsWith('18'), 10_000, 'filtered');
      button(root, 'CSV exportieren').click();
      await until(() => !!blob, 10_000, 'the file');
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'UTF-8 byte-order mark').to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).to.equal('"Product";"Seats";"MRR";"Renewal date";"Auto-renew"');
    const rows = lines.slice(1).map((line) => line.slice(1, -1).split('";"'));
    const expected = backend.store.world.records
      .License!.filter((r) => r.portalIds.includes('p-northwind') && r.fields.autoRenew === true)
      .map((r) => r.fields.seats as number)
      .sort((a, b) => b - a);
    expect(rows.map((r) => Number(r[1]))).to.deep.equal(expected);
    expect(rows.length).to.equal(Number(count(root).split(' ')[0]));
    for (const row of rows) {
      expect(row[4], 'booleans as the table shows them').to.equal('Ja');
      expect(row[3], 'dates ISO').to.match(/^\d{4}-\d{2}-\d{2}$/);
    }
    const accented = rows.find((r) => r[0] === 'Ångström Émile')!;
    expect(accented[2], 'the locale’s decimal mark, no grouping').to.equal('1234,5');
  });

  it('enum cells, editors and filters show labels in the defined order (item 15)', async () => {
    const { root, el, backend } = await table('alice', 'pg-issues');
    const issue = backend.store.world.records.Issue!.find((r) => r.portalIds.includes('p-northwind'))!;
    const severityCol = 1;
    const shown = cell(root, 0, severityCol).textContent!.trim();
    const value = issue.fields.severity as string;
    expect(shown).to.equal(value[0]!.toUpperCase() + value.slice(1));
    filters(root).querySelector<HTMLButtonElement>('.filters-toggle')!.click();
    await el.updateComplete;
    await root.querySelector('pk-table-filters')!.updateComplete;
    const options = [...(filterInput(root, 'Severity') as HTMLSelectElement).options].map((o) =>
      o.textContent!.trim(),
    );
    expect(options).to.deep.equal(['Any', 'Low', 'Medium', 'High', 'Critical']);
  });
});
