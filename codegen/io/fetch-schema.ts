import type { Dispatcher } from 'undici';
import { MalformedResponseError } from '../../runtime/errors.js';
import { serverInformationSchema, type ServerInformation } from '../../runtime/protocol/envelopes.js';
import { displayServerUrl } from '../../runtime/transport/server-url.js';
import { UndiciTransport } from '../../runtime/transport/undici-transport.js';

/** Where to fetch the schema from. */
export interface FetchSchemaOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Sent as a header only; never shown in messages. */
  readonly apiKey: string;
  /** An undici dispatcher (a MockAgent in tests). */
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
}

/** A live server's schema and its server information. */
export interface FetchedSchema {
  readonly serverInformation: ServerInformation;
  /** The `query_schemas` answer, verbatim. */
  readonly schemas: readonly unknown[];
}

/**
 * Sends `query_server_information` and `query_schemas` in one batch.
 * @throws ServerError subclasses (unreachable server, bad credentials with the server's message,
 * malformed answers); the API key never appears in them.
 */
export async function fetchSchema(options: FetchSchemaOptions): Promise<FetchedSchema> {
  const transport = new UndiciTransport({
    serverUrl: options.serverUrl,
    apiUser: options.apiUser,
    apiKey: options.apiKey,
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
  });
  try {
    const [information, schemas] = await transport.send({
      operations: [{ action: 'query_server_information' }, { action: 'query_schemas' }],
    });
    const parsed = serverInformationSchema.safeParse(information);
    if (!parsed.success) {
      throw new MalformedResponseError(`The server's query_server_information answer has no "version": is ${displayServerUrl(options.serverUrl)} an ftrack server?`, {
        exception: 'MalformedResponseError',
        content: 'Malformed query_server_information answer',
        operationIndex: 0,
        action: 'query_server_information',
      });
    }
    if (!Array.isArray(schemas)) {
      throw new MalformedResponseError('The server\'s query_schemas answer is not an array of entity schemas.', {
        exception: 'MalformedResponseError',
        content: 'Malformed query_schemas answer',
        operationIndex: 1,
        action: 'query_schemas',
      });
    }
    if (echoesKey([information, schemas], options.apiKey)) {
      throw new MalformedResponseError(
        `The server's answer holds the API key (echoed into its schema or server information); nothing was generated, so the key is not written into any file. Check the server at ${displayServerUrl(options.serverUrl)}.`,
        { exception: 'MalformedResponseError', content: 'The answer echoes the API key', operationIndex: 1, action: 'query_schemas' },
      );
    }
    return { serverInformation: parsed.data, schemas };
  } finally {
    await transport.close();
  }
}

/**
 * True when the answer's JSON text holds the key as it was sent, URL-encoded or base64-encoded
 * (any letter case): generated files and saved schemas are written verbatim, so such an answer is refused.
 */
function echoesKey(answer: unknown, apiKey: string): boolean {
  if (apiKey.length === 0) return false;
  const text = JSON.stringify(answer).toLowerCase();
  const forms = [apiKey, encodeURIComponent(apiKey), Buffer.from(apiKey, 'utf8').toString('base64').replace(/=+$/, '')];
  return forms.some((form) => text.includes(form.toLowerCase()) || text.includes(JSON.stringify(form).slice(1, -1).toLowerCase()));
}
