/**
 * Issue 9 item 5 (AbortSignal): every async API takes `{ signal }`; aborting in flight or before
 * the call rejects with `RequestAbortedError` (code `ABORTED`) and leaves nothing half-applied;
 * work shared with other callers (a coalesced load, the start-up batch) goes on for them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RequestAbortedError } from '../../runtime/errors.js';
import { Session, UndiciTransport, type AnyEntity } from '../../runtime/index.js';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { unitSchema } from '../support/fixture-server-mock.js';

const SCHEMAS = unitSchema();
const HASH = computeSchemaHash(SCHEMAS);
const INFORMATION = { version: '4.13.8', schema_hash: HASH };

type Operation = { action: string; expression?: string; entity_type?: string };

interface Held {
  readonly operations: Operation[];
  readonly respond: () => void;
}

let server: Server;
let url: string;
/** Every batch the server received. */
let received: Operation[][] = [];
/** While true, answers wait in `held` until `release()`; `holdCreates` holds only batches with a create. */
let holding = false;
let holdCreates = false;
let held: Held[] = [];
let arrivals: (() => void)[] = [];
/** How many rows each query answers (`Task` rows t0…tN-1, with the selected `name` / `bid`); `pageTotal` pages them. */
let rowCount = 2;
let pageTotal = 0;

function answerFor(op: Operation): unknown {
  if (op.action === 'query_server_information') return INFORMATION;
  if (op.action === 'query_schemas') return SCHEMAS;
  if (op.action === 'query') {
    const expression = String(op.expression);
    const offset = Number(/ offset (\d+)/.exec(expression)?.[1] ?? 0);
    const limit = Number(/ limit (\d+)/.exec(expression)?.[1] ?? rowCount);
    const total = pageTotal > 0 ? pageTotal : rowCount;
    const end = Math.min(total, offset + limit);
    const selected = new Set((/^select (.*?) from /.exec(expression)?.[1] ?? '').split(',').map((p) => p.trim()));
    const data = Array.from({ length: Math.max(0, end - offset) }, (_, i) => ({
      __entity_type__: 'Task',
      id: `t${offset + i}`,
      ...(selected.has('name') ? { name: `task ${offset + i}` } : {}),
      ...(selected.has('bid') ? { bid: 1 } : {}),
    }));
    return { action: 'query', data, metadata: { next: { offset: end < total ? end : null } } };
  }
  return { action: op.action, data: { __entity_type__: op.entity_type ?? 'Task', id: 'created-1', name: 'x' } };
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const operations = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Operation[];
      received.push(operations);
      const respond = () => {
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(operations.map(answerFor)));
      };
      if (holding || (holdCreates && operations.some((op) => op.action === 'create'))) held.push({ operations, respond });
      else respond();
      const waiting = arrivals;
      arrivals = [];
      for (const resolve of waiting) resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  release();
  holding = false;
  holdCreates = false;
  received = [];
  rowCount = 2;
  pageTotal = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function release(): void {
  const all = held;
  held = [];
  for (const h of all) h.respond();
}

/** Resolves once the server has received `count` batches in all (fails after 5 s). */
async function batches(count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`the server received ${received.length} batches, expected ${count}`);
    await new Promise<void>((resolve) => {
      arrivals.push(resolve);
      setTimeout(resolve, 100);
    });
  }
}

function session(options: { schema?: boolean } = {}): Session {
  return new Session({
    serverUrl: url,
    apiUser: 'abort',
    apiKey: 'abort-key-7e1b93',
    ...(options.schema === false ? {} : { schema: { schemaHash: HASH, schemas: SCHEMAS } }),
    logger: { warn() {} },
  });
}

async function aborted(promise: Promise<unknown>): Promise<RequestAbortedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as RequestAbortedError).code).toBe('ABORTED');
    return error as RequestAbortedError;
  }
  throw new Error('expected RequestAbortedError');
}

