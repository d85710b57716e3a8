// <pk-portal> session flow in the browser: exchange, renewal with fetchToken, ended state,
// switching principal, errors for the developer (token and session flow, R13).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/elements/pk-portal.js';
import { pagesGet } from '../../../src/contract/index.js';
import { PortalApiClient, type PkPortal } from '../../../src/index.js';
import { tokenFor } from '../../helpers/backend.js';
import { mockBackend, navLabels, pageText, shadow, signInPortal, until } from '../../helpers/portal.js';

describe('<pk-portal> session', () => {
  it('exchanges the token once and draws the landing page from the bootstrap (one round trip)', async () => {
    await mockBackend();
    const requests: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input), location.href).pathname}`);
      return original(input, init);
    };
    try {
      const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
      await signInPortal(portal, 'alice');
      await until(
        () => pageText(portal).includes('Welcome to your customer portal'),
        3000,
        'landing content',
      );
      expect(requests).to.deep.equal(['POST /api/session']);
    } finally {
      window.fetch = original;
    }
  });

  it('setting the same token again (a framework re-rendering) keeps the session: no second exchange', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const token = await tokenFor('alice');
    const ready = oneEvent(portal, 'pk-ready');
    portal.token = token;
    await ready;
    const exchanges: string[] = [];
    const handle = backend.handle.bind(backend);
    backend.handle = async (request: Request, basePath?: string) => {
      if (new URL(request.url).pathname === '/api/session') exchanges.push(request.method);
      return handle(request, basePath);
    };
    try {
      portal.token = token;
      await portal.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      expect(exchanges).to.deep.equal([]);
      expect(shadow(portal).textContent).not.to.contain('already used');
      expect(navLabels(portal)).to.include('Licenses');
    } finally {
      backend.handle = handle;
    }
  });

  it('a token already used by another portal is shown as token_replayed', async () => {
    await mockBackend();
    const token = await tokenFor('alice');
    const first = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const ready = oneEvent(first, 'pk-ready');
    first.token = token;
    await ready;
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const refused = oneEvent(portal, 'pk-error');
    portal.token = token;
    expect((await refused).detail.code).to.equal('token_replayed');
    await until(() => shadow(portal).textContent!.includes('already used'), 3000, 'the replay said');
    expect(shadow(portal).textContent).not.to.contain('Nothing has been shared');
    await expect(portal).to.be.accessible();
  });

  it('renews with fetchToken when the session has ended and keeps the current page', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    let calls = 0;
    portal.fetchToken = async () => {
      calls++;
      return tokenFor('alice');
    };
    await signInPortal(portal, 'alice');
    portal.page = 'pg-licenses';
    await until(() => pageText(portal).includes('records'), 3000, 'licenses table');
    backend.expireSessions();
    portal.page = 'pg-dashboard'; // the next call meets session_expired, renews, retries
    await until(() => pageText(portal).includes('Total MRR'), 3000, 'dashboard after renewal');
    expect(calls).to.equal(1);
    expect(portal.page).to.equal('pg-dashboard');
    expect(shadow(portal).querySelector('[part="status"][role="alert"]')).to.equal(null);
  });

  it('one fetchToken call however many requests are waiting (single flight)', async () => {
    const backend = await mockBackend();
    let calls = 0;
    const client = new PortalApiClient({
      apiBase: '/api',
      fetchToken: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 50));
        return tokenFor('alice');
      },
    });
    await client.exchange(await tokenFor('alice'));
    backend.expireSessions();
    const ids = ['pg-licenses', 'pg-issues', 'pg-dashboard', 'pg-about', 'pg-goals'];
    const pages = await Promise.all(ids.map((id) => client.call(pagesGet, { params: { pageId: id } })));
    expect(pages.map((p) => p.id)).to.deep.equal(ids);
    expect(calls).to.equal(1);
    client.dispose();
  });

  it('without fetchToken: a clear "session ended" state and pk-session-expired', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    await signInPortal(portal, 'bob');
    backend.expireSessions();
    const expired = oneEvent(portal, 'pk-session-expired');
    portal.page = 'pg-licenses';
    const event = await expired;
    expect(event.detail.code).to.equal('session_expired');
    await portal.updateComplete;
    expect(shadow(portal).textContent).to.contain('Your session has ended.');
    expect(shadow(portal).querySelector('nav')).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('the developer hint says no fetchToken is set and how to set one — also when it was removed (#23)', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    portal.fetchToken = () => tokenFor('bob');
    await signInPortal(portal, 'bob');
    portal.fetchToken = undefined; // a framework re-render that dropped it
    backend.expireSessions();
    const expired = oneEvent(portal, 'pk-session-expired');
    portal.page = 'pg-licenses';
    const { detail } = await expired;
    expect(detail.code).to.equal('session_expired');
    expect(detail.hint).to.contain('no fetchToken is set');
    expect(detail.hint).to.contain('portal.fetchToken = async () =>');
    expect(detail.hint).not.to.contain('is not a function');
  });

  it('schedules renewal from the server’s expiresIn, before the session ends', async () => {
    const backend = await mockBackend();
    backend.configure({ sessionSeconds: 60.2 }); // renew 60 s ahead: ~200 ms from now
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    let calls = 0;
    portal.fetchToken = async () => {
      calls++;
      backend.configure({ sessionSeconds: 3600 });
      return tokenFor('alice');
    };
    await signInPortal(portal, 'alice');
    await until(() => calls === 1, 3000, 'scheduled renewal');
  });

  it('a fetchToken that never settles times out into the ended state', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    portal.fetchToken = () => new Promise<string>(() => undefined);
    await signInPortal(portal, 'alice');
    const client = new PortalApiClient({
      apiBase: '/api',
      fetchToken: portal.fetchToken,
      fetchTokenTimeoutMs: 100,
    });
    await client.exchange(await tokenFor('alice'));
    backend.expireSessions();
    let code = '';
    await client.call(pagesGet, { params: { pageId: 'pg-about' } }).catch((e) => (code = e.code));
    expect(code).to.equal('fetch_token_timeout');
    client.dispose();
  });

  it('setting a new token switches principal cleanly: the new user’s portal and nothing of the old', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    await signInPortal(portal, 'alice');
    expect(shadow(portal).textContent).to.contain('Alice Archer');
    await signInPortal(portal, 'grace');
    const text = shadow(portal).textContent!;
    expect(text).to.contain('Grace Gómez');
    expect(text).to.contain('Globex success hub');
    expect(text).not.to.contain('Alice');
    expect(text).not.to.contain('Northwind');
    expect(navLabels(portal)).not.to.include('Onboarding plan');
  });

  it('refused tokens: a translated message for the person, code + hint in pk-error and the console', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const error = oneEvent(portal, 'pk-error');
      portal.token = await tokenFor('dan');
      const { detail } = await error;
      expect(detail.code).to.equal('user_inactive');
      expect(detail.hint).to.be.a('string').and.not.be.empty;
      await portal.updateComplete;
      expect(shadow(portal).querySelector('[role="alert"]')!.textContent).to.contain(
        'Your portal access is not active.',
      );
      expect(logged.join('\n')).to.contain('[portalkit] user_inactive');
      await expect(portal).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('a malformed token and a replayed token each get their own code', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    let error = oneEvent(portal, 'pk-error');
    portal.token = 'not-a-jwt';
    expect((await error).detail.code).to.equal('token_malformed');
    const token = await tokenFor('alice');
    const other = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const ready = oneEvent(other, 'pk-ready');
    other.token = token;
    await ready;
    error = oneEvent(portal, 'pk-error');
    portal.token = token;
    expect((await error).detail.code).to.equal('token_replayed');
  });

  it('removing the element cancels a pending renewal', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    let resolveToken: (t: string) => void = () => undefined;
    portal.fetchToken = () => new Promise<string>((r) => (resolveToken = r));
    await signInPortal(portal, 'alice');
    backend.expireSessions();
    portal.page = 'pg-licenses';
    await new Promise((r) => setTimeout(r, 50));
    const exchanges: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      exchanges.push(String(input));
      return original(input, init);
    };
    try {
      portal.remove();
      resolveToken(await tokenFor('alice'));
      await new Promise((r) => setTimeout(r, 100));
      expect(exchanges.filter((u) => u.endsWith('/session'))).to.deep.equal([]);
    } finally {
      window.fetch = original;
    }
  });

  it('sign out sends the last activity batch, then ends the session on the server (R15)', async () => {
    const backend = await mockBackend();
    // A long batching delay: the landing page view is still queued when the person signs out.
    const portal = await fixture<PkPortal>(html`<pk-portal activity-delay="60000"></pk-portal>`);
    await signInPortal(portal, 'alice');
    const statuses: number[] = [];
    const handle = backend.handle.bind(backend);
    backend.handle = async (request: Request, basePath?: string) => {
      const response = await handle(request, basePath);
      statuses.push(response.status);
      return response;
    };
    try {
      const signedOut = oneEvent(portal, 'pk-sign-out');
      [...shadow(portal).querySelectorAll('button')]
        .find((b) => b.textContent!.trim() === 'Sign out')!
        .click();
      await signedOut;
      await portal.updateComplete;
      expect(shadow(portal).textContent).to.contain('You have signed out');
      expect(backend.store.world.activity.map((a) => a.pageId)).to.deep.equal(['pg-welcome']);
      expect(statuses).to.deep.equal([202, 204]);
    } finally {
      backend.handle = handle;
    }
  });

  it('offline: a network failure shows a retry that keeps the token and then succeeds', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const original = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      const error = oneEvent(portal, 'pk-error');
      portal.token = await tokenFor('alice');
      expect((await error).detail.code).to.equal('network');
      await portal.updateComplete;
      expect(shadow(portal).textContent).to.contain('could not be reached');
      await expect(portal).to.be.accessible();
    } finally {
      window.fetch = original;
    }
    const ready = oneEvent(portal, 'pk-ready');
    [...shadow(portal).querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await ready;
    await portal.updateComplete;
    expect(shadow(portal).textContent).to.contain('Alice Archer');
  });

  it('a backend that failed (503, 500) offers Try again, which signs in once it answers (#21)', async () => {
    const backend = await mockBackend();
    const handle = backend.handle;
    // The first sign-in fails (other pages' leftover requests pass through untouched).
    let failures = 1;
    const signIn = (request: Request) =>
      request.method === 'POST' && new URL(request.url).pathname === '/api/session';
    backend.handle = (request, basePath) =>
      signIn(request) && failures-- > 0
        ? Promise.resolve(
            Response.json(
              { error: { code: 'unavailable', message: 'The portal is not available right now.' } },
              { status: 503 },
            ),
          )
        : handle.call(backend, request, basePath);
    try {
      const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
      const error = oneEvent(portal, 'pk-error');
      portal.token = await tokenFor('alice');
      expect((await error).detail.code).to.equal('unavailable');
      await portal.updateComplete;
      const retry = [...shadow(portal).querySelectorAll('button')].find((b) =>
        b.textContent!.includes('Try again'),
      );
      expect(retry, 'a Try again button').to.exist;
      await expect(portal).to.be.accessible();
      const ready = oneEvent(portal, 'pk-ready');
      retry!.click();
      await ready;
      await portal.updateComplete;
      expect(shadow(portal).textContent).to.contain('Alice Archer');
    } finally {
      backend.handle = handle;
    }
  });

  it('access refusals reach the person and the developer: portfolio (R10/R11), audience (R17), duplicate email (R16)', async () => {
    await mockBackend();
    const cases: [Parameters<typeof tokenFor>[0], Record<string, string>, string, string][] = [
      ['ethan', { portal: 'p-northwind' }, 'no_portal_access', 'You do not have access to this portal.'],
      ['judy', {}, 'no_portal_access', 'You do not have access to this portal.'],
      ['erin', {}, 'email_not_unique', 'used by more than one portal user'],
      [
        'oliviaAsBob',
        { act: { sub: 'u-ops-ethan' } } as never,
        'impersonation_not_allowed',
        'You may not view this portal as that user.',
      ],
    ];
    for (const [persona, overrides, code, text] of cases) {
      const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
      const error = oneEvent(portal, 'pk-error');
      portal.token = await tokenFor(persona, overrides);
      expect((await error).detail.code, persona).to.equal(code);
      await portal.updateComplete;
      expect(shadow(portal).querySelector('[role="alert"]')!.textContent, persona).to.contain(text);
      expect(shadow(portal).querySelector('nav'), persona).to.equal(null);
    }
  });
});
