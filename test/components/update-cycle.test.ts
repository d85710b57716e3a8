// Lit dev mode warns when a part sets its own state in `updated` (change-in-update): a wasted
// render each time. This file runs in its own page, so Lit's once-per-page warnings are fresh.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/pk-data-table.js';
import '../../src/elements/pk-document.js';
import '../../src/elements/pk-portal.js';
import type { PkPortal } from '../../src/index.js';
import { mockBackend, signInPortal, until } from '../helpers/portal.js';

describe('update cycle (#12 item 21)', () => {
  it('the table and the document derive their state before rendering: no change-in-update warning', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn(...args);
    };
    try {
      await mockBackend();
      const portal = await fixture<PkPortal>(
        html`<pk-portal
          ><pk-data-table page="pg-licenses"></pk-data-table><pk-document page="pg-welcome"></pk-document
        ></pk-portal>`,
      );
      await signInPortal(portal, 'alice');
      const table = portal.querySelector('pk-data-table')!;
      const doc = portal.querySelector('pk-document')!;
      await until(() => !!table.shadowRoot!.querySelector('[role="gridcell"][data-row]'), 3000, 'rows');
      await until(() => !!doc.shadowRoot!.querySelector('.prose'), 3000, 'document');
      table.setAttribute('page', 'pg-issues');
      doc.setAttribute('page', 'pg-welcome');
      await until(() => (table.shadowRoot!.textContent ?? '').includes('Severity'), 3000, 'issues');
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.includes('change-in-update'))).to.deep.equal([]);
  });
});
