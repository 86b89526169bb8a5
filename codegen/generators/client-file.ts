import type { SourceFileStructure } from '../declarations/declarations.js';
import type { CodegenModel } from '../model/codegen-model.js';
import { HELPER_TYPES } from '../model/names.js';
import { propertyKey, quoteString } from '../naming/identifiers.js';
import { typeImport } from './imports.js';

/** `client.ts`: `createSession(options)` typed by this workspace and the query root `q`. */
export function clientFile(model: CodegenModel): SourceFileStructure {
  const sample = [...model.types.values()][0];
  const sampleName = sample?.entity.name ?? 'Entity';
  const sampleKey = sample?.entity.primaryKey[0] ?? 'id';
  const access = propertyKey(sampleName) === sampleName ? `q.${sampleName}` : `q[${quoteString(sampleName)}]`;
  return {
    path: 'client.ts',
    statements: [
      {
        kind: 'import',
        from: 'ftrack-codegen',
        typeOnly: false,
        names: [
          { name: 'Session', typeOnly: false },
          { name: 'createQueryRoot', typeOnly: false },
          { name: 'SessionOptions', typeOnly: true },
        ],
      },
      typeImport('./entity-map.js', [HELPER_TYPES.entityMap, HELPER_TYPES.resultMap, HELPER_TYPES.workspace]),
      { kind: 'import', from: './schema-metadata.js', typeOnly: false, names: [{ name: 'schemaMetadata', typeOnly: false }] },
      {
        kind: 'function',
        name: 'createSession',
        parameters: [{ name: 'options', type: "Omit<SessionOptions, 'schema'>", initializer: '{}' }],
        returnType: `Session<${HELPER_TYPES.workspace}>`,
        body: [`return new Session<${HELPER_TYPES.workspace}>({ ...options, schema: schemaMetadata });`],
        docs: {
          lines: [
            'A session typed by this workspace, built from the generated schema metadata (no `query_schemas` at start-up;',
            'the server\'s `schema_hash` is compared on the first request). Credentials default to the environment variables',
            '`FTRACK_SERVER`, `FTRACK_API_USER` and `FTRACK_API_KEY`.',
          ],
          tags: [
            {
              tag: 'example',
              text: `\nawait using session = createSession();\nconst rows = await session.query(${access}.select(${quoteString(sampleKey)})).all();\n// select ${sampleKey} from ${sampleName}`,
            },
          ],
        },
      },
      {
        kind: 'const',
        name: 'q',
        exported: true,
        initializer: { kind: 'raw', code: `createQueryRoot<${HELPER_TYPES.entityMap}, ${HELPER_TYPES.resultMap}>(schemaMetadata)` },
        docs: {
          lines: ['Typed queries, one root per entity type; each builder compiles to an ftrack expression.'],
          tags: [{ tag: 'example', text: `\n${access}.select(${quoteString(sampleKey)}).limit(10).toString()\n// select ${sampleKey} from ${sampleName} limit 10` }],
        },
      },
    ],
  };
}
