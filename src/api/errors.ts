/** What went wrong, for people (message) and for the vendor developer (code + hint). */
export class PortalApiError extends Error {
  override readonly name = 'PortalApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly hint?: string,
    /** Which input was at fault and the limit it passed, when the server said. */
    readonly detail: { path?: (string | number)[]; limit?: number } = {},
  ) {
    super(message);
  }
}
