// Idempotency-Key on every POST (#25 item 3): a retry of a write whose answer was lost gets the
// first answer and creates nothing; the same key with another request is refused; keys belong to
// the person who used them.
import { expect } from '@open-wc/testing';
import { MemoryIdempotencyStorage } from '../../../backend/src/storage/memory/idempotency.js';
import { call, makeBackend, signIn } from '../../helpers/backend.js';

const CREATE = '/records/License?page=pg-licenses';
const license = (product: string) => ({ fields: { product, seats: 3 } });

describe('Idempotency-Key (POST)', () => {
  it('a retry gets the first answer and creates nothing more', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const send = () =>
      call(backend, 'POST', CREATE, {
        token: alice.token,
        body: license('Retried'),
        headers: { 'idempotency-key': 'c0ffee-1' },
      });
    const first = await send();
    const retry = await send();
    expect(first.status, first.text).to.equal(201);
    expect(retry.status).to.equal(201);
    expect(retry.text).to.equal(first.text);
    expect(first.headers.get('idempotent-replayed')).to.equal(null);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    const list = await alice.get('/records/License?q=Retried');
    expect(list.body.items.map((r: any) => r.id)).to.deep.equal([first.body.id]);
  });

  it('without a key, two posts are two writes', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    await alice.post(CREATE, license('Twice'));
    await alice.post(CREATE, license('Twice'));
    expect((await alice.get('/records/License?q=Twice')).body.items).to.have.length(2);
  });

  it('the same key with another request is refused and writes nothing', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const headers = { 'idempotency-key': 'c0ffee-2' };
    await call(backend, 'POST', CREATE, { token: alice.token, body: license('First'), headers });
    const other = await call(backend, 'POST', CREATE, {
      token: alice.token,
      body: license('Second'),
      headers,
    });
    expect(other.status).to.equal(422);
    expect(other.body.error.code).to.equal('idempotency_key_reused');
    expect((await alice.get('/records/License?q=Second')).body.items).to.have.length(0);
  });

  it('a key belongs to the person: the same key from someone else is their own write', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    const headers = { 'idempotency-key': 'shared-key' };
    const body = { body: 'Same words', mentions: [] };
    const path = '/tasks/tk-sso/comments?page=pg-onboarding';
    const fromAlice = await call(backend, 'POST', path, { token: alice.token, body, headers });
    const fromBob = await call(backend, 'POST', path, { token: bob.token, body, headers });
    expect(fromAlice.status, fromAlice.text).to.equal(201);
    expect(fromBob.status, fromBob.text).to.equal(201);
    expect(fromBob.body.id).not.to.equal(fromAlice.body.id);
    expect(fromBob.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('a refusal is replayed as it was; a malformed key is refused before the write', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const headers = { 'idempotency-key': 'c0ffee-3' };
    const bad = { fields: { product: 'Negative', seats: -5 } };
    const first = await call(backend, 'POST', CREATE, { token: alice.token, body: bad, headers });
    const again = await call(backend, 'POST', CREATE, { token: alice.token, body: bad, headers });
    expect(first.status).to.equal(422);
    expect(again.text).to.equal(first.text);
    const malformed = await call(backend, 'POST', CREATE, {
      token: alice.token,
      body: license('x'),
      headers: { 'idempotency-key': 'with space' },
    });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.path).to.deep.equal(['Idempotency-Key']);
  });

  it('the same key and body on another path, query or file name is another request: refused', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const headers = { 'idempotency-key': 'c0ffee-4' };
    const body = { body: 'Same words', mentions: [] };
    const first = await call(backend, 'POST', '/tasks/tk-sso/comments?page=pg-onboarding', {
      token: bob.token,
      body,
      headers,
    });
    expect(first.status, first.text).to.equal(201);
    const otherTask = await call(backend, 'POST', '/tasks/tk-import/comments?page=pg-onboarding', {
      token: bob.token,
      body,
      headers,
    });
    expect(otherTask.status, otherTask.text).to.equal(422);
    expect(otherTask.body.error.code).to.equal('idempotency_key_reused');
  });

  it('an answer older than 24 hours is not replayed, and its key can be used again', async () => {
    const storage = new MemoryIdempotencyStorage();
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    const answer = { fingerprint: 'f', status: 201, contentType: 'application/json', body: '{}' };
    await storage.put('alice', 'k', answer, t0);
    expect(await storage.get('alice', 'k', t0 + 23 * 3600_000)).to.deep.include({ status: 201 });
    expect(await storage.get('alice', 'k', t0 + 25 * 3600_000)).to.equal(undefined);
    await storage.put('alice', 'k', { ...answer, status: 422 }, t0 + 25 * 3600_000);
    expect(await storage.get('alice', 'k', t0 + 26 * 3600_000)).to.deep.include({ status: 422 });
  });
});
