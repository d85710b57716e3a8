// Limits at the edge (#22): how often one client may try launch tokens, and how many requests one
// address and one session may send — decided before the backend does any work (no storage read,
// no lock), answered `429 rate_limited` with `Retry-After`. Counted in this process's memory by
// rate-limiter-flexible: with several instances each counts its own share.
//
// The Node adapter applies it (`nodeHandler`); in front of `backend.handle` elsewhere:
//   const limit = createRateLimit();                               // the defaults below
//   const refused = await limit.check(request, clientAddress);     // a Response, or null
//   return refused ?? backend.handle(request);
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ERROR_CODES } from '../../../src/contract/error-codes.js';

export interface RateLimits {
  /** Requests one address may send per minute (default 1,200). */
  perAddress?: number;
  /** Sign-in attempts (`POST /session`, a launch token each) one address may make per minute (default 60). */
  signInPerAddress?: number;
  /** Requests one session may send per minute (default 600). */
  perSession?: number;
}

export const DEFAULT_RATE_LIMITS: Required<RateLimits> = {
  perAddress: 1200,
  signInPerAddress: 60,
  perSession: 600,
};

export interface RateLimit {
  /** `null` when the request may go on; else the 429 answer to send. */
  check(request: Request, address: string, basePath?: string): Promise<Response | null>;
}

export function createRateLimit(limits: RateLimits = {}): RateLimit {
  const { perAddress, signInPerAddress, perSession } = { ...DEFAULT_RATE_LIMITS, ...limits };
  const minute = (points: number, keyPrefix: string) =>
    new RateLimiterMemory({ points, duration: 60, keyPrefix });
  const byAddress = minute(perAddress, 'address');
  const signIns = minute(signInPerAddress, 'sign-in');
  const bySession = minute(perSession, 'session');
  return {
    async check(request, address, basePath = '/api') {
      const path = new URL(request.url).pathname;
      const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '');
      try {
        await byAddress.consume(address);
        if (request.method === 'POST' && path === `${basePath}/session`) await signIns.consume(address);
        if (bearer) await bySession.consume(bearer);
        return null;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        return Response.json(
          { error: { code: 'rate_limited', message: ERROR_CODES.rate_limited.message } },
          {
            status: ERROR_CODES.rate_limited.status,
            headers: { 'retry-after': String(seconds), 'cache-control': 'no-store' },
          },
        );
      }
    },
  };
}
