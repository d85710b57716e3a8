import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, resolveChromium } from './scripts/chromium.mjs';

const executablePath = await resolveChromium();

/** Prints one plain closing line (`browser: N passed, N failed`) that CI logs can be read by. */
function closingLineReporter() {
  const count = (suite, totals) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite?.suites ?? []) count(child, totals);
    return totals;
  };
  let line = '';
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)
          totals.failed++;
      }
      line = `browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
    },
    // After the progress display has finished redrawing the terminal.
    stop() {
      if (line) process.stdout.write(`\n${line}\n`);
    },
  };
}

/**
 * Serves CommonJS-only packages as one ES module each, bundled by esbuild on first request (the
 * dev server resolves ES modules only). Vite does the same for `npm start`.
 */
function commonJsPackages(names) {
  const bundles = new Map();
  const bundle = (name) =>
    build({
      entryPoints: [name],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'error',
    }).then((result) => result.outputFiles[0].text);
  return {
    name: 'commonjs-packages',
    resolveImport({ source }) {
      if (names.includes(source)) return `/__cjs__/${source}.js`;
    },
    serve(context) {
      const match = /^\/__cjs__\/(.+)\.js$/.exec(context.path);
      if (!match || !names.includes(match[1])) return;
      if (!bundles.has(match[1])) bundles.set(match[1], bundle(match[1]));
      return bundles.get(match[1]).then((body) => ({ body, type: 'js' }));
    },
  };
}

/**
 * React and react-dom (CommonJS) as ES modules that share one copy of React: bundled together once,
 * each specifier served as a module re-exporting its part (named exports as Node sees them).
 */
function reactPackages() {
  const parts = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient' };
  // Export names as Node sees them, read in a child process (React's development build patches
  // the console, which the test runner's own console capture does not survive).
  const exportNames = (name) =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require('${name}'))))`], {
        encoding: 'utf8',
      }),
    );
  let bundle;
  const bundled = () =>
    (bundle ??= build({
      stdin: {
        contents: Object.entries(parts)
          .map(([name, id]) => `export * as ${id} from '${name}';`)
          .join('\n'),
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"development"' },
      write: false,
      logLevel: 'error',
    }).then((result) => result.outputFiles[0].text));
  return {
    name: 'react-packages',
    resolveImport({ source }) {
      if (source in parts) return `/__react__/${source}.js`;
    },
    serve(context) {
      if (context.path === '/__react__/bundle.js') return bundled().then((body) => ({ body, type: 'js' }));
      const match = /^\/__react__\/(.+)\.js$/.exec(context.path);
      if (!match || !(match[1] in parts)) return;
      const id = parts[match[1]];
      const names = exportNames(match[1]).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return {
        body: `import { ${id} } from '/__react__/bundle.js';\nexport default ${id};\nexport const { ${names.join(', ')} } = ${id};\n`,
        type: 'js',
      };
    },
  };
}

export default {
  rootDir: '.',
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  reporters: [defaultReporter(), closingLineReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 600000,
  plugins: [
    // sanitize-html: the backend's DOM-free sanitiser (R8), CommonJS only.
    commonJsPackages(['sanitize-html', 'debug', 'ieee754']),
    // portalkit/react's tests render with React 19.
    reactPackages(),
    {
      // README's snippets and the examples import the package by name: this repository's entry.
      name: 'portalkit-self',
      resolveImport({ source }) {
        if (source === 'portalkit') return '/src/portalkit.ts';
      },
    },
    {
      // JSON imported from TypeScript (the dev key set) becomes an ES module, as Vite and tsx do.
      name: 'json-module',
      resolveMimeType(context) {
        if (context.path.endsWith('.json')) return 'js';
      },
      transform(context) {
        if (context.path.endsWith('.json')) return { body: `export default ${context.body};` };
      },
    },
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      target: 'es2022',
    }),
  ],
  middleware: [
    // The msw worker must sit at the origin's root to control the test pages.
    function mockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/demo/public/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: chromiumArgs } }),
  ],
};
