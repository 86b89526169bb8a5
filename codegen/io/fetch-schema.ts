import type { Dispatcher } from 'undici';
import { InvalidCredentialsError, MalformedResponseError, ServerError } from '../../runtime/errors.js';
import { serverInformationSchema, type ServerInformation } from '../../runtime/protocol/envelopes.js';
import type { Operation } from '../../runtime/protocol/operations.js';
import { displayServerUrl } from '../../runtime/transport/server-url.js';
import { UndiciTransport } from '../../runtime/transport/undici-transport.js';
import { readWorkspaceAnswers } from '../workspace/read-workspace.js';
import type { WorkspaceMetadata, WorkspaceWarningHandler } from '../workspace/workspace-metadata.js';
import { workspaceOperations, type WorkspacePart } from '../workspace/workspace-queries.js';

/** Where to fetch the schema from. */
export interface FetchSchemaOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  /** Sent as a header only; never shown in messages. */
  readonly apiKey: string;
  /** An undici dispatcher (a MockAgent in tests). */
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  /**
   * Also read the workspace (custom attribute configurations, statuses, types, priorities, object
   * types, states, project schemas) in the same batch; warnings go to `onWorkspaceWarning`.
   */
  readonly workspace?: boolean;
  readonly onWorkspaceWarning?: WorkspaceWarningHandler;
}

/** A live server's schema and its server information. */
export interface FetchedSchema {
  readonly serverInformation: ServerInformation;
  /** The `query_schemas` answer, verbatim. */
  readonly schemas: readonly unknown[];
  /** With `workspace: true`, unless the server refused the workspace queries (a warning said so). */
  readonly workspace?: WorkspaceMetadata;
}

/**
 * Sends `query_server_information` and `query_schemas` in one batch (with `workspace: true`, the
 * workspace queries of `WORKSPACE_QUERIES` too).
 * @throws ServerError (bad credentials, with the server's message) or TransportError (unreachable
 * server, malformed answers); the API key never appears in them.
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
    const base: readonly Operation[] = [{ action: 'query_server_information' }, { action: 'query_schemas' }];
    const answers: Answers = options.workspace === true ? await sendWithWorkspace(transport, base, options) : { base: await transport.send({ operations: base }), workspace: undefined };
    const [information, schemas] = answers.base;
    const parsed = serverInformationSchema.safeParse(information);
    if (!parsed.success) {
      throw new MalformedResponseError(`The server's query_server_information answer has no "version": is ${displayServerUrl(options.serverUrl)} an ftrack server?`, {
        operationIndex: 0,
        action: 'query_server_information',
      });
    }
    if (!Array.isArray(schemas)) {
      throw new MalformedResponseError('The server\'s query_schemas answer is not an array of entity schemas.', {
        operationIndex: 1,
        action: 'query_schemas',
      });
    }
    if (echoesKey([answers.base, answers.workspace?.answers ?? []], options.apiKey)) {
      throw new MalformedResponseError(
        `The server's answer holds the API key (echoed into its schema or server information); nothing was generated, so the key is not written into any file. Check the server at ${displayServerUrl(options.serverUrl)}.`,
        { operationIndex: 1, action: 'query_schemas' },
      );
    }
    if (answers.workspace === undefined) return { serverInformation: parsed.data, schemas };
    const workspace = readWorkspaceAnswers(answers.workspace.parts, answers.workspace.answers, options.onWorkspaceWarning ?? (() => {}));
    return { serverInformation: parsed.data, schemas, workspace };
  } finally {
    await transport.close();
  }
}

/** The batch answers: server information, schemas, and the workspace queries' answers (`parts`). */
interface Answers {
  readonly base: readonly unknown[];
  readonly workspace: { readonly parts: readonly WorkspacePart[]; readonly answers: readonly unknown[] } | undefined;
}

/**
 * One batch with every workspace query after `base`. ftrack refuses a whole batch when one
 * operation fails (a server without some type or attribute of the queries), so then `base` is sent
 * alone, and the workspace queries again in a second batch limited to what the schema just read
 * has (`workspaceOperations(schemas)`); if that is refused too, a warning says the workspace was
 * not read. Bad credentials and transport failures are thrown as they are.
 */
async function sendWithWorkspace(transport: UndiciTransport, base: readonly Operation[], options: FetchSchemaOptions): Promise<Answers> {
  const warn = options.onWorkspaceWarning ?? (() => {});
  const everything = workspaceOperations();
  try {
    const answers = await transport.send({ operations: [...base, ...everything.map((item) => item.operation)] });
    return { base: answers.slice(0, base.length), workspace: { parts: everything.map((item) => item.part), answers: answers.slice(base.length) } };
  } catch (error) {
    if (!refused(error)) throw error;
  }
  const answers = await transport.send({ operations: base });
  const limited = Array.isArray(answers[1]) ? workspaceOperations(answers[1]) : [];
  try {
    const second = limited.length === 0 ? [] : await transport.send({ operations: limited.map((item) => item.operation) });
    return { base: answers, workspace: { parts: limited.map((item) => item.part), answers: second } };
  } catch (error) {
    if (!refused(error)) throw error;
    warn({
      code: 'workspace_unavailable',
      message: `The server did not answer the workspace queries (${error instanceof Error ? error.message.slice(0, 200) : 'refused'}): generating from the schema alone, custom attributes and workspace values untyped.`,
    });
    return { base: answers, workspace: undefined };
  }
}

/** A refusal of the batch (not bad credentials, not a transport failure). */
function refused(error: unknown): boolean {
  return (error instanceof ServerError && !(error instanceof InvalidCredentialsError)) || error instanceof MalformedResponseError;
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
