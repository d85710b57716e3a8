import type { Bootstrap } from './contract/schemas.js';
import type { PkEventName } from './internal/emit.js';

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

export interface PkTaskCompleteDetail {
  taskId: string;
  status: 'open' | 'done';
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
    /** A task was completed or re-opened (after the server accepted it). */
    'pk-task-complete': CustomEvent<PkTaskCompleteDetail>;
    /** A comment was added to a task. */
    'pk-comment-add': CustomEvent<{
      taskId: string;
      commentId: string;
      mentions: { kind: 'internal' | 'external'; id: string }[];
    }>;
    /** Vendor staff shared or unshared a task in the portal. */
    'pk-task-share': CustomEvent<{ taskId: string; sharedInPortal: boolean }>;
    /** Vendor staff assigned a task. */
    'pk-task-assign': CustomEvent<{
      taskId: string;
      owner: { kind: 'internal' | 'external'; id: string } | null;
    }>;
    /** A cell edit was saved. */
    'pk-record-update': CustomEvent<{
      model: string;
      id: string;
      fields: Record<string, string | number | boolean | null>;
    }>;
    /** A record was created (and shared to this portal). */
    'pk-record-create': CustomEvent<{ model: string; id: string }>;
    /** A record was removed. */
    'pk-record-remove': CustomEvent<{ model: string; id: string }>;
    /** A CSV export was downloaded. */
    'pk-records-export': CustomEvent<{ model: string }>;
    /** Vendor staff shared or unshared records (R19). */
    'pk-records-share': CustomEvent<{ model: string; ids: string[]; shared: boolean }>;
    /** A file was uploaded (and shared to this portal). */
    'pk-file-upload': CustomEvent<{ id: string; name: string }>;
    /** A file was downloaded. */
    'pk-file-download': CustomEvent<{ id: string; name: string }>;
    /** Vendor staff shared or unshared a file. */
    'pk-file-share': CustomEvent<{ id: string; shared: boolean }>;
    /** Vendor staff removed a file. */
    'pk-file-remove': CustomEvent<{ id: string }>;
    /** An Admin external user added a contact of their company (R16). */
    'pk-contact-add': CustomEvent<{ id: string }>;
    /** A document was saved (R8). */
    'pk-document-save': CustomEvent<{ pageId: string; version: number }>;
    /** "Exit view" (cancelable): cancel it to decide what follows; else a staff session returns to the portal. */
    'pk-exit-view': CustomEvent<{ user: Bootstrap['user'] }>;
    /** R21: a Portal Super Admin created, changed or removed an external role. */
    'pk-role-change': CustomEvent<{ id: string; action: string }>;
    /** R20: staff saved a portal setting (content, people, branding). */
    'pk-settings-change': CustomEvent<{ area: string }>;
    /** R22: a staff member opened a portal from their portfolio. */
    'pk-portal-open': CustomEvent<{ portalId: string }>;
  }
}

/** Every event `<pk-portal>` and its parts fire, for a host that logs or forwards them all. */
export const PORTAL_EVENTS = [
  'pk-ready',
  'pk-navigate',
  'pk-error',
  'pk-session-expired',
  'pk-sign-out',
  'pk-exit-view',
  'pk-record-update',
  'pk-record-create',
  'pk-record-remove',
  'pk-records-export',
  'pk-records-share',
  'pk-task-complete',
  'pk-comment-add',
  'pk-task-share',
  'pk-task-assign',
  'pk-file-upload',
  'pk-file-download',
  'pk-file-share',
  'pk-file-remove',
  'pk-contact-add',
  'pk-document-save',
  'pk-portal-open',
  'pk-settings-change',
  'pk-role-change',
] as const satisfies readonly PkEventName[];

// Compile-time: an event declared above but missing from PORTAL_EVENTS fails here, naming it.
type _EveryEventListed = NoneMissing<Exclude<PkEventName, (typeof PORTAL_EVENTS)[number]>>;
type NoneMissing<Missing extends never> = Missing;
