// README's Events table and PORTAL_EVENTS (the list hosts and the demo's event log use) name the
// same events: a new event is documented, and the documentation names no event that is not fired.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { PORTAL_EVENTS } from '../../src/events.js';
import { readmeEvents } from './readme-events.js';

describe('README events', () => {
  it("README's Events table names exactly the events of PORTAL_EVENTS", () => {
    const documented = readmeEvents();
    assert.equal(new Set(documented).size, documented.length, `listed twice: ${documented.join(', ')}`);
    assert.deepEqual([...documented].sort(), [...PORTAL_EVENTS].sort());
  });
});
