// Writes openapi.json from the contract's zod schemas (the single source of truth).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/contract/openapi.js';

writeFileSync('openapi.json', JSON.stringify(openApiDocument(), null, 2) + '\n');
console.log('openapi: wrote openapi.json');
