// Column widths of the grid through a tiny host (as Lit tests its controllers): a starting width
// from type and content within bounds, Alt+Arrow resizing, dragging the handle, the 60 px floor.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { Column, RecordItem } from '../../src/contract/schemas.js';
import { ColumnSizingController } from '../../src/controllers/column-sizing.js';

const columns: Column[] = [
  { name: 'product', label: 'Product', type: 'string', updatable: true },
  { name: 'seats', label: 'Seats', type: 'integer', updatable: true },
];
let rows: RecordItem[] = [];

class SizingHost extends LitElement {
  readonly sizing = new ColumnSizingController(this, {
    sample: () => rows,
    format: (value) => String(value ?? ''),
    header: (field) => this.renderRoot.querySelector(`[data-field="${field}"]`),
  });
  override render() {
    return litHtml`<div style="display: grid; grid-template-columns: ${this.sizing.template(columns)}">
      ${columns.map((c) => litHtml`<button data-field=${c.name} @keydown=${(e: KeyboardEvent) => this.sizing.onHeaderKey(e, c.name)}>${c.label}</button>`)}
    </div>`;
  }
}
customElements.define('test-sizing-host', SizingHost);

const key = (k: string, altKey = true) => new KeyboardEvent('keydown', { key: k, altKey, cancelable: true });

describe('ColumnSizingController', () => {
  beforeEach(() => (rows = []));

  it('starts a column from its type and content, within the bounds of its type', () => {
    const host = document.createElement('test-sizing-host') as SizingHost;
    expect(host.sizing.baseWidth(columns[1]!)).to.equal(84); // "Seats" and room for the arrow
    expect(host.sizing.baseWidth(columns[0]!)).to.equal(140); // short text: the string minimum
    rows = [{ id: 'r1', product: 'x'.repeat(30) }];
    expect(host.sizing.baseWidth(columns[0]!)).to.equal(249); // 30 characters
    rows = [{ id: 'r1', product: 'x'.repeat(300) }];
    expect(host.sizing.baseWidth(columns[0]!)).to.equal(360); // the string maximum
    expect(host.sizing.template(columns)).to.equal('minmax(360px, 360fr) minmax(84px, 84fr)');
  });

  it('Alt+Right / Alt+Left widen and narrow from the width on screen; other keys do nothing', async () => {
    const host = await fixture<SizingHost>(html`<test-sizing-host style="width: 600px"></test-sizing-host>`);
    const button = host.shadowRoot!.querySelector<HTMLButtonElement>('[data-field="seats"]')!;
    const onScreen = button.getBoundingClientRect().width;
    const plain = key('ArrowRight', false);
    button.dispatchEvent(plain);
    expect(plain.defaultPrevented).to.equal(false);
    expect(host.sizing.width('seats')).to.equal(undefined);
    const right = key('ArrowRight');
    button.dispatchEvent(right);
    expect(right.defaultPrevented).to.equal(true);
    expect(host.sizing.width('seats')).to.equal(onScreen + 16);
    button.dispatchEvent(key('ArrowLeft'));
    button.dispatchEvent(key('ArrowLeft'));
    expect(host.sizing.width('seats')).to.equal(onScreen - 16);
    await host.updateComplete;
    expect(button.getBoundingClientRect().width).to.equal(onScreen - 16);
    for (let i = 0; i < 40; i++) button.dispatchEvent(key('ArrowLeft'));
    expect(host.sizing.width('seats'), 'never narrower than 60 px').to.equal(60);
  });

  it('a drag on the handle follows the pointer until it is released', async () => {
    const host = await fixture<SizingHost>(html`<test-sizing-host></test-sizing-host>`);
    host.sizing.startResize(new PointerEvent('pointerdown', { clientX: 100, cancelable: true }), 'product');
    const start = host.shadowRoot!.querySelector('[data-field="product"]')!.getBoundingClientRect().width;
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 150 }));
    expect(host.sizing.width('product')).to.equal(start + 50);
    window.dispatchEvent(new PointerEvent('pointerup', { clientX: 150 }));
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 400 }));
    expect(host.sizing.width('product'), 'released').to.equal(start + 50);
  });
});
