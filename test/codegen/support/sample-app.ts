// A small application written against a generated client, used by the compile and end-to-end tests.

/** Source of `app.ts` for a client in `./client/` (works for the demo and the real schema). */
export function sampleApp(options: { withCreate: boolean }): string {
  const create = options.withCreate
    ? [
        "  const created = session.create('Sequence', { name: 'Starlord Reveal' });",
        "  // @ts-expect-error - unknown attribute",
        "  session.create('Sequence', { name: 'x', no_such_attribute: 1 });",
        '  void created;',
      ]
    : [];
  return [
    "import type { Dayjs } from 'dayjs';",
    "import { createSession, q, schemaMetadata, type CreateTypeMap, type EntityTypeMap, type EntityTypeName, type UpdateTypeMap } from './client/index.js';",
    '',
    'export async function app(): Promise<void> {',
    "  await using session = createSession({ serverUrl: 'http://127.0.0.1:1', apiUser: 'u', apiKey: 'k' });",
    "  const sequence: CreateTypeMap['Sequence'] = { name: 'Starlord Reveal' };",
    "  const dates: CreateTypeMap['Sequence'] = { start_date: new Date(), end_date: '2024-01-01T00:00:00Z' };",
    "  // @ts-expect-error - unknown attribute",
    "  const unknownAttribute: CreateTypeMap['Sequence'] = { name: 'x', no_such_attribute: 1 };",
    "  // @ts-expect-error - wrong value type",
    "  const wrongType: CreateTypeMap['Sequence'] = { name: 42 };",
    "  // @ts-expect-error - computed attributes cannot be updated",
    "  const computed: UpdateTypeMap['Sequence'] = { time_logged: 1 };",
    "  // @ts-expect-error - immutable attributes cannot be updated",
    "  const immutable: UpdateTypeMap['Sequence'] = { id: 'x' };",
    "  const rows = await session.query(q.Sequence.select('name', 'parent.name')).all();",
    '  const first = rows[0];',
    '  if (first !== undefined) {',
    '    const name: string = first.name;',
    "    const kind: 'Sequence' = first.$type;",
    '    const parentName: string | undefined = first.parent?.name;',
    '    const reference: CreateTypeMap[\'Sequence\'] = { parent: first };',
    '    void [name, kind, parentName, reference];',
    '  }',
    "  for (const context of await session.query(q.TypedContext.where((t) => t.name.like('sh%'))).all()) {",
    "    if (context.$type === 'Shot') {",
    "      const shot: EntityTypeMap['Shot'] = context as EntityTypeMap['Shot'];",
    '      void shot;',
    '    }',
    '  }',
    "  const task: EntityTypeMap['Task'] | undefined = await session.get('Task', 'some-id');",
    '  const start: Dayjs | null | undefined = task?.start_date;',
    '  if (task !== undefined) {',
    "    const child: CreateTypeMap['Task'] = { name: 'comp', parent: task };",
    '    // @ts-expect-error - start_date is a Dayjs, not a string',
    '    const wrong: string | null = task.start_date;',
    '    void [child, wrong];',
    '  }',
    ...create,
    "  const typeName: EntityTypeName = 'Sequence';",
    '  void [sequence, dates, unknownAttribute, wrongType, computed, immutable, start, typeName, schemaMetadata.schemaHash];',
    '}',
    '',
  ].join('\n');
}
