// Prints the demo workspace's query_schemas answer as JSON (for `--schema-file -`):
//   npx tsx test/codegen/support/print-demo-schema.ts | npx tsx bin/ftrack-codegen.ts --schema-file - --out generated
import { demoSchema } from '../../../server/demo/index.js';

process.stdout.write(`${JSON.stringify(demoSchema)}\n`);
