import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ConnectionClosedError, InvalidStateError, SchemaError } from '../../runtime/errors.js';
import { Session } from '../../runtime/index.js';
import { MOCK_KEY, mockFtrack, unitSchema } from '../support/fixture-server-mock.js';

const VARS = ['FTRACK_SERVER', 'FTRACK_API_USER', 'FTRACK_API_KEY', 'FTRACK_APIKEY'] as const;
const saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function clearEnv(): void {
  for (const name of VARS) delete process.env[name];
}

describe('Session configuration', () => {
  it('takes serverUrl, apiUser and apiKey from the environment', async () => {
    clearEnv();
    const mock = mockFtrack();
    process.env.FTRACK_SERVER = 'http://ftrack.test/';
    process.env.FTRACK_API_USER = 'env.user';
    process.env.FTRACK_APIKEY = MOCK_KEY;
    const session = new Session({ dispatcher: mock.agent });
    expect(session.serverUrl).toBe('http://ftrack.test/');
    await session.ready();
    expect(mock.batches[0]!.headers).toMatchObject({ 'ftrack-user': 'env.user', 'ftrack-api-key': MOCK_KEY });
    expect(mock.batches[0]!.operations.map((op) => op.action)).toEqual(['query_server_information', 'query_schemas']);
    expect(session.types.size).toBe(7);
  });

  it('names the missing option and its environment variable', () => {
    clearEnv();
    expect(() => new Session({ apiUser: 'u', apiKey: 'k' })).toThrow(ConfigurationError);
    expect(() => new Session({ apiUser: 'u', apiKey: 'k' })).toThrow(/serverUrl.*FTRACK_SERVER/);
    expect(() => new Session({ serverUrl: 'http://x', apiKey: 'k' })).toThrow(/apiUser.*FTRACK_API_USER/);
    expect(() => new Session({ serverUrl: 'http://x', apiUser: 'u', apiKey: ' ' })).toThrow(/apiKey.*FTRACK_API_KEY/);
    // one message for both entry points: the generated createSession() and the class
    expect(() => new Session({ serverUrl: 'http://x', apiKey: 'k' })).toThrow(
      'Missing apiUser: set the environment variable FTRACK_API_USER, or pass `apiUser` in the session options: createSession({ apiUser }) or new Session({ apiUser }).',
    );
  });

  it('never shows the API key', () => {
    const mock = mockFtrack();
    const session = new Session(mock.options);
    expect(inspect(session, { depth: 8, showHidden: true })).not.toContain(MOCK_KEY);
    expect(JSON.stringify(session)).not.toContain(MOCK_KEY);
    expect(Object.values(session).join(' ')).not.toContain(MOCK_KEY);
  });
});

describe('Session schema and lifecycle', () => {
  it('without generated schema, types wait for ready()', async () => {
    const mock = mockFtrack();
    const session = new Session(mock.options);
    expect(() => session.types).toThrow(InvalidStateError);
    await Promise.all([session.ready(), session.ready()]);
    expect(mock.batches).toHaveLength(1);
    expect([...session.types.keys()]).toContain('Task');
    expect(session.serverInformation?.version).toBe('4.13.8');
  });

  it('with generated schema, types are there at once and the first request asks for server information', async () => {
    const mock = mockFtrack();
    const warnings: string[] = [];
    const session = new Session({ ...mock.options, schema: { schemaHash: 'old-hash', schemas: unitSchema() }, logger: { warn: (m) => warnings.push(m) } });
    expect(session.types.get('Task')?.primaryKey).toEqual(['id']);
    await session.query('Task').all();
    await session.query('Task').all();
    expect(mock.batches.map((b) => b.operations.map((op) => op.action))).toEqual([['query_server_information', 'query'], ['query']]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('old-hash');
    expect(warnings[0]).not.toContain(MOCK_KEY);
  });

  it('strictSchemaHash turns a mismatch into SchemaError before any query is sent', async () => {
    const mock = mockFtrack();
    const session = new Session({ ...mock.options, schema: { schemaHash: 'old-hash', schemas: unitSchema() }, strictSchemaHash: true });
    await expect(session.query('Task').all()).rejects.toThrow(SchemaError);
    await expect(session.call([{ action: 'query', expression: 'select id from Task' }])).rejects.toThrow(SchemaError);
    expect(mock.queries()).toEqual([]);
  });

  it('close() is idempotent, supports await using and stops all I/O', async () => {
    const mock = mockFtrack();
    let outer: Session | undefined;
    {
      await using session = new Session(mock.options);
      outer = session;
      await session.ready();
      expect(session.closed).toBe(false);
    }
    expect(outer.closed).toBe(true);
    await outer.close();
    const sent = mock.batches.length;
    await expect(outer.query('Task').all()).rejects.toThrow(ConnectionClosedError);
    await expect(outer.call([{ action: 'query_schemas' }])).rejects.toThrow(ConnectionClosedError);
    await expect(outer.get('Task', 'x')).rejects.toThrow(ConnectionClosedError);
    await expect(outer.ready()).rejects.toThrow(ConnectionClosedError);
    expect(mock.batches).toHaveLength(sent);
  });
});
