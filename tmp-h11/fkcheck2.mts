import { Workspace } from '../server/store/workspace.js';
import { demoSchema } from '../server/demo/index.js';
const ws = new Workspace(demoSchema as never);
let n = 0;
for (const type of ws.model.types.values()) for (const name of type.raw.required ?? []) { const a = type.attributes.get(name); if (a?.kind === 'scalar' && a.format === 'foreign_key') { n++; if (ws.graph.foreignKeyTarget(a) === undefined) console.log('unresolved', type.name, name); } }
console.log('required fks', n);
