// Documents (R8).
import { DocumentSave } from '../../../../src/contract/schemas.js';
import * as route from '../../../../src/contract/routes.js';
import { getDocument, saveDocument } from '../../rules/content.js';
import { answer } from '../answers.js';
import { BODY_LIMITS, readBody } from '../requests.js';
import type { Serve } from '../serve.js';

export function serveDocuments({ on, storage, store, now }: Serve): void {
  // Documents (R8): the page's document is read for the request (an instance holds none); the
  // rules decide whether it is shown.
  const documentOf = (pageId: string) => {
    const id = store().pages.get(pageId)?.documentId;
    return id === undefined ? [] : [id];
  };
  on(route.documentsGet, async ({ viewer, params }) => {
    const documents = await storage.documents.get(documentOf(params[0]!));
    return answer(getDocument(store(), viewer, params[0]!, documents));
  });
  on(route.documentsSave, async ({ viewer, params, request }) => {
    const body = await readBody(request, DocumentSave, BODY_LIMITS.document, 'body');
    await storage.loadDocuments(documentOf(params[0]!));
    return answer(saveDocument(store(), viewer, params[0]!, body.body, body.baseVersion, now()));
  });
}
