// #22 item 4 (R8): every route of the contract that stores a string — names, titles, emails, file
// names, comments, text fields, role names, branding values — sent markup that would run: refused
// with the field's path, nothing stored, nothing served; harmless angle brackets are kept.
import { expect } from '@open-wc/testing';
import { runnableMarkup } from '../../../backend/src/world/sanitize.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, makeBackend, tokenFor } from '../../helpers/backend.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>Admin',
  '<script>alert(1)</script>',
  '<a href="JaVa&#09;Script:alert(1)">x</a>',
  '<svg/onload=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>">',
];

/** Every string a person can store through the contract, with a place for the hostile value. */
const ROUTES: [
  persona: 'alice' | 'ava' | 'olivia',
  method: string,
  path: string,
  body: (v: string) => unknown,
][] = [
  ['alice', 'POST', '/records/License?page=pg-licenses', (v) => ({ fields: { product: v, seats: 1 } })],
  ['alice', 'PATCH', '/records/License/license-1?page=pg-licenses', (v) => ({ fields: { product: v } })],
  ['alice', 'POST', '/tasks/tk-sso/comments?page=pg-onboarding', (v) => ({ body: v, mentions: [] })],
  ['alice', 'POST', '/contacts', (v) => ({ name: v, email: 'new@northwind.example' })],
  ['alice', 'POST', '/contacts', (v) => ({ name: 'New', email: v })],
  ['olivia', 'PATCH', '/contacts/k-nw-carol', (v) => ({ name: v })],
  ['ava', 'POST', '/manage/roles', (v) => ({ name: v })],
  ['ava', 'PATCH', '/manage/roles/xr-viewer', (v) => ({ name: v })],
  ['ava', 'PUT', '/manage/branding', (v) => ({ overrides: { primary: v } })],
];

/** Every string of the stored world that is not HTML (pages' html, documents' body). */
function storedRunnable(world: unknown, path: string[] = []): string[] {
  if (typeof world === 'string') return runnableMarkup(world) ? [path.join('.')] : [];
  if (Array.isArray(world)) return world.flatMap((item, i) => storedRunnable(item, [...path, String(i)]));
  if (world && typeof world === 'object')
    return Object.entries(world).flatMap(([key, item]) => storedRunnable(item, [...path, key]));
  return [];
}

describe('markup that would run is never stored (#22 item 4, R8)', () => {
  it('refused on every route that stores a string, with the field named; nothing changes', async () => {
    const backend = makeBackend();
    const sessions = new Map<string, string>();
    for (const persona of ['alice', 'ava', 'olivia'] as const)
      sessions.set(persona, ((await exchange(backend, await tokenFor(persona))).body as any).session.token);
    const before = JSON.stringify(backend.store.world);
    for (const [persona, method, path, body] of ROUTES)
      for (const value of HOSTILE) {
        const answer = await call(backend, method, path, {
          token: sessions.get(persona)!,
          body: body(value),
        });
        expect(answer.status, `${method} ${path} ${value}: ${answer.text}`).to.be.within(400, 499);
        expect(answer.text).not.to.contain('alert(1)');
      }
    // A file whose name would run.
    for (const value of HOSTILE) {
      const upload = await backend.handle(
        new Request(`http://portal.test/api/files?page=pg-files&name=${encodeURIComponent(value)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sessions.get('alice')}`, 'content-type': 'text/plain' },
          body: 'hello',
        }),
      );
      expect(upload.status, await upload.clone().text()).to.equal(400);
    }
    expect(JSON.stringify(backend.store.world), 'nothing stored').to.equal(before);
    expect(storedRunnable(backend.store.world)).to.deep.equal([]);
  });

  it('names the field and what would run', async () => {
    const backend = makeBackend();
    const ava = ((await exchange(backend, await tokenFor('ava'))).body as any).session.token;
    const answer = await call(backend, 'POST', '/manage/roles', { token: ava, body: { name: HOSTILE[0] } });
    expect(answer.status).to.equal(400);
    expect(answer.body.error.code).to.equal('markup_not_allowed');
    expect(answer.body.error.path).to.deep.equal(['name']);
    expect(answer.body.error.message).to.equal(
      'name: text cannot hold markup that would run (an event handler (onerror)); everything else is kept as typed.',
    );
  });

  it('harmless angle brackets in a role name are kept exactly as typed', async () => {
    const backend = makeBackend();
    const ava = ((await exchange(backend, await tokenFor('ava'))).body as any).session.token;
    const name = 'Seats <500 & >100 — <Enter> a<b';
    const created = await call(backend, 'POST', '/manage/roles', { token: ava, body: { name } });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.name).to.equal(name);
  });

  it('a comment keeps every character as typed; one over the limit is refused naming the limit (#23 items 1, 3)', async () => {
    const backend = makeBackend();
    const alice = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token;
    const path = '/tasks/tk-sso/comments?page=pg-onboarding';
    for (const body of [
      'Seats must be <500 and >100; use <Enter> to confirm. a<b and c>d',
      '<b>bold</b> <img src="logo.png"> & &amp; <i',
    ]) {
      const posted = await call(backend, 'POST', path, { token: alice, body: { body, mentions: [] } });
      expect(posted.status, posted.text).to.equal(201);
      expect(posted.body.body).to.equal(body);
    }
    const long = 'x'.repeat(23_480);
    const refused = await call(backend, 'POST', path, { token: alice, body: { body: long, mentions: [] } });
    expect(refused.status).to.equal(400);
    expect(refused.body.error).to.deep.include({ code: 'text_too_long', limit: 5000, path: ['body'] });
    expect(refused.body.error.message).to.equal('body: at most 5000 characters, got 23480.');
  });

  it('a world given in code cannot bring text that would run either (R8)', async () => {
    const world = demoWorld();
    world.comments[0]!.body = 'Hi <img src=x onerror=alert(1)>';
    expect(() => makeBackend(world)).to.throw(/comments\.0\.body: text cannot hold markup that would run/);
    const backend = makeBackend();
    let refused: unknown;
    await backend.reset(world).catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/comments\.0\.body/);
  });
});
