import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSchemas } from '../../runtime/schema/index.js';
import { demoSchema } from '../../server/demo/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { query } from '../server/support/api-client.js';
import { batch, one, ref } from '../server/support/demo-server.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

// Issue 10: a server started on any schema holds what every new ftrack server holds.
if (!hasShared) console.warn(`[skip] bootstrap on workspace-a: ${SHARED_MISSING}`);

const LOCATIONS = ['ftrack.origin', 'ftrack.unmanaged', 'ftrack.review', 'ftrack.server', 'ftrack.connect'];

describe.skipIf(!hasShared)('bootstrap on workspace-a', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ schema: workspaceASchema(), apiUser: 'jane', readOnlyUsers: [{ apiUser: 'viewer', apiKey: 'viewer-key' }] });
  });
  afterAll(() => server?.close());

  it('holds the API users, the built-in locations, the priorities and the four states', async () => {
    expect((await query(server, 'select username, is_active from User order by username')).data.map((u) => [u.username, u.is_active])).toEqual([['jane', true], ['viewer', true]]);
    expect((await query(server, 'select name from Location')).data.map((l) => l.name)).toEqual(LOCATIONS);
    expect((await one(server, 'select id from Location where name is "ftrack.server"'))!.id).toBe('3a372bde-05bc-11e4-8908-20c9d081909b');
    expect((await query(server, 'select name from Priority order by sort')).data.map((p) => p.name)).toEqual(['Urgent', 'High', 'Medium', 'Low', 'None']);
    expect((await one(server, 'select name from Priority where id is "9661b320-3a0c-11e2-81c1-0800200c9a66"'))!.name).toBe('None');
    expect((await query(server, 'select short from State')).data.map((s) => s.short)).toEqual(['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED']);
  });

  it('has an object type for every classifier the schema names, with that id', async () => {
    const model = parseSchemas(workspaceASchema());
    const classifiers = [...model.types.values()].flatMap((t) => t.classifiers.filter((c) => c.attribute === 'object_type_id').map((c) => [c.value, t.name]));
    expect(classifiers).toHaveLength(10);
    const rows = (await query(server, 'select id, name from ObjectType')).data;
    for (const [id, typeName] of classifiers) expect(String(rows.find((r) => r.id === id)?.name).replace(/ /g, '')).toBe(typeName);
  });

  it('ties statuses, types and object types together in a default project schema', async () => {
    const schema = await one(server, 'select name, task_workflow_schema_id, asset_version_workflow_schema_id, task_type_schema_id from ProjectSchema');
    expect(schema?.name).toBe('Default project schema');
    const statuses = await query(server, `select status_id from WorkflowSchemaStatus where workflow_schema_id is "${String(schema!.task_workflow_schema_id)}"`);
    expect(statuses.data.length).toBeGreaterThanOrEqual(5);
    const types = await query(server, `select type_id from TaskTypeSchemaType where task_type_schema_id is "${String(schema!.task_type_schema_id)}"`);
    expect(types.data.length).toBeGreaterThanOrEqual(2);
    expect((await query(server, `select object_type_id from ProjectSchemaObjectType where project_schema_id is "${String(schema!.id)}"`)).data).toHaveLength(10);
    expect((await query(server, 'select name from Status where name is "Not started"')).data).toHaveLength(1);
    expect((await query(server, 'select name from Type where name is "Generic"')).data).toHaveLength(1);
  });

  it('bootstrap: false (--no-bootstrap) starts truly empty', async () => {
    const empty = await startServer({ schema: workspaceASchema(), bootstrap: false });
    try {
      for (const type of ['User', 'Location', 'ObjectType', 'Priority', 'State', 'Status', 'Type', 'ProjectSchema']) {
        expect((await query(empty, `select id from ${type}`)).data).toEqual([]);
      }
    } finally {
      await empty.close();
    }
  });

  it('keeps data files written before: their rows stay, only what is missing is added, nothing twice', async () => {
    const file = join(tempDir('bootstrap'), 'data.json');
    writeFileSync(file, JSON.stringify({ entities: { Priority: [{ id: 'p-own', name: 'Mine', sort: 0 }], Status: [{ id: 's-own', name: 'Custom', is_active: true }] } }));
    const first = await startServer({ schema: workspaceASchema(), data: file });
    const priorities = (await query(first, 'select id, name from Priority')).data.map((p) => p.name);
    expect(priorities).toEqual(['Mine', 'None']);
    expect((await query(first, 'select name from Status')).data.map((s) => s.name)).toEqual(['Custom']);
    await batch(first, [{ action: 'create', entity_type: 'Scope', entity_data: { name: 'saved' } }]);
    await first.close();
    const again = await startServer({ schema: workspaceASchema(), data: file });
    expect((await query(again, 'select id from Location')).data).toHaveLength(5);
    expect((await query(again, 'select id from User')).data).toHaveLength(1);
    expect((await query(again, 'select name from Scope')).data.map((s) => s.name)).toEqual(['saved']);
    expect((await query(again, 'select name from Priority')).data.map((p) => p.name)).toEqual(['Mine', 'None']);
    await again.close();
  });
});

describe('bootstrap on the demo workspace', () => {
  it('the demo schema has Location; the demo server holds the built-in locations and the API user', async () => {
    expect(parseSchemas(demoSchema).types.has('Location')).toBe(true);
    const server = await startServer();
    try {
      expect((await query(server, 'select name from Location')).data.map((l) => l.name)).toEqual(LOCATIONS);
      expect(await one(server, 'select username from User where username is "admin"')).toBeDefined();
      // The demo's own reference data is kept: no second set of statuses or priorities.
      expect((await query(server, 'select id from Status where name is "Not started"')).data).toHaveLength(1);
      expect((await query(server, 'select id from Priority')).data).toHaveLength(5);
      const project = (await one(server, 'select id from Project'))!;
      const [created] = await batch(server, [{ action: 'create', entity_type: 'Sequence', entity_data: { name: 'sq999', parent: ref('Project', project.id) } }]);
      expect((created as { data: Record<string, unknown> }).data.status_id).toBeTruthy();
    } finally {
      await server.close();
    }
  });
});
