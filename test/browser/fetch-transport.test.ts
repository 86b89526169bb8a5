import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  ConnectionClosedError,
  HttpStatusError,
  InvalidCredentialsError,
  MalformedResponseError,
  NetworkError,
  RequestAbortedError,
  ResponseTooLargeError,
  ServerValidationError,
  TimeoutError,
  TransportError,
} from '../../runtime/errors.js';
import { FetchTransport, type FetchFunction } from '../../runtime/transport/fetch-transport.js';
import { Session as PortableSession } from '../../runtime/browser.js';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { failureWithout } from '../support/rejection.js';

// FetchTransport (the browser entry's default) keeps UndiciTransport's contract: the ftrack
// headers, typed errors for every failure, the whole-request timeout, AbortSignals,
// maxResponseBytes while streaming, close, and the API key never shown.

const KEY = 'Wq7-hidden-4b7c1e9a-d2';
const QUERY = { action: 'query', expression: 'select name from Project' } as const;

interface Seen {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}
type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server;
let origin: string;
let handler: Handler;
let seen: Seen[];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(body) as unknown });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
  handler = json(200, [true]);
});

function json(status: number, body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

function transport(options: Partial<ConstructorParameters<typeof FetchTransport>[0]> = {}): FetchTransport {
  return new FetchTransport({ serverUrl: `${origin}/`, apiUser: 'jane', apiKey: KEY, ...options });
}

/** The rejection of `promise`; its message and inspection never hold the key. */
const failure = failureWithout(KEY);

describe('FetchTransport requests', () => {
  it('posts the batch to {serverUrl}/api with the ftrack headers; extra headers cannot replace them', async () => {
    const client = transport({ headers: { 'X-Trace': 'abc', 'FTRACK-API-KEY': 'not this one' } });
    expect(await client.send({ operations: [QUERY] })).toEqual([true]);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.url).toBe('/api');
    expect(request!.body).toEqual([QUERY]);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'ftrack-user': 'jane',
      'ftrack-api-key': KEY,
      'ftrack-strict-api': 'false',
      'x-trace': 'abc',
    });
    expect(request!.headers.cookie).toBeUndefined();
    expect(client.endpoint).toBe(`POST ${origin}/api`);
  });

  it('keeps a path prefix and sends strict-api when asked', async () => {
    await transport({ serverUrl: `${origin}/ftrack/`, strictApi: true }).send({ operations: [QUERY] });
    expect(seen[0]!.url).toBe('/ftrack/api');
    expect(seen[0]!.headers['ftrack-strict-api']).toBe('true');
  });

  it('decodes UTF-8 split across chunks and drops a byte-order mark', async () => {
    const text = JSON.stringify([{ name: 'Ünïcødé 😀 ✓' }]);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // One byte at a time: multi-byte characters arrive in pieces.
      let at = 0;
      const next = () => (at < bytes.length ? response.write(bytes.subarray(at, ++at), next) : response.end());
      next();
    };
    expect(await transport().send({ operations: [QUERY] })).toEqual([{ name: 'Ünïcødé 😀 ✓' }]);
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fake: FetchFunction = async (url, init) => {
      calls.push(`${init.method} ${url} ${init.credentials}`);
      return new Response('[1]', { status: 200 });
    };
    expect(await transport({ fetch: fake }).send({ operations: [QUERY] })).toEqual([1]);
    expect(calls).toEqual([`POST ${origin}/api omit`]);
    expect(seen).toHaveLength(0);
  });
});

