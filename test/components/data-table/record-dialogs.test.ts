// <pk-data-table>'s look and its New record form, on a tenant's own model (#25: a number, a
// decimal, a list, a yes/no and a text field): number headers line up with their numbers, the
// form keeps one width with a margin on a phone, a refusal moves focus to its field and describes
// it (WCAG 3.3.1, 4.1.2), and form controls have a 3:1 edge (WCAG 1.4.11).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/elements/pk-data-table.js';
import '../../../src/elements/pk-portal.js';
import type { PkDataTable, PkPortal } from '../../../src/index.js';
import type { PkRecordDialogs } from '../../../src/components/data-table/record-dialogs.js';
import { contrastRatio } from '../../../src/shared/contrast.js';
import { customModelWorld } from '../../helpers/custom-world.js';
import { deepQueryAll, mockBackend, signInPortal, until } from '../../helpers/portal.js';
import { hex } from '../../helpers/colors.js';

async function subscriptions(theme: 'light' | 'dark' = 'light') {
  const backend = await mockBackend();
  await backend.reset(customModelWorld());
  const portal = await fixture<PkPortal>(
    html`<pk-portal theme=${theme}><pk-data-table page="pg-subs"></pk-data-table></pk-portal>`,
  );
  await signInPortal(portal, 'alice');
  const el = portal.querySelector<PkDataTable>('pk-data-table')!;
  const root = el.shadowRoot!;
  await until(() => root.querySelectorAll('[role="gridcell"][data-row]').length > 0, 10_000, 'rows');
  return { el, root };
}

const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;

/** Opens New record; the dialogs load when first opened, into a part of their own. */
async function newRecord(root: ShadowRoot) {
  button(root, 'New record').click();
  await until(() => !!deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]?.open, 10_000, 'the dialog');
  const dialogs = root.querySelector<PkRecordDialogs>('pk-record-dialogs')!;
  const dialog = dialogs.shadowRoot!.querySelector<HTMLDialogElement>('dialog.create')!;
  const control = <T extends HTMLElement = HTMLInputElement>(name: string) =>
    dialog.querySelector<T>(`[name="${name}"]`)!;
  /** Sets values, presses Create and waits until the form has drawn its answer. */
  const create = async (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) control(name).value = value;
    // As a click does: focus on the button (the dialog opened with focus on the first field).
    button(dialog, 'Create').focus();
    button(dialog, 'Create').click();
    await until(() => !!dialog.querySelector('.field-error'), 3000, 'the refusals');
    await dialogs.updateComplete;
  };
  return { dialogs, dialog, control, create };
}

const textRight = (node: Element) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  return range.getBoundingClientRect().right;
};

