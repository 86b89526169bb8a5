import type { Declaration } from '../declarations/declarations.js';
import { HELPER_TYPES } from '../model/names.js';
import { typeImport } from './imports.js';

/**
 * The statements of `index.ts` that export `EventTopicMap`: the event hub's topic payloads typed by
 * this workspace's entity types (`ftrack.update` entities discriminated by `entity_type`, `changes`
 * keyed by that type's attributes).
 * @example hub.subscribe(on.topic('ftrack.update'), (e: HubEvent<EventTopicMap['ftrack.update']['data']>) => …)
 */
export function eventTopicStatements(): Declaration[] {
  return [
    typeImport('./entity-map.js', [HELPER_TYPES.entityMap]),
    {
      kind: 'type',
      name: 'EventTopicMap',
      type: `import('ftrack-codegen').EventTopicMap<${HELPER_TYPES.entityMap}>`,
      docs: { lines: ['Event topics and their payload and reply types, `ftrack.update` typed by this workspace (`session.eventHub`).'] },
    },
  ];
}
