import { describe, expect, it } from 'vitest';
import { createQueryRoot, parseSchemas, QueryError } from 'ftrack-codegen';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// The builder driven by the real 130-type schema (no generated types: an untyped root).
describe.skipIf(!hasShared)(`query builder on workspace-a ${hasShared ? '' : `(${SHARED_MISSING})`}`, () => {
  const schemas = hasShared ? workspaceASchema() : [];
  const q = createQueryRoot({ schemaHash: 'workspace-a', schemas }) as Record<string, any>;

  it('matches the acceptance example with the real default projections', () => {
    expect(q.Project.where((p: any) => p.status.eq('active')).toString()).toBe(
      'select context_type, id, name from Project where status is "active"',
    );
  });

  it('builds a default query for every entity type', () => {
    const names = [...parseSchemas(schemas).types.keys()];
    expect(names).toHaveLength(130);
    for (const name of names) expect(q[name].toString()).toMatch(new RegExp(`^select [a-z_, ]+ from ${name}$`));
    expect(q.AssetVersion.toString()).toBe('select id from AssetVersion');
    expect(q.Metadata.toString()).toBe('select parent_id, key, value, parent_type from Metadata');
  });

  it('follows relations, collections and mapped arrays from the schema', () => {
    const query = q.Task.select('name', 'status.state.short', 'project.full_name')
      .where((t: any) => t.status.state.short.eq('NOT_STARTED'))
      .where((t: any) => t.timelogs.any((l: any) => l.start.after('2024-01-01T00:00:00Z')))
      .where((t: any) => t.custom_attributes.entry('fstart').gt(1001))
      .orderBy('project.name')
      .limit(2);
    expect(query.toString()).toBe(
      'select name, status.state.short, project.full_name from Task where status.state.short is "NOT_STARTED" and ' +
        'timelogs any (start after "2024-01-01T00:00:00") and custom_attributes any (key is "fstart" and value > 1001) ' +
        'order by project.name asc limit 2',
    );
    expect(q.Shot.where((s: any) => s.metadata.entry('fps').eq('24')).toString()).toBe(
      'select context_type, id, name from Shot where metadata any (key is "fps" and value is "24")',
    );
  });

  it('compares references by primary key, including composite and integer keys', () => {
    expect(q.SettingComponent.where((c: any) => c.setting.eq({ name: 'storage_scenario', group: 'STORAGE' })).toString()).toBe(
      'select component_id, name, group from SettingComponent where setting.name is "storage_scenario" and setting.group is "STORAGE"',
    );
    expect(q.Feed.where((f: any) => f.event.eq({ id: 42 })).toString()).toContain('where event.id is 42');
    expect(() => q.Feed.where((f: any) => f.event.eq({ id: '42' }))).toThrow(QueryError);
  });

  it('filters on restricted mapped arrays but never selects them', () => {
    expect(q.Shot.where((s: any) => s.custom_attribute_links.any()).toString()).toContain('where custom_attribute_links any ()');
    expect(() => q.Shot.select('custom_attribute_links')).toThrow(/filter-only/);
  });

  it('queries abstract types and subqueries across the hierarchy', () => {
    const active = q.TypedContext.select('id').where((t: any) => t.status.name.eq('In progress'));
    expect(q.Timelog.where((l: any) => l.context_id.in(active)).toString()).toBe(
      'select id from Timelog where context_id in (select id from TypedContext where status.name is "In progress")',
    );
  });
});
