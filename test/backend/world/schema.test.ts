// A world file is validated by its schema with clear errors: path + reason for each problem.
import { expect } from '@open-wc/testing';
import { demoWorld, demoWorldInput } from '../../../server-mock/demo-world.js';
import { parseWorld, WorldError } from '../../../backend/src/world/schema.js';

describe('world schema', () => {
  it('the demo world is valid and covers every page type and portfolio kind', () => {
    const world = demoWorld();
    expect(new Set(world.pages.map((p) => p.type))).to.have.all.keys(
      'document',
      'table',
      'dashboard',
      'presentation',
      'tasks',
      'files',
      'html',
      'goals',
    );
    expect(new Set(world.internalRoles.map((r) => r.portfolio.kind))).to.have.all.keys(
      'own',
      'team',
      'full',
      'filter',
    );
  });

  it('reports each problem with its path and reason', () => {
    const input = demoWorldInput() as any;
    input.companies[1].name = 42;
    input.portals[0].colorOverrides.primary = 'green';
    input.pages[0].type = 'spreadsheet';
    try {
      parseWorld(input);
      expect.fail('parseWorld accepted a bad world');
    } catch (error) {
      expect(error).to.be.instanceOf(WorldError);
      const paths = (error as WorldError).problems.map((p) => p.path);
      expect(paths).to.include.members([
        'companies.1.name',
        'portals.0.colorOverrides.primary',
        'pages.0.type',
      ]);
      expect((error as WorldError).message).to.contain('companies.1.name');
      for (const problem of (error as WorldError).problems)
        expect(problem.reason).to.be.a('string').and.not.be.empty;
    }
  });

  it('keeps log times as the server writes them (UTC with milliseconds): text order is time order (#25)', () => {
    const input = demoWorldInput() as any;
    // As typed, "…00Z" sorts after "…00.500Z" though it is half a second earlier.
    input.activity = [
      { portalId: 'p-northwind', contactId: 'k-nw-alice', kind: 'page_view', at: '2026-03-01T10:00:00Z' },
      { portalId: 'p-northwind', contactId: 'k-nw-bob', kind: 'page_view', at: '2026-03-01T10:00:00.5Z' },
    ];
    input.audit = [
      {
        at: '2026-03-01T10:00:01Z',
        portalId: 'p-northwind',
        actor: { kind: 'external', id: 'k-nw-alice' },
        action: 'record.update',
        object: { type: 'License', id: 'license-1' },
      },
    ];
    const world = parseWorld(input);
    expect(world.activity.map((e) => e.at)).to.deep.equal([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.500Z',
    ]);
    expect(world.audit[0]!.at).to.equal('2026-03-01T10:00:01.000Z');
  });

  it('rejects a file that is not a world at all', () => {
    expect(() => parseWorld(null)).to.throw(WorldError, '(root)');
    expect(() => parseWorld({ tenant: {} })).to.throw(WorldError, 'tenant.id');
  });
});
