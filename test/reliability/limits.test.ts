/**
 * Issue 9 item 5 (limits): `maxResponseBytes` stops reading a body as soon as it is passed (and
 * refuses a declared `content-length` above it before reading); `timeoutMs: 0` means no timeout at
 * all (undici's own header/body timeouts included); a response nested 100,000 levels deep is a
 * `MalformedResponseError`, never a `RangeError`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, MalformedResponseError, ResponseTooLargeError, ServerError, TimeoutError, TransportError } from '../../runtime/errors.js';
import { Session } from '../../runtime/index.js';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES, UndiciTransport } from '../../runtime/transport/index.js';
import { unitSchema } from '../support/fixture-server-mock.js';

const SCHEMAS = unitSchema();
const HASH = computeSchemaHash(SCHEMAS);
const INFORMATION = { version: '4.13.8', schema_hash: HASH };
const MiB = 1024 * 1024;

type Operation = { action: string; expression?: string };
type Handler = (operations: Operation[], response: ServerResponse) => void;

let server: Server;
let url: string;
let handler: Handler;
/** Bytes the current handler managed to write before the client went away. */
let written = 0;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Operation[], response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const rows = (data: unknown[]) => ({ action: 'query', data, metadata: { next: { offset: null } } });

/** Answers server information, then `query` for every query. */
function answer(query: () => unknown): Handler {
  return (operations, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(operations.map((op) => (op.action === 'query_server_information' ? INFORMATION : query()))));
  };
}

