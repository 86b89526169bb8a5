import type { Dispatcher } from 'undici';
import { ConfigurationError } from '../runtime/errors.js';
import { displayServerUrl } from '../runtime/transport/server-url.js';
import type { SchemaWarningHandler } from '../runtime/schema/schema-warnings.js';
import { resolveServerCredentials, type CredentialFlags } from './io/credentials.js';
import { fetchSchema } from './io/fetch-schema.js';
import { checkGeneratedFiles, writeGeneratedFiles, type CheckResult, type WriteResult } from './io/output-folder.js';
import { readSchemaFile, saveSchemaFile } from './io/schema-file.js';
import { generateClient } from './pipeline.js';

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
}

/** The outcome: written files, or what `--check` found. */
export type RunGenerateResult =
  | { readonly mode: 'write'; readonly result: WriteResult; readonly ok: true }
  | { readonly mode: 'check'; readonly result: CheckResult; readonly ok: boolean };

/**
 * Loads the schema (live: one batch `query_server_information` + `query_schemas`; or a file),
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
  if (options.schemaFile !== undefined) {
    report(`Reading the schema from ${options.schemaFile === '-' ? 'standard input' : options.schemaFile}`);
    schemas = await readSchemaFile(options.schemaFile, options.stdin);
  } else {
    const credentials = resolveServerCredentials(options, options.env);
    report(`Connecting to ${displayServerUrl(credentials.serverUrl)} as ${credentials.apiUser}`);
    const fetched = await fetchSchema({ ...credentials, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
    schemas = fetched.schemas;
    schemaHash = fetched.serverInformation.schema_hash;
    report(`Server version ${fetched.serverInformation.version}`);
    if (options.saveSchema !== undefined) {
      await saveSchemaFile(options.saveSchema, schemas);
      report(`Saved the schema to ${options.saveSchema}`);
    }
  }
  const onWarning = options.onWarning ?? ((warning) => report(`warning: ${warning.message}`));
  const client = generateClient(schemas, { ...(schemaHash !== undefined ? { schemaHash } : {}), onWarning });
  report(`${client.typeCount} entity types, schema ${client.schemaHash}`);
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  if (options.check === true) {
    const result = await checkGeneratedFiles(options.out, client.files);
    if (result.upToDate) report(`${options.out} is up to date (${client.files.length} files, ${elapsed()})`);
    return { mode: 'check', result, ok: result.upToDate };
  }
  const result = await writeGeneratedFiles(options.out, client.files, { force: options.force });
  report(`Wrote ${result.written.length} files, ${result.unchanged.length} unchanged, in ${options.out} (${elapsed()})`);
  return { mode: 'write', result, ok: true };
}
