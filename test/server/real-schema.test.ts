import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../server/index.js';
import { hasShared, fixturePath, SHARED_MISSING, workspaceASchema } from '../support/shared.js';
import { callApi, query } from './support/api-client.js';
import { batch, failing, ref } from './support/demo-server.js';

// The real 130-type schema served with --schema: verbatim query_schemas and CRUD on its types.
if (!hasShared) console.warn(`[skip] real-schema server tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('server on the real workspace-a schema', () => {
  let server: ServerHandle;
  const TASK_OBJECT_TYPE = '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c';
  beforeAll(async () => {
    // Starts truly empty: the test writes its own reference data (test/fidelity covers the bootstrap).
    server = await startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), bootstrap: false });
  });
  afterAll(() => server?.close());

  it('answers query_schemas with the schema verbatim', async () => {
    const { body } = await callApi<unknown[]>(server, [{ action: 'query_schemas' }]);
    expect(body[0]).toEqual(workspaceASchema());
  });

  it('creates, queries, updates and deletes across its types', async () => {
    await batch(server, [
      { action: 'create', entity_type: 'ProjectSchema', entity_data: { id: 'ps1', name: 'Schema' } },
      { action: 'create', entity_type: 'Project', entity_data: { id: 'p1', name: 'proj', full_name: 'Project', project_schema: ref('ProjectSchema', 'ps1'), status: 'active', context_type: 'show' } },
      { action: 'create', entity_type: 'State', entity_data: { id: 'st1', name: 'Not started', short: 'NOT_STARTED' } },
      // Status.state has no foreign key in this schema: the server keeps it in a hidden column.
      { action: 'create', entity_type: 'Status', entity_data: { id: 's1', name: 'Not started', is_active: true, state: ref('State', 'st1') } },
      { action: 'create', entity_type: 'Type', entity_data: { id: 't1', name: 'Generic', color: '#fff', sort: 0, is_billable: true } },
      { action: 'create', entity_type: 'ObjectType', entity_data: { id: TASK_OBJECT_TYPE, name: 'Task' } },
      { action: 'create', entity_type: 'ObjectType', entity_data: { id: 'e5139355-61da-4c8f-9db4-3abc870166bc', name: 'Sequence' } },
      { action: 'create', entity_type: 'Priority', entity_data: { id: '9661b320-3a0c-11e2-81c1-0800200c9a66', name: 'None' } },
      { action: 'create', entity_type: 'Sequence', entity_data: { id: 'sq1', name: 'sq010', parent: ref('Project', 'p1'), status_id: 's1', type_id: 't1', bid: 0, sort: 0, context_type: 'task' } },
      { action: 'create', entity_type: 'Task', entity_data: { id: 'task1', name: 'comp', parent: ref('Sequence', 'sq1'), status: ref('Status', 's1'), type_id: 't1', bid: 3600, sort: 0, context_type: 'task' } },
      { action: 'create', entity_type: 'User', entity_data: { id: 'u1', username: 'ada', is_active: true } },
      { action: 'create', entity_type: 'Note', entity_data: { id: 'n1', content: 'hello', parent_id: 'task1', parent_type: 'Task', user_id: 'u1' } },
      { action: 'create', entity_type: 'Metadata', entity_data: { parent_id: 'task1', parent_type: 'Task', key: 'fps', value: '24' } },
    ]);
    const tasks = await query(server, 'select name, project_id, status.state.short, parent.name, notes.content, metadata from Task where status.state.short is NOT_STARTED and parent.name is sq010');
    expect(tasks.data).toHaveLength(1);
    expect(tasks.data[0]).toMatchObject({
      __entity_type__: 'Task',
      id: 'task1',
      project_id: 'p1',
      object_type_id: TASK_OBJECT_TYPE,
      status: { state: { short: 'NOT_STARTED' } },
      parent: { __entity_type__: 'Sequence', name: 'sq010' },
      notes: [{ __entity_type__: 'Note', content: 'hello' }],
      metadata: [{ __entity_type__: 'Metadata', key: 'fps', value: '24' }],
    });
    const polymorphic = await query(server, 'select name from TypedContext order by name');
    expect(polymorphic.data.map((r) => r.__entity_type__)).toEqual(['Task', 'Sequence']);
    await batch(server, [{ action: 'update', entity_type: 'Task', entity_key: 'task1', entity_data: { name: 'comp2', bid: 7200 } }]);
    expect((await query(server, 'select name, bid from Task where bid > 3600')).data).toEqual([expect.objectContaining({ name: 'comp2', bid: 7200 })]);
    const immutable = await failing(server, [{ action: 'update', entity_type: 'Task', entity_key: 'task1', entity_data: { object_type_id: 'other' } }]);
    expect(immutable.content).toMatch(/immutable/);
    await batch(server, [{ action: 'delete', entity_type: 'Project', entity_key: ['p1'] }]);
    expect((await query(server, 'select id from Context')).data).toHaveLength(0);
    expect((await query(server, 'select id from Note')).data).toHaveLength(0);
    expect((await query(server, 'select parent_id from Metadata')).data).toHaveLength(0);
  });

  it('accepts filters on relations it cannot join (they match nothing) and rejects unknown attributes', async () => {
    const answer = await query(server, 'select id from Task where lists any () or scopes any (name is x) or custom_attribute_links any ()');
    expect(answer.data).toEqual([]);
    const unknown = await failing(server, [{ action: 'query', expression: 'select id from Task where parent.nope is 1' }]);
    expect(unknown.content).toMatch(/Context has no attribute "nope"/);
  });
});
