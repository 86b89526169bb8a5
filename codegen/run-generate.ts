import type { Dispatcher } from 'undici';
import { ConfigurationError, FileAccessError } from '../runtime/errors.js';
import { displayServerUrl } from '../runtime/transport/server-url.js';
import type { SchemaWarningHandler } from '../runtime/schema/schema-warnings.js';
import { resolveServerCredentials, type CredentialFlags } from './io/credentials.js';
import { checkGeneratedFiles, writeGeneratedFiles, type CheckResult, type WriteResult } from './io/output-folder.js';
import { readSchemaDocumentFile, reason, saveSchemaFile } from './io/schema-file.js';
import type { GeneratedFile } from './declarations/declarations.js';
import { generateClient } from './pipeline.js';
import type { WorkspaceMetadata, WorkspaceWarningHandler } from './workspace/workspace-metadata.js';

/** The `out` that writes one module to standard output. */
const STDOUT = '-';

/** Options of one generator run (what the CLI parses). */
export interface RunGenerateOptions extends CredentialFlags {
  /** Output folder, or `-`: one self-contained module written to `stdout` (see `GenerateOptions.singleModule`). */
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
  /** Where `out: '-'` writes the module (default `process.stdout`); nothing else is written to it. */
  readonly stdout?: ModuleSink;
  readonly dispatcher?: Dispatcher;
  /** Receives progress lines (connecting, server version, type count, files, elapsed time). */
  readonly report?: (line: string) => void;
  /** Receives each schema warning (a shape read best-effort); default: `report` gets its message. */
  readonly onWarning?: SchemaWarningHandler;
  /** Receives each workspace warning (workspace not read, a record skipped); default: `report`. */
  readonly onWorkspaceWarning?: WorkspaceWarningHandler;
}

/** What `out: '-'` writes to: a writable stream such as `process.stdout`. */
export interface ModuleSink {
  write(text: string, callback: (error?: Error | null) => void): unknown;
  /** A stream's `error` event is listened to while writing (the write's callback reports the error). */
  once?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** The outcome: written files, the module written to standard output, or what `--check` found. */
export type RunGenerateResult = (
  | { readonly mode: 'write'; readonly result: WriteResult; readonly ok: true }
  | { readonly mode: 'stdout'; readonly result: { readonly module: GeneratedFile }; readonly ok: true }
  | { readonly mode: 'check'; readonly result: CheckResult; readonly ok: boolean }
) & {
  /** What was read of the workspace (live, or from a saved workspace document); undefined: schema only. */
  readonly workspace: WorkspaceMetadata | undefined;
};

/**
 * Loads the schema (live: one batch `query_server_information` + `query_schemas` + the workspace
 * queries, see `fetchSchema`; or a file: a plain schema array or a saved workspace document),
 * generates the client and writes only changed files, or with `check` compares them; with `out: '-'`
 * writes one self-contained module to `stdout` instead. Files in
 * `out` without the `@generated` header and symlinks are never overwritten unless `force` is set.
 * @example
 * await runGenerate({ schemaFile: 'schema.json', out: 'generated', check: true, report: console.error });
 * await runGenerate({ schemaFile: 'schema.json', out: '-' }); // one module on process.stdout
 */
export async function runGenerate(options: RunGenerateOptions): Promise<RunGenerateResult> {
  const started = performance.now();
  const report = options.report ?? (() => {});
  const toStdout = options.out === STDOUT;
  if (toStdout && options.check === true) {
    throw new ConfigurationError('--check compares a folder: use it with --out DIR, not with --out - (standard output).', { cause: { flags: ['--check', '--out'] } });
  }
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
    // loaded on use: a --schema-file run never pays for the HTTP client (undici: ~0.3 s of CPU per start)
    const { fetchSchema } = await import('./io/fetch-schema.js');
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
  const client = generateClient(schemas, { ...(schemaHash !== undefined ? { schemaHash } : {}), onWarning, workspace, singleModule: toStdout });
  report(`${client.typeCount} entity types, schema ${client.schemaHash}`);
  if (workspace !== undefined) report(describeWorkspace(workspace));
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  if (toStdout) {
    const module = client.files[0]!;
    await writeModule(options.stdout ?? process.stdout, module.content);
    report(`Wrote one module (${module.content.length} characters) to standard output (${elapsed()})`);
    return { mode: 'stdout', result: { module }, ok: true, workspace };
  }
  if (options.check === true) {
    const result = await checkGeneratedFiles(options.out, client.files);
    if (result.upToDate) report(`${options.out} is up to date (${client.files.length} files, ${elapsed()})`);
    return { mode: 'check', result, ok: result.upToDate, workspace };
  }
  const result = await writeGeneratedFiles(options.out, client.files, { force: options.force });
  report(`Wrote ${result.written.length} files, ${result.unchanged.length} unchanged, in ${options.out} (${elapsed()})`);
  return { mode: 'write', result, ok: true, workspace };
}

/** Resolves once `text` is handed to the sink (for a pipe: written, so the process may exit). */
function writeModule(sink: ModuleSink, text: string): Promise<void> {
  // a stream also emits the write's error as an event: listened to once (kept until then), reported below
  const ignore = () => {};
  sink.once?.('error', ignore);
  return new Promise<void>((resolve, reject) => {
    sink.write(text, (error) => {
      if (!error) {
        sink.removeListener?.('error', ignore);
        resolve();
        return;
      }
      const why = (error as { code?: unknown }).code === 'EPIPE' ? 'the reading end was closed (EPIPE)' : reason(error);
      reject(new FileAccessError(`Cannot write the module to standard output: ${why}.`, STDOUT, { cause: error }));
    });
  });
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
