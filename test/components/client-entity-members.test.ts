import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocationError, Session, type AnyEntity, type ComponentMembers } from '../../runtime/index.js';
import { Session as BrowserSession } from '../../runtime/browser.js';
import type { ServerHandle } from '../../server/index.js';
import { hasShared, SHARED_MISSING } from '../support/shared.js';
import { bytesOf, sameBytes, startFileServer, tempFolder } from './client-support.js';

// Issue 15, item 1: `component.$url({ location })` and `component.$locations()` on the entity
// objects of the schema's Component family (FileComponent, ContainerComponent, SequenceComponent),
// and the ftrack.review / ftrack.origin locations they read from.
if (!hasShared) console.warn(`[skip] files entity members tests: ${SHARED_MISSING}`);

const SERVER_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';
const REVIEW_ID = 'cd41be70-8809-11e3-b98a-20c9d081909b';
const ORIGIN_ID = 'ce9b348f-8809-11e3-821c-20c9d081909b';

describe.skipIf(!hasShared)('component entities: $url, $locations; ftrack.review and ftrack.origin', () => {
  let server: ServerHandle;
  let session: Session;
  const folder = tempFolder();
  beforeAll(async () => {
    server = await startFileServer();
    session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    folder.remove();
  });

  it('$url() is the ftrack.server URL (no request) and serves the bytes; $locations() lists the registrations', async () => {
    const bytes = bytesOf(1200, 3);
    const component = await session.createComponent(bytes, { name: 'a.bin' });
    const url = await component.$url();
    expect(url).toBe(session.getComponentUrl(String(component.id)));
    expect(sameBytes(new Uint8Array(await (await fetch(url)).arrayBuffer()), bytes)).toBe(true);
    expect(await component.$url({ location: session.locations.server })).toBe(url);
    expect(await component.$locations()).toEqual([{ locationId: SERVER_ID, locationName: 'ftrack.server', resourceIdentifier: component.id }]);
    expect(await component.$locations()).toEqual(await session.componentLocations(component));
  });

  it('the members are on every type of the Component family, read from queries too, and on no other type', async () => {
    const created = await session.createComponent(bytesOf(10), { name: 'q.bin' });
    // A polymorphic query on Component: the concrete FileComponent object has them.
    const [row] = await session.query(`select id from Component where id is "${String(created.id)}"`).all();
    expect(row!.$type).toBe('FileComponent');
    expect(await (row as unknown as ComponentMembers).$url()).toBe(session.getComponentUrl(String(created.id)));
    const { container, members } = await session.createContainer([{ source: bytesOf(5), name: '0001' }, { source: bytesOf(6), name: '0002' }], { name: 'plate.exr', padding: 4 });
    expect(container.$type).toBe('SequenceComponent');
    const sequence = container as AnyEntity & ComponentMembers;
    expect((await sequence.$locations()).map((entry) => entry.locationName)).toEqual(['ftrack.server']);
    expect(await sequence.$url()).toBe(session.getComponentUrl(String(container.id)));
    expect((await members[0]!.$locations()).map((entry) => entry.locationId)).toEqual([SERVER_ID]);
    const bundle = await session.createContainer([{ source: bytesOf(7), name: 'a' }], { name: 'bundle' });
    expect(bundle.container.$type).toBe('ContainerComponent');
    expect(typeof (bundle.container as AnyEntity & ComponentMembers).$url).toBe('function');
    // Not a component: no members (nor a property that could shadow an attribute).
    const [user] = await session.query('select id from User').all();
    const [location] = await session.query('select id from Location').all();
    expect(user?.$type).toBe('User');
    expect(location?.$type).toBe('Location');
    for (const entity of [user!, location!]) {
      expect('$url' in entity).toBe(false);
      expect('$locations' in entity).toBe(false);
    }
    // Not enumerable, not assignable, not in the JSON.
    expect(Object.keys(created)).not.toContain('$url');
    expect(JSON.stringify(created)).not.toContain('$url');
  });

  it('$url({ location }) of a location the component is not in is a LocationError', async () => {
    const component = await session.createComponent(bytesOf(10), { name: 'only-server.bin' });
    await expect(component.$url({ location: session.locations.unmanaged })).rejects.toBeInstanceOf(LocationError);
    await expect(component.$url({ location: session.locations.review })).rejects.toBeInstanceOf(LocationError);
    await expect(component.$url({ location: session.locations.origin })).rejects.toBeInstanceOf(LocationError);
  });

  it('ftrack.unmanaged and disk locations give file: URLs of the file', async () => {
    const path = join(folder.path, 'with space #1.exr');
    writeFileSync(path, bytesOf(300, 8));
    const unmanaged = await session.createComponent(path, { location: session.locations.unmanaged });
    const fileUrl = await unmanaged.$url({ location: session.locations.unmanaged });
    expect(fileUrl.startsWith('file://')).toBe(true);
    expect(fileURLToPath(fileUrl)).toBe(path);
    const nas = session.locations.disk('members.nas', { prefix: join(folder.path, 'nas'), structure: 'id' });
    const onDisk = await session.createComponent(bytesOf(400, 2), { name: 'd.exr', location: nas });
    const diskUrl = await onDisk.$url({ location: nas });
    expect(fileURLToPath(diskUrl)).toBe(await nas.filesystemPath(onDisk));
    expect(sameBytes(new Uint8Array(readFileSync(fileURLToPath(diskUrl))), bytesOf(400, 2))).toBe(true);
  });

  it('ftrack.review: encodeMedia outputs are read from it (served by the server); a client registers a path or an URL there without copying', async () => {
    const source = bytesOf(900, 6);
    const job = await session.encodeMedia(source, { name: 'review.mov' });
    const { outputs } = await job.done({ pollMs: 20 });
    const [movie] = await session.query(`select id from Component where id is "${outputs[0]!.componentId}"`).all();
    const reviewUrl = await (movie as unknown as ComponentMembers).$url({ location: session.locations.review });
    expect(reviewUrl).toContain('/component/get?');
    expect(sameBytes(new Uint8Array(await (await fetch(reviewUrl)).arrayBuffer()), source)).toBe(true);
    expect((await (movie as unknown as ComponentMembers).$locations()).map((entry) => entry.locationId).sort()).toEqual([SERVER_ID, REVIEW_ID].sort());

    const path = join(folder.path, 'ftrackreview-mp4.mp4');
    writeFileSync(path, bytesOf(50));
    const local = await session.createComponent(path, { name: 'ftrackreview-mp4.mp4', location: session.locations.review });
    expect(await local.$locations()).toEqual([{ locationId: REVIEW_ID, locationName: 'ftrack.review', resourceIdentifier: path }]);
    expect(fileURLToPath(await local.$url({ location: session.locations.review }))).toBe(path);
    const remote = await session.createComponent(bytesOf(5), { name: 'web.mp4', location: session.locations.review.at('https://cdn.example.test/web.mp4') });
    expect(await remote.$url({ location: session.locations.review })).toBe('https://cdn.example.test/web.mp4');
  });

  it('ftrack.origin: the source as given, in this session only; no ComponentLocation', async () => {
    const path = join(folder.path, 'origin.exr');
    writeFileSync(path, bytesOf(64));
    const component = await session.createComponent(path, { location: session.locations.origin });
    expect(await component.$locations()).toEqual([]);
    expect(fileURLToPath(await component.$url({ location: session.locations.origin }))).toBe(path);
    expect(session.locations.origin.path(String(component.id))).toBe(path);
    expect(session.locations.origin.id).toBe(ORIGIN_ID);
    // Another session does not know it.
    await using other = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    const again = await other.query(`select id from FileComponent where id is "${String(component.id)}"`).one();
    await expect((again as unknown as ComponentMembers).$url({ location: other.locations.origin })).rejects.toBeInstanceOf(LocationError);
    // A source without a path needs at(path).
    await expect(session.createComponent(bytesOf(5), { location: session.locations.origin })).rejects.toBeInstanceOf(LocationError);
    const named = await session.createComponent(bytesOf(5), { name: 'x.bin', location: session.locations.origin.at('/mnt/x.bin') });
    expect(await named.$url({ location: session.locations.origin })).toBe('file:///mnt/x.bin');
  });

  it('the browser entry Session has the members too (portable: fetch, no Node code)', async () => {
    await using browser = new BrowserSession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    const created = await session.createComponent(bytesOf(20), { name: 'b.bin' });
    const row = (await browser.query(`select id from FileComponent where id is "${String(created.id)}"`).one()) as AnyEntity & ComponentMembers;
    expect(await row.$url()).toBe(session.getComponentUrl(String(created.id)));
    expect((await row.$locations()).map((entry) => entry.locationName)).toEqual(['ftrack.server']);
  });
});
