import type { Dispatcher } from 'undici';
import { ConfigurationError } from '../runtime/errors.js';
import { displayServerUrl } from '../runtime/transport/server-url.js';
import type { SchemaWarningHandler } from '../runtime/schema/schema-warnings.js';
import { resolveServerCredentials, type CredentialFlags } from './io/credentials.js';
import { fetchSchema } from './io/fetch-schema.js';
import { checkGeneratedFiles, writeGeneratedFiles, type CheckResult, type WriteResult } from './io/output-folder.js';
import { readSchemaDocumentFile, saveSchemaFile } from './io/schema-file.js';
import { generateClient } from './pipeline.js';
import type { WorkspaceMetadata, WorkspaceWarningHandler } from './workspace/workspace-metadata.js';

/** Options of one generator run (what the CLI parses). */
export interface RunGenerateOptions extends CredentialFlags {
  /** Output folder. */
  readonly out: string;
  /** Generate offline from a saved `query_schemas` answer; `-` reads standard input. */
  readonly schemaFile?: string | undefined;
  /** Save the live answer here for later offline runs. */
  readonly saveSchema?: string | undefined;
  /** Compare with `out` instead of writing. */
  readonly check?: boolean | undefined;
  /** Overwrite files in `out` that lack the `@generated` header, and replace symlinks (default: refuse). */
  readonly force?: boolean | undefined;
  /** Environment for credential defaults (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: AsyncIterable<string | Uint8Array>;
  readonly dispatcher?: Dispatcher;
  /** Receives progress lines (connecting, server version, type count, files, elapsed time). */
  readonly report?: (line: string) => void;
  /** Receives each schema warning (a shape read best-effort); default: `report` gets its message. */
  readonly onWarning?: SchemaWarningHandler;
  /** Receives each workspace warning (workspace not read, a record skipped); default: `report`. */
  readonly onWorkspaceWarning?: WorkspaceWarningHandler;
}

/** The outcome: written files, or what `--check` found. */
export type RunGenerateResult = (
  | { readonly mode: 'write'; readonly result: WriteResult; readonly ok: true }
  | { readonly mode: 'check'; readonly result: CheckResult; readonly ok: boolean }
) & {
  /** What was read of the workspace (live, or from a saved workspace document); undefined: schema only. */
  readonly workspace: WorkspaceMetadata | undefined;
};

/**
 * Loads the schema (live: one batch `query_server_information` + `query_schemas` + the workspace
 * queries, see `fetchSchema`; or a file: a plain schema array or a saved workspace document),
 * generates the client and writes only changed files, or with `check` compares them. Files in
 * `out` without the `@generated` header and symlinks are never overwritten unless `force` is set.
 * @example
 * await runGenerate({ schemaFile: 'schema.json', out: 'generated', check: true, report: console.error });
 */
export async function runGenerate(options: RunGenerateOptions): Promise<RunGenerateResult> {
  const started = performance.now();
  const report = options.report ?? (() => {});
  if (options.schemaFile !== undefined && options.saveSchema !== undefined) {
    throw new ConfigurationError('--save-schema saves a live answer: use it with --server, not with --schema-file.', { cause: { flags: ['--schema-file', '--save-schema'] } });
  }
  let schemas: readonly unknown[];
  let schemaHash: string | undefined;
  let workspace: WorkspaceMetadata | undefined;
  const onWorkspaceWarning = options.onWorkspaceWarning ?? ((warning) => report(`warning: ${warning.message}`));
  if (options.schemaFile !== undefined) {
    report(`Reading the schema from ${options.schemaFile === '-' ? 'standard input' : options.schemaFile}`);
    ({ schemas, workspace } = await readSchemaDocumentFile(options.schemaFile, options.stdin));
  } else {
    const credentials = resolveServerCredentials(options, options.env);
    report(`Connecting to ${displayServerUrl(credentials.serverUrl)} as ${credentials.apiUser}`);
    const fetched = await fetchSchema({ ...credentials, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}), workspace: true, onWorkspaceWarning });
    schemas = fetched.schemas;
    workspace = fetched.workspace;
    schemaHash = fetched.serverInformation.schema_hash;
    report(`Server version ${fetched.serverInformation.version}`);
    if (options.saveSchema !== undefined) {
      await saveSchemaFile(options.saveSchema, schemas, workspace);
      report(`Saved the schema to ${options.saveSchema}`);
    }
  }
  const onWarning = options.onWarning ?? ((warning) => report(`warning: ${warning.message}`));
  const client = generateClient(schemas, { ...(schemaHash !== undefined ? { schemaHash } : {}), onWarning, workspace });
  report(`${client.typeCount} entity types, schema ${client.schemaHash}`);
  if (workspace !== undefined) report(describeWorkspace(workspace));
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  if (options.check === true) {
    const result = await checkGeneratedFiles(options.out, client.files);
    if (result.upToDate) report(`${options.out} is up to date (${client.files.length} files, ${elapsed()})`);
    return { mode: 'check', result, ok: result.upToDate, workspace };
  }
  const result = await writeGeneratedFiles(options.out, client.files, { force: options.force });
  report(`Wrote ${result.written.length} files, ${result.unchanged.length} unchanged, in ${options.out} (${elapsed()})`);
  return { mode: 'write', result, ok: true, workspace };
}

/** `Workspace: 13 custom attributes, 17 statuses, 20 types, 5 priorities, 12 object types, 4 states, 6 project schemas` */
function describeWorkspace(workspace: WorkspaceMetadata): string {
  const parts: [number, string][] = [
    [workspace.customAttributes.length, 'custom attributes'],
    [workspace.statuses.length, 'statuses'],
    [workspace.types.length, 'types'],
    [workspace.priorities.length, 'priorities'],
    [workspace.objectTypes.length, 'object types'],
    [workspace.states.length, 'states'],
    [workspace.projectSchemas.length, 'project schemas'],
  ];
  return `Workspace: ${parts.map(([count, what]) => `${count} ${what}`).join(', ')}`;
}
