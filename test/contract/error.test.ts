import { expect } from '@open-wc/testing';
import { ApiErrorBody } from '../../src/contract/index.js';

describe('contract: error envelope', () => {
  it('accepts a well-formed error', () => {
    const body = { error: { code: 'not_found', message: 'Not found.' } };
    expect(ApiErrorBody.safeParse(body).success).to.equal(true);
  });

  it('rejects a missing message, an empty message and a code that is not snake_case', () => {
    for (const bad of [
      { error: { code: 'not_found' } },
      { error: { code: 'not_found', message: '' } },
      { error: { code: 'Not Found', message: 'x' } },
      { code: 'not_found', message: 'x' },
      null,
    ]) {
      const result = ApiErrorBody.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).to.equal(false);
    }
  });
});
