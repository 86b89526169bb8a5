import type { SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { quoteString } from '../naming/identifiers.js';
import { typeImport } from './imports.js';

/**
 * `schema-metadata.ts`: the `query_schemas` answer and its hash, so a generated session needs no
 * `query_schemas` at start-up. Each entity schema is one JSON string parsed when the module loads:
 * the type checker sees a `string[]`, not a 130-type object literal, and diffs stay one line per type.
 */
export function schemaMetadataFile(model: CodegenModel, schemas: readonly unknown[]): SourceFileStructure {
  return {
    path: 'schema-metadata.ts',
    statements: [
      typeImport('ftrack-codegen', ['SchemaMetadata']),
      {
        kind: 'const',
        name: 'SCHEMAS',
        exported: false,
        type: 'readonly string[]',
        initializer: { kind: 'array', multiline: true, items: schemas.map((entry) => ({ kind: 'string', value: JSON.stringify(entry) })) },
        docs: { lines: ['The `query_schemas` answer this client was generated from, one entity type per entry, in the server\'s order.'] },
      },
      {
        kind: 'const',
        name: 'schemaMetadata',
        exported: true,
        type: 'SchemaMetadata',
        initializer: {
          kind: 'raw',
          code: `Object.freeze({\n  schemaHash: ${quoteString(model.schemaHash)},\n  schemas: Object.freeze(SCHEMAS.map((text): unknown => JSON.parse(text))),\n})`,
        },
        docs: {
          lines: [
            'Schema metadata for `new Session({ schema: schemaMetadata })`: primary keys, attribute kinds, relation targets,',
            'defaults, projections and classifiers come from these schemas; the hash is compared with the server\'s `schema_hash`.',
          ],
        },
      },
    ],
  };
}
