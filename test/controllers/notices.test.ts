// NoticeController through a tiny host element, as Lit tests its own controllers: one notice per
// part — what happened, why something failed (and pk-error to the host page for every failure,
// not only the API's), and Undo of an action taken at once, with focus on it.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { PortalApiError } from '../../src/api/errors.js';
import { NoticeController } from '../../src/controllers/notices.js';

class NoticeHost extends LitElement {
  readonly notices = new NoticeController(this);
  override render() {
    return html`${this.notices.render()}`;
  }
}
customElements.define('notice-host', NoticeHost);

const noticeOf = (host: NoticeHost) => host.shadowRoot!.querySelector('.notice');

describe('NoticeController', () => {
  it('an API failure is an alert in the person’s words and a pk-error with the code', async () => {
    const host = await fixture<NoticeHost>(html`<notice-host></notice-host>`);
    const reported = oneEvent(host, 'pk-error');
    host.notices.fail(new PortalApiError('text_too_long', 'server words', 400, undefined, { limit: 5000 }));
    const event = await reported;
    await host.updateComplete;
    expect(event.detail.code).to.equal('text_too_long');
    expect(noticeOf(host)!.getAttribute('role')).to.equal('alert');
    expect(noticeOf(host)!.textContent).to.contain('5,000 characters');
  });

  it('a failure of the part itself is reported too, as unexpected', async () => {
    const host = await fixture<NoticeHost>(html`<notice-host></notice-host>`);
    const reported = oneEvent(host, 'pk-error');
    const code = host.notices.fail(new TypeError('x is undefined'));
    expect(code).to.equal('unexpected');
    expect((await reported).detail).to.deep.equal({ code: 'unexpected', message: 'x is undefined' });
  });

  it('a cancelled call is no failure: nothing is said or reported', async () => {
    const host = await fixture<NoticeHost>(html`<notice-host></notice-host>`);
    let reported = false;
    host.addEventListener('pk-error', () => (reported = true));
    expect(host.notices.fail(new DOMException('gone', 'AbortError'))).to.equal(undefined);
    await host.updateComplete;
    expect(reported).to.equal(false);
    expect(noticeOf(host)).to.equal(null);
  });

  it('undoable: says what was done, focuses Undo; Undo says what it undid', async () => {
    const host = await fixture<NoticeHost>(html`<notice-host></notice-host>`);
    let undone = 0;
    await host.notices.undoable('Pricing.pdf is no longer shared.', async () => {
      undone++;
      return 'Pricing.pdf is shared again.';
    });
    const undo = noticeOf(host)!.querySelector('button')!;
    expect(undo.textContent).to.equal('Undo');
    expect(host.shadowRoot!.activeElement).to.equal(undo);
    expect(noticeOf(host)!.getAttribute('role')).to.equal('status');
    undo.click();
    await new Promise((r) => setTimeout(r));
    await host.updateComplete;
    expect(undone).to.equal(1);
    expect(noticeOf(host)!.textContent!.trim()).to.equal('Pricing.pdf is shared again.');
    expect(noticeOf(host)!.querySelector('button')).to.equal(null);
  });
});
