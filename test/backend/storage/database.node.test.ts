// The SQL interface's transactions (database.ts): on a server, BEGIN shares the first statement's
// round trip, its parameters then written in as literals. What comes back and what is kept must be
// what parameters give, whatever the values; a transaction that fails keeps nothing and leaves its
// connection usable. On PGlite and the server alike.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import {
  inlined,
  openDatabase,
  prepared,
  type Database,
} from '../../../backend/src/storage/postgres/database.js';
import { SERVER_URL, testDatabases } from '../../helpers/databases.js';

const targets = await testDatabases();

/** Values pg's escaping must carry exactly: quotes, backslashes, `$1` in text, unicode, NULL. */
const AWKWARD = [
  `it's`,
  `back\\slash \\' and E'\\x41'`,
  'dollar $1 and $$ and $2',
  'Zoë — 東京 🚀',
  '',
  null,
];

describe('parameters written in as literals', () => {
  it('replaces placeholders only: comments, string constants and quoted names stay as written', () => {
    assert.equal(
      inlined(pg, `SELECT $1 AS "a $1", 'b $1 '' $2' -- the name $1\n, $2, $10`, [
        "x'y",
        null,
        ...Array.from({ length: 7 }, () => 0),
        'ten',
      ]),
      `SELECT 'x''y' AS "a $1", 'b $1 '' $2' -- the name $1\n, NULL, 'ten'`,
    );
    // A value cannot end the statement: it stays inside its literal, the comment after it a comment.
    assert.equal(
      inlined(pg, 'SELECT $1 -- ends in a comment', ['a\nUNION SELECT 1 --']),
      `SELECT 'a\nUNION SELECT 1 --' -- ends in a comment`,
    );
  });

  it('goes back to parameters for what it does not read: dollar quotes, block comments, prefixed strings, bytes, size', () => {
    for (const text of [
      'SELECT $q$ $1 $q$, $1',
      'SELECT $$ $1 $$, $1',
      'SELECT /* $1 */ $1',
      "SELECT E'\\' $1', $1",
      'SELECT a$1 FROM t WHERE b = $1',
      'SELECT $2',
    ])
      assert.equal(inlined(pg, text, ['v']), undefined, text);
    assert.equal(inlined(pg, 'SELECT $1', [Buffer.from('bytes')]), undefined);
    assert.equal(inlined(pg, 'SELECT $1, $1, $1', ['a'.repeat(30_000)]), undefined);
  });
});

