// Sums the widgets show (#25 step 6): exact whatever the order of addition, so memory (records in
// insertion order) and SQL (rows as its plan reads them, unsorted) give the same double.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ExactSum, exactSum } from '../../../backend/src/world/exact-sum.js';

const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }).map((cents) => cents / 100),
  fc.constantFrom(0.1, 0.2, 0.3, 1e21, -1e21, 5e-324, 1.7976931348623157e308),
);

describe('exact sums', () => {
  it('are the same in every order of addition (float addition is not)', () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 30 }), fc.nat(), (values, seed) => {
        const shuffled = [...values].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || 0);
        const same = exactSum(values);
        assert.ok(Object.is(exactSum(shuffled), same) || (same === 0 && exactSum(shuffled) === 0));
      }),
      { numRuns: 500 },
    );
    // The case float addition gets wrong in one order and right in the other.
    assert.equal(0.1 + 0.2 + 0.3, 0.6000000000000001);
    assert.equal(0.3 + 0.2 + 0.1, 0.6);
    assert.equal(exactSum([0.1, 0.2, 0.3]), 0.6);
    assert.equal(exactSum([0.3, 0.2, 0.1]), 0.6);
  });

  it('round once, at the end, to the nearest double', () => {
    assert.equal(exactSum([1e21, 1, -1e21]), 1);
    assert.equal(exactSum([]), 0);
    assert.equal(exactSum([-0]), 0);
    assert.equal(exactSum([1.7976931348623157e308, 1.7976931348623157e308]), Infinity);
    // The text of a numeric sum (as SQL answers it) adds like the numbers.
    assert.equal(new ExactSum().add('123.4500').add(0.55).toNumber(), 124);
    assert.equal(new ExactSum().add('100000000000000000000').add(-1e20).toNumber(), 0);
    assert.throws(() => new ExactSum().add('NaN'));
  });
});
