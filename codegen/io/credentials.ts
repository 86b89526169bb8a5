import { ConfigurationError } from '../../runtime/errors.js';

/** Credentials as given on the command line (each optional). */
export interface CredentialFlags {
  readonly server?: string | undefined;
  readonly apiUser?: string | undefined;
  readonly apiKey?: string | undefined;
}

/** Resolved credentials for `fetchSchema`. */
export interface ServerCredentials {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
}

/**
 * Flags first, then `FTRACK_SERVER`, `FTRACK_API_USER`, `FTRACK_API_KEY` (legacy `FTRACK_APIKEY`) of
 * `env` (the CLI passes the environment layered over `.env` and the config file, see codegen/config).
 * @throws ConfigurationError naming the flag, the variable and the config key (never the key's value).
 */
export function resolveServerCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv = process.env): ServerCredentials {
  return {
    serverUrl: pick(flags.server, env.FTRACK_SERVER, '--server URL', 'FTRACK_SERVER', 'server'),
    apiUser: pick(flags.apiUser, env.FTRACK_API_USER, '--api-user NAME', 'FTRACK_API_USER', 'apiUser'),
    apiKey: pick(flags.apiKey, env.FTRACK_API_KEY ?? env.FTRACK_APIKEY, '--api-key KEY', 'FTRACK_API_KEY', undefined),
  };
}

function pick(flag: string | undefined, fromEnv: string | undefined, usage: string, variable: string, configKey: string | undefined): string {
  const value = flag ?? fromEnv;
  if (value !== undefined && value.trim() !== '') return value.trim();
  const config = configKey === undefined ? '' : ` or "${configKey}" in the config file`;
  throw new ConfigurationError(`Missing ${usage}: pass it, or set ${variable} (in the environment or .env)${config}; or generate offline with --schema-file FILE.`, {
    cause: { flag: usage, variable },
  });
}
