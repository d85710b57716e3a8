// Imports flow one way (#24), checked in `npm run lint` (npx depcruise … --config). Type-only
// imports count: a layer that names another's types depends on it.
//
//   src/ (browser SDK)   contract, shared  ←  api, internal, controllers, components  ←  elements, define
//   backend/src          src/contract, src/shared  ←  world  ←  ports  ←  rules, storage  ←  http, adapters  ←  index, cli, bin
//   server-mock/         mocks and demo (msw, demo world, dev keys, dev server): may use anything, used by nothing published
const layer = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^(src|backend/src|server-mock)/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle anywhere: a cycle makes load order (and a hang) depend on who imports first.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'backend-reads-contract-and-shared',
      '^backend/src/',
      ['^backend/src/', '^src/(contract|shared)/'],
      'The backend reads only the contract and the isomorphic code of the SDK, never its UI, and never the mocks.',
    ),
    layer(
      'world-is-the-base',
      '^backend/src/world/',
      ['^backend/src/world/', '^src/(contract|shared)/'],
      'The world (schema, models, store) depends on nothing of the backend.',
    ),
    layer(
      'ports-name-world-types',
      '^backend/src/ports/',
      ['^backend/src/(ports|world)/', '^src/(contract|shared)/'],
      'Ports are what storage implements and rules read: interfaces over the world.',
    ),
    layer(
      'rules-decide-only',
      '^backend/src/rules/',
      ['^backend/src/(rules|ports|world)/', '^src/(contract|shared)/'],
      'Decisions only: no HTTP, no storage engine, no adapter.',
    ),
    layer(
      'storage-implements-ports',
      '^backend/src/storage/',
      ['^backend/src/(storage|ports|world)/', '^src/(contract|shared)/'],
      'Storage evaluates plans and keeps data; it decides nothing (no rules).',
    ),
    layer(
      'shared-is-isomorphic',
      '^src/shared/',
      ['^src/(shared|contract)/'],
      'src/shared runs on both sides: nothing of the UI or the backend.',
    ),
    layer(
      'contract-stands-alone',
      '^src/contract/',
      ['^src/(contract|shared)/'],
      'The contract is schemas and the route table: nothing of the UI or the backend.',
    ),
    {
      name: 'shared-has-no-lit',
      comment: 'src/shared and src/contract run without a DOM: no Lit.',
      severity: 'error',
      from: { path: '^src/(shared|contract)/' },
      to: { path: '(^|/)node_modules/(lit|@lit|lit-html|lit-element)/' },
    },
    layer(
      'sdk-never-reaches-the-backend',
      '^src/',
      ['^src/'],
      'The browser SDK talks to the backend over HTTP only: no import of backend/ or server-mock/.',
    ),
    {
      name: 'parts-load-elements-lazily',
      comment: 'Parts never import element registrations statically (page types load them with import()).',
      severity: 'error',
      from: { path: '^src/(components|controllers|internal|api)/' },
      to: { path: '^src/(elements/|define\\.ts$)', dynamic: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|backend/dist|examples/[^/]+/dist|src/locales/generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
