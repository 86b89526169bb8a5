import type { ServerHandle } from '../../../server/index.js';
import { query } from '../../server/support/api-client.js';
import { batch, ref } from '../../server/support/demo-server.js';

/** Classifier ids of workspace-a's object types (the subtypes' `object_type_id` defaults). */
export const OBJECT_TYPES = {
  Sequence: 'e5139355-61da-4c8f-9db4-3abc870166bc',
  Shot: 'bad911de-3bd6-47b9-8b46-3476e237cb36',
  Task: '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c',
} as const;

/** The priority workspace-a's `priority_id` defaults name. */
export const DEFAULT_PRIORITY = '9661b320-3a0c-11e2-81c1-0800200c9a66';

/** Creates each row unless a row of that type with that id exists (a bootstrapped server may hold it). */
export async function ensureRows(server: ServerHandle, rows: readonly { type: string; data: Record<string, unknown> & { id: string } }[]): Promise<void> {
  const missing: unknown[] = [];
  for (const row of rows) {
    const found = await query(server, `select id from ${row.type} where id is "${row.data.id}"`);
    if (found.data.length === 0) missing.push({ action: 'create', entity_type: row.type, entity_data: row.data });
  }
  if (missing.length > 0) await batch(server, missing);
}

/** Ids of a project → sequence → shot → task hierarchy. */
export interface Hierarchy {
  readonly project: string;
  readonly sequence: string;
  readonly shot: string;
  readonly task: string;
  readonly status: string;
  readonly type: string;
}

/**
 * A 3-level production on workspace-a, every required value given explicitly so the test does not
 * depend on server-filled values: Project `<p>proj` → Sequence `sq010` → Shot `sh010` → Task `comp`.
 */
export async function createHierarchy(server: ServerHandle, p: string): Promise<Hierarchy> {
  await ensureRows(server, [
    { type: 'Priority', data: { id: DEFAULT_PRIORITY, name: 'None' } },
    { type: 'ObjectType', data: { id: OBJECT_TYPES.Sequence, name: 'Sequence' } },
    { type: 'ObjectType', data: { id: OBJECT_TYPES.Shot, name: 'Shot' } },
    { type: 'ObjectType', data: { id: OBJECT_TYPES.Task, name: 'Task' } },
  ]);
  const ids: Hierarchy = { project: `${p}proj`, sequence: `${p}sq`, shot: `${p}sh`, task: `${p}task`, status: `${p}status`, type: `${p}type` };
  const context = { bid: 0, sort: 0, context_type: 'task', status_id: ids.status, type_id: ids.type };
  await batch(server, [
    { action: 'create', entity_type: 'ProjectSchema', entity_data: { id: `${p}schema`, name: `${p} schema` } },
    { action: 'create', entity_type: 'Status', entity_data: { id: ids.status, name: `${p} Not started`, is_active: true } },
    { action: 'create', entity_type: 'Type', entity_data: { id: ids.type, name: `${p} Generic` } },
    {
      action: 'create',
      entity_type: 'Project',
      entity_data: { id: ids.project, name: `${p}proj`, full_name: `${p} project`, project_schema_id: `${p}schema`, status: 'active', context_type: 'show', is_global: false },
    },
    { action: 'create', entity_type: 'Sequence', entity_data: { ...context, id: ids.sequence, name: 'sq010', parent: ref('Project', ids.project), project_id: ids.project } },
    { action: 'create', entity_type: 'Shot', entity_data: { ...context, id: ids.shot, name: 'sh010', parent: ref('Sequence', ids.sequence), project_id: ids.project } },
    { action: 'create', entity_type: 'Task', entity_data: { ...context, id: ids.task, name: 'comp', parent: ref('Shot', ids.shot), project_id: ids.project } },
  ]);
  return ids;
}
