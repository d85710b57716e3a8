import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { pagesGet } from '../contract/routes/pages.js';
import type { PagePayload } from '../contract/schemas.js';
import { apiContext } from '../context/portal-context.js';

type Host = ReactiveControllerHost & HTMLElement & { page: string; payload?: PagePayload };

/**
 * The content of one page for a part — the one place a part loads it: the payload the shell
 * handed over, or fetched by id through the portal's API client (cancelled when a newer load
 * starts). Re-runs when the page, the payload or the session changes.
 */
export function pagePayloadTask(
  host: Host,
  on: {
    /** The payload arrived (undefined: no page or no session yet). */
    complete?: (payload: PagePayload | undefined) => unknown;
    /** It could not be loaded (never for a load cancelled by a newer one). */
    error?: (error: unknown) => unknown;
  } = {},
): Task<readonly [string, PagePayload | undefined, unknown], PagePayload | undefined> {
  const api = new ContextConsumer(host, { context: apiContext, subscribe: true });
  return new Task(host, {
    ...(on.complete ? { onComplete: on.complete } : {}),
    ...(on.error ? { onError: on.error } : {}),
    args: () => [host.page, host.payload, api.value] as const,
    task: async ([page, payload, client], { signal }) => {
      if (payload && payload.id === page) return payload;
      if (!page || !client) return undefined;
      return (client as NonNullable<typeof api.value>).call(pagesGet, { params: { pageId: page }, signal });
    },
  });
}
