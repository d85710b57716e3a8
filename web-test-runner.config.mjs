import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, resolveChromium } from './scripts/chromium.mjs';

const executablePath = await resolveChromium();

export default {
  rootDir: '.',
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 600000,
  plugins: [
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
