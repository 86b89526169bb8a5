/**
 * Issue 9 item 5 (secrets): a server that echoes the API key into every field it can never gets
 * the key into any output of the error it causes — message, stack, `util.inspect` at any depth,
 * JSON, the typed fields, and every link of the cause chain — nor into a log line. Echoed values
 * appear at most as short excerpts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtrackError, SchemaError, ServerError, UnknownAttributeError } from '../../runtime/errors.js';
import { Session } from '../../runtime/index.js';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { unitSchema } from '../support/fixture-server-mock.js';

const KEY = 'Ech0ed-Secret-Key-6f1c2a9e-41d7-4b8e-9c3a-77d05e2b1f48';
const SCHEMAS = unitSchema();
const HASH = computeSchemaHash(SCHEMAS);

/** Forms of the key a leak could take. */
const FORMS = [KEY, KEY.toLowerCase(), KEY.toUpperCase(), encodeURIComponent(KEY), Buffer.from(KEY).toString('base64').replace(/=+$/, ''), KEY.slice(0, 12), KEY.slice(-20)];

type Operation = { action: string; expression?: string };
type Reply = { status?: number; body: string };
type Variant = (key: string, operations: Operation[]) => Reply;

const json = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });
const information = (key: string, schemaHash = HASH) => ({ version: '4.13.8', schema_hash: schemaHash, is_timezone_support_enabled: true, echo: key });
/** Answers server information normally and every query with `query(key)`. */
const perOperation =
  (query: (key: string) => unknown): Variant =>
  (key, operations) =>
    json(operations.map((op) => (op.action === 'query_server_information' ? information(key) : query(key))));
const rows = (data: unknown[]) => ({ action: 'query', data, metadata: { next: { offset: null } } });

/** The key-echoing server's misbehaviours (`key` is the `ftrack-api-key` header it received). */
const VARIANTS: Record<string, Variant> = {
  'a non-ftrack 503 JSON body': (key) => json({ message: `service down for ${key}`, key, nested: { again: [key] } }, 503),
  'a 500 text body': (key) => ({ status: 500, body: `Internal error while checking ${key}: ${key}` }),
  'a 200 body that is not JSON': (key) => ({ status: 200, body: `{"broken": "${key}"` }),
  'a 200 JSON object instead of a batch': (key) => json({ api_key: key, data: [key] }),
  'a wrong result count': (key, operations) => json([...operations.map(() => ({ key })), { key }]),
  'an error body echoing the key in exception, content and error_code': (key) => json({ exception: key, content: `bad key ${key}`, error_code: key }, 401),
  'a typed server error whose content echoes the key': (key) => json({ exception: 'ValidationError', content: { message: `rejected ${key}`, key } }),
  'an unknown __entity_type__': perOperation((key) => rows([{ __entity_type__: key, id: key }])),
  'an invalid datetime': perOperation((key) => rows([{ __entity_type__: 'Task', id: 't1', created_at: { __type__: 'datetime', value: key } }])),
  'an invalid plain datetime string': perOperation((key) => rows([{ __entity_type__: 'Task', id: 't1', created_at: `${key}` }])),
  'a reference that is not an entity': perOperation((key) => rows([{ __entity_type__: 'Task', id: 't1', status: key }])),
  'a row without its primary key': perOperation((key) => rows([{ __entity_type__: 'Task', name: key }])),
  'a query envelope of the wrong shape': perOperation((key) => ({ action: 'query', data: key, metadata: { next: key } })),
  'the key upper-cased, URL-encoded and base64-encoded': perOperation((key) =>
    rows([{ __entity_type__: `${key.toUpperCase()} ${encodeURIComponent(key)} ${Buffer.from(key).toString('base64')}`, id: 'x' }]),
  ),
  'the key cut by an excerpt boundary': (key) => ({ status: 502, body: `${'x'.repeat(66)}${key}` }),
  'a 1 MB echoed value': perOperation((key) => rows([{ __entity_type__: `${'y'.repeat(1_000_000)}${key}`, id: 'x' }])),
};

let server: Server;
let url: string;
let variant: Variant = VARIANTS['a 500 text body']!;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = String(request.headers['ftrack-api-key']);
      const reply = variant(key, JSON.parse(Buffer.concat(chunks).toString('utf8')) as Operation[]);
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'x-echo-key': key });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Every text a user or a logger could see of `error`, link by link down the cause chain. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let link: unknown = error;
  while (link !== null && link !== undefined && !seen.has(link)) {
    seen.add(link);
    out.push(inspect(link, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity, showHidden: true }));
    out.push(String(link));
    try {
      out.push(JSON.stringify(link) ?? '');
    } catch (cause) {
      out.push(`(JSON.stringify threw ${String(cause)})`);
    }
    if (link instanceof Error) {
      out.push(link.message, link.stack ?? '');
      for (const value of Object.values(link)) out.push(typeof value === 'string' ? value : inspect(value, { depth: Infinity }));
    }
    link = typeof link === 'object' ? (link as { cause?: unknown }).cause : undefined;
  }
  return out;
}

/** The forms, lower-cased once: each text is lower-cased once and searched for every form. */
const LOWER_FORMS = FORMS.map((form) => form.toLowerCase());

function expectNoKey(texts: readonly string[]): void {
  for (const text of texts) {
    const lower = text.toLowerCase();
    LOWER_FORMS.forEach((form, i) => {
      if (lower.includes(form)) {
        throw new Error(`the key leaked (as ${JSON.stringify(FORMS[i]!.slice(0, 12))}…) into: ${text.slice(0, 400)}`);
      }
    });
  }
}

