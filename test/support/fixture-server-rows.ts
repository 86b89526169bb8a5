/** Rows the fixture server synthesizes from the workspace-a schema and status records. */
import type { SchemaModel } from '../../runtime/schema/index.js';
import { readFixture } from './shared.js';

/** A stored entity: scalars, Date for datetimes, Row for references, Row[] for collections. */
export interface Row {
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** Deterministic UUID-shaped id. */
export function fakeId(prefix: number, index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

/** 3 projects (the last one hidden), the fixture statuses, and `taskCount` tasks spread over them. */
export function synthesizeRows(model: SchemaModel, taskCount: number): Map<string, Row[]> {
  const rows = new Map<string, Row[]>();
  const add = (row: Row): Row => {
    const list = rows.get(row.type) ?? [];
    list.push(row);
    rows.set(row.type, list);
    return row;
  };
  const statuses = readFixture<Record<string, unknown>[]>('responses', 'workspace-a.query_statuses.json').map((record) =>
    add({ type: 'Status', values: { id: record.id, name: record.name, sort: record.sort, color: record.color, is_active: record.is_active } }),
  );
  const projects = [0, 1, 2].map((i) =>
    add({
      type: 'Project',
      values: {
        id: fakeId(1, i),
        name: `project_${i}`,
        full_name: `Project ${i}`,
        status: i === 2 ? 'hidden' : 'active',
        context_type: 'show',
        created_at: new Date(Date.UTC(2024, 0, 1 + i, 9, 30, 0)),
        children: [] as Row[],
      },
    }),
  );
  const classifier = model.types.get('Task')?.classifiers[0];
  for (let i = 0; i < taskCount; i++) {
    const project = projects[i % projects.length]!;
    const status = statuses[i % statuses.length]!;
    const task = add({
      type: 'Task',
      values: {
        id: fakeId(2, i),
        name: `task_${String(i).padStart(4, '0')}`,
        bid: (i % 40) * 0.5,
        context_type: 'task',
        created_at: new Date(Date.UTC(2024, 1, 1, 0, 0, i % 60)),
        project,
        project_id: project.values.id,
        parent: project,
        parent_id: project.values.id,
        status,
        status_id: status.values.id,
        ...(classifier ? { [classifier.attribute]: classifier.value } : {}),
      },
    });
    (project.values.children as Row[]).push(task);
  }
  return rows;
}
