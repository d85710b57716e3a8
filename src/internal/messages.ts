import { msg, str } from '@lit/localize';
import { portalLocale } from './localization.js';

/** An error as the API client reports it: its code, and the limit it passed when there is one. */
export interface ErrorLike {
  code: string;
  detail?: { limit?: number };
}

/**
 * What the person reads for each error code (or API error, whose limit it can name), in their
 * language. The server's `message` is for logs; the shell shows these (unknown codes fall back to
 * a generic sentence).
 */
export function messageFor(error: string | ErrorLike): string {
  const { code, detail } = typeof error === 'string' ? { code: error, detail: undefined } : error;
  switch (code) {
    case 'text_too_long': {
      const limit = detail?.limit;
      return limit === undefined
        ? msg('This text is longer than allowed. Shorten it and try again; your text is kept.')
        : msg(
            str`This text is longer than the ${new Intl.NumberFormat(portalLocale()).format(limit)} characters allowed. Shorten it and try again; your text is kept.`,
          );
    }
    case 'markup_not_allowed':
      return msg(
        'Text cannot contain code that would run, such as a script or an event handler. Remove it and try again; your text is kept.',
      );
    case 'token_malformed':
    case 'token_invalid_signature':
    case 'token_unknown_key':
    case 'token_alg_not_allowed':
    case 'token_wrong_audience':
      return msg('The sign-in link is not valid. Open the portal again from the application.');
    case 'token_expired':
    case 'token_not_yet_valid':
    case 'token_lifetime_too_long':
      return msg('The sign-in link has expired. Open the portal again from the application.');
    case 'token_replayed':
      return msg('This sign-in link was already used. Open the portal again from the application.');
    case 'user_inactive':
      return msg('Your portal access is not active.');
    case 'no_portal_access':
      return msg('You do not have access to this portal.');
    case 'email_not_unique':
      return msg('Your email address is used by more than one portal user. Ask your contact to fix it.');
    case 'impersonation_not_allowed':
      return msg('You may not view this portal as that user.');
    case 'session_expired':
    case 'session_missing':
    case 'fetch_token_timeout':
      return msg('Your session has ended.');
    case 'session_revoked':
      return msg('Your access to this portal was ended.');
    case 'network':
      return msg('The portal could not be reached. Check your connection and try again.');
    case 'not_found':
      return msg('This page is not available.');
    case 'forbidden':
    case 'no_file_access':
      return msg('You do not have permission to do that.');
    case 'file_too_large':
      return msg('The file is larger than this portal allows.');
    case 'file_type_not_allowed':
      return msg('This type of file is not allowed in this portal.');
    case 'file_content_mismatch':
      return msg('This file is not what its name says: its content is of another type.');
    case 'email_in_use':
      return msg('This email address is already used by a portal user. Use another address.');
    case 'role_in_use':
      return msg('This role is held by portal users. Move them to another role before removing it.');
    case 'payload_too_large':
    case 'headers_too_large':
      return msg('This is more than the portal accepts at once.');
    case 'list_changed':
      return msg('The list changed while it was exported. Export again.');
    case 'read_only_page':
      return msg('This page is shared with you to view only.');
    case 'unavailable':
      return msg('The portal is not available right now. Please try again in a moment.');
    case 'rate_limited':
      return msg('Too many requests. Wait a moment and try again.');
    case 'read_only_impersonation':
      return msg('You are viewing as another user: changes are not allowed.');
    default:
      return msg('Something went wrong. Please try again.');
  }
}

/**
 * Whether trying again may work: the request never got an answer, or the server failed (5xx,
 * `internal`, `unavailable`) — not a refusal, which would answer the same again.
 */
export const isRetryable = (code: string): boolean =>
  code === 'network' || code === 'internal' || code === 'unavailable' || /^http_5\d\d$/.test(code);
