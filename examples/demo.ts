/**
 * `npm run demo`: the main job on the embedded default.
 * At this stage of the project only the runtime core exists; the demo reports what it can run.
 */
import { parseSchemas } from '../runtime/schema/index.js';

console.log('ftrack-codegen demo');
console.log('The local server, code generator and tutorial are not built yet; this demo only checks the runtime core.');
const model = parseSchemas([{ id: 'Project', primary_key: ['id'], properties: { id: { type: 'string', default: '{uid}' }, name: { type: 'string' } } }]);
console.log(`Schema model loaded: ${[...model.types.keys()].join(', ')}`);
