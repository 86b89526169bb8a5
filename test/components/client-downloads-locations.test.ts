import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ArgumentError,
  BaseEntity,
  FileTransferError,
  LocationError,
  RequestAbortedError,
  Session,
  standardStructure,
  idStructure,
  sessionFiles,
  type AnyEntity,
} from '../../runtime/index.js';
import { Session as BrowserSession } from '../../runtime/browser.js';
import type { ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING } from '../support/shared.js';
import { bytesOf, sameBytes, spySession, startFileServer, tempFolder, type SpyHttp } from './client-support.js';

// Issue 15, item 1: downloads to disk, URLs, thumbnails, encodeMedia jobs and locations
// (ftrack.unmanaged, disk with a prefix and a structure), and the browser-side files API (fetch).
if (!hasShared) console.warn(`[skip] files client tests: ${SHARED_MISSING}`);

const UNMANAGED_ID = 'cb268ecc-8809-11e3-a7e2-20c9d081909b';
const PNG_2x2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
const json = (row: AnyEntity) => (row as unknown as BaseEntity).toJSON();

describe.skipIf(!hasShared)('files client: downloads, URLs, thumbnails, encodeMedia, locations', () => {
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

  it('download streams to the target with monotone progress; an aborted download leaves neither the target nor a partial file', async () => {
    open();
    const bytes = bytesOf(3 * 1024 * 1024, 5);
    const component = await session.createComponent(bytes, { name: 'big.bin' });
    const target = join(folder.path, 'big.bin');
    const seen: number[] = [];
    const totals = new Set<number | undefined>();
    const done = await session.download(component, target, { onProgress: ({ loaded, total }) => {
      totals.add(total);
      seen.push(loaded);
    } });
    expect([...totals]).toEqual([bytes.length]);
    expect(done.bytes).toBe(bytes.length);
    expect(sameBytes(new Uint8Array(readFileSync(target)), bytes)).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(bytes.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);

    const controller = new AbortController();
    const aborted = join(folder.path, 'aborted.bin');
    const error = await session
      .download(component, aborted, { signal: controller.signal, onProgress: () => controller.abort(new Error('stop')) })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(existsSync(aborted)).toBe(false);
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.part'))).toEqual([]);

    // a progress callback that throws fails the download the same way (no crash, no partial file)
    const failed = join(folder.path, 'failed.bin');
    const thrown = new Error('progress handler failed');
    const failure = await session
      .download(component, failed, { onProgress: () => { throw thrown; } })
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(FileTransferError);
    expect((failure as FileTransferError).cause).toBe(thrown);
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('download, componentLocations and filesystemPath refuse an entity of another session alike (ArgumentError), writing nothing', async () => {
    open();
    const component = await session.createComponent(bytesOf(100, 3), { name: 'own.bin' });
    await using other = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    const foreign = await other.query(`select id from FileComponent where id is "${String(component.id)}"`).one();
    const refusal = (what: string) => `session.${what}() takes entities of this session.`;
    const listed = await session.componentLocations(foreign).then(() => undefined, (e: unknown) => e);
    expect(listed).toBeInstanceOf(ArgumentError);
    expect((listed as ArgumentError).message).toBe(refusal('componentLocations'));
    const target = join(folder.path, 'foreign.bin');
    const downloaded = await session.download(foreign, target).then(() => undefined, (e: unknown) => e);
    expect(downloaded).toBeInstanceOf(ArgumentError);
    expect((downloaded as ArgumentError).message).toBe(refusal('download'));
    expect(existsSync(target)).toBe(false);
    const nas = session.locations.disk('studio.foreign', { prefix: join(folder.path, 'foreign-nas'), structure: 'id' });
    const located = await nas.filesystemPath(foreign).then(() => undefined, (e: unknown) => e);
    expect(located).toBeInstanceOf(ArgumentError);
    expect((located as ArgumentError).message).toBe(refusal('filesystemPath'));
    // The same entity in its own session is accepted.
    expect((await other.download(foreign, target)).bytes).toBe(100);
  });

  it('getComponentUrl serves the bytes; an unknown id is a FileTransferError 404', async () => {
    open();
    const component = await session.createComponent(bytesOf(500), { name: 'u.bin' });
    const response = await fetch(session.getComponentUrl(String(component.id)));
    expect(response.status).toBe(200);
    expect(sameBytes(new Uint8Array(await response.arrayBuffer()), bytesOf(500))).toBe(true);
    await expect(session.download('0000', join(folder.path, 'none'))).rejects.toBeInstanceOf(FileTransferError);
  });

  it('createThumbnail uploads to ftrack.server and sets thumbnail_id; thumbnailUrl serves it scaled; no thumbnail → placeholder', async () => {
    open();
    const [users] = await session.call([{ action: 'query', expression: 'select id, thumbnail_id from User' }]);
    const user = users.data[0]!;
    const placeholder = await session.thumbnailUrl(null);
    expect(placeholder).toBe(`${server.url}/img/thumbnail2.png`);
    const component = await session.createThumbnail(user, new Uint8Array(PNG_2x2), { name: 'thumb.png' });
    expect(json(component)).toMatchObject({ name: 'thumb', file_type: '.png', size: PNG_2x2.length });
    expect(user.thumbnail_id).toBe(component.id);
    const [again] = await session.call([{ action: 'query', expression: `select thumbnail_id from User where id is "${String(user.id)}"` }]);
    expect(again.data[0]!.thumbnail_id).toBe(component.id);
    const url = await session.thumbnailUrl(user, { size: 10 });
    expect(url).toContain(`id=${String(component.id)}`);
    expect(url).toContain('size=10');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(session.pending.operations).toEqual([]);
  });

  it('encodeMedia uploads new data and resolves a Job whose done() lists the outputs, each in ftrack.review', async () => {
    open();
    const job = await session.encodeMedia(new Uint8Array(PNG_2x2), { name: 'review.png' });
    const result = await job.done({ pollMs: 20 });
    expect(result.status).toBe('done');
    expect(result.outputs.length).toBeGreaterThan(0);
    expect(result.data).toMatchObject({ keep_original: false, source_component_id: expect.any(String) });
    const ids = result.outputs.map((output) => `"${output.componentId}"`).join(', ');
    const [outputs] = await session.call([{ action: 'query', expression: `select id, component_locations.location.name from Component where id in (${ids})` }]);
    expect(outputs.data).toHaveLength(result.outputs.length);
    // Every output is reviewable: registered in ftrack.review (and served from ftrack.server).
    for (const output of outputs.data) expect(Array.from(output.component_locations as Iterable<AnyEntity>, (link) => (link.location as AnyEntity).name)).toContain('ftrack.review');
    const aborted = new AbortController();
    aborted.abort();
    await expect(job.done({ signal: aborted.signal })).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it('ftrack.unmanaged registers the absolute path and sends no data', async () => {
    open();
    const path = join(folder.path, 'on-nas.exr');
    writeFileSync(path, bytesOf(2048));
    const component = await session.createComponent(path, { location: session.locations.unmanaged });
    expect(spy.http?.seen ?? []).toEqual([]);
    const [rows] = await session.call([{ action: 'query', expression: `select location_id, resource_identifier from ComponentLocation where component_id is "${String(component.id)}"` }]);
    expect(rows.data.map(json)).toEqual([expect.objectContaining({ location_id: UNMANAGED_ID, resource_identifier: path })]);
    await expect(session.createComponent(bytesOf(10), { location: session.locations.unmanaged })).rejects.toBeInstanceOf(LocationError);
    const onServer = await session.createComponent(path);
    expect(await session.componentLocations(component)).toEqual([{ locationId: UNMANAGED_ID, locationName: 'ftrack.unmanaged', resourceIdentifier: path }]);
    expect(await session.componentLocations(String(onServer.id))).toEqual([
      { locationId: '3a372bde-05bc-11e4-8908-20c9d081909b', locationName: 'ftrack.server', resourceIdentifier: onServer.id },
    ]);
  });

  it('a disk location copies under its prefix (id structure), registers the relative path, resolves the file system path, and never overwrites', async () => {
    open();
    const prefix = join(folder.path, 'nas');
    const nas = session.locations.disk('studio.nas', { prefix, structure: 'id' });
    expect(session.locations.disk('studio.nas', { prefix })).toBe(nas);
    const bytes = bytesOf(70_000, 9);
    const component = await session.createComponent(bytes, { name: 'plate.exr', location: nas });
    const path = await nas.filesystemPath(String(component.id));
    const id = String(component.id);
    expect(path).toBe(join(prefix, id[0]!, id[1]!, id[2]!, id[3]!, `${id.slice(4)}.exr`));
    // the entity itself is accepted too (typed as an entity, not only the class instance)
    expect(await nas.filesystemPath(component)).toBe(path);
    expect(sameBytes(new Uint8Array(readFileSync(path)), bytes)).toBe(true);
    const [locations] = await session.call([{ action: 'query', expression: 'select id, name from Location where name is "studio.nas"' }]);
    expect(locations.data).toHaveLength(1);
    // Same id again: the file exists, nothing is registered twice.
    await expect(session.createComponent(bytes, { name: 'plate.exr', location: nas, data: { id } })).rejects.toBeInstanceOf(LocationError);
    expect(() => session.locations.disk('ftrack.mine', { prefix })).toThrow(LocationError);
  });

  it('the standard structure: project/ancestors/asset/v###/name.ext, lower-cased, non-word characters as _', async () => {
    const asked: string[] = [];
    const call = async (operations: { action: string; expression?: string }[]) => {
      asked.push(operations[0]!.expression!);
      return [{ data: [{ version: 3, asset: { name: 'Plate BG', parent: { link: [{ name: 'Big Buck Bunny' }, { name: 'sq010' }, { name: 'SH 010' }] } } }] }];
    };
    const path = await standardStructure({ componentId: 'c1', name: 'Main', fileType: '.EXR', data: { version_id: 'v1' }, call: call as never, signal: undefined });
    expect(path).toBe('big_buck_bunny/sq010/sh_010/plate_bg/v003/main.exr');
    expect(asked).toEqual(['select version, asset.name, asset.parent.link from AssetVersion where id is "v1"']);
    await expect(standardStructure({ componentId: 'c1', name: 'main', fileType: '', data: {}, call: call as never, signal: undefined })).rejects.toBeInstanceOf(LocationError);
    expect(await idStructure({ componentId: 'abcdefgh', name: 'x', fileType: '.png', data: {}, call: call as never, signal: undefined })).toBe('a/b/c/d/efgh.png');
  });

  it('in browsers: sessionFiles(session) uploads a Blob through fetch (the portable Session has no file methods of its own)', async () => {
    const browser = new BrowserSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    try {
      const files = sessionFiles(browser);
      expect(sessionFiles(browser)).toBe(files);
      const bytes = bytesOf(40 * 1024, 4);
      const progress: number[] = [];
      const component = await files.createComponent(new File([bytes], 'web.bin'), { chunkSize: 8 * 1024, onProgress: (p) => progress.push(p.loaded) });
      expect(json(component)).toMatchObject({ name: 'web', file_type: '.bin', size: bytes.length });
      expect(progress.at(-1)).toBe(bytes.length);
      const response = await fetch(files.getComponentUrl(String(component.id)));
      expect(sameBytes(new Uint8Array(await response.arrayBuffer()), bytes)).toBe(true);
      expect('createComponent' in browser).toBe(false);
    } finally {
      await browser.close();
    }
  });

  it('location: null creates the component only', async () => {
    open();
    const component = await session.createComponent(bytesOf(10), { name: 'nowhere.txt', location: null });
    const [rows] = await session.call([{ action: 'query', expression: `select id from ComponentLocation where component_id is "${String(component.id)}"` }]);
    expect(rows.data).toEqual([]);
    expect(spy.http?.seen ?? []).toEqual([]);
  });
});
