import { readFile } from 'node:fs/promises';
import * as util from 'node:util';
import { ConfigurationError, FileAccessError } from '../../runtime/errors.js';
import { reason } from '../io/schema-file.js';

/** The variables the generator reads (from the environment or a `.env` file); `FTRACK_APIKEY` is the legacy name. */
export const CREDENTIAL_VARIABLES = ['FTRACK_SERVER', 'FTRACK_API_USER', 'FTRACK_API_KEY', 'FTRACK_APIKEY'] as const;

type CredentialVariable = (typeof CREDENTIAL_VARIABLES)[number];

/** What a `.env` file set: only the credential variables (other lines are the application's business). */
export interface EnvFile {
  readonly path: string;
  readonly values: Readonly<Partial<Record<CredentialVariable, string>>>;
}

/**
 * Reads `path` as a `.env` file (`KEY=value` lines, `#` comments, quotes, `export ` prefixes, as Node's
 * `--env-file` reads them) and keeps the `FTRACK_*` credential variables. A missing file is
 * undefined unless `required` (it was named explicitly). Values are never printed.
 * @example
 * // .env: FTRACK_SERVER=https://studio.ftrackapp.com
 * await readEnvFile('.env', false); // { path: '.env', values: { FTRACK_SERVER: 'https://studio.ftrackapp.com' } }
 * @throws FileAccessError when a required file (or an existing one) cannot be read.
 */
export async function readEnvFile(path: string, required: boolean): Promise<EnvFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (!required && (cause as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new FileAccessError(`Cannot read the env file ${path}: ${reason(cause)}.`, path, { cause });
  }
  const parsed = parseEnvText(text, path);
  const values: Partial<Record<CredentialVariable, string>> = {};
  for (const name of CREDENTIAL_VARIABLES) {
    const value = parsed[name];
    if (value !== undefined) values[name] = value;
  }
  return { path, values };
}

function parseEnvText(text: string, path: string): Record<string, string | undefined> {
  // node:util parseEnv exists from Node 20.12
  const parseEnv = (util as { parseEnv?: (content: string) => Record<string, string | undefined> }).parseEnv;
  if (parseEnv === undefined) {
    throw new ConfigurationError(`Reading ${path} needs Node.js 20.12 or later (util.parseEnv); set the FTRACK_* variables in the environment instead.`, {
      cause: { file: path },
    });
  }
  return parseEnv(text);
}
