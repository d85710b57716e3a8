// Writes backend/world.schema.json (@portalkit/backend/world.schema.json): the JSON Schema of a world file (what `--world`, `importWorld` and
// `loadWorldFile` read), generated from the same zod schema that validates it.
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { World } from '../backend/src/world/schema.js';

const schema = {
  ...z.toJSONSchema(World, { io: 'input', unrepresentable: 'any' }),
  $id: 'https://portalkit.dev/world.schema.json',
  title: 'portalkit world',
  description:
    "A tenant's portal data: companies, contacts, roles, portals and their content, records. Imported by portalkit-backend --world, importWorld() and loadWorldFile(); every reference between entities must name an id of the file.",
};
writeFileSync('backend/world.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
console.log('world schema: wrote backend/world.schema.json');
