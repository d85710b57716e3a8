// Records (R3, R5, R19): lists and exports as plans, writes through a page, sharing.
import { ShareRequest } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { writeThrough } from '../../rules/content.js';
import {
  createRecord,
  exportRecords,
  getRecord,
  listRecords,
  removeRecord,
  shareRecords,
  unsharedRecords,
  updateRecord,
} from '../../rules/records.js';
import { answer, errorResponse } from '../answers.js';
import { modelOf, parseQuery, readBody, readRecordWrite } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveRecords({ on, storage, store, records, now }: Serve): void {
  // Records (R3, R5, R19). Literal sub-routes first.
  on(route.recordsExport, async ({ viewer, params, url }) => {
    const model = modelOf(viewer, params[0]!);
    const csv = await exportRecords(store(), viewer, records(), model, parseQuery(url.searchParams), {
      locale: url.searchParams.get('locale') ?? 'en',
      pageId: url.searchParams.get('page'),
    });
    if (!csv.ok) return errorResponse(csv.error);
    return new Response(csv.value, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${model}.csv"`,
      },
    });
  });
  on(route.recordsUnshared, async ({ viewer, params }) =>
    answer(await unsharedRecords(viewer, records(), modelOf(viewer, params[0]!)), (items) => ({ items })),
  );
  on(route.recordsShare, async ({ viewer, params, request }) => {
    const model = modelOf(viewer, params[0]!);
    const body = await readBody(request, ShareRequest);
    await storage.loadRecords(model, body.ids);
    return answer(shareRecords(store(), viewer, model, body.ids, body.shared, now()));
  });
  on(route.recordsList, async ({ viewer, params, url }) =>
    answer(await listRecords(viewer, records(), modelOf(viewer, params[0]!), parseQuery(url.searchParams))),
  );
  on(route.recordsCreate, async ({ viewer, params, request, url }) => {
    const model = modelOf(viewer, params[0]!);
    const fields = await readRecordWrite(request);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
    if (!through.ok) return errorResponse(through.error);
    return answer(createRecord(store(), viewer, model, fields, now()), undefined, 201);
  });
  on(route.recordsGet, async ({ viewer, params }) =>
    answer(await getRecord(viewer, records(), modelOf(viewer, params[0]!), params[1]!)),
  );
  on(route.recordsUpdate, async ({ viewer, params, request, url }) => {
    const model = modelOf(viewer, params[0]!);
    const fields = await readRecordWrite(request);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
    if (!through.ok) return errorResponse(through.error);
    await storage.loadRecords(model, [params[1]!]);
    return answer(updateRecord(store(), viewer, model, params[1]!, fields, now()));
  });
  on(route.recordsRemove, async ({ viewer, params, url }) => {
    const model = modelOf(viewer, params[0]!);
    const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
    if (!through.ok) return errorResponse(through.error);
    await storage.loadRecords(model, [params[1]!]);
    return answer(removeRecord(store(), viewer, model, params[1]!, now()));
  });
}
