// Prints the demo workspace's document (its query_schemas answer and its workspace: custom attribute
// configurations and values, read from an in-process demo server) as JSON (for `--schema-file -`):
//   npx tsx test/codegen/support/print-demo-schema.ts | npx tsx bin/ftrack-codegen.ts --schema-file - --out generated
import { workspaceDocumentText } from '../../../codegen/index.js';
import { demoSchema } from '../../../server/demo/index.js';
import { demoWorkspace } from './demo-workspace.js';

const workspace = await demoWorkspace((message) => process.stderr.write(`warning: ${message}\n`));
process.stdout.write(workspaceDocumentText(demoSchema, workspace));
