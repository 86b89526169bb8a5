import type { SourceFileStructure } from '../declarations/declarations.js';
import { eventTopicStatements } from './event-topics.js';

/** `index.ts`: re-exports every public name of the generated client. */
export function indexFile(extraTypeModules: readonly string[] = [], extraModules: readonly string[] = []): SourceFileStructure {
  return {
    path: 'index.ts',
    statements: [
      ...eventTopicStatements(),
      { kind: 'export', from: './scalars.js', typeOnly: true, names: [] },
      { kind: 'export', from: './entities.js', typeOnly: true, names: [] },
      { kind: 'export', from: './inputs.js', typeOnly: true, names: [] },
      { kind: 'export', from: './entity-map.js', typeOnly: true, names: [] },
      ...extraTypeModules.map((from) => ({ kind: 'export' as const, from, typeOnly: true, names: [] })),
      ...extraModules.map((from) => ({ kind: 'export' as const, from, typeOnly: false, names: [] })),
      { kind: 'export', from: './schema-metadata.js', typeOnly: false, names: ['schemaMetadata'] },
      { kind: 'export', from: './client.js', typeOnly: false, names: ['createSession', 'q'] },
    ],
  };
}
