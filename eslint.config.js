import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'src/locales/generated/',
      'dist/',
      'backend/dist/',
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
  // Which layer may import which, and no cycle: .dependency-cruiser.cjs (npm run lint).
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
