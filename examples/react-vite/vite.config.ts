import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

// JSX with React's automatic runtime (no plugin needed to build).
export default defineConfig(exampleConfig(import.meta.dirname, { oxc: { jsx: { runtime: 'automatic' } } }));
