// Documents (R8).
import { DocumentSave } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { getDocument, saveDocument } from '../../rules/content.js';
import { answer } from '../answers.js';
import { BODY_LIMITS, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveDocuments({ on, store, now }: Serve): void {
  // Documents (R8).
  on(route.documentsGet, ({ viewer, params }) => answer(getDocument(store(), viewer, params[0]!)));
  on(route.documentsSave, async ({ viewer, params, request }) => {
    const body = await readBody(request, DocumentSave, BODY_LIMITS.document, 'body');
    return answer(saveDocument(store(), viewer, params[0]!, body.body, body.baseVersion, now()));
  });
}
