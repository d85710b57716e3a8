import type { Bootstrap } from './contract/schemas.js';

/** Detail of `pk-error`: a precise code for the developer, a message for the person. */
export interface PkErrorDetail {
  code: string;
  message: string;
  hint?: string;
}

export interface PkReadyDetail {
  portal: Bootstrap['portal'];
  user: Bootstrap['user'];
}

export interface PkNavigateDetail {
  pageId: string;
  from: string | null;
}

declare global {
  interface HTMLElementEventMap {
    /** The session is open and the first page is on screen. */
    'pk-ready': CustomEvent<PkReadyDetail>;
    /** The portal is about to show another page. Cancelable. */
    'pk-navigate': CustomEvent<PkNavigateDetail>;
    /** Something failed: `code` and `hint` are for the developer. */
    'pk-error': CustomEvent<PkErrorDetail>;
    /** The session ended and could not be renewed (no fetchToken, or it failed). */
    'pk-session-expired': CustomEvent<PkErrorDetail>;
    /** The person chose "Sign out"; the session is already ended on the server. */
    'pk-sign-out': CustomEvent<Record<string, never>>;
    /** An impersonating internal user chose "Exit view"; the host decides what follows. */
    'pk-exit-view': CustomEvent<{ user: Bootstrap['user'] }>;
  }
}
