// <pk-confirm>: the one confirmation dialog — focus on the safe choice, Escape answers no,
// and it can be asked again at once.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-document.js';
import type { PkConfirm } from '../../../src/index.js';

describe('<pk-confirm>', () => {
  it('starts on the safe choice, answers no on Escape and yes on confirm, and reopens at once', async () => {
    const el = await fixture<PkConfirm>(
      html`<pk-confirm
        heading="Remove “Plan.pdf”?"
        confirm-label="Remove"
        cancel-label="Cancel"
      ></pk-confirm>`,
    );
    const root = el.shadowRoot!;
    const first = el.ask();
    await el.updateComplete;
    expect(root.querySelector('dialog')!.open).to.equal(true);
    expect(root.activeElement?.textContent?.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Escape' });
    expect(await first).to.equal(false);
    const second = el.ask();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('button.confirm')!.click();
    expect(await second).to.equal(true);
    const third = el.ask();
    await el.updateComplete;
    expect(root.querySelector('dialog')!.open, 'open again straight away').to.equal(true);
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button.safe')!.click();
    expect(await third).to.equal(false);
  });
});
