import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ConnectionClosedError,
  HttpStatusError,
  InvalidCredentialsError,
  MalformedResponseError,
  NetworkError,
  RequestAbortedError,
  ServerError,
  ServerPermissionDeniedError,
  ServerValidationError,
  TimeoutError,
  TransportError,
} from '../../runtime/errors.js';
import { UndiciTransport } from '../../runtime/transport/index.js';
import { failureWithout } from '../support/rejection.js';

const ORIGIN = 'http://ftrack.test';
const KEY = 'transport-secret-key-5d1e';
const QUERY = { action: 'query', expression: 'select name from Project' } as const;

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function setup(reply: { status?: number; body: unknown; raw?: boolean; delayMs?: number; error?: Error }, options: Partial<ConstructorParameters<typeof UndiciTransport>[0]> = {}) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const seen: { path: string; headers: Record<string, string>; body: unknown }[] = [];
  const interceptor = agent.get(ORIGIN).intercept({ path: () => true, method: 'POST' });
  if (reply.error) interceptor.replyWithError(reply.error).persist();
  else {
    const scope = interceptor
      .reply((request) => {
        seen.push({ path: request.path, headers: request.headers as Record<string, string>, body: JSON.parse(String(request.body)) });
        return { statusCode: reply.status ?? 200, data: reply.raw ? String(reply.body) : JSON.stringify(reply.body) };
      })
      .persist();
    if (reply.delayMs) scope.delay(reply.delayMs);
  }
  const transport = new UndiciTransport({ serverUrl: `${ORIGIN}/`, apiUser: 'jane', apiKey: KEY, dispatcher: agent, ...options });
  return { transport, seen };
}

/** The rejection of `promise`; its message and inspection never hold the key. */
const failure = failureWithout(KEY);

describe('UndiciTransport requests', () => {
  it('posts the batch to {serverUrl}/api with the ftrack headers', async () => {
    const { transport, seen } = setup({ body: [{ action: 'query', data: [], metadata: { next: { offset: null } } }] }, {
      headers: { 'X-Studio': 'blue', 'ftrack-api-key': 'overridden?' },
      strictApi: true,
    });
    const results = await transport.send({ operations: [QUERY] });
    expect(results).toEqual([{ action: 'query', data: [], metadata: { next: { offset: null } } }]);
    expect(seen[0]!.path).toBe('/api');
    expect(seen[0]!.body).toEqual([QUERY]);
    expect(seen[0]!.headers).toMatchObject({
      'ftrack-user': 'jane',
      'ftrack-api-key': KEY,
      'ftrack-strict-api': 'true',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-studio': 'blue',
    });
  });

  it('keeps a path prefix and sends strict-api false by default', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    let path = '';
    let strict = '';
    agent.get(ORIGIN).intercept({ path: () => true, method: 'POST' }).reply((r) => {
      path = r.path;
      strict = (r.headers as Record<string, string>)['ftrack-strict-api']!;
      return { statusCode: 200, data: '[true]' };
    });
    const transport = new UndiciTransport({ serverUrl: `${ORIGIN}/ftrack//`, apiUser: 'u', apiKey: KEY, dispatcher: agent });
    await transport.send({ operations: [QUERY] });
    expect(path).toBe('/ftrack/api');
    expect(strict).toBe('false');
  });
});

