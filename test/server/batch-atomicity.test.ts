import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { callApi, query } from './support/api-client.js';
import { failing, ref } from './support/demo-server.js';

const seed = demoData();
let server: ServerHandle;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('atomic batches', () => {
  it('a failing operation undoes every earlier create, update and delete of the batch and names its index', async () => {
    const project = seed.entities.Project![0]!;
    const task = seed.entities.Task![0]!;
    const note = seed.entities.Note![0]!;
    const before = await callApi(server, [
      { action: 'query', expression: 'select id, name from Context' },
      { action: 'query', expression: 'select id, content from Note' },
      { action: 'query', expression: 'select parent_id, key, value from Metadata' },
      { action: 'query', expression: 'select id, duration from Timelog' },
    ]);
    const error = await failing(server, [
      { action: 'create', entity_type: 'Sequence', entity_data: { id: 'atomic-seq', name: 'atomic', parent: ref('Project', project.id) } },
      { action: 'update', entity_type: 'Task', entity_key: task.id, entity_data: { name: 'changed in a failed batch' } },
      { action: 'delete', entity_type: 'Note', entity_key: [note.id] },
      { action: 'delete', entity_type: 'Timelog', entity_key: [seed.entities.Timelog![0]!.id] },
      { action: 'update', entity_type: 'Task', entity_key: task.id, entity_data: { no_such_attribute: 1 } },
    ]);
    expect(error.exception).toBe('ValidationError');
    expect(error.content).toMatch(/^Operation 4 failed: .*no_such_attribute/);
    const after = await callApi(server, [
      { action: 'query', expression: 'select id, name from Context' },
      { action: 'query', expression: 'select id, content from Note' },
      { action: 'query', expression: 'select parent_id, key, value from Metadata' },
      { action: 'query', expression: 'select id, duration from Timelog' },
    ]);
    expect(after.body).toEqual(before.body);
  });

  it('reads inside a batch see the batch\'s own earlier writes', async () => {
    const project = seed.entities.Project![0]!;
    const { body } = await callApi<{ data: unknown }[]>(server, [
      { action: 'create', entity_type: 'Sequence', entity_data: { id: 'visible-seq', name: 'visible', parent: ref('Project', project.id) } },
      { action: 'query', expression: 'select name from Sequence where id is "visible-seq"' },
    ]);
    expect((body[1]!.data as unknown[]).length).toBe(1);
    expect((await query(server, 'select id from Sequence where id is "visible-seq"')).data).toHaveLength(1);
  });
});
