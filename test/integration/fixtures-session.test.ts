import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionClosedError,
  InvalidCredentialsError,
  MalformedResponseError,
  MultipleResultsFoundError,
  NoResultFoundError,
  NotLoadedError,
  ServerParseError,
  ServerValidationError,
} from '../../runtime/errors.js';
import { dayjs } from '../../runtime/protocol/datetime.js';
import { Session, type AnyEntity } from '../../runtime/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { hasShared, SHARED_MISSING } from '../support/shared.js';

const AV_QUERY = 'select version, asset.versions.version from AssetVersion where asset_id is_not None limit 1';

describe.skipIf(!hasShared)(`session against the fixture server ${hasShared ? '' : `(${SHARED_MISSING})`}`, () => {
  let server: FixtureServer;
  let session: Session;
  const errors: unknown[] = [];
  const capture = async (promise: Promise<unknown>): Promise<unknown> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    errors.push(error);
    return error;
  };

  beforeAll(async () => {
    server = await startFixtureServer();
    const saved = { s: process.env.FTRACK_SERVER, u: process.env.FTRACK_API_USER, k: process.env.FTRACK_API_KEY };
    process.env.FTRACK_SERVER = `${server.url}/`;
    process.env.FTRACK_API_USER = server.apiUser;
    process.env.FTRACK_API_KEY = server.apiKey;
    try {
      session = new Session();
    } finally {
      for (const [name, value] of [['FTRACK_SERVER', saved.s], ['FTRACK_API_USER', saved.u], ['FTRACK_API_KEY', saved.k]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('creates the session from the environment and lists all 130 types', async () => {
    await session.ready();
    expect(server.requests[0]!.headers['ftrack-user']).toBe(server.apiUser);
    expect(server.requests[0]!.operations.map((op) => op.action)).toEqual(['query_server_information', 'query_schemas']);
    expect(session.types.size).toBe(130);
    expect([...session.types.keys()]).toEqual([...server.schemas.map((s) => (s as { id: string }).id)].sort());
    expect(session.types.get('Task')!.attributes.has('status')).toBe(true);
  });

  it('returns entities whose $keys() are the type attributes', async () => {
    const [project] = await session.query('Project').all();
    const attributes = [...session.types.get('Project')!.attributes.values()].filter((a) => !a.restricted).map((a) => a.name);
    expect(project!.$type).toBe('Project');
    expect(project!.$keys()).toEqual(attributes);
    expect(project!.$keys()).toContain('full_name');
    expect(server.requests.at(-1)!.operations[0]!.expression).toBe('select context_type, id, name from Project limit 500');
  });

  it('keeps identity: the AssetVersion in its own asset.versions, and a project across queries', async () => {
    const [version] = (await session.query(AV_QUERY).all()) as AnyEntity[];
    const asset = version!.asset as AnyEntity & { versions: { at(i: number): unknown; length: number } };
    expect(asset.versions.at(0)).toBe(version);
    expect(asset.versions.length).toBe(3);
    expect((asset.versions.at(1) as AnyEntity).version).toBe(2);
    const first = await session.query('Project where name is "project_1"').one();
    const again = await session.query('select full_name from Project where status is active').all();
    expect(again).toContain(first);
    expect(first.full_name).toBe('Project 1');
    expect(await session.get('Project', first.id as string)).toBe(first);
  });

  it('decodes datetimes to dayjs in UTC', async () => {
    const [task] = await session.query('select name, created_at from Task limit 1').all();
    const created = task!.created_at as dayjs.Dayjs;
    expect(dayjs.isDayjs(created)).toBe(true);
    expect(created.isUTC()).toBe(true);
    expect(created.toISOString()).toBe('2022-10-10T10:12:09.000Z');
  });

  it('pages through 1,234 results with page size 100 in 13 requests', async () => {
    const before = server.requests.length;
    const ids = new Set<string>();
    for await (const task of session.query('select name, status.name from Task', { pageSize: 100 })) ids.add(task.id as string);
    expect(ids.size).toBe(1234);
    expect(server.requests.length - before).toBe(13);
    expect(server.requests.at(-1)!.operations[0]!.expression).toBe('select name, status.name from Task offset 1200 limit 100');
  });

  it('.one() errors and NotLoadedError', async () => {
    expect(await capture(session.query('Project').one())).toBeInstanceOf(MultipleResultsFoundError);
    expect(await capture(session.query('Project where name is "nothing"').one())).toBeInstanceOf(NoResultFoundError);
    const project = await session.query('Project where name is "project_0"').one();
    const read = () => project.root;
    expect(read).toThrow(NotLoadedError);
    errors.push((() => { try { read(); } catch (e) { return e; } })());
    expect(await project.$get('full_name')).toBe('Project 0');
  });

  it('turns server error bodies and malformed bodies into typed errors', async () => {
    expect(await capture(session.query('select nope from Project').all())).toBeInstanceOf(ServerParseError);
    expect(await capture(session.call([{ action: 'fly_to_the_moon' }]))).toMatchObject({ constructor: ServerValidationError, operationIndex: 0 });
    server.respondOnce(200, '<html>Gateway</html>');
    expect(await capture(session.query('Project').all())).toBeInstanceOf(MalformedResponseError);
    server.respondOnce(200, '{"unexpected": true}');
    expect(await capture(session.query('Project').all())).toBeInstanceOf(MalformedResponseError);
    const intruder = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: 'wrong-key-123' });
    const denied = await capture(intruder.ready());
    expect(denied).toBeInstanceOf(InvalidCredentialsError);
    expect(inspect(denied, { depth: 8 })).not.toContain('wrong-key-123');
    await intruder.close();
  });

  it('rejects with ConnectionClosedError after close(), and the key appears in no error', async () => {
    const closing = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
    await closing.close();
    const before = server.requests.length;
    expect(await capture(closing.query('Project').all())).toBeInstanceOf(ConnectionClosedError);
    expect(server.requests.length).toBe(before);
    expect(errors.length).toBeGreaterThanOrEqual(8);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).not.toContain(server.apiKey);
      expect(inspect(error, { depth: 8 })).not.toContain(server.apiKey);
    }
    expect(inspect(session, { depth: 8, showHidden: true })).not.toContain(server.apiKey);
  });
});
