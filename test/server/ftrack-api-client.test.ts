import { Session } from '@ftrack/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';

// The official JS client against the local server, as a user's test setup would use it.
let server: ServerHandle;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('@ftrack/api 1.11.2 against the local server', () => {
  it('initialises, queries, creates, updates and deletes', async () => {
    const session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
    expect(session.getPrimaryKeyAttributes('Task')).toEqual(['id']);

    const projects = await session.query('select name, status from Project');
    expect(projects.data.map((p) => p.name)).toContain('test');
    expect(projects.metadata.next.offset).toBeNull();

    const project = projects.data.find((p) => p.name === 'test')!;
    const created = await session.create('Sequence', { name: 'from-js-client', parent_id: project.id });
    const id = created.data.id as string;
    expect(created.data).toMatchObject({ __entity_type__: 'Sequence', name: 'from-js-client', project_id: project.id });

    const nested = await session.query(`select name, status.name, parent.name from Sequence where id is "${id}"`);
    expect(nested.data[0]).toMatchObject({ name: 'from-js-client', parent: { name: 'test' } });
    expect(typeof nested.data[0]!.status.name).toBe('string');

    await session.update('Sequence', id, { name: 'renamed-by-js' });
    expect((await session.query(`select name from Sequence where id is "${id}"`)).data[0]!.name).toBe('renamed-by-js');

    const deleted = await session.delete('Sequence', [id]);
    expect(deleted.data).toBe(true);
    expect((await session.query(`select id from Sequence where id is "${id}"`)).data).toHaveLength(0);

    const dates = await session.query('select start_date from Project where name is "test"');
    expect((dates.data[0]!.start_date as { toISOString(): string }).toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('sees a bad key rejected', async () => {
    const session = new Session(server.url, server.apiUser, 'not-the-key', { autoConnectEventHub: false });
    await expect(session.initializing).rejects.toThrow(/API key is not valid/);
  });

  it('maps validation errors to ServerValidationError', async () => {
    const session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
    await expect(session.create('Task', { no_such_attribute: 1 })).rejects.toMatchObject({ name: 'ServerValidationError' });
  });
});
