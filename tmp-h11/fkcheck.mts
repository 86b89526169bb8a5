import { readFileSync } from 'node:fs';
import { Workspace } from '../server/store/workspace.js';
const schema = JSON.parse(readFileSync('../shared/fixtures/schemas/workspace-a.query_schemas.json', 'utf8'));
const ws = new Workspace(schema);
let n = 0;
for (const type of ws.model.types.values()) {
  for (const name of type.raw.required ?? []) {
    const a = type.attributes.get(name);
    if (a?.kind === 'scalar' && a.format === 'foreign_key') { n++; if (ws.graph.foreignKeyTarget(a) === undefined) console.log('unresolved', type.name, name); }
  }
}
console.log('required fks', n);