describe('UndiciTransport errors', () => {
  it('maps an error body to the typed server error with the operation index of a single-operation batch', async () => {
    const { transport } = setup({ body: { exception: 'ValidationError', content: 'Bad value', error_code: 'E1' } });
    const error = (await failure(transport.send({ operations: [QUERY] }))) as ServerValidationError;
    expect(error).toBeInstanceOf(ServerValidationError);
    expect(error).toMatchObject({ code: 'SERVER_VALIDATION', exception: 'ValidationError', content: 'Bad value', errorCode: 'E1', status: 200, operationIndex: 0, action: 'query' });
    expect(error.message).toContain('operation 0 "query"');
    expect(error.cause).toBeDefined();
  });

  it('leaves the index unknown in a larger batch unless the caller attributes it', async () => {
    const { transport } = setup({ body: { exception: 'PermissionError', content: 'No', error_code: null } });
    const plain = (await failure(transport.send({ operations: [QUERY, QUERY] }))) as ServerError;
    expect(plain).toBeInstanceOf(ServerPermissionDeniedError);
    expect(plain.operationIndex).toBeUndefined();
    const attributed = (await failure(transport.send({ operations: [QUERY, QUERY], failingOperation: { index: 1, action: 'query' } }))) as ServerError;
    expect(attributed.operationIndex).toBe(1);
  });

  it('reads the failing operation from a leading "Operation <n> failed: " once, counting after leadingOperations', async () => {
    const { transport } = setup({ body: { exception: 'ValidationError', content: 'Operation 2 failed: Bad value', error_code: null } });
    const sent = (await failure(transport.send({ operations: [QUERY, QUERY, { action: 'create' }] }))) as ServerError;
    expect(sent).toMatchObject({ operationIndex: 2, action: 'create', content: 'Operation 2 failed: Bad value' });
    expect(sent.message).toContain('operation 2 "create"');
    const behind = (await failure(transport.send({ operations: [QUERY, QUERY, { action: 'create' }], leadingOperations: 1 }))) as ServerError;
    expect(behind).toMatchObject({ operationIndex: 1, action: 'create' });
    // The reported operation wins over the caller's guess; one the caller added for itself is no operation of its batch.
    const reported = (await failure(transport.send({ operations: [QUERY, QUERY, { action: 'create' }], failingOperation: { index: 0, action: 'query' } }))) as ServerError;
    expect(reported.operationIndex).toBe(2);
    const own = setup({ body: { exception: 'ValidationError', content: 'Operation 0 failed: no', error_code: null } });
    const leading = (await failure(own.transport.send({ operations: [QUERY, { action: 'create' }], leadingOperations: 1 }))) as ServerError;
    expect(leading.operationIndex).toBeUndefined();
    // Only at the start of the content: a quoted "Operation 1 failed" inside a message is no index.
    const quoted = setup({ body: { exception: 'ValidationError', content: 'Name "Operation 1 failed: x" is taken', error_code: null } });
    expect(((await failure(quoted.transport.send({ operations: [QUERY, QUERY] }))) as ServerError).operationIndex).toBeUndefined();
  });

  it('a batch of one operation behind leadingOperations is attributed to index 0', async () => {
    const { transport } = setup({ body: { exception: 'ValidationError', content: 'Bad value', error_code: null } });
    const error = (await failure(transport.send({ operations: [QUERY, { action: 'create' }], leadingOperations: 1 }))) as ServerError;
    expect(error).toMatchObject({ operationIndex: 0, action: 'create' });
  });

  it('maps unknown exception names to ServerError and keeps HTTP statuses', async () => {
    const { transport } = setup({ status: 401, body: { exception: 'InvalidCredentialsError', content: `key ${KEY} is not valid`, error_code: null } });
    const error = (await failure(transport.send({ operations: [QUERY] }))) as ServerError;
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error.status).toBe(401);
    expect(error.content).toContain('<redacted>');
    const other = setup({ body: { exception: 'SomethingNew', content: 'x' } });
    const generic = await failure(other.transport.send({ operations: [QUERY] }));
    expect(generic.constructor).toBe(ServerError);
  });

  it('an HTTP error status without an ftrack body is an HttpStatusError', async () => {
    const { transport } = setup({ status: 502, body: '<html>Bad gateway</html>', raw: true });
    const error = (await failure(transport.send({ operations: [QUERY] }))) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(502);
    expect(error.message).toContain(`POST ${ORIGIN}/api`);
  });

  it('a body that is not JSON, not an array or of the wrong length is a MalformedResponseError', async () => {
    for (const [body, raw, text] of [['not json{', true, 'not JSON'], [{ hello: 1 }, false, 'not a JSON array'], [[1, 2], false, '2 results for 1 operations']] as const) {
      const { transport } = setup({ body, raw });
      const error = await failure(transport.send({ operations: [QUERY] }));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error.message).toContain(text);
    }
  });

  it('a network failure is a NetworkError naming the endpoint', async () => {
    const { transport } = setup({ body: null, error: new Error(`socket hang up (${KEY})`) });
    const error = await failure(transport.send({ operations: [QUERY] }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).not.toHaveProperty('exception');
    expect(error.message).toContain(`POST ${ORIGIN}/api`);
  });

  it('a slow answer is a TimeoutError; an aborted request a RequestAbortedError', async () => {
    const slow = setup({ body: [true], delayMs: 300 }, { timeoutMs: 30 });
    expect(await failure(slow.transport.send({ operations: [QUERY] }))).toBeInstanceOf(TimeoutError);
    const aborted = setup({ body: [true], delayMs: 300 });
    const controller = new AbortController();
    const pending = aborted.transport.send({ operations: [QUERY], signal: controller.signal });
    controller.abort();
    expect(await failure(pending)).toBeInstanceOf(RequestAbortedError);
  });
});

describe('UndiciTransport lifecycle and secrets', () => {
  it('rejects after close without sending; close is idempotent and leaves an injected dispatcher open', async () => {
    const { transport, seen } = setup({ body: [true] });
    await Promise.all([transport.close(), transport.close()]);
    expect(transport.closed).toBe(true);
    expect(await failure(transport.send({ operations: [QUERY] }))).toBeInstanceOf(ConnectionClosedError);
    expect(seen).toHaveLength(0);
    const direct = await agent!.request({ origin: ORIGIN, path: '/api', method: 'POST', body: '[]' });
    expect(direct.statusCode).toBe(200);
    await direct.body.text();
  });

  it('never shows the API key when inspected or serialised', () => {
    const { transport } = setup({ body: [true] });
    expect(inspect(transport, { depth: 5, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(transport)).not.toContain(KEY);
  });

  it('rejects bad configuration with ConfigurationError', () => {
    expect(() => new UndiciTransport({ serverUrl: 'not a url', apiUser: 'u', apiKey: KEY })).toThrow(ConfigurationError);
    expect(() => new UndiciTransport({ serverUrl: 'ftp://x', apiUser: 'u', apiKey: KEY })).toThrow(ConfigurationError);
    expect(() => new UndiciTransport({ serverUrl: ORIGIN, apiUser: 'u', apiKey: KEY, timeoutMs: -1 })).toThrow(ConfigurationError);
  });
});
