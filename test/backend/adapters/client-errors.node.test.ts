// What Node refuses before a request reaches the handler — a request line or headers over its
// 16 KB limit (a very long query), a request it cannot parse — is answered in the contract's error
// shape by nodeServer (and so by `npx portalkit-backend`), not with Node's empty 431 or 400.
import { strict as assert } from 'node:assert';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { nodeServer } from '../../../backend/src/adapters/node.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function exchangeRaw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const parse = (raw: string) => {
  const [head, body = ''] = raw.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), head: head!.toLowerCase(), body: JSON.parse(body) };
};

describe('nodeServer: requests Node refuses itself', () => {
  const server = nodeServer(new Backend({ storage: new MemoryStorage(demoWorld()), keys: DEV_VERIFY_KEYS }));
  let port = 0;
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('a query over 16 KB answers 431 headers_too_large in the error shape', async () => {
    const q = 'x'.repeat(20_000);
    const answer = parse(
      await exchangeRaw(port, `GET /api/records/License?q=${q} HTTP/1.1\r\nHost: x\r\n\r\n`),
    );
    assert.equal(answer.status, 431);
    assert.match(answer.head, /content-type: application\/json/);
    assert.equal(answer.body.error.code, 'headers_too_large');
    assert.match(answer.body.error.message, /longer than allowed/);
  });

  it('a request Node cannot parse answers 400 bad_request in the error shape', async () => {
    const answer = parse(await exchangeRaw(port, 'NOT A REQUEST\r\n\r\n'));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'bad_request');
  });

  it('an ordinary request still reaches the backend, keep-alive idle time above 60 s', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/bootstrap`);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as any).error.code, 'session_missing');
    assert.ok(server.keepAliveTimeout > 60_000);
  });
});
