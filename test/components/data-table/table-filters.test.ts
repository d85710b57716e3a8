// The table's filters part on its own (#23 item 13): what it tells the table, and when — typing
// applies once it pauses, Enter and a choice at once; the Filters button counts; Clear all.
import { expect, fixture, html } from '@open-wc/testing';
import { PkTableFilters, type TableNarrowing } from '../../../src/components/data-table/table-filters.js';
import type { Column } from '../../../src/contract/schemas.js';
import { until } from '../../helpers/portal.js';

if (!customElements.get('pk-table-filters')) customElements.define('pk-table-filters', PkTableFilters);

const columns: Column[] = [
  { name: 'product', label: 'Product', type: 'string', updatable: true },
  { name: 'seats', label: 'Seats', type: 'integer', updatable: true },
  { name: 'autoRenew', label: 'Auto-renew', type: 'boolean', updatable: true },
];

async function part() {
  const el = await fixture<PkTableFilters>(html`<pk-table-filters .columns=${columns}></pk-table-filters>`);
  const applied: TableNarrowing[] = [];
  el.addEventListener('pk-filters-change', (e) => applied.push((e as CustomEvent<TableNarrowing>).detail));
  const root = el.shadowRoot!;
  const button = (text: string) =>
    [...root.querySelectorAll('button')].find((b) =>
      b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text),
    );
  const field = (label: string) =>
    [...root.querySelectorAll('.filters label')]
      .find((l) => l.textContent!.trim().startsWith(label))!
      .querySelector<HTMLInputElement & HTMLSelectElement>('input, select')!;
  return { el, root, applied, button, field };
}

const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

describe('<pk-table-filters>', () => {
  it('typing applies once it pauses, as one change; Enter applies at once', async () => {
    const { el, root, applied, button, field } = await part();
    button('Filters')!.click();
    await el.updateComplete;
    expect(button('Filters')!.getAttribute('aria-expanded')).to.equal('true');
    type(field('Seats from'), '8');
    type(field('Seats from'), '80');
    type(field('Seats from'), '800');
    expect(applied, 'nothing while typing').to.deep.equal([]);
    await until(() => applied.length > 0, 5000, 'applied after the pause');
    expect(applied).to.deep.equal([{ search: '', filter: ['seats:gte:800'] }]);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    type(search, 'ember');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    search.dispatchEvent(enter);
    expect(enter.defaultPrevented).to.equal(true);
    expect(applied.at(-1), 'Enter: at once').to.deep.equal({ search: 'ember', filter: ['seats:gte:800'] });
    const count = applied.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(applied.length, 'the pending pause was dropped').to.equal(count);
  });

  it('a choice applies at once; the button counts filters; Clear all empties them at once', async () => {
    const { el, applied, button, field } = await part();
    expect(button('Filters')!.textContent!.trim()).to.equal('Filters');
    expect(button('Clear all filters')).to.equal(undefined);
    button('Filters')!.click();
    await el.updateComplete;
    const autoRenew = field('Auto-renew');
    expect([...autoRenew.options].map((o) => o.textContent!.trim())).to.deep.equal(['Any', 'Yes', 'No']);
    autoRenew.value = 'true';
    autoRenew.dispatchEvent(new Event('change'));
    expect(applied).to.deep.equal([{ search: '', filter: ['autoRenew:eq:true'] }]);
    type(field('Product'), 'a');
    await el.updateComplete;
    expect(button('Filters')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Filters2, 2 active');
    await expect(el).to.be.accessible();
    button('Clear all filters')!.click();
    expect(applied.at(-1)).to.deep.equal({ search: '', filter: [] });
    await el.updateComplete;
    expect(button('Filters')!.textContent!.trim()).to.equal('Filters');
    expect(field('Product').value).to.equal('');
    expect(autoRenew.value).to.equal('');
  });
});
