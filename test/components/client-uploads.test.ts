import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BaseEntity, FileTransferError, RequestAbortedError, Session, type TransferProgress } from '../../runtime/index.js';
import type { ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING } from '../support/shared.js';
import { bytesOf, sameBytes, spySession, startFileServer, tempFolder, type SpyHttp } from './client-support.js';

// Issue 15, item 1: session.createComponent against the local server (real schema), with the
// injectable file HTTP layer wrapped by a spy that counts PUTs in flight and injects failures.
if (!hasShared) console.warn(`[skip] files client tests: ${SHARED_MISSING}`);

const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';
const KiB = 1024;

describe.skipIf(!hasShared)('createComponent', () => {
  let server: ServerHandle;
  let session: Session;
  let spy: { http?: SpyHttp };
  const folder = tempFolder();

  beforeAll(async () => {
    server = await startFileServer();
  });
  afterAll(async () => {
    await server?.close();
    folder.remove();
  });
  afterEach(async () => {
    await session?.close();
  });
  const open = () => {
    spy = {};
    session = spySession(server, spy);
    return session;
  };
  /** The rows the server holds for a component id: the component and its ComponentLocations. */
  const held = async (id: string) => {
    const [components, locations] = await session.call([
      { action: 'query', expression: `select id, name, file_type, size from FileComponent where id is "${id}"` },
      { action: 'query', expression: `select location_id, resource_identifier from ComponentLocation where component_id is "${id}"` },
    ]);
    return { components: components.data.map((row) => (row as unknown as BaseEntity).toJSON()), locations: locations.data.map((row) => (row as unknown as BaseEntity).toJSON()) };
  };
  const download = async (id: string) => {
    const target = join(folder.path, `${id}.out`);
    await (session as Session).download(id, target);
    return new Uint8Array(readFileSync(target));
  };

  it('single part: bytes and name, one PUT, component and ComponentLocation registered, monotone progress ending at the size', async () => {
    open();
    const bytes = new TextEncoder().encode('{"foo":"bar"}');
    const progress: TransferProgress[] = [];
    const component = await session.createComponent(bytes, { name: 'data.json', onProgress: (p) => progress.push(p) });
    expect(component.$type).toBe('FileComponent');
    expect(component.name).toBe('data');
    expect(component.file_type).toBe('.json');
    expect(component.size).toBe(13);
    expect(spy.http!.seen).toEqual([{ index: 0, size: 13, attempt: 1 }]);
    const rows = await held(String(component.id));
    expect(rows.components).toHaveLength(1);
    expect(rows.locations).toEqual([expect.objectContaining({ location_id: SERVER_LOCATION_ID, resource_identifier: component.id })]);
    expect(sameBytes(await download(String(component.id)), bytes)).toBe(true);
    expect(progress.at(-1)).toEqual({ loaded: 13, total: 13 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThan(progress[i - 1]!.loaded);
  });

  it('multi-part from a file path: parts of chunkSize, at most `concurrency` in flight, bytes equal', async () => {
    open();
    const bytes = bytesOf(10 * 64 * KiB + 123);
    const path = join(folder.path, 'plate.0001.exr');
    writeFileSync(path, bytes);
    spy.http = undefined;
    const progress: number[] = [];
    const createdPromise = session.createComponent(path, { chunkSize: 64 * KiB, concurrency: 3, onProgress: (p) => progress.push(p.loaded) });
    const component = await createdPromise;
    expect(component.name).toBe('plate.0001');
    expect(component.file_type).toBe('.exr');
    expect(component.size).toBe(bytes.length);
    const seen = spy.http!.seen;
    expect(seen).toHaveLength(11);
    expect(seen.map((put) => put.size).sort((a, b) => a - b)).toEqual([123, ...Array(10).fill(64 * KiB)]);
    expect(spy.http!.maxInFlight).toBe(3);
    const rows = await held(String(component.id));
    expect(rows.components).toEqual([expect.objectContaining({ file_type: '.exr', size: bytes.length })]);
    expect(rows.locations).toEqual([expect.objectContaining({ location_id: SERVER_LOCATION_ID, resource_identifier: component.id })]);
    expect(sameBytes(await download(String(component.id)), bytes)).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
  });

  it('a failed part is retried (503, then a network error) and the upload completes', async () => {
    open();
    const bytes = bytesOf(5 * 16 * KiB, 2);
    const component = await (async () => {
      const pending = session.createComponent(bytes, { name: 'retry.bin', chunkSize: 16 * KiB, retry: { baseMs: 1 } });
      // The spy exists once the files API is made (first use); set the fault before any PUT runs.
      await Promise.resolve();
      spy.http!.fault = (put) => (put.index === 1 && put.attempt === 1 ? { status: 503 } : put.index === 3 && put.attempt < 3 ? { error: new Error('socket hang up') } : undefined);
      return pending;
    })();
    const attempts = spy.http!.seen.filter((put) => put.index === 1 || put.index === 3).map((put) => `${put.index}:${put.attempt}`);
    expect(attempts.sort()).toEqual(['1:1', '1:2', '3:1', '3:2', '3:3']);
    expect(sameBytes(await download(String(component.id)), bytes)).toBe(true);
    expect((await held(String(component.id))).locations).toHaveLength(1);
  });

  it('a refused part (403) is not retried: FileTransferError, nothing registered', async () => {
    open();
    const id = randomUUID();
    const pending = session.createComponent(bytesOf(4 * 16 * KiB), { name: 'refused.bin', chunkSize: 16 * KiB, data: { id }, retry: { baseMs: 1 } });
    await Promise.resolve();
    spy.http!.fault = (put) => (put.index === 2 ? { status: 403 } : undefined);
    const error = await pending.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FileTransferError);
    expect(error).toMatchObject({ code: 'FILE_TRANSFER', status: 403, partNumber: 3, attempts: 1, componentId: id });
    expect(await held(id)).toEqual({ components: [], locations: [] });
    expect(session.pending.operations).toEqual([]);
  });

  it('gives up after `retry.attempts` on a part that keeps failing', async () => {
    open();
    const id = randomUUID();
    const pending = session.createComponent(bytesOf(20 * KiB), { name: 'down.bin', data: { id }, retry: { attempts: 3, baseMs: 1 } });
    await Promise.resolve();
    spy.http!.fault = () => ({ status: 500 });
    await expect(pending).rejects.toMatchObject({ code: 'FILE_TRANSFER', status: 500, attempts: 3 });
    expect(spy.http!.seen).toHaveLength(3);
    expect(await held(id)).toEqual({ components: [], locations: [] });
  });

  it('abort mid-upload: RequestAbortedError, parts in flight stopped, no FileComponent and no ComponentLocation', async () => {
    open();
    const id = randomUUID();
    const controller = new AbortController();
    const pending = session.createComponent(bytesOf(8 * 16 * KiB), { name: 'aborted.bin', chunkSize: 16 * KiB, concurrency: 2, data: { id }, signal: controller.signal });
    await Promise.resolve();
    spy.http!.fault = (put) => {
      // Parts 3 and 4 start only once parts 1 and 2 are done: abort while both hang.
      if (put.index === 3) setTimeout(() => controller.abort(new Error('user cancelled')), 5);
      return put.index >= 2 ? { delayMs: 5_000 } : undefined;
    };
    const error = await pending.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    // Parts 3 and 4 were in flight (concurrency 2); none after them was started.
    expect(spy.http!.seen.map((put) => put.index).sort()).toEqual([0, 1, 2, 3]);
    expect(spy.http!.inFlight).toBe(0);
    expect(await held(id)).toEqual({ components: [], locations: [] });
  });

  it('a Readable source is spooled to a temporary file (its size is needed first) and removed afterwards', async () => {
    open();
    const bytes = bytesOf(200 * KiB, 3);
    const chunks = Array.from({ length: 20 }, (_, i) => bytes.subarray(i * 10 * KiB, (i + 1) * 10 * KiB));
    const component = await (session as Session).createComponent(Readable.from(chunks), { name: 'stream.mov', chunkSize: 64 * KiB });
    expect(component.size).toBe(bytes.length);
    expect(component.file_type).toBe('.mov');
    expect(sameBytes(await download(String(component.id)), bytes)).toBe(true);
    expect(spy.http!.seen).toHaveLength(4);
  });

  it('a Blob keeps its File name; `data` attributes are sent with the create', async () => {
    open();
    const file = new File([bytesOf(1000)], 'notes.txt');
    const component = await session.createComponent(file, { data: { name: 'renamed' } });
    expect(component.name).toBe('renamed');
    expect(component.file_type).toBe('.txt');
    expect(sameBytes(await download(String(component.id)), bytesOf(1000))).toBe(true);
  });

  it('an empty file uploads as one PUT of 0 bytes and reports progress 0 of 0', async () => {
    open();
    const progress: TransferProgress[] = [];
    const component = await session.createComponent(new Uint8Array(0), { name: 'empty', onProgress: (p) => progress.push(p) });
    expect(component.size).toBe(0);
    expect(component.file_type).toBe('');
    expect(progress).toEqual([{ loaded: 0, total: 0 }]);
    expect(sameBytes(await download(String(component.id)), new Uint8Array(0))).toBe(true);
  });

  it('the API key appears in no error (a refused PUT, a failed download) though the download URL carries it', async () => {
    open();
    const pending = session.createComponent(bytesOf(100), { name: 'x.bin', retry: { attempts: 1 } });
    await Promise.resolve();
    spy.http!.fault = () => ({ error: new Error(`connect failed for ${server.url}/?apiKey=${server.apiKey}`) });
    const upload = await pending.then(() => undefined, (e: unknown) => e);
    const target = join(folder.path, 'missing.out');
    const down = await (session as Session).download(randomUUID(), target).then(() => undefined, (e: unknown) => e);
    expect(down).toMatchObject({ code: 'FILE_TRANSFER', status: 404 });
    expect(session.getComponentUrl('abc')).toContain(encodeURIComponent(server.apiKey));
    for (const error of [upload, down]) {
      expect(error).toBeInstanceOf(FileTransferError);
      const text = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as Error).cause ?? null)} ${String(((error as Error).cause as Error | undefined)?.message)}`;
      expect(text).not.toContain(server.apiKey);
    }
    expect(readdirSync(folder.path).filter((name) => name.includes('missing'))).toEqual([]);
  });
});

describe.skipIf(!hasShared)('createComponent: the registering batch and the dispatcher', () => {
  let server: ServerHandle;
  const folder = tempFolder();
  beforeAll(async () => {
    server = await startFileServer();
  });
  afterAll(async () => {
    await server?.close();
    folder.remove();
  });

  it('PUTs and downloads go through the session’s undici dispatcher', async () => {
    const methods: string[] = [];
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        methods.push(String(options.method));
        return super.dispatch(options, handler);
      }
    }
    const dispatcher = new CountingAgent();
    const session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, dispatcher });
    try {
      const component = await session.createComponent(bytesOf(3000), { name: 'via.bin', chunkSize: 1000 });
      await session.download(component, join(folder.path, 'via.bin'));
      expect(methods.filter((method) => method === 'PUT')).toHaveLength(3);
      expect(methods.filter((method) => method === 'GET')).toHaveLength(1);
    } finally {
      await session.close();
      await dispatcher.close();
    }
  });

  it('a refused registering batch leaves nothing registered, and a disk location removes its copy', async () => {
    const spy: { http?: SpyHttp } = {};
    const session = spySession(server, spy);
    try {
      const id = randomUUID();
      // The batch refers to a version that does not exist: the server refuses it as a whole.
      const data = { id, version_id: randomUUID() };
      const upload = await session.createComponent(bytesOf(100), { name: 'orphan.bin', data }).then(() => undefined, (e: unknown) => e);
      expect(upload).toMatchObject({ code: expect.stringMatching(/^SERVER_|^COMMIT_/) });
      const [components, locations] = await session.call([
        { action: 'query', expression: `select id from FileComponent where id is "${id}"` },
        { action: 'query', expression: `select id from ComponentLocation where component_id is "${id}"` },
      ]);
      expect([components.data.length, locations.data.length]).toEqual([0, 0]);
      // The bytes were PUT before the refusal: they stay in the server's storage, unreferenced.
      expect(spy.http!.seen).toHaveLength(1);
      const prefix = join(folder.path, 'disk');
      const disk = session.locations.disk('refusing.disk', { prefix, structure: 'id' });
      const copied = await session.createComponent(bytesOf(100), { name: 'orphan.bin', location: disk, data: { id: randomUUID(), version_id: randomUUID() } }).then(() => undefined, (e: unknown) => e);
      expect(copied).toMatchObject({ code: expect.stringMatching(/^SERVER_/) });
      const left = readdirSync(prefix, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(left).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
