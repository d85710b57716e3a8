// The audit trail and a task's comments in pages (#25 item 2): at most `limit` entries (50 by default, at most 200),
// newest first, with a cursor for the entries before — every entry exactly once across the pages,
// filters applied to every page; bad paging input refused naming it.
import { expect } from '@open-wc/testing';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { makeBackend, signIn } from '../../helpers/backend.js';

/** The demo world with 130 more entries in Northwind's trail, a third of them about tasks. */
function worldWithLongTrail() {
  const world = demoWorld();
  for (let i = 0; i < 130; i++)
    world.audit.push({
      at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      portalId: 'p-northwind',
      actor: { kind: 'internal', id: 'u-csm-olivia' },
      action: i % 3 === 0 ? 'task.share' : 'portal.branding',
      object: { type: i % 3 === 0 ? 'task' : 'portal', id: i % 3 === 0 ? 'tk-sso' : 'p-northwind' },
      note: `entry ${i}`,
    });
  return world;
}

describe('GET /manage/audit in pages', () => {
  it('pages through every entry once, newest first', async () => {
    const olivia = await signIn(makeBackend(worldWithLongTrail()), 'olivia');
    const notes: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: any = await olivia.get(`/manage/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.items.length).to.be.at.most(50);
      notes.push(...answer.body.items.map((e: any) => e.note).filter(Boolean));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const mine = notes.filter((n) => n.startsWith('entry '));
    expect(mine).to.deep.equal(Array.from({ length: 130 }, (_, i) => `entry ${129 - i}`));
    expect(new Set(notes).size).to.equal(notes.length);
    expect(pages).to.be.at.least(3);
  });

  it('a filter applies to every page; the default page is 50', async () => {
    const olivia = await signIn(makeBackend(worldWithLongTrail()), 'olivia');
    const first = await olivia.get('/manage/audit?action=task.share&limit=20');
    expect(first.body.items).to.have.length(20);
    expect(first.body.items.every((e: any) => e.action === 'task.share')).to.equal(true);
    const second = await olivia.get(
      `/manage/audit?action=task.share&limit=20&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.length).to.be.greaterThan(0);
    expect(second.body.items.every((e: any) => e.action === 'task.share')).to.equal(true);
    expect((await olivia.get('/manage/audit')).body.items).to.have.length(50);
  });

  it('bad paging input is refused, naming it', async () => {
    const olivia = await signIn(makeBackend(), 'olivia');
    const tooMany = await olivia.get('/manage/audit?limit=201');
    expect(tooMany.status).to.equal(400);
    expect(tooMany.body.error.code).to.equal('limit_too_large');
    const cursor = await olivia.get('/manage/audit?cursor=yesterday');
    expect(cursor.body.error.path).to.deep.equal(['cursor']);
    const zero = await olivia.get('/manage/audit?limit=0');
    expect(zero.body.error.path).to.deep.equal(['limit']);
  });
});

describe('GET /tasks/{id}/comments in pages', () => {
  it('the latest comments oldest first, earlier ones by cursor, each once; bad limits refused', async () => {
    const world = demoWorld();
    const first = world.comments.find((c) => c.taskId === 'tk-sso')!;
    for (let i = 0; i < 120; i++)
      world.comments.push({ ...structuredClone(first), id: `cm-extra-${i}`, body: `Extra ${i}` });
    const bob = await signIn(makeBackend(world), 'bob');
    const path = '/tasks/tk-sso/comments';
    const latest = await bob.get(`${path}?limit=50`);
    expect(latest.status, latest.text).to.equal(200);
    expect(latest.body.items.map((c: any) => c.body).slice(-2)).to.deep.equal(['Extra 118', 'Extra 119']);
    const seen: string[] = latest.body.items.map((c: any) => c.id);
    let cursor: string | null = latest.body.nextCursor;
    while (cursor) {
      const page: any = await bob.get(`${path}?limit=50&cursor=${cursor}`);
      seen.unshift(...page.body.items.map((c: any) => c.id));
      cursor = page.body.nextCursor;
    }
    const all = world.comments.filter((c) => c.taskId === 'tk-sso').map((c) => c.id);
    expect(seen).to.deep.equal(all);
    expect((await bob.get(`${path}?limit=201`)).body.error.code).to.equal('limit_too_large');
    expect((await bob.get(path)).body.items).to.have.length(50);
  });
});
