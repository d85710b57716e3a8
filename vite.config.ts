import { defineConfig } from 'vite';

// `npm start`: the demo host application (demo/) on the mock backend (msw worker in the page).
export default defineConfig({
  root: 'demo',
  publicDir: 'public',
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: '../dist/demo', emptyOutDir: true },
});
