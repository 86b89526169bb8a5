import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerPermissionDeniedError, Session } from 'ftrack-codegen';
import { demoData } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query, type QueryAnswer } from './support/api-client.js';
import { ref } from './support/demo-server.js';
import { runServe } from './support/run-serve.js';

// Spec 7.20: a read-only user authenticates and reads; any batch with a write fails as a whole
// with PermissionError (HTTP 200, or 403 under strict API).
const seed = demoData();
const viewer = { apiUser: 'viewer', apiKey: 'viewer-secret-key' };
let server: ServerHandle;
let asViewer: { url: string; apiUser: string; apiKey: string };
beforeAll(async () => {
  server = await startServer({ readOnlyUsers: [viewer] });
  asViewer = { url: server.url, ...viewer };
});
afterAll(() => server.close());

const project = () => seed.entities.Project![0]!;
const task = () => seed.entities.Task![0]!;
type ErrorBody = { exception: string; content: string; error_code: string | null };

describe('read-only users', () => {
  it('can query, query_schemas and query_server_information', async () => {
    const { status, body } = await callApi<unknown[]>(asViewer, [
      { action: 'query_server_information' },
      { action: 'query_schemas' },
      { action: 'query', expression: 'select id, name from Task' },
    ]);
    expect(status).toBe(200);
    expect(body).toHaveLength(3);
    expect((body[0] as { schema_hash: string }).schema_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(Array.isArray(body[1])).toBe(true);
    expect((body[2] as QueryAnswer).data).toHaveLength(seed.entities.Task!.length);
  });

  it('a batch with a write fails with PermissionError (HTTP 200), naming the operation, and writes nothing', async () => {
    const before = await query(server, 'select id, name from Context');
    const { status, body } = await callApi<ErrorBody>(asViewer, [
      { action: 'query', expression: 'select id from Project' },
      { action: 'update', entity_type: 'Task', entity_key: task().id, entity_data: { name: 'viewer was here' } },
      { action: 'create', entity_type: 'Sequence', entity_data: { name: 'nope', parent: ref('Project', project().id) } },
    ]);
    expect(status).toBe(200);
    expect(body).toEqual({ exception: 'PermissionError', content: expect.stringMatching(/^Operation 1 failed: .*read-only.*update on Task/), error_code: 'read_only_user' });
    expect(body.content).not.toContain(viewer.apiKey);
    expect(await query(server, 'select id, name from Context')).toEqual(before);
  });

  it('answers 403 under strict API, for create and delete too', async () => {
    for (const operation of [
      { action: 'create', entity_type: 'Sequence', entity_data: { name: 'nope', parent: ref('Project', project().id) } },
      { action: 'delete', entity_type: 'Task', entity_key: [task().id] },
    ]) {
      const { status, body } = await callApi<ErrorBody>(asViewer, [operation], { 'ftrack-strict-api': 'true' });
      expect(status).toBe(403);
      expect(body.exception).toBe('PermissionError');
      expect(body.content).toContain(`${operation.action} on ${operation.entity_type}`);
    }
    expect((await query(server, `select id from Task where id is "${task().id}"`)).data).toHaveLength(1);
    expect((await query(server, 'select id from Sequence where name is "nope"')).data).toHaveLength(0);
  });

  it('the main user still writes; a wrong read-only key is InvalidCredentialsError', async () => {
    const { body } = await callApi<unknown[]>(server, [{ action: 'update', entity_type: 'Task', entity_key: task().id, entity_data: { name: 'admin rename' } }]);
    expect(Array.isArray(body)).toBe(true);
    const wrong = await callApi<ErrorBody>({ ...asViewer, apiKey: 'not-the-key' }, [{ action: 'query', expression: 'select id from Task' }]);
    expect(wrong.status).toBe(401);
    expect(wrong.body.exception).toBe('InvalidCredentialsError');
  });

  it('the runtime Session maps the refusal to ServerPermissionDeniedError', async () => {
    const session = new Session({ serverUrl: server.url, apiUser: viewer.apiUser, apiKey: viewer.apiKey });
    try {
      expect(await session.query('select id from Project').all()).toHaveLength(seed.entities.Project!.length);
      const refused = session.call([{ action: 'delete', entity_type: 'Task', entity_key: [task().id] }]);
      await expect(refused).rejects.toBeInstanceOf(ServerPermissionDeniedError);
      await expect(refused).rejects.toThrow(/read-only/);
    } finally {
      await session.close();
    }
  });

  it('rejects a read-only user named like the main user, without echoing keys', async () => {
    await expect(startServer({ apiUser: 'admin', readOnlyUsers: [{ apiUser: 'admin', apiKey: 'hidden-key' }] })).rejects.toThrow(/main API user/);
    await expect(startServer({ readOnlyUsers: [{ apiUser: 'x', apiKey: '' }] })).rejects.toThrow(/non-empty/);
  });
});

describe('ftrack-codegen serve --read-only-user', () => {

  it('accepts the flag repeatedly, lists the users without their keys, and refuses their writes', async () => {
    const run = runServe(['--tasks', '5', '--read-only-user', 'ro1:key-one-secret', '--read-only-user', 'ro2:key:two-secret']);
    try {
      await run.started;
      const url = /listening on (http:\/\/\S+)/.exec(run.output())![1]!;
      expect(run.output()).toContain('read-only users: ro1, ro2');
      expect(run.output()).not.toMatch(/key-one-secret|two-secret/);
      const read = await callApi<QueryAnswer[]>({ url, apiUser: 'ro2', apiKey: 'key:two-secret' }, [{ action: 'query', expression: 'select id from Task' }]);
      expect(read.body[0]!.data).toHaveLength(5);
      const write = await callApi<ErrorBody>({ url, apiUser: 'ro1', apiKey: 'key-one-secret' }, [{ action: 'delete', entity_type: 'Task', entity_key: [read.body[0]!.data[0]!.id] }]);
      expect(write.body.exception).toBe('PermissionError');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('reports a malformed value in one line without echoing it', async () => {
    const run = runServe(['--read-only-user', 'no-colon-secret']);
    await expect(run.started).rejects.toThrow();
    expect(await run.exited).toBe(1);
    expect(run.errors()).toMatch(/--read-only-user needs USER:KEY/);
    expect(run.errors()).not.toContain('no-colon-secret');
  });
});
