import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSchemaHash } from '../../runtime/schema/index.js';
import { demoSchema } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi } from './support/api-client.js';

let server: ServerHandle;
beforeAll(async () => {
  server = await startServer({ apiUser: 'tester', apiKey: 'secret-key-123', bodyLimit: 64 * 1024 });
});
afterAll(() => server.close());

type ErrorBody = { exception: string; content: string; error_code: string | null };
const STRICT = { 'ftrack-strict-api': 'true' };

describe('HTTP surface', () => {
  it('only POST /api: other paths 404, other methods 405', async () => {
    const other = await fetch(`${server.url}/nope`, { method: 'POST', body: '[]' });
    expect(other.status).toBe(404);
    const get = await fetch(`${server.url}/api`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(((await get.json()) as ErrorBody).exception).toBe('ValidationError');
  });

  it('checks credentials on every request (401 InvalidCredentialsError, any header case)', async () => {
    const bad = await callApi<ErrorBody>({ ...server, apiKey: 'wrong' }, [{ action: 'query_schemas' }]);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ exception: 'InvalidCredentialsError', error_code: null });
    expect(bad.body.content).not.toContain('secret-key-123');
    const wrongUser = await callApi<ErrorBody>({ ...server, apiUser: 'other' }, [{ action: 'query_schemas' }]);
    expect(wrongUser.status).toBe(401);
    const upper = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'Ftrack-User': 'tester', 'FTRACK-API-KEY': 'secret-key-123', 'ftrack-pushtoken': 'undefined' },
      body: '[{"action":"query_schemas","metadata":{}}]',
    });
    expect(upper.status).toBe(200);
  });

  it('never shows the API key through util.inspect or JSON', () => {
    expect(server.apiKey).toBe('secret-key-123');
    expect(inspect(server, { showHidden: true, depth: 5 })).not.toContain('secret-key-123');
    expect(JSON.stringify(server)).not.toContain('secret-key-123');
  });

  it('answers query_server_information and query_schemas', async () => {
    const { body } = await callApi<unknown[]>(server, [{ action: 'query_server_information' }, { action: 'query_schemas' }]);
    expect(body[0]).toEqual({
      version: 'dev',
      schema_hash: computeSchemaHash(demoSchema),
      is_timezone_support_enabled: true,
      storage_scenario: { scenario: 'ftrack.automatic', data: {} },
    });
    expect(body[1]).toEqual(JSON.parse(JSON.stringify(demoSchema)));
    const picked = await callApi<Record<string, unknown>[]>(server, [{ action: 'query_server_information', values: ['schema_hash', 'week_startday'] }]);
    expect(Object.keys(picked.body[0]!).sort()).toEqual(['schema_hash', 'version', 'week_startday']);
  });

  it('bad bodies become error objects, never a crash (HTTP 200 without strict API)', async () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ action: 'query' }, /JSON array/],
      [[{ expression: 'x' }], /no "action"/],
      [[42], /must be an object/],
      [[{ action: 'frobnicate' }], /Invalid action 'frobnicate'/],
      [[{ action: 'query' }], /"expression"/],
      [[{ action: 'create', entity_type: 'Nope', entity_data: {} }], /Unknown entity type "Nope"/],
      [[{ action: 'create', entity_type: 'Priority' }], /entity_data/],
      [[{ action: 'update', entity_type: 'Priority', entity_key: 5, entity_data: { name: 1 } }], /does not exist|expected a string/],
    ];
    for (const [body, message] of cases) {
      const response = await callApi<ErrorBody>(server, body);
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(response.body.content, JSON.stringify(body)).toMatch(message);
    }
    const alive = await callApi<unknown[]>(server, [{ action: 'query_server_information' }]);
    expect(alive.status).toBe(200);
  });

  it('strict API maps exceptions to status codes', async () => {
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'ValidationError'],
      [[{ action: 'query', expression: 'select from' }], 400, 'ParseError'],
      [[{ action: 'query', expression: 'select nope from Task' }], 400, 'ValidationError'],
      [[{ action: 'frobnicate' }], 404, 'ServerError'],
      [[{ action: 'create', entity_type: 'Priority', entity_data: { id: 'dup-1' } }, { action: 'create', entity_type: 'Priority', entity_data: { id: 'dup-1' } }], 409, 'DuplicateEntryError'],
    ];
    for (const [body, status, exception] of cases) {
      const response = await callApi<ErrorBody>(server, body, STRICT);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.exception).toBe(exception);
    }
    const badKey = await callApi<ErrorBody>({ ...server, apiKey: 'x' }, [], STRICT);
    expect(badKey.status).toBe(401);
    const nonStrict = await callApi<ErrorBody>(server, [{ action: 'query', expression: 'select from' }]);
    expect(nonStrict.status).toBe(200);
    expect(nonStrict.body.exception).toBe('ParseError');
  });

  it('group by needs strict API', async () => {
    const plain = await callApi<ErrorBody>(server, [{ action: 'query', expression: 'select count(id) from Task group by status_id' }]);
    expect(plain.body.content).toMatch(/strict API/);
    const notAllowed = await callApi<ErrorBody>(server, [{ action: 'query', expression: 'select count(id) from User' }], STRICT);
    expect(notAllowed.body.content).toMatch(/does not support "group by"/);
  });

  it('rejects bodies over the limit with 413', async () => {
    const huge = JSON.stringify([{ action: 'query', expression: `select name from Task where name is "${'x'.repeat(70 * 1024)}"` }]);
    const response = await fetch(`${server.url}/api`, {
      method: 'POST',
      headers: { 'ftrack-user': 'tester', 'ftrack-api-key': 'secret-key-123', 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).content).toMatch(/exceeds the limit/);
    const alive = await callApi<unknown[]>(server, [{ action: 'query_schemas' }]);
    expect(alive.status).toBe(200);
  });

  it('several servers run in one process with their own state', async () => {
    const other = await startServer({ apiKey: 'k2' });
    try {
      expect(other.url).not.toBe(server.url);
      await callApi(other, [{ action: 'create', entity_type: 'Priority', entity_data: { id: 'only-in-other', name: 'x' } }]);
      const here = await callApi<{ data: unknown[] }[]>(server, [{ action: 'query', expression: 'select id from Priority where id is "only-in-other"' }]);
      const there = await callApi<{ data: unknown[] }[]>(other, [{ action: 'query', expression: 'select id from Priority where id is "only-in-other"' }]);
      expect(here.body[0]!.data).toHaveLength(0);
      expect(there.body[0]!.data).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