async function failure(run: (session: Session) => Promise<unknown>, options: Partial<ConstructorParameters<typeof Session>[0]> = {}): Promise<{ error: FtrackError; logged: string[] }> {
  const logged: string[] = [];
  const session = new Session({ serverUrl: url, apiUser: 'echo', apiKey: KEY, schema: { schemaHash: HASH, schemas: SCHEMAS }, logger: { warn: (m) => logged.push(m) }, ...options });
  try {
    await run(session);
  } catch (error) {
    expect(error).toBeInstanceOf(FtrackError);
    return { error: error as FtrackError, logged };
  } finally {
    await session.close();
  }
  throw new Error('expected the call to fail');
}

describe('a key-echoing server', () => {
  it('sends the real key (the server can echo it)', async () => {
    variant = VARIANTS['a 500 text body']!;
    const { error } = await failure((session) => session.query('Task').all());
    expect((error as { status?: number }).status).toBe(500);
  });

  for (const [name, reply] of Object.entries(VARIANTS)) {
    it(`keeps the key out of every output: ${name}`, async () => {
      variant = reply;
      const { error, logged } = await failure((session) => session.query('Task').all());
      expectNoKey([...renderings(error), ...logged]);
      // Echoed values appear only as short excerpts.
      expect(error.message.length).toBeLessThan(1200);
      for (const text of renderings(error)) expect(text.length).toBeLessThan(20_000);
    });
  }

  it('keeps the key out of errors of session.call, a lazy load and ready()', async () => {
    variant = VARIANTS['an error body echoing the key in exception, content and error_code']!;
    const called = await failure((session) => session.call([{ action: 'query', expression: 'select id from Task' }]));
    expectNoKey(renderings(called.error));
    const untyped = await failure((session) => session.ready(), { schema: undefined });
    expectNoKey(renderings(untyped.error));
    variant = VARIANTS['a wrong result count']!;
    const loaded = await failure(async (session) => {
      variant = perOperation(() => rows([{ __entity_type__: 'Task', id: 't1' }]));
      const task = (await session.query('select id from Task').first())!;
      variant = VARIANTS['an unknown __entity_type__']!;
      return task.$get('name');
    });
    expectNoKey(renderings(loaded.error));
  });

  it('keeps an echoed schema hash out of the warning and of the strict-hash error', async () => {
    variant = (key, operations) => json(operations.map((op) => (op.action === 'query_server_information' ? information(key, key) : rows([]))));
    const logged: string[] = [];
    const lenient = new Session({ serverUrl: url, apiUser: 'echo', apiKey: KEY, schema: { schemaHash: HASH, schemas: SCHEMAS }, logger: { warn: (m) => logged.push(m) } });
    await lenient.query('Task').all();
    await lenient.close();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('Schema mismatch');
    expectNoKey(logged);
    const strict = await failure((session) => session.query('Task').all(), { strictSchemaHash: true });
    expect(strict.error.code).toBe('SCHEMA');
    expectNoKey(renderings(strict.error));
  });

  it('keeps the key out of a rejected or unreadable commit', async () => {
    for (const name of ['an error body echoing the key in exception, content and error_code', 'a wrong result count', 'a non-ftrack 503 JSON body']) {
      variant = (key, operations) =>
        operations.some((op) => op.action === 'create') ? VARIANTS[name]!(key, operations) : json(operations.map((op) => (op.action === 'query_server_information' ? information(key) : rows([]))));
      const { error } = await failure(async (session) => {
        await session.ready();
        session.create('Task', { name: 'echo me' });
        return session.commit();
      });
      expectNoKey(renderings(error));
    }
  });

  it('redacts a key the server answers as a created entity value', async () => {
    variant = (key, operations) =>
      json(operations.map((op) => (op.action === 'query_server_information' ? information(key) : { action: 'create', data: { __entity_type__: key, id: key } })));
    const { error } = await failure(async (session) => {
      await session.ready();
      session.create('Task', { name: 'echo me' });
      return session.commit();
    });
    expectNoKey(renderings(error));
  });

  it('every error built while a session is open redacts its key and bounds its message', async () => {
    const session = new Session({ serverUrl: url, apiUser: 'echo', apiKey: KEY, schema: { schemaHash: HASH, schemas: SCHEMAS } });
    const huge = `${'z'.repeat(1_000_000)} ${KEY} ${KEY.slice(3, 15)} ${'z'.repeat(1_000_000)}`;
    const errors = [
      new SchemaError(`Malformed schema: ${huge}`, { entityType: huge, attribute: KEY }),
      new ServerError(huge, { exception: KEY, content: huge, errorCode: KEY }),
      new UnknownAttributeError(KEY, huge),
      new FtrackError('wrapped', { cause: { nested: [{ deeper: huge }], error: new Error(`inner ${KEY}`) } }),
    ];
    for (const error of errors) {
      expectNoKey(renderings(error));
      expect(error.message.length).toBeLessThan(17_000);
    }
    await session.close();
    // Released with the session: a key no open session uses is no longer special.
    expect(new FtrackError(`after close ${KEY}`).message).toContain(KEY);
  });

  it('an exception named like an Object.prototype member is a plain ServerError', async () => {
    for (const exception of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      variant = () => json({ exception, content: 'hostile' }, 400);
      const { error } = await failure((session) => session.query('Task').all());
      expect(error).toBeInstanceOf(ServerError);
      expect(error.constructor).toBe(ServerError);
      expect((error as ServerError).exception).toBe(exception);
    }
  });

  it('a key shorter than the redaction threshold is still removed where the transport knows it', async () => {
    variant = VARIANTS['a 500 text body']!;
    const { error } = await failure((session) => session.query('Task').all(), { apiKey: 'k9z!' });
    expect(error.message).not.toContain('k9z!');
    expect(error.message).toContain('<redacted>');
  });
});
