// Entry `portalkit`: every element, registered.
import { defineAll } from './define.js';

defineAll();
export * from './index.js';
