import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi } from '../server/support/api-client.js';
import { batch, failing, one, ref } from '../server/support/demo-server.js';
import { hasShared, readFixture, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Issue 10: responses shaped as a real server's; microseconds; creatable base types; reset_remote, get_widget_url.
if (!hasShared) console.warn(`[skip] wire fidelity on workspace-a: ${SHARED_MISSING}`);

const data = (results: Record<string, unknown>[], index = 0) => (results[index] as { data: Record<string, unknown> }).data;

describe.skipIf(!hasShared)('wire fidelity on workspace-a', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema() });
  });
  afterAll(() => server?.close());

  it('a create response has no null-valued keys for unset attributes, like a real one', async () => {
    const real = readFixture<{ data: Record<string, unknown> }>('responses', 'js-client.create_user.json').data;
    const user = data(await batch(server, [{ action: 'create', entity_type: 'User', entity_data: { username: 'u1', first_name: 'first', last_name: 'last' } }]));
    expect(Object.values(user).filter((value) => value === null)).toEqual([]);
    expect('email' in user).toBe(false);
    expect(Object.keys(user).sort()).toEqual(Object.keys(real).sort());
    const updated = data(await batch(server, [{ action: 'update', entity_type: 'User', entity_key: user.id, entity_data: { username: 'u2', email: null } }]));
    expect(updated).toEqual({ __entity_type__: 'User', id: user.id, resource_type: 'user', username: 'u2' });
  });

  it('datetimes keep microseconds (offsets converted), and zero fractions are dropped', async () => {
    const user = (await one(server, `select id from User where username is "${server.apiUser}"`))!;
    const [log, plain] = await batch(server, [
      { action: 'create', entity_type: 'Timelog', entity_data: { start: { __type__: 'datetime', value: '2026-03-01T11:00:00.123456+01:00' }, duration: 60, user: ref('User', user.id) } },
      { action: 'create', entity_type: 'Timelog', entity_data: { start: '2026-03-01T10:00:00.000Z', duration: 30, user: ref('User', user.id) } },
    ]);
    expect(data([log!]).start).toEqual({ __type__: 'datetime', value: '2026-03-01T10:00:00.123456' });
    expect(data([plain!]).start).toEqual({ __type__: 'datetime', value: '2026-03-01T10:00:00' });
    const back = await one(server, `select start from Timelog where id is "${String(data([log!]).id)}"`);
    expect(back!.start).toEqual({ __type__: 'datetime', value: '2026-03-01T10:00:00.123456' });
    const after = await callApi<{ data: unknown[] }[]>(server, [{ action: 'query', expression: 'select id from Timelog where start after "2026-03-01T10:00:00.1"' }]);
    expect(after.body[0]!.data).toHaveLength(1);
  });

  it('base types real servers create directly are creatable; abstract ones are refused', async () => {
    const [container, label] = await batch(server, [
      { action: 'create', entity_type: 'ContainerComponent', entity_data: { name: 'frames' } },
      { action: 'create', entity_type: 'NoteLabel', entity_data: { name: 'Client feedback', color: '#ff0000' } },
    ]);
    expect(data([container!])).toMatchObject({ __entity_type__: 'ContainerComponent', system_type: 'container' });
    expect(data([label!])).toMatchObject({ __entity_type__: 'NoteLabel', name: 'Client feedback' });
    expect((await one(server, `select name from Component where id is "${String(data([container!]).id)}"`))!.__entity_type__).toBe('ContainerComponent');
    const sequence = data(await batch(server, [{ action: 'create', entity_type: 'SequenceComponent', entity_data: { name: 'seq', container: ref('ContainerComponent', data([container!]).id) } }]));
    expect(sequence.system_type).toBe('sequence');
    for (const abstract of ['Context', 'TypedContext', 'Component', 'Resource', 'BaseUser', 'List']) {
      expect((await failing(server, [{ action: 'create', entity_type: abstract, entity_data: { name: 'x' } }])).content).toMatch(/is abstract/);
    }
  });

  it('reset_remote returns a new API key and the old one stops working; other reset types fail', async () => {
    const user = (await one(server, `select id from User where username is "${server.apiUser}"`))!;
    const old = server.apiKey;
    const [answer] = await batch(server, [{ action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: user.id }]);
    expect(answer).toEqual({ action: 'reset_remote', data: { api_key: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const fresh = (answer as { data: { api_key: string } }).data.api_key;
    expect(server.apiKey).toBe(fresh);
    expect((await callApi(server, [{ action: 'query_server_information' }], { 'ftrack-api-key': old })).status).toBe(401);
    const other = await failing(server, [{ action: 'reset_remote', reset_type: 'email', entity_type: 'User', entity_key: user.id }]);
    expect(other).toMatchObject({ exception: 'ServerError' });
  });

  it('get_widget_url answers {widget_url} for a widget and entity', async () => {
    const user = (await one(server, `select id from User where username is "${server.apiUser}"`))!;
    const [answer] = await batch(server, [{ action: 'get_widget_url', name: 'info', theme: 'dark', entity_type: 'User', entity_key: [user.id] }]);
    const url = (answer as { widget_url: string }).widget_url;
    expect(Object.keys(answer!)).toEqual(['widget_url']);
    expect(url.startsWith(`${server.url}/widget/?theme=dark&token=`)).toBe(true);
    expect(url).toContain(`#view=info&entityType=User&entityId=${String(user.id)}`);
    expect((await failing(server, [{ action: 'get_widget_url', theme: 'dark' }])).exception).toBe('ValidationError');
  });
});
