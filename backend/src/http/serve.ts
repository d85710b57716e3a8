// What a group of routes is given to serve its routes of the contract's table: the two ways a
// route is answered (for a viewer, or as the staff session itself) and the backend's storage,
// world, record reader and clock. Each file in routes/ serves one area.
import { type Route } from '../../../src/contract/routes.js';
import type { Principal } from '../ports/principal.js';
import { type Viewer } from '../rules/viewer.js';
import type { Store } from '../world/store.js';
import type { DataStorage } from '../ports/storage.js';
import type { RecordReader } from '../ports/record-plan.js';
import type { LogReader } from '../ports/logs.js';

/** A route answered for a resolved Viewer (a session in a portal the person may still open). */
export type Handler = (ctx: {
  request: Request;
  url: URL;
  params: string[];
  viewer: Viewer;
}) => Response | Promise<Response>;

/** A route of the staff session itself (R22): it works with no portal and may move the session. */
export type StaffHandler = (ctx: {
  request: Request;
  url: URL;
  principal: Exclude<Principal, { kind: 'external' }>;
  staffId: string;
  /** Moves the session to `next` once R10/R12 agree, and answers with what it now shows. */
  switchTo: (next: Principal) => Promise<Response>;
}) => Response | Promise<Response>;

export interface Serve {
  /** Serves `route` for a resolved Viewer. */
  on(route: Route, handler: Handler): void;
  /** Serves `route` as the staff session itself (R22): portfolio, opening a portal, viewing as. */
  onStaff(route: Route, handler: StaffHandler): void;
  storage: DataStorage;
  /** The world as this instance sees it now. */
  store(): Store;
  records(): RecordReader;
  /** The activity log and audit trail, read a portal at a time. */
  logs(): LogReader;
  now(): Date;
  /** The blob key an upload's bytes were stored under before its write (see BlobStore). */
  uploadedBlob(request: Request): string | undefined;
  /** Runs `after` once this request's write has committed (never when it was refused or replayed). */
  afterCommit(request: Request, after: () => Promise<void>): void;
}