describe('FetchTransport errors', () => {
  it('maps an ftrack error body to the typed server error, with the operation index', async () => {
    handler = json(200, { exception: 'ValidationError', content: 'name is required', error_code: null });
    const error = (await failure(transport().send({ operations: [QUERY] }))) as ServerValidationError;
    expect(error).toBeInstanceOf(ServerValidationError);
    expect(error.operationIndex).toBe(0);
    handler = json(401, { exception: 'InvalidCredentialsError', content: `key ${KEY} is not valid`, error_code: null });
    expect(await failure(transport().send({ operations: [QUERY] }))).toBeInstanceOf(InvalidCredentialsError);
  });

  it('an HTTP error without an ftrack body is an HttpStatusError; a body that is not a batch a MalformedResponseError', async () => {
    handler = json(502, '<html>Bad gateway</html>');
    const status = (await failure(transport().send({ operations: [QUERY] }))) as HttpStatusError;
    expect(status).toBeInstanceOf(HttpStatusError);
    expect(status.status).toBe(502);
    for (const [body, text] of [['not json{', 'not JSON'], [{ hello: 1 }, 'not a JSON array'], [[1, 2], '2 results for 1 operations']] as const) {
      handler = json(200, body);
      const error = await failure(transport().send({ operations: [QUERY] }));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error.message).toContain(text);
    }
  });

  it('an unreachable server is a NetworkError naming the endpoint and the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(transport({ serverUrl: `http://127.0.0.1:${port}` }).send({ operations: [QUERY] }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain(`POST http://127.0.0.1:${port}/api`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('CORS');
    // In a page (a `document` exists) the message says that a CORS refusal looks the same.
    vi.stubGlobal('document', {});
    try {
      const inPage = await failure(transport({ serverUrl: `http://127.0.0.1:${port}` }).send({ operations: [QUERY] }));
      expect(inPage).toBeInstanceOf(NetworkError);
      expect(inPage.message).toContain("does not allow this page's origin (CORS)");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a slow answer is a TimeoutError; an aborted request a RequestAbortedError; an aborted signal sends nothing', async () => {
    handler = (_request, response) => setTimeout(() => json(200, [true])(_request, response, ''), 400);
    expect(await failure(transport({ timeoutMs: 40 }).send({ operations: [QUERY] }))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = transport().send({ operations: [QUERY], signal: controller.signal });
    setTimeout(() => controller.abort(new Error(`stop ${KEY}`)), 40);
    const aborted = await failure(pending);
    expect(aborted).toBeInstanceOf(RequestAbortedError);
    expect(aborted.message).toContain('before the answer arrived');
    seen = [];
    const already = await failure(transport().send({ operations: [QUERY], signal: AbortSignal.abort() }));
    expect(already).toBeInstanceOf(RequestAbortedError);
    expect(already.message).toContain('nothing was sent');
    expect(seen).toHaveLength(0);
  });

  it('refuses a content-length above maxResponseBytes before reading, and stops reading a stream past it', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5000) });
      response.end(`[${'1,'.repeat(2499)}1]`);
    };
    const declared = (await failure(transport({ maxResponseBytes: 1000 }).send({ operations: [QUERY] }))) as ResponseTooLargeError;
    expect(declared).toBeInstanceOf(ResponseTooLargeError);
    expect(declared.message).toContain('declares 5000 bytes');
    let streamClosed = false;
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      // An endless body: only cancelling the stream on the client's side ends this response.
      const timer = setInterval(() => response.write('1,'.repeat(512)), 1);
      response.on('close', () => {
        streamClosed = true;
        clearInterval(timer);
      });
    };
    const streamed = (await failure(transport({ maxResponseBytes: 64 * 1024 }).send({ operations: [QUERY] }))) as ResponseTooLargeError;
    expect(streamed).toBeInstanceOf(ResponseTooLargeError);
    expect(streamed.message).toMatch(/passed \d+ bytes/);
    await vi.waitFor(() => expect(streamClosed).toBe(true), { timeout: 5000 });
  });

  it('checks its options as UndiciTransport does', () => {
    expect(() => transport({ serverUrl: 'not a url' })).toThrow(ConfigurationError);
    expect(() => transport({ serverUrl: 'ftp://x' })).toThrow(ConfigurationError);
    expect(() => transport({ timeoutMs: -1 })).toThrow(ConfigurationError);
    expect(() => transport({ maxResponseBytes: 0 })).toThrow(ConfigurationError);
  });

  it('without a global fetch and none given: a ConfigurationError, nothing sent', async () => {
    vi.stubGlobal('fetch', undefined);
    try {
      expect(await failure(transport().send({ operations: [QUERY] }))).toBeInstanceOf(ConfigurationError);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen).toHaveLength(0);
  });
});

describe('FetchTransport lifecycle and secrets', () => {
  it('rejects after close without sending; close is idempotent', async () => {
    const client = transport();
    await Promise.all([client.close(), client.close()]);
    expect(client.closed).toBe(true);
    expect(await failure(client.send({ operations: [QUERY] }))).toBeInstanceOf(ConnectionClosedError);
    expect(seen).toHaveLength(0);
  });

  it('never shows the API key when inspected or serialised', () => {
    const client = transport();
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain(KEY);
    expect(inspect(client)).toBe(`FetchTransport { endpoint: 'POST ${origin}/api', closed: false }`);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});

describe("the browser entry's Session", () => {
  let ftrack: ServerHandle;
  beforeAll(async () => {
    ftrack = await startServer();
  });
  afterAll(async () => {
    await ftrack?.close();
  });

  it('sends with fetch by default', async () => {
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    const counting: FetchFunction = (url, init) => {
      calls.push(url);
      return realFetch(url, init);
    };
    vi.stubGlobal('fetch', counting);
    const session = new PortableSession({ serverUrl: ftrack.url, apiUser: ftrack.apiUser, apiKey: ftrack.apiKey, checkWorkspaceValues: false });
    try {
      const projects = await session.query('select name from Project').all();
      expect(projects.length).toBeGreaterThan(0);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((url) => url === `${ftrack.url}/api`)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      await session.close();
    }
  });

  it('refuses the undici `dispatcher` option with a ConfigurationError', () => {
    const dispatcher = { request: () => Promise.reject(new Error('unused')), close: () => Promise.resolve() };
    expect(() => new PortableSession({ serverUrl: ftrack.url, apiUser: 'jane', apiKey: KEY, dispatcher })).toThrow(ConfigurationError);
  });
});
