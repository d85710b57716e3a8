import { PortalApiError } from '../api/errors.js';
import { emit } from './emit.js';

/**
 * Tells the host page a part's action failed (`pk-error`) — every failure, not only the API's: an
 * exception in the part itself says `unexpected` with its message, so a host that logs errors sees
 * each one. Returns the code, for the words the person reads (`messageFor`). A cancelled call
 * (AbortError) is no failure: it returns undefined and says nothing.
 */
export function reportFailure(host: HTMLElement, error: unknown): string | undefined {
  if ((error as Error)?.name === 'AbortError') return undefined;
  if (error instanceof PortalApiError) {
    emit(host, 'pk-error', {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
    return error.code;
  }
  emit(host, 'pk-error', {
    code: 'unexpected',
    message: error instanceof Error ? error.message : String(error),
  });
  return 'unexpected';
}
