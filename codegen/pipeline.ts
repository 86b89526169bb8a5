import { parseSchemas } from '../runtime/schema/parse-schema.js';
import { computeSchemaHash } from '../runtime/schema/schema-hash.js';
import type { SchemaWarning, SchemaWarningHandler } from '../runtime/schema/schema-warnings.js';
import type { GeneratedFile, SourceFileStructure } from './declarations/declarations.js';
import { clientFile } from './generators/client-file.js';
import { customAttributesFile } from './generators/custom-attributes-file.js';
import { entitiesFile } from './generators/entities-file.js';
import { entityMapFile } from './generators/entity-map-file.js';
import { indexFile } from './generators/index-file.js';
import { inputsFile } from './generators/inputs-file.js';
import { scalarsFile } from './generators/scalars-file.js';
import { schemaMetadataFile } from './generators/schema-metadata-file.js';
import { workspaceValuesFile } from './generators/workspace-values-file.js';
import { buildCodegenModel } from './model/codegen-model.js';
import { CUSTOM_ATTRIBUTES_MODULE } from './model/custom-attributes.js';
import { resolveHeritage } from './model/inheritance.js';
import { WORKSPACE_VALUES_MODULE } from './model/workspace-values.js';
import { renderStatements } from './render/render-file.js';
import { mergeIntoOneModule, SINGLE_MODULE_PATH } from './render/single-file.js';
import { GENERATOR_VERSION } from './version.js';
import type { WorkspaceMetadata } from './workspace/workspace-metadata.js';

export interface GenerateOptions {
  /** The schema hash for the header and metadata; default: computed from `schemas` as the server does. */
  readonly schemaHash?: string;
  /** Version written into the header; default: this generator's version. */
  readonly generatorVersion?: string;
  /** Receives each schema warning (shapes read best-effort); they are also in the result. */
  readonly onWarning?: SchemaWarningHandler;
  /** What was read of the workspace (custom attributes, values); undefined: the schema alone (untyped custom attributes). */
  readonly workspace?: WorkspaceMetadata | undefined;
  /**
   * One self-contained module (`files` is then the single `ftrack.ts`) instead of a folder of files:
   * what `ftrack-codegen --out -` writes to standard output.
   */
  readonly singleModule?: boolean;
}

/** The generated client: files in path order, plus facts for progress messages. */
export interface GeneratedClient {
  readonly files: readonly GeneratedFile[];
  readonly schemaHash: string;
  readonly typeCount: number;
  /** What the schema reader read best-effort (see docs/real-workspaces.md); empty for a clean schema. */
  readonly warnings: readonly SchemaWarning[];
}

/**
 * Generates the typed client from a `query_schemas` answer, in memory (no I/O):
 * parse → model → declarations → render → header. The same input always gives the same bytes.
 *
 * @example
 * const { files } = generateClient(schemas);
 * files.map((f) => f.path); // ['client.ts', 'entities.d.ts', 'entity-map.d.ts', 'index.ts', 'inputs.d.ts', 'scalars.d.ts', 'schema-metadata.ts']
 * Unknown or inconsistent schema shapes are read best-effort and reported through `onWarning`.
 * @throws SchemaError when the schema is unusable (not an array, or an entry without `id`).
 */
export function generateClient(schemas: unknown, options: GenerateOptions = {}): GeneratedClient {
  const schema = parseSchemas(schemas, options.onWarning !== undefined ? { onWarning: options.onWarning } : {});
  const schemaHash = options.schemaHash ?? computeSchemaHash(schemas);
  const generatorVersion = options.generatorVersion ?? GENERATOR_VERSION;
  const model = buildCodegenModel(schema, { schemaHash, generatorVersion, workspace: options.workspace });
  const heritage = resolveHeritage(model);
  const structures: SourceFileStructure[] = [
    scalarsFile(),
    entitiesFile(model, heritage),
    inputsFile(model),
    entityMapFile(model),
    schemaMetadataFile(model, schemas as readonly unknown[]),
    clientFile(model),
  ];
  const valuesFile = workspaceValuesFile(model);
  if (valuesFile !== undefined) structures.push(valuesFile);
  const customFile = customAttributesFile(model);
  if (customFile !== undefined) structures.push(customFile);
  structures.push(indexFile(valuesFile !== undefined ? [WORKSPACE_VALUES_MODULE] : [], customFile !== undefined ? [CUSTOM_ATTRIBUTES_MODULE] : []));
  const header = generatedHeader(generatorVersion, schemaHash);
  const layout = options.singleModule === true ? [{ path: SINGLE_MODULE_PATH, statements: mergeIntoOneModule(structures) }] : structures;
  const files = layout
    .map((structure) => ({ path: structure.path, content: `${header}\n${renderStatements(structure.statements)}` }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, schemaHash, typeCount: schema.types.size, warnings: schema.warnings };
}

/** The first line of every generated file. */
export function generatedHeader(version: string, schemaHash: string): string {
  return `// @generated by ftrack-codegen ${version} from schema ${schemaHash}. Do not edit.\n`;
}
