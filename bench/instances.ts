// Backend instances in processes of their own (bench/instance.ts), for the benches that load
// them over HTTP: their port, and a staff session on them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEV_SIGNING_KEY } from '../server-mock/dev-keys.js';
import { signLaunchToken } from '../src/server/index.js';

/** A backend instance in a process of its own (`bench/instance.ts`), and its port. */
export async function spawnInstance(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./instance.ts', import.meta.url)), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench instance exited (${code})`)));
  });
  return { port, child };
}

export async function httpSession(port: number): Promise<string> {
  const token = await signLaunchToken(
    { iss: 'bench', sub: 'u-csm-olivia', kind: 'internal', portal: 'p-northwind' },
    DEV_SIGNING_KEY,
  );
  const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 200) throw new Error(`bench: session ${response.status}`);
  return ((await response.json()) as { session: { token: string } }).session.token;
}
