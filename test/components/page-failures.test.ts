// Every part that shows a page tells the host page when it cannot (pk-error), not only the shell:
// a dashboard or HTML page placed on its own with a page that is not shared reports not_found.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/pk-dashboard.js';
import '../../src/elements/pk-html-page.js';
import '../../src/elements/pk-portal.js';
import type { PkPortal } from '../../src/index.js';
import { mockBackend, signInPortal } from '../helpers/portal.js';

describe('a part that cannot load its page', () => {
  for (const tag of ['pk-dashboard', 'pk-html-page'] as const) {
    it(`<${tag}> with a page that is not shared fires pk-error not_found`, async () => {
      await mockBackend();
      const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
      await signInPortal(portal, 'alice');
      const part = document.createElement(tag);
      part.setAttribute('page', 'pg-not-shared-anywhere');
      const reported = oneEvent(part, 'pk-error');
      portal.append(part);
      expect((await reported).detail.code).to.equal('not_found');
    });
  }
});
