// The OpenAPI document is generated from the same schemas and lists every route the backend serves.
import { expect } from '@open-wc/testing';
import { openApiDocument, ROUTES } from '../../src/contract/openapi.js';
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

  it('every documented route is served by the mock backend', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    for (const [path, methods] of Object.entries(ROUTES)) {
      for (const method of Object.keys(methods)) {
        const concrete = path.replace('{model}', 'License').replace(/\{\w+\}/g, 'x');
        const answer =
          method === 'get'
            ? await alice.get(concrete)
            : await alice.raw(method.toUpperCase(), concrete, '{}');
        const noRoute =
          answer.status === 404 && String(answer.body?.error?.message ?? '').startsWith('No route');
        expect(noRoute, `${method.toUpperCase()} ${path}`).to.equal(false);
      }
    }
  });

  it('every route the mock backend serves is documented', () => {
    const documented = new Set(
      Object.entries(ROUTES).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{\w+\}/g, ':p')}`),
      ),
    );
    const undocumented = makeBackend().routes.filter((r) => !documented.has(r));
    expect(undocumented).to.deep.equal([]);
  });
});
