// The project's own demo workspace: a `query_schemas` answer written by us and its seed data.
// Ids and names others may rely on live in ./ids.ts; conventions are in docs/demo-workspace.md.
export { demoSchema } from './schema/index.js';
export { demoData } from './seed/index.js';
