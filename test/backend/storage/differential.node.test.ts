// Differential test of the storages (#14): on random worlds × principals, every response of the
// backend on PostgreSQL equals the memory backend's byte for byte — lists, pages, counts, widgets,
// exports, errors — before and after random allowed and refused writes; and an instance started
// afresh from the tables holds exactly the world the memory backend holds.
// Runs on PGlite, and on the PostgreSQL server whenever one answers.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import type { World } from '../../../backend/src/world/schema.js';
import { call, tokenFor as tokenForPersona } from '../../helpers/backend.js';
import { customModelWorld, SUBSCRIPTION } from '../../helpers/custom-world.js';
import {
  canonicalRecords,
  HELD_BY_COMPANY,
  storedEntities,
  storedRecords,
  testDatabases,
} from '../../helpers/databases.js';
import type { OraclePrincipal } from '../../helpers/oracle.js';
import {
  CONTACTS,
  launchTokenFor,
  newLicenseValue,
  principalArb,
  worldArb,
} from '../../helpers/random-worlds.js';
import { ORACLE_FIELDS } from '../../helpers/oracle.js';

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 200);
// One clock for both backends (audit times, session expiry), near the tokens' real issue time.
const NOW = new Date();

// New ids are random in production; here both backends draw the same ones, so what they answer
// after a create can be compared byte for byte.
let nextId = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
crypto.randomUUID = () => uuid(nextId++) as ReturnType<typeof crypto.randomUUID>;

/** The reads a portal makes, for a model table, dashboard, document, files, tasks and management. */
const READS = [
  '/bootstrap',
  '/records/License?limit=500',
  '/records/License?sort=product&limit=3',
  '/records/License?sort=-seats&limit=2&offset=1',
  '/records/License?filter=seats:gte:6&q=p',
  '/records/License?filter=autoRenew:eq:true&sort=renewal',
  '/records/License?filter=nope:eq:1',
  // Every sort type, both directions (nulls last, ties in insertion order).
  '/records/License?sort=-product&limit=500',
  '/records/License?sort=mrr&limit=500',
  '/records/License?sort=-seats&limit=500',
  '/records/License?sort=-renewal&limit=500',
  '/records/License?sort=autoRenew&limit=500',
  '/records/License?sort=-autoRenew&limit=500',
  '/records/Issue?sort=severity&limit=500',
  '/records/Issue?sort=-status&limit=500',
  // Every filter operator on each type it applies to; search in accents, case, digits, emoji.
  '/records/License?filter=product:contains:p1&limit=500',
  '/records/License?filter=product:eq:P1&limit=500',
  '/records/License?filter=product:ne:P1&limit=500',
  '/records/License?filter=product:gte:P&filter=product:lte:z&limit=500',
  '/records/License?filter=product:in:P1|%C3%84pfel|&limit=500',
  '/records/License?filter=seats:in:1|2|3|-1&limit=500',
  '/records/License?filter=seats:lte:5&filter=mrr:gte:-10.5&limit=500',
  '/records/License?filter=seats:ne:3&limit=500',
  '/records/License?filter=renewal:gte:2026-02-01&limit=500',
  '/records/License?filter=renewal:eq:2026-01-01&limit=500',
  '/records/License?filter=autoRenew:ne:true&limit=500',
  '/records/Issue?filter=severity:in:low|high&limit=500',
  '/records/Issue?filter=status:eq:open&sort=-opened&limit=500',
  '/records/License?q=%C3%A4&limit=500',
  '/records/License?q=%F0%9F%9A%80&limit=500',
  '/records/License?q=10&sort=product&limit=500',
  '/records/Issue?q=SECRET&limit=500',
  '/records/License?limit=2&offset=3',
  '/records/License?cursor=eyJzIjoiIiwiayI6bnVsbCwiaSI6Im5vcGUifQ',
  '/records/License/export',
  '/records/License/unshared',
  '/records/License/License-1',
  '/records/Issue?sort=-title',
  '/pages/pg-dash',
  '/pages/pg-doc',
  '/pages/pg-alone',
  '/documents/pg-doc',
  '/files',
  '/files/unshared',
  '/tasks',
  '/contacts',
  '/mentionable',
  '/manage/content',
  '/manage/people',
  '/manage/invitations',
  '/manage/roles',
  '/manage/audit',
  '/manage/audit?limit=1',
  '/manage/audit?action=record.&limit=2',
  '/manage/activity',
  '/portfolio',
  '/portfolio?sort=-activeEndUsers',
  '/portfolio?sort=lastActivity&q=p',
  '/portfolio?sort=-owner',
];