for (const target of targets)
  describe(`transactions on ${target.name}`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open.splice(0)) await db.close();
      await target.cleanup();
    });

    async function table() {
      const db = await target.open();
      open.push(db);
      await db.exec('CREATE TABLE t (n int PRIMARY KEY, s text, tags text[], doc json)');
      return db;
    }

    it('a first statement answers and keeps what parameters would, whatever the values', async () => {
      const db = await table();
      const rows = AWKWARD.map((s, n) => ({ n, s, tags: s === null ? null : [s, 'x"y', ''], doc: { s } }));
      for (const row of rows) {
        // Each the first statement of its transaction: the one written in beside BEGIN.
        const answered = await db.transaction(async (tx) => {
          const [first] = await tx.query<{ s: string | null; tags: string[] | null }>(
            'INSERT INTO t (n, s, tags, doc) VALUES ($1, $2, $3, $4) -- the row $1\n RETURNING s, tags',
            [row.n, row.s, row.tags, JSON.stringify(row.doc)],
          );
          const [second] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE n = $1', [
            row.n,
          ]);
          return { first, second };
        });
        assert.deepEqual(answered, { first: { s: row.s, tags: row.tags }, second: { n: 1 } });
      }
      const kept = await db.query<{ n: number; s: string | null; tags: string[] | null; doc: unknown }>(
        'SELECT n, s, tags, doc FROM t ORDER BY n',
      );
      assert.deepEqual(kept, rows);
      const [{ searched }] = (await db.query<{ searched: number }>(
        `SELECT count(*)::int AS searched FROM t WHERE s = $1`,
        [AWKWARD[1]],
      )) as [{ searched: number }];
      assert.equal(searched, 1);
    });

    it('a transaction whose first statement fails, or that throws after it, keeps nothing; its connection serves the next', async () => {
      const db = await table();
      await db.query('INSERT INTO t (n) VALUES (1)');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (n, s) VALUES ($1, $2)', [1, 'the same key again']);
        }),
        /duplicate key/,
      );
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (n, s) VALUES ($1, $2)', [2, 'rolled back']);
          throw new Error('the route refused');
        }),
        /the route refused/,
      );
      assert.deepEqual(await db.query('SELECT n FROM t'), [{ n: 1 }]);
      // Outside any transaction: nothing left open holds it back or commits it later.
      for (let n = 3; n < 8; n++) await db.query('INSERT INTO t (n) VALUES ($1)', [n]);
      const kept = await db.query<{ n: number }>('SELECT n FROM t ORDER BY n');
      assert.deepEqual(
        kept.map((row) => row.n),
        [1, 3, 4, 5, 6, 7],
      );
    });

    it('a first statement with large values goes as parameters', async () => {
      const db = await table();
      const large = `'${'a\\'.repeat(50_000)}`;
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (n, s) VALUES ($1, $2)', [1, large]);
        await tx.query('INSERT INTO t (n, s) VALUES ($1, $2)', [2, large]);
      });
      const kept = await db.query<{ s: string }>('SELECT s FROM t ORDER BY n');
      assert.deepEqual(
        kept.map((row) => row.s === large),
        [true, true],
      );
    });

    it('a statement marked prepared answers as an unnamed one; a server keeps it prepared on each connection, unless told not to', async () => {
      const db = await table();
      await db.query('INSERT INTO t (n, s) VALUES (1, $1), (2, $2)', ['one', AWKWARD[1]]);
      const text = prepared('SELECT n, s FROM t WHERE n = $1');
      // Past the fifth run a prepared statement may settle on its generic plan: the same rows.
      for (let run = 0; run < 8; run++)
        assert.deepEqual(await db.query(text, [1 + (run % 2)]), [
          { n: 1 + (run % 2), s: run % 2 ? AWKWARD[1] : 'one' },
        ]);
      if (target.name !== 'postgres') return;
      // What a connection holds prepared, asked on the connection that ran it (a transaction's).
      const preparedOn = (on: Database, statement: string) =>
        on.transaction(async (tx) => {
          await tx.query(statement, [1]); // the first: written in beside BEGIN, never named
          await tx.query(statement, [1]);
          return (await tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).some(
            (row) => row.statement === statement,
          );
        });
      assert.equal(await preparedOn(db, text), true);
      const sum = prepared('SELECT $1::int + 1 AS n');
      const [named, unnamed] = [
        await openDatabase({ url: SERVER_URL }),
        await openDatabase({ url: SERVER_URL, prepare: false }),
      ];
      open.push(named, unnamed);
      assert.equal(await preparedOn(named, sum), true);
      assert.equal(await preparedOn(unnamed, sum), false);
    });
  });

describe('the pool size (#25)', () => {
  it('refuses a size that is not a whole number of connections, naming it', async () => {
    for (const poolSize of [0, -1, 2.5, Number.NaN])
      await assert.rejects(openDatabase({ url: SERVER_URL, poolSize }), /poolSize must be a whole number/);
  });

  it('opens at most `poolSize` connections however many statements wait', async (t) => {
    if (!targets.some((target) => target.name === 'postgres')) return t.skip('no PostgreSQL server');
    const db = await openDatabase({ url: SERVER_URL, poolSize: 2 });
    try {
      const pids = await Promise.all(
        Array.from({ length: 6 }, () =>
          db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)'),
        ),
      );
      assert.equal(new Set(pids.map(([row]) => row!.pid)).size, 2);
    } finally {
      await db.close();
    }
  });
});
