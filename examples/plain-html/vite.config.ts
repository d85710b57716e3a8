import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

export default defineConfig(exampleConfig(import.meta.dirname));