/** Lists read page by page, each next page through the cursor the previous one gave. */
const PAGED = [
  '/records/License?sort=product&limit=2',
  '/records/License?sort=-mrr&limit=3',
  '/records/License?limit=2&filter=seats:gte:0',
  '/records/License?sort=renewal&limit=1',
  '/records/License?sort=-autoRenew&limit=2',
  '/records/Issue?sort=severity&limit=2',
  '/portfolio?limit=1',
  '/portfolio?sort=-lastActivity&limit=2',
];

// Field values that tell sort, filter and search semantics apart: case, accents, digit runs,
// characters above U+FFFF and in U+E000–U+FFFF (UTF-16 and UTF-8 order differ there), empty
// text, nulls, ties, negative and fractional numbers (float sums depend on the order of addition).
const TEXTS = [
  'P1',
  'p1',
  'P10',
  'P9',
  'Äpfel',
  'apfel',
  'Zebra',
  'zebra 2',
  '',
  '🚀 Launch',
  'a\ue000',
  'ß',
  '10',
];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const licenseFieldsArb = fc.record({
  product: maybe(fc.constantFrom(...TEXTS)),
  seats: maybe(fc.integer({ min: -3, max: 12 })),
  mrr: maybe(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))),
  renewal: maybe(fc.constantFrom('2026-01-01', '2026-02-15', '2027-12-31')),
  autoRenew: maybe(fc.boolean()),
});
const issueFieldsArb = fc.record({
  title: maybe(fc.constantFrom(...TEXTS)),
  severity: maybe(fc.constantFrom('low', 'medium', 'high', 'critical')),
  status: maybe(fc.constantFrom('open', 'resolved')),
  opened: maybe(fc.constantFrom('2026-01-01', '2026-03-03')),
  internalNotes: maybe(fc.constantFrom('secret', 'Secret 2', 'none')),
});

/** A random world whose records hold varied values, and a dashboard of every widget kind. */
const variedWorldArb = fc
  .tuple(
    worldArb,
    fc.array(licenseFieldsArb, { minLength: 9, maxLength: 9 }),
    fc.array(issueFieldsArb, { minLength: 9, maxLength: 9 }),
  )
  .map(([generated, licenses, issues]) => {
    // A copy: fast-check reuses generated values while shrinking, so they must not be changed.
    const world = structuredClone(generated);
    world.records.License?.forEach((r, i) => (r.fields = { ...licenses[i]! }));
    world.records.Issue?.forEach((r, i) => (r.fields = { ...issues[i]! }));
    world.pages
      .find((p) => p.id === 'pg-dash')
      ?.widgets?.push(
        { id: 'w-avg', title: 'a', kind: 'average', model: 'License', field: 'mrr' },
        { id: 'w-renew', title: 'g', kind: 'group', model: 'License', groupBy: 'autoRenew' },
        { id: 'w-by-product', title: 'p', kind: 'group', model: 'License', groupBy: 'product', field: 'mrr' },
        { id: 'w-series', title: 's', kind: 'series', model: 'License', groupBy: 'renewal', field: 'seats' },
        { id: 'w-severity', title: 'v', kind: 'group', model: 'Issue', groupBy: 'severity' },
      );
    return world;
  });