/** A started, warmed-up session (server information known) and two loaded tasks. */
async function warm(): Promise<{ s: Session; tasks: AnyEntity[] }> {
  const s = session();
  const tasks = await s.query('select id from Task').all();
  received = [];
  return { s, tasks };
}

/** Runs `call` with a signal that aborts once the server holds its request; checks it rejects. */
async function abortInFlight<T>(call: (signal: AbortSignal) => Promise<T>, before = received.length): Promise<RequestAbortedError> {
  holding = true;
  const controller = new AbortController();
  const pending = call(controller.signal);
  pending.catch(() => undefined);
  await batches(before + 1);
  controller.abort(new Error('user gave up'));
  // Still holding the answer: only the signal can settle the call now.
  const error = await aborted(Promise.race([pending, new Promise((_, reject) => setTimeout(() => reject(new Error('the abort was ignored')), 3_000))]));
  release();
  holding = false;
  return error;
}

describe('AbortSignal on every async API', () => {
  it('session.get: in flight and before the call; nothing enters the identity map', async () => {
    const { s } = await warm();
    await abortInFlight((signal) => s.get('Task', 'other-id', { signal }));
    expect(s.identityMap.find('Task', ['other-id'])).toBeUndefined();
    const before = received.length;
    await aborted(s.get('Task', 'other-id', { signal: AbortSignal.abort() }));
    expect(received.length).toBe(before); // nothing was sent
    expect(await s.get('Task', 't1')).toBeDefined();
    await s.close();
  });

  it('session.populate: aborted loads leave the attribute unloaded', async () => {
    const { s, tasks } = await warm();
    await abortInFlight((signal) => s.populate(tasks, 'name', { signal }));
    expect(tasks.every((task) => !task.$isLoaded('name'))).toBe(true);
    await s.populate(tasks, 'name');
    expect(tasks.every((task) => task.$isLoaded('name'))).toBe(true);
    await s.close();
  });

  it('entity.$get and entity.$load', async () => {
    const { s, tasks } = await warm();
    const task = tasks[0]!;
    await abortInFlight((signal) => task.$get('name', { signal }));
    expect(task.$isLoaded('name')).toBe(false);
    await abortInFlight((signal) => task.$load(['name', 'bid'], { signal }));
    expect(task.$isLoaded('bid')).toBe(false);
    const before = received.length;
    await aborted(task.$load(['name'], { signal: AbortSignal.abort() }));
    await aborted(task.$get('name', { signal: AbortSignal.abort() }));
    expect(received.length).toBe(before);
    expect(await task.$get('name')).toBe('task 0');
    expect((await task.$load('bid')).$isLoaded('bid')).toBe(true);
    await s.close();
  });

  it('a coalesced load goes on for callers that did not abort', async () => {
    const { s, tasks } = await warm();
    holding = true;
    const controller = new AbortController();
    const abortedLoad = tasks[0]!.$get('name', { signal: controller.signal });
    const keptLoad = tasks[1]!.$get('name');
    await batches(1);
    controller.abort();
    await aborted(abortedLoad);
    release();
    expect(await keptLoad).toBe('task 1');
    expect(received).toHaveLength(1); // one shared request, not aborted
    await s.close();
  });

  it('session.ensure: an abort before the commit creates nothing', async () => {
    const { s } = await warm();
    rowCount = 0;
    await abortInFlight((signal) => s.ensure('Task', { name: 'new task' }, ['name'], { signal }));
    expect(s.pending.created).toHaveLength(0);
    expect(s.pending.operations).toHaveLength(0);
    const before = received.length;
    await aborted(s.ensure('Task', { name: 'new task' }, ['name'], { signal: AbortSignal.abort() }));
    expect(received.length).toBe(before);
    await s.close();
  });

  it('session.ensure: an abort while its commit waits for another commit undoes the create', async () => {
    const { s } = await warm();
    rowCount = 0;
    holdCreates = true;
    s.create('Task', { name: 'first' });
    const first = s.commit();
    await batches(1);
    const controller = new AbortController();
    const ensured = s.ensure('Task', { name: 'second' }, ['name'], { signal: controller.signal });
    ensured.catch(() => undefined);
    const deadline = Date.now() + 5_000;
    while (!s.pending.created.some((entity) => (entity as unknown as AnyEntity).name === 'second')) {
      if (Date.now() > deadline) throw new Error('ensure never created its entity');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    await aborted(ensured);
    expect(s.pending.created.some((entity) => (entity as unknown as AnyEntity).name === 'second')).toBe(false);
    holdCreates = false;
    release();
    await first;
    expect(received.filter((batch) => batch.some((op) => op.action === 'create'))).toHaveLength(1);
    await s.close();
  });

  it('query paging: all, first, one, for await and pages()', async () => {
    const { s } = await warm();
    pageTotal = 5;
    await abortInFlight((signal) => s.query('Task', { signal, pageSize: 2 }).all());
    await abortInFlight((signal) => s.query('Task', { signal }).first());
    await abortInFlight((signal) => s.query('Task where id is "t0"', { signal }).one());
    // Aborted between pages: the first page arrived, the second request is aborted.
    const controller = new AbortController();
    const seen: string[] = [];
    const iterate = async () => {
      for await (const task of s.query('Task', { signal: controller.signal, pageSize: 2 })) {
        seen.push(task.id as string);
        if (seen.length === 2) {
          holding = true;
          const sent = received.length;
          setImmediate(() => void batches(sent + 1).then(() => controller.abort()));
        }
      }
    };
    await aborted(iterate());
    expect(seen).toEqual(['t0', 't1']);
    release();
    holding = false;
    const pages = async () => {
      for await (const page of s.query('Task', { signal: AbortSignal.abort(), pageSize: 2 }).pages()) expect(page).toBeUndefined();
    };
    await aborted(pages());
    await s.close();
  });

  it('session.ready: the shared start-up batch is aborted only when every waiting caller aborts', async () => {
    const s = session({ schema: false });
    await abortInFlight((signal) => s.ready({ signal }));
    expect(() => s.schema).toThrow(); // nothing half-applied
    // Two callers: one aborts, the other still gets the schema from the same single request.
    holding = true;
    const controller = new AbortController();
    const first = s.ready({ signal: controller.signal });
    const second = s.ready();
    const sent = received.length;
    await batches(sent + 1);
    controller.abort();
    await aborted(first);
    release();
    await second;
    expect(received.length).toBe(sent + 1);
    expect(s.schema.types.size).toBeGreaterThan(0);
    await s.close();
    // A query on a session still fetching its schema: the signal also covers that start-up batch.
    const fresh = session({ schema: false });
    await abortInFlight((signal) => fresh.query('Task', { signal }).all());
    await abortInFlight((signal) => fresh.get('Task', 't0', { signal }));
    expect(await fresh.query('Task').all()).toHaveLength(2);
    await fresh.close();
  });

  it('session.call and session.commit', async () => {
    const { s } = await warm();
    await abortInFlight((signal) => s.call([{ action: 'query', expression: 'select id from Task' }], { signal }));
    s.create('Task', { name: 'pending' });
    const before = received.length;
    await aborted(s.commit({ signal: AbortSignal.abort() }));
    expect(received.length).toBe(before);
    expect(s.pending.created).toHaveLength(1);
    await s.close();
  });

  it('the transport: a signal aborts the exchange', async () => {
    const transport = new UndiciTransport({ serverUrl: url, apiUser: 'abort', apiKey: 'abort-key-7e1b93' });
    await abortInFlight((signal) => transport.send({ operations: [{ action: 'query', expression: 'select id from Task' }], signal }));
    await aborted(transport.send({ operations: [{ action: 'query', expression: 'select id from Task' }], signal: AbortSignal.abort() }));
    await transport.close();
  });
});
