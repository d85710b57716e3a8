import { defineConfig } from 'vite';
import { demoMiddleware, demoStorage } from './server-mock/demo-middleware.js';

// `npm start`: the demo host application (demo/) on portalkit's backend, served by this Vite
// server on PGlite (`.portalkit-data/demo`) or on DATABASE_URL. A static build of the demo runs
// the same backend in the page (msw) instead.
export default defineConfig(({ command }) => ({
  root: 'demo',
  publicDir: 'public',
  define: {
    __PK_DEMO_SERVER__: JSON.stringify(command === 'serve'),
    // The header says where the data lives (PGlite or the server), as the backend decides it.
    __PK_DEMO_STORAGE__: JSON.stringify(command === 'serve' ? demoStorage().label : ''),
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: '../dist/demo', emptyOutDir: true },
  plugins: [
    {
      name: 'portalkit-backend',
      configureServer(server) {
        server.middlewares.use(demoMiddleware());
      },
    },
  ],
}));
