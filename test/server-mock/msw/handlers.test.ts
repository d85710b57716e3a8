// The msw worker serves the contract inside the page: a real fetch reaches the mock backend.
import { expect } from '@open-wc/testing';
import { startMockBackend } from '../../../server-mock/msw/browser.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { tokenFor } from '../../helpers/backend.js';

describe('msw handlers', () => {
  let stop: () => void;
  after(() => stop?.());

  it('answers the session exchange and record lists over fetch, and leaves other URLs alone', async () => {
    const { worker } = await startMockBackend(demoWorld(), { apiBase: '/msw-api' });
    stop = () => worker.stop();
    const exchange = await fetch('/msw-api/session', {
      method: 'POST',
      body: JSON.stringify({ token: await tokenFor('alice') }),
    });
    expect(exchange.status).to.equal(200);
    const { session } = await exchange.json();
    const list = await fetch('/msw-api/records/License?limit=2', {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect((await list.json()).items).to.have.length(2);
    const bypassed = await fetch('/README.md');
    expect(await bypassed.text()).to.contain('# portalkit');
  });
});