/** Writes a JSON array that never ends, chunk by chunk, counting what the socket accepted. */
const endless: Handler = (_operations, response) => {
  written = 0;
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.from(`[${'"0123456789abcdef",'.repeat(3000)}`);
  const pump = () => {
    while (!response.destroyed && written < 2048 * MiB) {
      written += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
  };
  response.on('close', () => undefined);
  pump();
};

function session(options: Partial<ConstructorParameters<typeof Session>[0]> = {}): Session {
  return new Session({ serverUrl: url, apiUser: 'limits', apiKey: 'limits-key-2c8e41', schema: { schemaHash: HASH, schemas: SCHEMAS }, logger: { warn() {} }, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('maxResponseBytes', () => {
  it('defaults to 512 MiB and refuses a declared content-length above it before reading', async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(512 * MiB);
    handler = (_operations, response) => {
      // Declares 600 MiB, sends a few bytes and stalls: only the header can end this request.
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(600 * MiB) });
      response.write('[');
    };
    const s = session();
    const error = await rejection(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect((error as ResponseTooLargeError).code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toContain(`declares ${600 * MiB} bytes`);
    expect(error.message).toContain(String(512 * MiB));
  });

  it('stops reading a body without content-length as soon as the limit is passed', async () => {
    handler = endless;
    const s = session({ maxResponseBytes: 2 * MiB });
    const before = process.memoryUsage().rss;
    const error = await rejection(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toMatch(/passed \d+ bytes, more than maxResponseBytes \(2097152\)/);
    expect((error as ResponseTooLargeError).cause).toMatchObject({ maxResponseBytes: 2 * MiB });
    // The endless body was not buffered: the server could write little beyond the limit (socket buffers).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBeLessThan(64 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const body = JSON.stringify([INFORMATION, rows([{ __entity_type__: 'Task', id: 't1', name: 'x'.repeat(1000) }])]);
    handler = (_operations, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    };
    const bytes = Buffer.byteLength(body);
    const exact = session({ maxResponseBytes: bytes });
    expect(await exact.query('Task').all()).toHaveLength(1);
    await exact.close();
    const smaller = session({ maxResponseBytes: bytes - 1 });
    expect(await rejection(smaller.query('Task').all())).toBeInstanceOf(ResponseTooLargeError);
    await smaller.close();
  });

  it('rejects a limit that is not a positive whole number', () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => session({ maxResponseBytes })).toThrow(ConfigurationError);
    }
  });
});

describe('timeoutMs', () => {
  it('0 means no timeout: undici’s own header and body timeouts are disabled too', async () => {
    handler = (operations, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      // The body arrives 400 ms after the headers; undici's timeouts below are 100 ms.
      setTimeout(() => response.end(`${JSON.stringify(operations.map((op) => (op.action === 'query_server_information' ? INFORMATION : rows([])))).slice(1)}`), 400);
    };
    const dispatcher = new Agent({ headersTimeout: 100, bodyTimeout: 100 });
    const s = session({ timeoutMs: 0, dispatcher });
    expect(await s.query('Task').all()).toEqual([]);
    await s.close();
    await dispatcher.close();
  });

  it('a positive timeout covers the whole request and says how long it waited', async () => {
    handler = (operations, response) => {
      setTimeout(() => answer(() => rows([]))(operations, response), 600);
    };
    const s = session({ timeoutMs: 150 });
    const error = await rejection(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('within 150 ms');
  });

  it('only our timer applies: undici’s shorter defaults do not cut a request within timeoutMs', async () => {
    handler = (operations, response) => {
      setTimeout(() => answer(() => rows([]))(operations, response), 300);
    };
    const dispatcher = new Agent({ headersTimeout: 50, bodyTimeout: 50 });
    const s = session({ timeoutMs: 5_000, dispatcher });
    expect(await s.query('Task').all()).toEqual([]);
    await s.close();
    await dispatcher.close();
  });

  it('rejects a negative or non-finite timeout', () => {
    for (const timeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => session({ timeoutMs })).toThrow(ConfigurationError);
    expect(() => new UndiciTransport({ serverUrl: url, apiUser: 'u', apiKey: 'k', timeoutMs: 0 })).not.toThrow();
  });
});

describe('pathological nesting', () => {
  const DEPTH = 100_000;
  const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  const deepArray = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;

  /** Answers server information and every other operation with the raw JSON text `result`. */
  function raw(result: string, status = 200): Handler {
    return (operations, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(`[${operations.map((op) => (op.action === 'query_server_information' ? JSON.stringify(INFORMATION) : result)).join(',')}]`);
    };
  }
  const rowsText = (row: string) => `{"action":"query","data":[${row}],"metadata":{"next":{"offset":null}}}`;

  async function expectMalformed(run: (s: Session) => Promise<unknown>): Promise<MalformedResponseError> {
    const s = session();
    const error = await rejection(run(s));
    expect(error).not.toBeInstanceOf(RangeError);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(() => inspect(error, { depth: Infinity })).not.toThrow();
    expect(() => JSON.stringify(error)).not.toThrow();
    // The session still works afterwards.
    handler = answer(() => rows([{ __entity_type__: 'Task', id: 't-ok' }]));
    expect(await s.query('Task').all()).toHaveLength(1);
    await s.close();
    return error as MalformedResponseError;
  }

  it('a scalar attribute value nested 100k levels deep', async () => {
    handler = raw(rowsText(`{"__entity_type__":"Task","id":"t1","data":${deepObject}}`));
    const error = await expectMalformed((s) => s.query('select data from Task').all());
    expect(error.operationIndex).toBe(0);
    expect(error.message).toContain('nested too deeply');
  });

  it('a reference chain nested 100k levels deep', async () => {
    const open = '{"__entity_type__":"Task","id":"t","project":{"__entity_type__":"Project","id":"p","tasks":[';
    handler = raw(rowsText(`${open.repeat(DEPTH)}{"__entity_type__":"Task","id":"leaf"}${']}}'.repeat(DEPTH)}`));
    await expectMalformed((s) => s.query('select project from Task').all());
  });

  it('a whole body nested 100k levels deep', async () => {
    handler = (_operations, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(deepArray);
    };
    await expectMalformed((s) => s.query('Task').all());
  });

  it('a deep value in a generic result (session.call) and in an error body', async () => {
    handler = raw(`{"action":"custom","data":${deepArray}}`);
    await expectMalformed((s) => s.call([{ action: 'custom' }]));
    handler = (_operations, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(`{"exception":"ValidationError","content":${deepArray}}`);
    };
    const s = session();
    const error = await rejection(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).content.length).toBeLessThan(2000);
    expect(() => inspect(error, { depth: Infinity })).not.toThrow();
  });
});
