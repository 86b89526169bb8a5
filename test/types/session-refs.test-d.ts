import { describe, expectTypeOf, it } from 'vitest';
import type { Collection, Session } from 'ftrack-codegen';
import { q, type Context, type ContextRef, type Project, type Sequence, type Workspace } from '../../generated/index.js';

// Query rows (and `{ $type, id }` references) assign to writable references and go into collections.
declare const session: Session<Workspace>;
declare const seq: Sequence;
declare const project: Project;

describe('reference attributes read as entities and accept reference inputs', () => {
  it('assigns a query row, an entity, a plain reference or null', async () => {
    // Reading gives the entity interface, not the input type.
    expectTypeOf(seq.parent).toEqualTypeOf<Context | null>();
    expectTypeOf<Sequence['parent']>().toEqualTypeOf<Context | null>();
    const [row] = await session.query(q.Project).all();
    if (row === undefined) return;
    seq.parent = row;
    seq.parent = project;
    seq.parent = { $type: 'Project', id: row.id };
    seq.parent = null;
  });

  it('rejects a string and a row of an unrelated type', async () => {
    const [status] = await session.query(q.Status).all();
    if (status === undefined) return;
    // @ts-expect-error - parent takes a Context (entity, row or ContextRef), not an id string
    seq.parent = 'x';
    // @ts-expect-error - a Status row is not a Context
    seq.parent = status;
    // @ts-expect-error - $type must be one of Context's types
    seq.parent = { $type: 'Status', id: status.id };
  });

  it('keeps immutable references readonly', () => {
    // @ts-expect-error - object_type is immutable after creation
    seq.object_type = null;
  });
});

describe('collections accept reference inputs', () => {
  it('appends, finds and removes query rows', async () => {
    const [row] = await session.query(q.Sequence.select('name')).all();
    if (row === undefined) return;
    expectTypeOf(project.children).toEqualTypeOf<Collection<Context, ContextRef>>();
    project.children.append(row);
    expectTypeOf(project.children.includes(row)).toEqualTypeOf<boolean>();
    project.children.remove({ $type: 'Sequence', id: row.id });
    // Items read as entities.
    expectTypeOf(project.children.toArray()).toEqualTypeOf<Context[]>();
    const [status] = await session.query(q.Status).all();
    if (status === undefined) return;
    // @ts-expect-error - a Status row is not a Context
    project.children.append(status);
    // @ts-expect-error - not a reference
    project.children.append('x');
  });

  it('still infers the item type with Collection<infer T>', () => {
    type Item = Project['children'] extends Collection<infer T> ? T : never;
    expectTypeOf<Item>().toEqualTypeOf<Context>();
  });
});

describe('the query builder reads the getter type', () => {
  it('derives fields and rows from the entity interface', async () => {
    const query = q.Sequence.where((s) => s.parent.name.like('te%').and(s.children.any((c) => c.name.eq('sh010')))).select('parent.name', 'children.name');
    expectTypeOf(query.toString()).toEqualTypeOf<string>();
    const rows = await session.query(query).all();
    type Row = (typeof rows)[number];
    type Parent = NonNullable<Row['parent']>;
    expectTypeOf<Parent['name']>().toEqualTypeOf<string>();
    expectTypeOf<Parent>().not.toHaveProperty('context_type');
    type Child = Row['children'] extends Collection<infer C> ? C : never;
    expectTypeOf<Child['name']>().toEqualTypeOf<string>();
    expectTypeOf<Child>().not.toHaveProperty('context_type');
    // A loaded collection keeps accepting reference inputs.
    const [row] = rows;
    if (row !== undefined) row.children.append({ $type: 'Shot', id: 'x' });
    // @ts-expect-error - Sequence has no attribute "nme"
    q.Sequence.select('parent.nme');
  });
});
