// Documents (R8).
import { DocumentSave } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { documentToSave, documentToShow, getDocument, saveDocument } from '../../rules/content.js';
import { answer } from '../answers.js';
import { BODY_LIMITS, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveDocuments({ on, storage, store, now }: Serve): void {
  // Documents (R8): read for the request (an instance holds none), once the rules say the page may
  // be seen — or, for a save, saved through.
  on(route.documentsGet, async ({ viewer, params }) => {
    const documents = await storage.documents.get(documentToShow(store(), viewer, params[0]!));
    return answer(getDocument(store(), viewer, params[0]!, documents));
  });
  on(route.documentsSave, async ({ viewer, params, request }) => {
    const body = await readBody(request, DocumentSave, BODY_LIMITS.document, 'body');
    await storage.loadDocuments(documentToSave(store(), viewer, params[0]!));
    return answer(saveDocument(store(), viewer, params[0]!, body.body, body.baseVersion, now()));
  });
}
