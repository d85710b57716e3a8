// portalkit/react in a real browser with React 19: the wrapper draws the portal, a host's
// onPk… handler receives the event, and changed props reach the same element (no remount).
import { expect } from '@open-wc/testing';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { PkPortal } from '../../src/react/index.js';
import type { PkPortal as PkPortalElement } from '../../src/index.js';
import { tokenFor } from '../helpers/backend.js';
import { mockBackend, navLabels, until } from '../helpers/portal.js';

describe('portalkit/react', () => {
  it('renders <pk-portal>, hands pk-ready to onPkReady, and updates props in place', async () => {
    await mockBackend();
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const ready: string[] = [];
    const props = {
      apiBase: '/api',
      token: await tokenFor('alice'),
      onPkReady: (event: CustomEvent<{ user: { name: string } }>) => ready.push(event.detail.user.name),
    };
    flushSync(() => root.render(createElement(PkPortal, props)));
    const portal = host.querySelector('pk-portal') as PkPortalElement;
    expect(portal).to.exist;
    // The token is a property, never an attribute.
    expect(portal.getAttribute('token')).to.equal(null);
    await until(() => ready.length === 1, 5000, 'pk-ready in the React handler');
    expect(ready).to.deep.equal(['Alice Archer']);
    await until(() => navLabels(portal).length > 0, 5000, 'navigation');

    flushSync(() => root.render(createElement(PkPortal, { ...props, theme: 'dark' })));
    expect(host.querySelector('pk-portal')).to.equal(portal);
    expect(portal.theme).to.equal('dark');
    root.unmount();
    host.remove();
  });

  it('React 19 with the bare tag: properties set, and onpk-ready listens to pk-ready', async () => {
    await mockBackend();
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const ready: string[] = [];
    const token = await tokenFor('alice');
    flushSync(() =>
      root.render(
        createElement('pk-portal', {
          'api-base': '/api',
          token,
          'onpk-ready': (event: CustomEvent<{ user: { name: string } }>) =>
            ready.push(event.detail.user.name),
        }),
      ),
    );
    const portal = host.querySelector('pk-portal') as PkPortalElement;
    expect(portal.getAttribute('token')).to.equal(null);
    await until(() => ready.length === 1, 5000, 'pk-ready through onpk-ready');
    expect(ready).to.deep.equal(['Alice Archer']);
    root.unmount();
    host.remove();
  });
});
