// The OpenAPI document is generated from the same schemas and lists every route the backend serves.
import { expect } from '@open-wc/testing';
import { openApiDocument } from '../../src/contract/openapi.js';
import { ROUTE_LIST } from '../../src/contract/routes.js';
import { makeBackend, signIn } from '../helpers/backend.js';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with request and response schemas', () => {
    const doc = openApiDocument();
    expect(doc.openapi).to.equal('3.1.0');
    const session = (doc.paths['/session'] as any).post;
    expect(session.requestBody.content['application/json'].schema.required).to.deep.equal(['token']);
    expect(session.responses['200'].content['application/json'].schema.properties).to.have.keys(
      'session',
      'bootstrap',
      'staff',
    );
    expect(doc.components['x-error-codes'].token_replayed).to.deep.equal({
      status: 401,
      message: 'The sign-in link was already used.',
    });
  });

  it('every documented route is served, and only those: one handler per key of the route table', async () => {
    const backend = makeBackend();
    expect([...backend.routes].sort()).to.deep.equal(ROUTE_LIST.map((r) => r.key).sort());
    const alice = await signIn(backend, 'alice');
    for (const route of ROUTE_LIST) {
      const concrete = route.path.replace('{model}', 'License').replace(/\{\w+\}/g, 'x');
      const answer =
        route.method === 'GET' ? await alice.get(concrete) : await alice.raw(route.method, concrete, '{}');
      const noRoute =
        answer.status === 404 && String(answer.body?.error?.message ?? '').startsWith('No route');
      expect(noRoute, route.key).to.equal(false);
    }
  });

  it('a request body field with a default is optional, as the backend reads it', () => {
    const comment = (openApiDocument().paths['/tasks/{taskId}/comments'] as any).post;
    const schema = comment.requestBody.content['application/json'].schema;
    expect(schema.required).to.deep.equal(['body']);
    expect(schema.properties).to.have.property('mentions');
  });

  it('the document holds every route of the table under its key', () => {
    const doc = openApiDocument();
    const operations = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((op) => (op as { operationId: string }).operationId),
    );
    expect(operations.length).to.equal(ROUTE_LIST.length);
    expect(operations).to.include('recordsList');
  });
});
