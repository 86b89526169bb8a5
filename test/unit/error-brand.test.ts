/**
 * Errors are branded with `Symbol.for('ftrack-codegen.error')`, so `instanceof` and `isFtrackError`
 * recognise an error made by another installed copy of the package (here: a copy of runtime/ loaded
 * as separate modules, with its own classes).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ours from '../../runtime/index.js';
import {
  CommitRejectedError,
  ConfigurationError,
  FtrackError,
  isFtrackError,
  NetworkError,
  ServerError,
  ServerValidationError,
  TimeoutError,
  TransportError,
} from '../../runtime/errors.js';
import { commitOutcome } from '../../runtime/unit-of-work/commit-outcome.js';

type Package = typeof ours;
const BRAND = Symbol.for('ftrack-codegen.error');
const copyRoot = join(process.cwd(), '.tmp', `error-brand-${process.pid}`);
let other: Package;
let server: Server;
let serverUrl: string;

beforeAll(async () => {
  rmSync(copyRoot, { recursive: true, force: true });
  mkdirSync(copyRoot, { recursive: true });
  cpSync(join(process.cwd(), 'runtime'), join(copyRoot, 'runtime'), { recursive: true });
  other = (await import(pathToFileURL(join(copyRoot, 'runtime', 'index.ts')).href)) as Package;
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ exception: 'ValidationError', content: 'Bad value.', error_code: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(copyRoot, { recursive: true, force: true });
});

/** A loopback URL nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('two copies of the package', () => {
  it('are really two copies: their classes differ', () => {
    expect(other.ServerError).not.toBe(ServerError);
    expect(other.FtrackError).not.toBe(FtrackError);
    expect(Object.getPrototypeOf(new other.ServerError('x'))).not.toBe(ServerError.prototype);
  });

  it("a server error answered through the other copy's transport is our ServerValidationError, and is rejected", async () => {
    const transport = new other.UndiciTransport({ serverUrl, apiUser: 'u', apiKey: 'brand-test-key-1' });
    const error = await rejection(transport.send({ operations: [{ action: 'query', expression: 'select id from Task' }] }));
    await transport.close();
    expect(error).toBeInstanceOf(other.ServerValidationError);
    expect(error).toBeInstanceOf(ServerValidationError);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toBeInstanceOf(FtrackError);
    expect(error).not.toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(CommitRejectedError);
    expect(isFtrackError(error, 'SERVER_VALIDATION')).toBe(true);
    expect(isFtrackError(error, 'SERVER_ERROR')).toBe(true);
    expect(isFtrackError(error, 'TRANSPORT')).toBe(false);
    expect(commitOutcome(error)).toBe('rejected');
  });

  it("a refused connection of the other copy is our NetworkError (a TransportError), so nothing was sent", async () => {
    const transport = new other.UndiciTransport({ serverUrl: await closedPortUrl(), apiUser: 'u', apiKey: 'brand-test-key-2' });
    const error = await rejection(transport.send({ operations: [{ action: 'query_server_information' }] }));
    await transport.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(isFtrackError(error, 'NETWORK')).toBe(true);
    expect(commitOutcome(error)).toBe('not-sent');
  });

  it('a configuration error thrown by the other copy', () => {
    let error: unknown;
    try {
      new other.UndiciTransport({ serverUrl: 'ftp://example.invalid', apiUser: 'u', apiKey: 'k' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).not.toBeInstanceOf(TransportError);
    expect(isFtrackError(error)).toBe(true);
    expect(isFtrackError(error, 'CONFIGURATION')).toBe(true);
    expect(isFtrackError(error, 'ARGUMENT')).toBe(false);
  });

  it('a subclass code answers to its base classes, in both directions', () => {
    const theirs = new other.CommitRejectedError('refused', { operationIndex: 0, action: 'create', entityType: 'Task', primaryKey: ['1'] }, new other.ServerValidationError('bad'));
    expect(theirs).toBeInstanceOf(CommitRejectedError);
    expect(theirs).toBeInstanceOf(ServerError);
    expect(theirs).not.toBeInstanceOf(ServerValidationError);
    const mine = new CommitRejectedError('refused', { operationIndex: 0, action: 'create', entityType: 'Task', primaryKey: ['1'] }, new ServerValidationError('bad'));
    expect(mine).toBeInstanceOf(other.CommitRejectedError);
    expect(mine).toBeInstanceOf(other.ServerError);
    expect(mine).toBeInstanceOf(other.FtrackError);
    expect(mine).not.toBeInstanceOf(other.TransportError);
    expect(new TimeoutError('slow')).toBeInstanceOf(other.TransportError);
    expect(new TimeoutError('slow')).not.toBeInstanceOf(other.NetworkError);
  });

  it('every class of the other copy is recognised by its counterpart here, and by no unrelated class', () => {
    const pairs = Object.entries(ours).filter(([, value]) => typeof value === 'function' && value.prototype instanceof FtrackError) as [string, typeof FtrackError][];
    const otherClasses = other as unknown as Record<string, typeof FtrackError>;
    expect(pairs.length).toBeGreaterThan(30);
    for (const [name, Class] of pairs) {
      const theirs = Object.create(otherClasses[name]!.prototype) as FtrackError;
      // Built by the other copy's base constructor for that class: carries its brand (codes of its class chain).
      const instance = Reflect.construct(other.FtrackError, ['x'], otherClasses[name]!) as FtrackError;
      expect(instance, name).toBeInstanceOf(Class);
      expect(theirs, `${name} without a brand`).not.toBeInstanceOf(Class);
      if (Class !== ServerError && !(Class.prototype instanceof ServerError)) expect(instance, name).not.toBeInstanceOf(ServerError);
    }
  });
});

describe('the brand', () => {
  it('is a non-enumerable own property: not in keys, JSON or a spread', () => {
    const error = new ServerValidationError('bad', { exception: 'ValidationError', content: 'bad' });
    const descriptor = Object.getOwnPropertyDescriptor(error, BRAND);
    expect(descriptor?.enumerable).toBe(false);
    expect(descriptor?.value).toEqual(['SERVER_VALIDATION', 'SERVER_ERROR', 'FTRACK_ERROR']);
    expect(Object.keys(error)).not.toContain(BRAND.toString());
    expect(Object.getOwnPropertySymbols({ ...error })).not.toContain(BRAND);
  });

  it('is not faked by look-alikes', () => {
    for (const value of [new Error('x'), { code: 'NETWORK' }, null, undefined, 'NETWORK', 42, { [BRAND]: true }, { [BRAND]: [] }]) {
      expect(isFtrackError(value)).toBe(false);
      expect(value instanceof FtrackError).toBe(false);
      expect(value instanceof NetworkError).toBe(false);
    }
  });

  it('a class of our own made by a user keeps ordinary instanceof', () => {
    class MyError extends ServerError {}
    const mine = new MyError('x');
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(ServerError);
    expect(isFtrackError(mine, 'SERVER_ERROR')).toBe(true);
    expect(new ServerError('plain')).not.toBeInstanceOf(MyError);
    expect(new other.ServerError('theirs')).not.toBeInstanceOf(MyError);
  });
});