describe('<pk-data-table> look and New record form', () => {
  let viewport = { width: 800, height: 600 };
  before(() => (viewport = { width: innerWidth, height: innerHeight }));
  afterEach(() => setViewport(viewport));

  it('a number column’s header ends where its numbers end; others start where their text starts', async () => {
    const { root } = await subscriptions();
    const header = (label: string) =>
      [...root.querySelectorAll('[role="columnheader"] button')].find(
        (b) => b.textContent!.trim() === label,
      )!;
    // Units (integer) is column 2, Price (decimal) column 3; Plan (text) column 1.
    for (const [label, col] of [
      ['Units', 1],
      ['Price', 2],
    ] as const) {
      expect(getComputedStyle(header(label)).textAlign, label).to.equal('end');
      const cellText = root.querySelector(`[role="gridcell"][data-row="1"][data-col="${col}"] .text`)!;
      expect(Math.abs(textRight(header(label)) - textRight(cellText)), label).to.be.below(1);
    }
    expect(getComputedStyle(header('Plan')).textAlign).to.equal('start');
  });

  it('after Create, focus is on the first field to correct; each refusal is its field’s description, not its name', async () => {
    const { root } = await subscriptions();
    const { dialogs, dialog, control, create } = await newRecord(root);
    // Lists open on a named empty choice.
    for (const name of ['tier', 'renews'])
      expect(control<HTMLSelectElement>(name).options[0]!.textContent, name).to.equal('Not set');
    await create({ units: '-3', notes: 'ab' });
    const plan = control('plan');
    await until(() => dialogs.shadowRoot!.activeElement === plan, 3000, 'focus on Plan');
    const described = (name: string) => {
      const id = control(name).getAttribute('aria-describedby');
      return id ? dialogs.shadowRoot!.getElementById(id)?.textContent : undefined;
    };
    expect(described('plan')).to.equal('Plan is required.');
    expect(described('units')).to.equal('Units must be at least 0.');
    expect(described('notes')).to.equal('Notes needs at least 3 characters; this has 2.');
    expect(control('price').hasAttribute('aria-describedby'), 'a valid field has no description').to.equal(
      false,
    );
    expect(control('units').getAttribute('aria-invalid')).to.equal('true');
    expect(control('price').getAttribute('aria-invalid')).to.equal('false');
    // The label (the control's name) holds the field's label only.
    expect(control('units').closest('label')!.textContent!.trim()).to.equal('Units');
    expect(dialog.querySelectorAll('[role="alert"]').length, 'no alert per field').to.equal(0);
    dialog.close();
  });

  it('the form keeps one width whatever it shows: 28rem wide, and a 16px margin each side on a 375px screen', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { root } = await subscriptions();
    const wide = await newRecord(root);
    const before = wide.dialog.getBoundingClientRect().width;
    expect(before).to.equal(28 * 16);
    await wide.create({ notes: 'ab' });
    expect(wide.dialog.getBoundingClientRect().width, 'with refusals').to.equal(before);
    // Notes grows downwards only: dragged wider it would push the form out of the dialog.
    const notes = wide.control('notes').getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(notes.right - 3), Math.round(notes.bottom - 3)] });
    await sendMouse({ type: 'down' });
    await sendMouse({
      type: 'move',
      position: [Math.round(notes.right + 300), Math.round(notes.bottom + 60)],
    });
    await sendMouse({ type: 'up' });
    const dragged = wide.control('notes').getBoundingClientRect();
    expect(dragged.height, 'taller').to.be.above(notes.height);
    expect(dragged.width, 'not wider').to.equal(notes.width);
    expect(wide.dialog.getBoundingClientRect().width, 'after the drag').to.equal(before);
    wide.dialog.close();

    await setViewport({ width: 375, height: 812 });
    const { dialog, create } = await newRecord(root);
    const margins = () => {
      const rect = dialog.getBoundingClientRect();
      return [rect.left, innerWidth - rect.right];
    };
    const narrow = dialog.getBoundingClientRect().width;
    for (const margin of margins()) expect(margin).to.be.within(16, 24);
    await create({ units: '-3', price: 'abc', notes: 'ab' });
    expect(dialog.getBoundingClientRect().width, 'with refusals').to.equal(narrow);
    dialog.close();
  });

  it('the removal question keeps a 16px margin each side on a 375px screen, whatever the name', async () => {
    await setViewport({ width: 375, height: 812 });
    const { root } = await subscriptions();
    await newRecord(root); // loads the dialogs
    deepQueryAll<HTMLDialogElement>(root, 'dialog.create')[0]!.close();
    const dialogs = root.querySelector<PkRecordDialogs>('pk-record-dialogs')!;
    const answer = dialogs.confirmRemove('Subscription '.repeat(12).trim());
    const confirm = dialogs.shadowRoot!.querySelector('pk-confirm')!;
    await until(() => !!confirm.shadowRoot!.querySelector('dialog')?.open, 3000, 'the question');
    const rect = confirm.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
    expect(rect.left).to.be.at.least(16);
    expect(innerWidth - rect.right).to.be.at.least(16);
    await sendKeys({ press: 'Escape' });
    expect(await answer).to.equal(false);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`inputs, lists and text areas have an edge of 3:1 on the surface (${theme}); buttons keep the hairline`, async () => {
      const { root } = await subscriptions(theme);
      const { dialog, control } = await newRecord(root);
      const surface = hex(getComputedStyle(dialog).backgroundColor);
      for (const name of ['plan', 'tier', 'notes']) {
        const edge = hex(getComputedStyle(control(name)).borderTopColor);
        expect(contrastRatio(edge, surface), `${name}: ${edge} on ${surface}`).to.be.at.least(3);
      }
      expect(hex(getComputedStyle(button(dialog, 'Cancel')).borderTopColor)).to.equal(
        theme === 'light' ? '#d9dde3' : '#353b42',
      );
      dialog.close();
    });
  }
});
