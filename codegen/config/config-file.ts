import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError, FileAccessError } from '../../runtime/errors.js';
import { isPlainObject } from '../../runtime/schema/normalize-property.js';
import { reason } from '../io/schema-file.js';

/** The config file the generator looks for in the working folder. */
export const CONFIG_FILE_NAME = 'ftrack-codegen.config.json';
/** The key of package.json that may hold the same settings. */
export const PACKAGE_JSON_KEY = 'ftrack-codegen';

/**
 * Settings of `ftrack-codegen generate` read from a config file: the generate options of the
 * command line, by their camelCase names. Paths are resolved against the config file's folder.
 * The API key is never allowed here (a config file is usually committed): it comes from
 * `--api-key`, `FTRACK_API_KEY` or `.env`.
 */
export interface GenerateConfig {
  readonly server?: string;
  readonly apiUser?: string;
  readonly out?: string;
  readonly schemaFile?: string;
  readonly saveSchema?: string;
  readonly envFile?: string;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

/** A config that was found: where (as shown in messages) and what it says. */
export interface LoadedConfig {
  /** `ftrack-codegen.config.json`, `package.json "ftrack-codegen"` or the `--config` path. */
  readonly source: string;
  readonly config: GenerateConfig;
}

type KeyKind = 'string' | 'path' | 'boolean';

// `path`: a string resolved against the config file's folder (`-`, standard input/output, is kept)
const KEYS: Readonly<Record<keyof GenerateConfig, KeyKind>> = {
  server: 'string',
  apiUser: 'string',
  out: 'path',
  schemaFile: 'path',
  saveSchema: 'path',
  envFile: 'path',
  check: 'boolean',
  force: 'boolean',
  quiet: 'boolean',
};

/**
 * Reads the generate settings: from `path` when given (a JSON file of settings, or a package.json
 * whose `"ftrack-codegen"` key holds them), else from `ftrack-codegen.config.json` or the
 * `"ftrack-codegen"` key of package.json in `cwd` (not both); undefined when there is none.
 * @example
 * // ftrack-codegen.config.json: { "server": "https://studio.ftrackapp.com", "out": "src/ftrack" }
 * await loadConfig({ cwd: process.cwd() }); // { source: 'ftrack-codegen.config.json', config: { server: '…', out: '/app/src/ftrack' } }
 * @throws ConfigurationError naming the file and the key for an unknown key, a value of the wrong
 *   type, an API key, or invalid JSON; FileAccessError when an explicit `path` cannot be read.
 */
export async function loadConfig(options: { readonly cwd: string; readonly path?: string | undefined }): Promise<LoadedConfig | undefined> {
  if (options.path !== undefined) {
    const path = resolve(options.cwd, options.path);
    const text = await readText(path, options.path);
    if (text === undefined) throw new FileAccessError(`Cannot read the config file ${options.path}: ${reason({ code: 'ENOENT' })}.`, options.path);
    if (basename(path) === 'package.json') {
      const section = packageSection(text, options.path);
      if (section === undefined) throw new ConfigurationError(`${options.path} has no "${PACKAGE_JSON_KEY}" key.`, { cause: { file: options.path, key: PACKAGE_JSON_KEY } });
      return { source: `${options.path} "${PACKAGE_JSON_KEY}"`, config: validate(section, `${options.path} "${PACKAGE_JSON_KEY}"`, dirname(path)) };
    }
    return { source: options.path, config: validate(parseJson(text, options.path), options.path, dirname(path)) };
  }
  const configText = await readText(join(options.cwd, CONFIG_FILE_NAME), CONFIG_FILE_NAME);
  const packageText = await readText(join(options.cwd, 'package.json'), 'package.json');
  const section = packageText === undefined ? undefined : packageSection(packageText, 'package.json');
  if (configText !== undefined && section !== undefined) {
    throw new ConfigurationError(`Both ${CONFIG_FILE_NAME} and package.json "${PACKAGE_JSON_KEY}" configure the generator: keep one of them.`, {
      cause: { file: CONFIG_FILE_NAME, key: PACKAGE_JSON_KEY },
    });
  }
  if (configText !== undefined) return { source: CONFIG_FILE_NAME, config: validate(parseJson(configText, CONFIG_FILE_NAME), CONFIG_FILE_NAME, options.cwd) };
  if (section !== undefined) {
    const source = `package.json "${PACKAGE_JSON_KEY}"`;
    return { source, config: validate(section, source, options.cwd) };
  }
  return undefined;
}

/** The file's text, or undefined when there is no such file. */
async function readText(path: string, shown: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new FileAccessError(`Cannot read ${shown}: ${reason(cause)}.`, path, { cause });
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ConfigurationError(`${source} is not valid JSON: ${(cause as Error).message}.`, { cause: { file: source } });
  }
}

/** The `"ftrack-codegen"` value of a package.json, or undefined without one. */
function packageSection(text: string, source: string): unknown {
  const value = parseJson(text, source);
  if (!isPlainObject(value) || !Object.hasOwn(value, PACKAGE_JSON_KEY)) return undefined;
  return value[PACKAGE_JSON_KEY];
}

function validate(value: unknown, source: string, folder: string): GenerateConfig {
  if (!isPlainObject(value)) throw new ConfigurationError(`${source} must be a JSON object of settings, e.g. { "out": "src/ftrack" }.`, { cause: { file: source } });
  const config: Record<string, string | boolean> = {};
  for (const [key, given] of Object.entries(value)) {
    if (key === '$schema') continue; // an editor's JSON schema reference
    if (/^api[-_]?key$/i.test(key)) {
      // the value is never shown
      throw new ConfigurationError(
        `${source}: "${key}" is not allowed in a config file (it is usually committed): set FTRACK_API_KEY in the environment or in .env, or pass --api-key.`,
        { cause: { file: source, key } },
      );
    }
    const kind = Object.hasOwn(KEYS, key) ? KEYS[key as keyof GenerateConfig] : undefined;
    if (kind === undefined) {
      const camel = key.replace(/[-_]+([a-z])/g, (_, letter: string) => letter.toUpperCase());
      const hint = camel !== key && Object.hasOwn(KEYS, camel) ? ` (did you mean "${camel}"?)` : '';
      throw new ConfigurationError(`${source}: unknown key "${key}"${hint}. Known keys: ${Object.keys(KEYS).join(', ')}.`, { cause: { file: source, key } });
    }
    config[key] = checked(given, kind, source, key, folder);
  }
  return config as GenerateConfig;
}

function checked(value: unknown, kind: KeyKind, source: string, key: string, folder: string): string | boolean {
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    throw new ConfigurationError(`${source}: "${key}" must be true or false, not ${describe(value)}.`, { cause: { file: source, key } });
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`${source}: "${key}" must be a non-empty string, not ${describe(value)}.`, { cause: { file: source, key } });
  }
  if (kind === 'path' && value !== '-' && !isAbsolute(value)) return resolve(folder, value);
  return value.trim();
}

/** A JSON value's kind for messages (`a number`, `an array`): the value itself is not shown. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string' && value.trim() === '') return 'an empty string';
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}