type Write = { method: string; path: string; body?: unknown };

/** Writes a person of these worlds may or may not be allowed: the rules decide each. */
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc
    .tuple(fc.nat(9), fc.constantFrom(...ORACLE_FIELDS.License), fc.boolean(), fc.nat(50))
    .map(([i, field, flag, n]) => ({
      method: 'PATCH',
      path: `/records/License/License-${i}?page=pg-lic`,
      body: { fields: { [field]: newLicenseValue(field, flag, n) } },
    })),
  fc.nat(50).map((n) => ({
    method: 'POST',
    path: '/records/License?page=pg-lic',
    body: { fields: { product: `New ${n}`, seats: n, renewal: '2027-01-01' } },
  })),
  fc.nat(9).map((i) => ({ method: 'DELETE', path: `/records/License/License-${i}?page=pg-lic` })),
  fc
    .tuple(fc.subarray(['License-0', 'License-1', 'License-2', 'License-3']), fc.boolean())
    .map(([ids, shared]) => ({
      method: 'POST',
      path: '/records/License/share',
      body: { ids, shared },
    })),
  fc.tuple(fc.constantFrom(1, 2), fc.nat(9)).map(([baseVersion, n]) => ({
    method: 'PUT',
    path: '/documents/pg-doc',
    body: { body: `<p>v${n}<script>x</script></p>`, baseVersion },
  })),
  fc.nat(9).map((n) => ({
    method: 'POST',
    path: '/contacts',
    body: { name: `Person ${n}`, email: n % 3 ? `p${n}@x.example` : 'k-1@x.example' },
  })),
  fc.tuple(fc.constantFrom(...CONTACTS), fc.boolean()).map(([id, featured]) => ({
    method: 'PATCH',
    path: `/contacts/${id}`,
    body: { email: `${id}.new@x.example`, featured },
  })),
  fc.tuple(fc.constantFrom(...CONTACTS), fc.boolean()).map(([id, active]) => ({
    method: 'PATCH',
    path: `/manage/people/${id}`,
    body: { active },
  })),
  fc.subarray(CONTACTS).map((contactIds) => ({
    method: 'PUT',
    path: '/manage/audience',
    body: { kind: 'selected', contactIds },
  })),
  fc.tuple(fc.subarray(['file-0', 'file-1', 'file-2']), fc.boolean()).map(([ids, shared]) => ({
    method: 'POST',
    path: '/files/share',
    body: { ids, shared },
  })),
  fc.nat(3).map((i) => ({ method: 'DELETE', path: `/files/file-${i}?page=pg-files` })),
  fc.constant({
    method: 'PUT',
    path: '/manage/content',
    body: { sections: { 's-hidden': 'view' }, pages: { 'pg-lic': 'view' } },
  }),
  fc.constant({
    method: 'POST',
    path: '/activity',
    body: { events: [{ kind: 'page_view', pageId: 'pg-doc' }] },
  }),
);

let reported = false;

