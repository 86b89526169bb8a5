import type { SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { CUSTOM_ATTRIBUTES_MODULE, customAttributeTypes } from '../model/custom-attributes.js';
import { quoteString } from '../naming/identifiers.js';
import { typeImport } from './imports.js';
import { valuesMetadataCode } from './workspace-values-file.js';

/**
 * `schema-metadata.ts`: the `query_schemas` answer and its hash, so a generated session needs no
 * `query_schemas` at start-up. The answer is one JSON text (a template literal, one line per entity
 * type, so diffs stay one line per type) parsed when the module loads: the type checker sees one
 * string, not a 130-type object literal, nor 130 string elements and a generic `map` callback to infer
 * (which cost every app that imports the client ~40 ms of check time; bench/codegen.ts).
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
        type: 'string',
        initializer: { kind: 'raw', code: templateLiteral(`[\n${schemas.map((entry) => JSON.stringify(entry)).join(',\n')}\n]`) },
        docs: { lines: ['The `query_schemas` answer this client was generated from (JSON), one entity type per line, in the server\'s order.'] },
      },
      {
        kind: 'const',
        name: 'schemaMetadata',
        exported: true,
        type: 'SchemaMetadata',
        initializer: {
          kind: 'raw',
          code: `Object.freeze({\n  schemaHash: ${quoteString(model.schemaHash)},\n  schemas: Object.freeze(JSON.parse(SCHEMAS) as unknown[]),\n${valuesMetadataCode(model)}${customAttributes ? '  customAttributes: customAttributeMetadata,\n' : ''}})`,
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

/** `text` as a template literal (no substitutions): `\\`, `` ` `` and `${` escaped; line breaks kept. */
function templateLiteral(text: string): string {
  return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}
