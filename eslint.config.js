import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The browser SDK's own parts: the backend reads only src/contract and src/shared. */
const SDK_INTERNALS = {
  group: ['**/src/internal/*', '**/src/components/*', '**/src/elements/*', '**/src/controllers/*'],
  message: 'The backend imports only src/contract and src/shared from the browser SDK.',
};

export default tseslint.config(
  {
    ignores: [
      'src/locales/generated/',
      'dist/',
      'node_modules/',
      'demo/public/mockServiceWorker.js',
      '.scratch/',
      'test/contract/generated/',
      'custom-elements.json',
      'examples/*/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='localeCompare'][arguments.length>1]",
          message: 'Pass no locale/options to localeCompare in hot paths: reuse one Intl.Collator.',
        },
      ],
    },
  },
  {
    // Tests read loosely typed JSON answers; chai's property assertions are expressions.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  // Imports flow one way (#24). The browser's internals, parts and elements are the UI's own:
  // the backend reads only src/contract and src/shared (isomorphic, no DOM); decisions, storage
  // and the world never reach up into HTTP, the Node adapter or the mocks; parts never import
  // element registrations statically (page types load them lazily with import()).
  {
    files: ['server-mock/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [SDK_INTERNALS],
        },
      ],
    },
  },
  {
    files: ['server-mock/rules/**/*.ts', 'server-mock/storage/**/*.ts', 'server-mock/world/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SDK_INTERNALS,
            {
              group: ['../http/*', '../node/*', '../msw/*', '../worlds/*'],
              message:
                'rules/, storage/ and world/ do not depend on HTTP, the Node adapter, mocks or demo data.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*', '../*', '!../shared/*'],
              message: 'src/shared is isomorphic: no DOM, no Lit, nothing of the SDK or the backend.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/controllers/**/*.ts', 'src/internal/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/elements/*', '**/define.js', '**/server-mock/**'],
              message:
                'Parts do not import element registrations (or the backend); load parts lazily with import().',
            },
          ],
        },
      ],
    },
  },
  {
    // Only define.ts registers tags (importing a component never touches the host page).
    files: ['src/**/*.ts'],
    ignores: ['src/define.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'customElements', property: 'define', message: 'Register tags in src/define.ts only.' },
      ],
    },
  },
);