/** A response as bytes to compare: status, the headers that carry meaning, the body. */
async function answerOf(backend: Backend, method: string, path: string, token?: string, body?: unknown) {
  const response = await backend.handle(
    new Request(`http://portal.test/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const headers = ['content-type', 'content-disposition', 'cache-control'].map(
    (h) => `${h}: ${response.headers.get(h)}`,
  );
  return `${response.status}\n${headers.join('\n')}\n${await response.text()}`;
}

for (const target of await testDatabases()) {
  describe(`differential: PostgreSQL storage on ${target.name} answers as the memory storage`, () => {
    let db: Database;
    after(async () => {
      await db?.close();
      await target.cleanup();
    });

    it(`${RUNS} random worlds × principals, reads before and after random writes, and a restart`, async () => {
      db = await target.open();
      const storage = await PostgresStorage.open(db);
      const seen = { opened: 0, refused: 0, reads: 0, writesAllowed: 0, writesRefused: 0 };
      async function compareOne(world: World, principals: OraclePrincipal[], writes: [number, Write][]) {
        await storage.reset(structuredClone(world) as World);
        const memory = new Backend({
          storage: new MemoryStorage(structuredClone(world) as World),
          keys: DEV_VERIFY_KEYS,
          now: () => NOW,
        });
        const postgres = new Backend({ keys: DEV_VERIFY_KEYS, storage, now: () => NOW });

        /** One request to both; the same new ids on both; answers equal byte for byte. */
        const both = async (method: string, path: string, tokens: [string?, string?], body?: unknown) => {
          const base = nextId;
          const fromMemory = await answerOf(memory, method, path, tokens[0], body);
          nextId = base;
          const fromPostgres = await answerOf(postgres, method, path, tokens[1], body);
          assert.equal(fromPostgres, fromMemory, `${method} ${path}`);
          return fromMemory;
        };

        // Each principal opens a session on both backends; refusals must agree too.
        const sessions: [string, string][] = [];
        for (const who of principals) {
          const token = await launchTokenFor(who, NOW);
          const m = await call(memory, 'POST', '/session', { body: { token } });
          const p = await call(postgres, 'POST', '/session', { body: { token } });
          // Session tokens are random per backend: everything else of the answer must agree.
          const mask = (a: typeof m) => a.text.replace(/"token":"[^"]+"/, '"token":"…"');
          assert.equal(p.status, m.status);
          assert.equal(mask(p), mask(m));
          if (m.status !== 200) {
            // Refused for what the world says (inactive, no access, R16), never for the clock: a
            // token the test minted must not expire or be early however slow the machine is.
            assert.ok(
              !['token_expired', 'token_not_yet_valid'].includes(m.body.error?.code),
              `a generated launch token was refused for its time: ${m.text}`,
            );
            seen.refused++;
            continue;
          }
          seen.opened++;
          sessions.push([m.body.session.token, p.body.session.token]);
        }
        if (!sessions.length) return;
        // Cursors handed out before the writes, asked for again after them (their record may be
        // changed, unshared or removed meanwhile).
        const laterPages: [tokens: [string, string], path: string][] = [];
        const readAll = async () => {
          for (const tokens of sessions) {
            for (const path of READS) await both('GET', path, tokens);
            seen.reads += READS.length;
            for (const first of PAGED) {
              let path = first;
              for (let page = 0; page < 12; page++) {
                const answer = await both('GET', path, tokens);
                seen.reads++;
                const next = /"nextCursor":"([^"]+)"/.exec(answer)?.[1];
                if (!next) break;
                path = `${first}&cursor=${next}`;
                laterPages.push([tokens, path]);
              }
            }
          }
        };
        await readAll();
        const beforeWrites = laterPages.splice(0);
        for (const [who, write] of writes) {
          const tokens = sessions[who % sessions.length]!;
          const answer = await both(write.method, write.path, tokens, write.body);
          seen[answer.startsWith('2') ? 'writesAllowed' : 'writesRefused']++;
        }
        await readAll();
        for (const [tokens, path] of beforeWrites) await both('GET', path, tokens);
        seen.reads += beforeWrites.length;
        // A new instance knows only the tables: it must hold the world the memory backend holds.
        // (Records stay in the tables: they are compared there.)
        const restarted = await PostgresStorage.open(db);
        for (const [list, value] of Object.entries(memory.store.world))
          if (!['records', 'activity', 'audit', 'comments', 'documents', ...HELD_BY_COMPANY].includes(list))
            assert.equal(
              JSON.stringify(restarted.store.world[list as keyof World]),
              JSON.stringify(value),
              `the world's ${list} after a restart`,
            );
        // Comments stay in the tables: each as written, in the order the memory backend holds.
        const comments = await db.query<{ body: unknown }>(
          `SELECT body FROM pk_entities WHERE list = 'comments' AND body IS NOT NULL ORDER BY ord`,
        );
        assert.equal(
          JSON.stringify(comments.map((row) => row.body)),
          JSON.stringify(memory.store.world.comments),
          'the comments after a restart',
        );
        assert.deepEqual(restarted.store.world.comments, [], 'an instance holds no comment');
        // Documents too: each as the memory backend holds it, read as a request reads it.
        const held = memory.store.world.documents;
        const documents = await restarted.documents.get(held.map((d) => d.id));
        assert.equal(
          JSON.stringify(held.map((d) => documents.get(d.id))),
          JSON.stringify(held),
          'the documents after a restart',
        );
        const [{ stored }] = (await db.query<{ stored: number }>(
          `SELECT count(*)::int AS stored FROM pk_entities WHERE list = 'documents' AND body IS NOT NULL`,
        )) as [{ stored: number }];
        assert.equal(stored, held.length, 'the documents after a restart');
        assert.deepEqual(restarted.store.world.documents, [], 'an instance holds no document');
        // A company's entities too: an instance reads a company's when a request needs them.
        for (const list of HELD_BY_COMPANY) {
          assert.equal(
            JSON.stringify(await storedEntities(db, list)),
            JSON.stringify(memory.store.world[list]),
            `the ${list} after a restart`,
          );
          assert.deepEqual(restarted.store.world[list], [], `an instance holds no ${list} before a request`);
        }
        // The logs stay in the tables too: each entry as written, at its place in its portal's log.
        for (const list of ['activity', 'audit'] as const) {
          const rows = await db.query<{ body: unknown; portal_id: string; pos: number }>(
            'SELECT body, portal_id, pos FROM pk_appended WHERE list = $1 ORDER BY ord',
            [list],
          );
          assert.equal(JSON.stringify(rows.map((row) => row.body)), JSON.stringify(memory.store.world[list]));
          const places = new Map<string, number>();
          for (const row of rows) {
            const place = places.get(row.portal_id) ?? 0;
            assert.equal(row.pos, place, `the place of a ${list} entry in its portal's log`);
            places.set(row.portal_id, place + 1);
          }
        }
        for (const [model, records] of Object.entries(memory.store.world.records))
          assert.equal(
            JSON.stringify(await storedRecords(db, model)),
            JSON.stringify(canonicalRecords(records)),
            `the ${model} records in the tables`,
          );
      }
      await fc.assert(
        fc.asyncProperty(
          variedWorldArb,
          fc.array(principalArb, { minLength: 1, maxLength: 3 }),
          fc.array(fc.tuple(fc.nat(2), writeArb), { maxLength: 8 }),
          (world, principals, writes) =>
            compareOne(world, principals, writes).catch((error: Error) => {
              // fast-check reports the input; the first difference itself is printed here.
              if (!reported) console.log(`first failure: ${error.message.slice(0, 4000)}`);
              reported = true;
              throw error;
            }),
        ),
        // FC_SEED and FC_PATH replay a failure fast-check reported.
        {
          numRuns: RUNS,
          ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {}),
        },
      );
      console.log(`differential on ${target.name}: ${JSON.stringify(seen)}`);
      assert.ok(
        seen.opened > RUNS / 4 && seen.writesAllowed > 0 && seen.writesRefused > 0,
        JSON.stringify(seen),
      );
    });

    it(`a tenant's own models (every field type, none of the demo's seven): reads, writes and a model change answer alike (#25)`, async () => {
      const storage = await PostgresStorage.open(db ?? (db = await target.open()));
      const runs = Math.max(5, Math.round(RUNS / 10));
      const subscriptionArb = fc.record({
        plan: fc.constantFrom(...TEXTS.filter((t) => t !== '')),
        units: maybe(fc.integer({ min: 0, max: 12 })),
        price: maybe(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true }))),
        startsAt: maybe(
          fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.500Z', '2025-12-31T23:59:59.999Z'),
        ),
        notes: maybe(fc.constantFrom('Renewal call', 'renewal CALL 2', 'Äpfel notes')),
        tier: maybe(fc.constantFrom('bronze', 'silver', 'gold')),
        renews: maybe(fc.boolean()),
        license: maybe(fc.constantFrom('license-1', 'license-2')),
      });
      const reads = [
        '/pages/pg-subs',
        '/pages/pg-sub-dash',
        '/records/Subscription?limit=500',
        '/records/Subscription?q=renewal&limit=500',
        '/records/Subscription?filter=notes:contains:call&limit=500',
        '/records/Subscription?filter=startsAt:gte:2026-01-01T00:00:00Z&sort=-startsAt&limit=500',
        '/records/Subscription?filter=units:in:0|3|7&sort=price&limit=500',
        '/records/Subscription?filter=license:eq:license-1&sort=-tier&limit=500',
        ...['plan', 'units', 'price', 'startsAt', 'notes', 'tier', 'renews', 'license'].flatMap((f) => [
          `/records/Subscription?sort=${f}&limit=3`,
          `/records/Subscription?sort=-${f}&limit=500`,
        ]),
        '/records/Subscription/export',
        '/records/Subscription/unshared',
      ];
      await fc.assert(
        fc.asyncProperty(fc.array(subscriptionArb, { minLength: 12, maxLength: 12 }), async (values) => {
          const world = customModelWorld();
          world.records.Subscription!.forEach((r, i) => (r.fields = { ...values[i]! }));
          await storage.reset(structuredClone(world));
          // A clock of this run: the tokens below are minted now, whatever ran before.
          const clock = new Date();
          const memory = new Backend({
            storage: new MemoryStorage(structuredClone(world)),
            keys: DEV_VERIFY_KEYS,
            now: () => clock,
          });
          const postgres = new Backend({ keys: DEV_VERIFY_KEYS, storage, now: () => clock });
          const tokens: [string, string][] = [];
          for (const persona of ['alice', 'ava'] as const) {
            const token = await tokenForPersona(persona);
            const m = await call(memory, 'POST', '/session', { body: { token } });
            const p = await call(postgres, 'POST', '/session', { body: { token } });
            assert.equal(m.status, 200, m.text);
            tokens.push([m.body.session.token, p.body.session.token]);
          }
          const both = async (method: string, path: string, who: [string, string], body?: unknown) => {
            const base = nextId;
            const fromMemory = await answerOf(memory, method, path, who[0], body);
            nextId = base;
            assert.equal(
              await answerOf(postgres, method, path, who[1], body),
              fromMemory,
              `${method} ${path}`,
            );
            return fromMemory;
          };
          const [alice, ava] = tokens as [[string, string], [string, string]];
          for (const path of reads) await both('GET', path, alice);
          const saved = await both('PATCH', '/records/Subscription/sub-2?page=pg-subs', alice, {
            fields: { startsAt: '2026-01-01T01:00:00+01:00', notes: 'Renewal soon' },
          });
          await both('POST', '/records/Subscription?page=pg-subs', alice, {
            fields: { plan: 'P9', units: 3 },
          });
          await both('PATCH', '/records/Subscription/sub-3?page=pg-subs', alice, { fields: { units: -1 } });
          // The model changes: notes removed, a field added; every answer follows at once.
          const fields = SUBSCRIPTION.fields.filter((f) => f.name !== 'notes');
          assert.match(saved, /^200/);
          const changed = await both('PUT', '/manage/models/Subscription', ava, {
            version: 1,
            label: 'Subscription',
            fields: [...fields, { name: 'region', label: 'Region', type: 'string' }],
          });
          assert.match(changed, /^200[^]*"retired":\["notes"\]/);
          for (const path of reads) await both('GET', path, alice);
        }),
        { numRuns: runs },
      );
    });
  });
}
