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
 * Flags first, then `FTRACK_SERVER`, `FTRACK_API_USER`, `FTRACK_API_KEY` (legacy `FTRACK_APIKEY`).
 * @throws ConfigurationError naming the flag and the variable (never the key's value).
 */
export function resolveServerCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv = process.env): ServerCredentials {
  return {
    serverUrl: pick(flags.server, env.FTRACK_SERVER, '--server URL', 'FTRACK_SERVER'),
    apiUser: pick(flags.apiUser, env.FTRACK_API_USER, '--api-user NAME', 'FTRACK_API_USER'),
    apiKey: pick(flags.apiKey, env.FTRACK_API_KEY ?? env.FTRACK_APIKEY, '--api-key KEY', 'FTRACK_API_KEY'),
  };
}

function pick(flag: string | undefined, fromEnv: string | undefined, usage: string, variable: string): string {
  const value = flag ?? fromEnv;
  if (value !== undefined && value.trim() !== '') return value.trim();
  throw new ConfigurationError(`Missing ${usage}: pass it or set ${variable} (or generate offline with --schema-file FILE).`, {
    cause: { flag: usage, variable },
  });
}
