// Stateless instances (#14): two backends on one memory storage behave as one —
// a session opened on one works on the other, a launch token used on one is a replay on the other,
// and a user deactivated through one is refused on both at the next request.
import { expect } from '@open-wc/testing';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';

function twoInstances() {
  const storage = new MemoryStorage(demoWorld());
  return [
    new Backend({ keys: DEV_VERIFY_KEYS, storage }),
    new Backend({ keys: DEV_VERIFY_KEYS, storage }),
  ] as const;
}

describe('stateless instances on one storage', () => {
  it('a session opened on one instance works on the other; a token used on one is a replay on the other', async () => {
    const [a, b] = twoInstances();
    const token = await tokenFor('bob');
    const opened = await exchange(a, token);
    expect(opened.status).to.equal(200);
    const session = (opened.body as any).session.token;
    expect((await call(b, 'GET', '/bootstrap', { token: session })).status).to.equal(200);
    const replay = await exchange(b, token);
    expect((replay.body as any).error.code).to.equal('token_replayed');
  });

  it('a user deactivated through one instance is refused on both at the next request; sign-out ends it on both', async () => {
    const [a, b] = twoInstances();
    const bob = (await exchange(a, await tokenFor('bob'))).body as any;
    const olivia = (await exchange(b, await tokenFor('olivia'))).body as any;
    expect(
      (
        await call(b, 'PATCH', '/manage/people/k-nw-bob', {
          token: olivia.session.token,
          body: { active: false },
        })
      ).status,
    ).to.equal(200);
    for (const instance of [a, b])
      expect((await call(instance, 'GET', '/bootstrap', { token: bob.session.token })).status).to.equal(401);
    await call(a, 'DELETE', '/session', { token: olivia.session.token });
    expect((await call(b, 'GET', '/bootstrap', { token: olivia.session.token })).body.error.code).to.equal(
      'session_expired',
    );
  });
});
