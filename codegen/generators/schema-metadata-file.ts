import type { SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { CUSTOM_ATTRIBUTES_MODULE, customAttributeTypes } from '../model/custom-attributes.js';
import { quoteString } from '../naming/identifiers.js';
import { typeImport } from './imports.js';
import { valuesMetadataCode } from './workspace-values-file.js';

/**
 * `schema-metadata.ts`: the `query_schemas` answer and its hash, so a generated session needs no
 * `query_schemas` at start-up. Each entity schema is one JSON string parsed when the module loads:
 * the type checker sees a `string[]`, not a 130-type object literal, and diffs stay one line per type.
 */
export function schemaMetadataFile(model: CodegenModel, schemas: readonly unknown[]): SourceFileStructure {
  const customAttributes = customAttributeTypes(model) !== undefined;
  return {
    path: 'schema-metadata.ts',
    statements: [
      typeImport('ftrack-codegen', ['SchemaMetadata']),
      ...(customAttributes ? [{ kind: 'import' as const, from: CUSTOM_ATTRIBUTES_MODULE, typeOnly: false, names: [{ name: 'customAttributeMetadata', typeOnly: false }] }] : []),
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
          code: `Object.freeze({\n  schemaHash: ${quoteString(model.schemaHash)},\n  schemas: Object.freeze(SCHEMAS.map((text): unknown => JSON.parse(text))),\n${valuesMetadataCode(model)}${customAttributes ? '  customAttributes: customAttributeMetadata,\n' : ''}})`,
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
