import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtrackError, MalformedResponseError, RequestAbortedError, ResponseTooLargeError, Session, TimeoutError, type AnyEntity } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { unitSchema } from '../support/fixture-server-mock.js';
import { PROJECT_IDS } from '../../server/demo/ids.js';

// Review of issue 9, item 5 (limits) with timings and encodings the first tests did not try: a
// body trickled one byte at a time for ever, a chunked body past maxResponseBytes, a gzip bomb
// declared with content-encoding, a content-length that lies, and an AbortSignal that is already
// aborted before each async API is called (nothing may be sent).

const SCHEMAS = unitSchema();
const HASH = computeSchemaHash(SCHEMAS);
type Handler = (response: ServerResponse) => void;
let handler: Handler = (response) => response.end('[]');
let fake: Server;
let fakeUrl: string;
let local: ServerHandle;

beforeAll(async () => {
  fake = createServer((request, response) => {
    request.resume();
    request.on('end', () => handler(response));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  local = await startServer();
});
afterAll(async () => {
  fake.closeAllConnections();
  await new Promise<void>((resolve) => fake.close(() => resolve()));
  await local?.close();
});

const open = (options: Partial<ConstructorParameters<typeof Session>[0]> = {}) =>
  new Session({ serverUrl: fakeUrl, apiUser: 'u', apiKey: 'key-123456789', schema: { schemaHash: HASH, schemas: SCHEMAS }, ...options });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

describe('bodies that never end or lie', () => {
  it('a body trickled one byte every 50 ms for ever ends as TimeoutError within timeoutMs', async () => {
    const timers: NodeJS.Timeout[] = [];
    handler = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      timers.push(setInterval(() => response.write(' '), 50));
    };
    const s = open({ timeoutMs: 400 });
    const started = Date.now();
    const error = await failure(s.query('Task').all());
    for (const timer of timers) clearInterval(timer);
    await s.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a chunked body (no content-length) past maxResponseBytes is cut with ResponseTooLargeError', async () => {
    handler = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 200 && response.write(chunk)) sent++;
        if (sent < 200 && !response.destroyed) response.once('drain', push);
        else response.end();
      };
      push();
    };
    const s = open({ maxResponseBytes: 1024 * 1024 });
    const error = await failure(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('a gzip bomb is not decompressed: a typed error, memory untouched', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    handler = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      response.end(bomb);
    };
    const s = open({ maxResponseBytes: 1024 * 1024 });
    const before = process.memoryUsage().rss;
    const error = await failure(s.query('Task').all());
    await s.close();
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('a content-length shorter or longer than the body gives a typed error', async () => {
    for (const declared of [5, 500]) {
      handler = (response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(declared) });
        response.write('[{"action": "query", "data": []}, 1, 2, 3]'.slice(0, 40));
        setTimeout(() => response.destroy(), 50);
      };
      const s = open({ timeoutMs: 2000 });
      const error = await failure(s.query('Task').all());
      await s.close();
      expect(error).toBeInstanceOf(FtrackError);
    }
  });
});

describe('an AbortSignal aborted before the call: RequestAbortedError, nothing sent', () => {
  it('every async API', async () => {
    const s = new Session({ serverUrl: local.url, apiUser: local.apiUser, apiKey: local.apiKey });
    try {
      const project = (await s.get('Project', PROJECT_IDS.test)) as AnyEntity;
      const signal = AbortSignal.abort();
      const seq = s.create('Sequence', { name: 'never sent', parent: project });
      const calls: [string, () => Promise<unknown>][] = [
        ['ready', () => s.ready({ signal } as never)],
        ['get', () => s.get('Project', PROJECT_IDS.test, { signal } as never)],
        ['query.all', () => s.query('select name from Project', { signal }).all()],
        ['query.first', () => s.query('select name from Project', { signal }).first()],
        ['populate', () => s.populate([project], 'children', { signal })],
        ['ensure', () => s.ensure('Sequence', { name: 'ensured', parent: project }, ['name', 'parent'], { signal } as never)],
        ['commit', () => s.commit({ signal })],
        ['call', () => s.call([{ action: 'query', expression: 'select id from Project' }], { signal } as never)],
        ['$get', () => project.$get('children', { signal } as never)],
        ['$load', () => project.$load(['children'], { signal })],
      ];
      const outcomes: string[] = [];
      for (const [name, call] of calls) {
        const error = await call().then(() => 'resolved', (e: unknown) => (e as Error).name);
        outcomes.push(`${name}: ${error}`);
      }
      expect(outcomes).toEqual(calls.map(([name]) => `${name}: RequestAbortedError`));
      expect(seq.$state).toBe('created');
      const other = new Session({ serverUrl: local.url, apiUser: local.apiUser, apiKey: local.apiKey });
      expect(await other.query(`select id from Sequence where name is "never sent" or name is "ensured"`).all()).toEqual([]);
      await other.close();
    } finally {
      await s.close();
    }
  });
});
