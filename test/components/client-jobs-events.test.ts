import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobFailedError, RequestAbortedError, Session, type HubEvent } from '../../runtime/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { fixturePath, hasShared, SHARED_MISSING } from '../support/shared.js';
import { until } from '../support/until.js';
import { bytesOf, tempFolder } from './client-support.js';

// Issue 15: `job.done({ pollMs, signal })` against a job that goes queued → running → done over
// time on the local server, and `ftrack.location.component-added` published after a registration
// when the session's event hub is connected (spec components.md 4.1/4.2, event-hub.md 6.1).
if (!hasShared) console.warn(`[skip] files jobs and events tests: ${SHARED_MISSING}`);

const SERVER_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';
const TOPIC = 'ftrack.location.component-added';

describe.skipIf(!hasShared)('files client: encodeMedia jobs over time', () => {
  let server: ServerHandle;
  let session: Session;
  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true }, jobs: { queuedMs: 400, runningMs: 400 } });
    session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('done({ pollMs }) polls through queued and running, then resolves with the outputs', async () => {
    const job = await session.encodeMedia(bytesOf(100), { name: 'clip.mov' });
    const statuses: string[] = [];
    const result = await job.done({ pollMs: 20, onStatus: (status) => statuses.push(status) });
    expect(result.outputs.map((output) => output.format)).toEqual(['video/mp4', 'image/png']);
    const distinct = statuses.filter((status, index) => statuses[index - 1] !== status);
    expect(distinct).toEqual(['queued', 'running', 'done']);
    // Polled more than once per status (every 20 ms over 800 ms).
    expect(statuses.length).toBeGreaterThan(5);
  });

  it('an abort while polling rejects with RequestAbortedError and stops polling', async () => {
    const job = await session.encodeMedia(bytesOf(100), { name: 'long.mov' });
    const controller = new AbortController();
    const statuses: string[] = [];
    const waiting = job.done({
      pollMs: 20,
      signal: controller.signal,
      onStatus: (status) => {
        statuses.push(status);
        if (status === 'running') controller.abort(new Error('user cancelled'));
      },
    });
    await expect(waiting).rejects.toBeInstanceOf(RequestAbortedError);
    const polls = statuses.length;
    expect(statuses.at(-1)).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statuses.length).toBe(polls);
    // The job itself goes on: waiting again sees it done.
    expect((await job.done({ pollMs: 20 })).status).toBe('done');
  });

  it('a job that fails rejects with JobFailedError carrying its data', async () => {
    const job = await session.encodeMedia(bytesOf(100), { name: 'gone.mov', keepOriginal: true });
    const [row] = await session.query(`select data from Job where id is "${job.id}"`).all();
    const source = (JSON.parse(String(row!.data)) as { source_component_id: string }).source_component_id;
    expect((await fetch(`${server.url}/component/remove?${new URLSearchParams({ id: source, username: server.apiUser, apiKey: server.apiKey }).toString()}`)).status).toBe(200);
    const error = await job.done({ pollMs: 20 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(JSON.stringify((error as JobFailedError).cause)).toMatch(/removed/);
  });
});

describe.skipIf(!hasShared)('files client: ftrack.location.component-added', () => {
  let server: ServerHandle;
  let listener: Session;
  const seen: { component_id: string; location_id: string }[] = [];
  const folder = tempFolder();
  beforeAll(async () => {
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true } });
    listener = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    listener.eventHub.subscribe(`topic=${TOPIC}`, (event: HubEvent<unknown>) => {
      seen.push(event.data as { component_id: string; location_id: string });
    });
    await listener.eventHub.connect();
    await until(() => server.events.subscriptions().some((s) => s.subscription === `topic=${TOPIC}`), 'the listener’s subscription', 10_000);
  });
  afterAll(async () => {
    await listener?.close();
    await server?.close();
    folder.remove();
  });
  const open = () => new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });

  it('is published after createComponent when the hub is connected; not when it is not (and no connection is opened for it)', async () => {
    await using publisher = open();
    const connections = server.events.connectionCount;
    const silent = await publisher.createComponent(bytesOf(10), { name: 'silent.bin' });
    expect(server.events.connectionCount).toBe(connections);
    await publisher.eventHub.connect();
    const loud = await publisher.createComponent(bytesOf(10), { name: 'loud.bin' });
    await until(() => seen.some((data) => data.component_id === loud.id), 'the event of the second component', 10_000);
    // Events of one publisher arrive in order: the first component's would have come first.
    expect(seen.filter((data) => data.component_id === silent.id)).toEqual([]);
    expect(seen.find((data) => data.component_id === loud.id)).toEqual({ component_id: loud.id, location_id: SERVER_ID });
  });

  it('is published after a disk-location add (with that location’s id) and for each registration of a container', async () => {
    await using publisher = open();
    await publisher.eventHub.connect();
    const nas = publisher.locations.disk('events.nas', { prefix: join(folder.path, 'nas'), structure: 'id' });
    const path = join(folder.path, 'plate.exr');
    writeFileSync(path, bytesOf(64));
    const onDisk = await publisher.createComponent(path, { location: nas });
    const [location] = await publisher.query('select id from Location where name is "events.nas"').all();
    await until(() => seen.some((data) => data.component_id === onDisk.id), 'the disk-location event', 10_000);
    expect(seen.find((data) => data.component_id === onDisk.id)).toEqual({ component_id: onDisk.id, location_id: location!.id });

    const { container, members } = await publisher.createContainer([{ source: bytesOf(5), name: '0001' }, { source: bytesOf(6), name: '0002' }], { name: 'seq.exr', padding: 4 });
    const expected = [...members.map((member) => String(member.id)), String(container.id)];
    await until(() => expected.every((id) => seen.some((data) => data.component_id === id)), 'the container events', 10_000);
    expect(seen.filter((data) => expected.includes(data.component_id)).map((data) => data.location_id)).toEqual([SERVER_ID, SERVER_ID, SERVER_ID]);
  });
});
