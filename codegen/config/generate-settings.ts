import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../runtime/errors.js';
import { CONFIG_FILE_NAME, loadConfig, type GenerateConfig } from './config-file.js';
import { readEnvFile, type EnvFile } from './env-file.js';

/** The generate flags as given on the command line (each optional). */
export interface GenerateFlags {
  readonly server?: string | undefined;
  readonly apiUser?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly out?: string | undefined;
  readonly schemaFile?: string | undefined;
  readonly saveSchema?: string | undefined;
  readonly check?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly quiet?: boolean | undefined;
  /** `--config PATH`: read the settings from this file instead of looking in `cwd`. */
  readonly config?: string | undefined;
  /** `--env-file PATH`: read this file instead of `.env` in `cwd` (it must exist). */
  readonly envFile?: string | undefined;
}

/** Where the run's settings came from (names only: values, the API key above all, are never kept for display). */
export interface SettingsSources {
  /** The config file read, if any. */
  readonly config: string | undefined;
  /** The `.env` file read, if any, and the variables it set that were used (not overridden by the environment). */
  readonly envFile: { readonly path: string; readonly used: readonly string[] } | undefined;
}

/** The settings of one generate run after layering flags, environment, `.env` and config file. */
export interface GenerateSettings {
  readonly server: string | undefined;
  readonly apiUser: string | undefined;
  readonly apiKey: string | undefined;
  /** A folder, `-` (standard output), or undefined: none given and standard output is a terminal (or `check` is set). */
  readonly out: string | undefined;
  /** True when `out` is `-` because none was given and standard output is not a terminal. */
  readonly outImplied: boolean;
  readonly schemaFile: string | undefined;
  readonly saveSchema: string | undefined;
  readonly check: boolean;
  readonly force: boolean;
  readonly quiet: boolean;
  /** `FTRACK_SERVER`, `FTRACK_API_USER`, `FTRACK_API_KEY` after layering: the credential defaults of the run. */
  readonly env: Readonly<Record<string, string>>;
  readonly sources: SettingsSources;
}

const LAYERED = [
  { variable: 'FTRACK_SERVER', legacy: undefined, configKey: 'server' },
  { variable: 'FTRACK_API_USER', legacy: undefined, configKey: 'apiUser' },
  { variable: 'FTRACK_API_KEY', legacy: 'FTRACK_APIKEY', configKey: undefined },
] as const;

/**
 * Layers the generate settings. Credentials: flag > environment > `.env` > config file (the API key
 * never comes from a config file); every other setting: flag > config file. A variable set to an
 * empty string counts as unset. Without `--out` (flag or config) the client goes to standard output
 * when that is not a terminal.
 * @example
 * // .env: FTRACK_SERVER=http://a; environment: FTRACK_SERVER=http://b
 * (await resolveGenerateSettings({}, { cwd, env: process.env, stdoutIsTTY: true })).env.FTRACK_SERVER; // 'http://b'
 * @throws ConfigurationError for a bad config file (naming file and key), or writing to standard
 *   output with no schema source; FileAccessError when `--config`/`--env-file` cannot be read.
 */
export async function resolveGenerateSettings(
  flags: GenerateFlags,
  context: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly stdoutIsTTY: boolean },
): Promise<GenerateSettings> {
  const loaded = await loadConfig({ cwd: context.cwd, path: flags.config });
  const config: GenerateConfig = loaded?.config ?? {};
  const envFilePath = flags.envFile !== undefined ? resolve(context.cwd, flags.envFile) : config.envFile;
  const envFile = await readEnvFile(envFilePath ?? join(context.cwd, '.env'), envFilePath !== undefined);
  const env: Record<string, string> = {};
  const used: string[] = [];
  for (const { variable, legacy, configKey } of LAYERED) {
    const fromEnv = nonEmpty(context.env[variable]) ?? (legacy === undefined ? undefined : nonEmpty(context.env[legacy]));
    const fromFile = fromEnvFile(envFile, variable, legacy);
    const fromConfig = configKey === undefined ? undefined : nonEmpty(config[configKey]);
    const value = fromEnv ?? fromFile?.value ?? fromConfig;
    if (value !== undefined) env[variable] = value;
    if (fromEnv === undefined && fromFile !== undefined) used.push(fromFile.name);
  }
  const explicitOut = flags.out ?? config.out;
  const check = flags.check ?? config.check ?? false;
  // --check compares a folder: without one it is a missing --out, not standard output
  const out = explicitOut ?? (context.stdoutIsTTY || check ? undefined : '-');
  const schemaFile = flags.schemaFile ?? config.schemaFile;
  if (out === '-' && schemaFile === undefined && flags.server === undefined && env.FTRACK_SERVER === undefined) {
    const why = explicitOut === undefined ? ' (no --out was given and standard output is not a terminal, so the client goes there)' : '';
    throw new ConfigurationError(
      `Nothing to generate from${why}: pass --server URL (or set FTRACK_SERVER, or "server" in ${CONFIG_FILE_NAME}) or --schema-file FILE.`,
      { cause: { flags: ['--server', '--schema-file'] } },
    );
  }
  return {
    server: flags.server,
    apiUser: flags.apiUser,
    apiKey: flags.apiKey,
    out,
    outImplied: explicitOut === undefined && out !== undefined,
    schemaFile,
    saveSchema: flags.saveSchema ?? config.saveSchema,
    check,
    force: flags.force ?? config.force ?? false,
    quiet: flags.quiet ?? config.quiet ?? false,
    env,
    sources: { config: loaded?.source, envFile: envFile === undefined ? undefined : { path: envFile.path, used } },
  };
}

function fromEnvFile(file: EnvFile | undefined, variable: string, legacy: string | undefined): { name: string; value: string } | undefined {
  const values = (file?.values ?? {}) as Readonly<Record<string, string | undefined>>;
  const value = nonEmpty(values[variable]);
  if (value !== undefined) return { name: variable, value };
  const old = legacy === undefined ? undefined : nonEmpty(values[legacy]);
  return old === undefined || legacy === undefined ? undefined : { name: legacy, value: old };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
