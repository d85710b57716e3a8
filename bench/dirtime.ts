import { openDatabase } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { fill } from './start.bench.js';
const url = new URL('postgres://postgres@127.0.0.1:5432/test');
const schema = process.env.SCHEMA ?? 'pk_dir';
const admin = await openDatabase({ url: url.toString() });
const exists = (await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).length > 0;
if (!exists) await admin.query(`CREATE SCHEMA ${schema}`);
url.searchParams.set('options', `-c search_path=${schema}`);
const db = await openDatabase({ url: url.toString() });
if (!exists) {
  await (await PostgresStorage.open(db, { tenant: 'g1-large', world: demoWorld(), closesDatabase: false })).close();
  await fill(db, 'g1-large');
}
const s = await PostgresStorage.open(db, { tenant: 'g1-large', closesDatabase: false });
const time = async (name: string, f: () => Promise<unknown>) => {
  const t = performance.now(); await f(); const ms = performance.now() - t;
  const t2 = performance.now(); await f(); console.log(name, ms.toFixed(1), (performance.now() - t2).toFixed(1), 'ms');
};
const which = process.argv.slice(2);
const want = (n: string) => !which.length || which.includes(n);
if (want('companies')) await time('companies', () => s.directory.companies());
if (want('portals')) await time('portals', () => s.directory.portals());
if (want('roleHolders')) await time('roleHolders', () => s.directory.roleHolders());
if (want('holdersOf')) { await time('holdersOf none', () => s.directory.holdersOf('xr-nobody', 5)); await time('holdersOf viewer', () => s.directory.holdersOf('xr-viewer', 5)); }
if (want('load')) await time('load portal', () => s.loadCompanies({ portals: [`p-g1-${Math.floor(Math.random() * 9999)}`] }));
if (want('usersOf')) await time('usersOf', () => s.loadCompanies({ usersOf: [`k-g1-${Math.floor(Math.random() * 9999)}-5`] }));
if (want('counts')) await time('counts', () => s.directory.counts());
await db.close();
await admin.close();
