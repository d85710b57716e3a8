// #22 item 5: nothing unauthenticated or slow holds a write. Authenticated record edits per second
// on one backend instance (a process of its own), alone and then while one client holds an upload
// open at about 10 KB/s and another sends 500 unauthenticated PATCHes a second — the ratio of the
// two, measured in one run (`backend.write_isolation`, at least 0.9), on memory and PGlite.
// Gated at a steady offered load (150 edits a second, under either storage's capacity), so the
// ratio says whether writes wait on the others; at saturation (printed, not gated) the 500
// unauthenticated requests also take their share of this 2-core machine's CPU.
import autocannon from 'autocannon';
import { request } from 'node:http';
import { demoWorld } from '../server-mock/demo-world.js';
import { httpSession, spawnInstance } from './instances.js';
import { report } from './report.js';

const SECONDS = 5;

const OFFERED = 150;

async function writesPerSecond(port: number, token: string, recordId: string, rate?: number) {
  const result = await autocannon({
    ...(rate ? { overallRate: rate } : {}),
    url: `http://127.0.0.1:${port}/api/records/License/${recordId}?page=pg-licenses`,
    connections: 10,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    method: 'PATCH',
    body: JSON.stringify({ fields: { seats: 7 } }),
  });
  return { perSecond: result.requests.average, errors: result.errors + result.non2xx };
}

/** An upload that sends 1 KB every 100 ms until stopped (never finishes on its own). */
function slowUpload(port: number, token: string) {
  const upload = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/files?page=pg-files&name=slow.txt',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
  });
  upload.on('error', () => {});
  const timer = setInterval(() => upload.write(Buffer.alloc(1024, 0x61)), 100);
  return () => {
    clearInterval(timer);
    upload.destroy();
  };
}

function unauthenticated(port: number, recordId: string) {
  return autocannon({
    url: `http://127.0.0.1:${port}/api/records/License/${recordId}?page=pg-licenses`,
    connections: 10,
    overallRate: 500,
    duration: SECONDS,
    headers: { authorization: 'Bearer not-a-session', 'content-type': 'application/json' },
    method: 'PATCH',
    body: JSON.stringify({ fields: { seats: 1 } }),
  });
}

export async function run(): Promise<boolean> {
  let ok = true;
  const recordId = demoWorld().records.License!.find((r) => r.portalIds.includes('p-northwind'))!.id;
  for (const kind of ['memory', 'pglite']) {
    const { port, child } = await spawnInstance([kind]);
    try {
      const token = await httpSession(port);
      await writesPerSecond(port, token, recordId); // warm-up
      const measure = async (disturb: boolean, rate?: number) => {
        if (!disturb) return writesPerSecond(port, token, recordId, rate);
        const stop = slowUpload(port, token);
        const [writes, refused] = await Promise.all([
          writesPerSecond(port, token, recordId, rate),
          unauthenticated(port, recordId),
        ]);
        stop();
        report(`backend.${kind}.unauthenticated_answered`, refused.requests.average, 'req/s');
        return writes;
      };
      const alone = await measure(false, OFFERED);
      const disturbed = await measure(true, OFFERED);
      const saturated = await measure(false);
      const saturatedDisturbed = await measure(true);
      report(`backend.${kind}.writes_offered_${OFFERED}_alone`, alone.perSecond, 'req/s');
      report(
        `backend.${kind}.writes_offered_${OFFERED}_beside_slow_upload_and_500_unauthenticated`,
        disturbed.perSecond,
        'req/s',
      );
      report(`backend.${kind}.writes_saturated_alone`, saturated.perSecond, 'req/s');
      report(`backend.${kind}.writes_saturated_beside_them`, saturatedDisturbed.perSecond, 'req/s');
      report(
        `backend.${kind}.write_isolation_saturated`,
        saturatedDisturbed.perSecond / saturated.perSecond,
        'ratio',
      );
      ok =
        report(
          `backend.${kind}.write_errors`,
          alone.errors + disturbed.errors + saturated.errors + saturatedDisturbed.errors,
          'rows',
          { max: 0 },
        ) && ok;
      ok =
        report(
          `backend.write_isolation${kind === 'memory' ? '' : `_${kind}`}`,
          disturbed.perSecond / alone.perSecond,
          'x',
          {
            min: 0.9,
          },
        ) && ok;
    } finally {
      child.kill();
    }
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await run()) ? 0 : 1);
