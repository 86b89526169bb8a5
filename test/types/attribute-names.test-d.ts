import { describe, expectTypeOf, it } from 'vitest';
import type { AttributeName, Collection, Entity, RelationOf, RelationTarget, RowBase, collectionItem } from 'ftrack-codegen';
import type { AssetBuild, Context, Metadata, Project, Status, Task, Timelog, TypedContext } from '../../generated/index.js';

// The attribute-name lists the generator declares for the query types (issue 13): each is exactly
// the entity's attributes (its keys without `$`-members and phantoms), inherited ones included.

type Filtered<E> = Exclude<keyof E, `$${string}` | symbol | number>;

describe('generated attribute-name lists', () => {
  it('equal the attributes of each entity interface, for roots and subtypes', () => {
    expectTypeOf<AttributeName<Context>>().toEqualTypeOf<Filtered<Context>>();
    expectTypeOf<AttributeName<TypedContext>>().toEqualTypeOf<Filtered<TypedContext>>();
    expectTypeOf<AttributeName<Task>>().toEqualTypeOf<Filtered<Task>>();
    expectTypeOf<AttributeName<AssetBuild>>().toEqualTypeOf<Filtered<AssetBuild>>();
    expectTypeOf<AttributeName<Project>>().toEqualTypeOf<Filtered<Project>>();
    expectTypeOf<AttributeName<Status>>().toEqualTypeOf<Filtered<Status>>();
    expectTypeOf<AttributeName<Metadata>>().toEqualTypeOf<Filtered<Metadata>>();
  });

  it('name the entity each relation leads to, as the property type does, and never for other attributes', () => {
    type Listed<E> = { [K in AttributeName<E>]: RelationOf<E, K> };
    type FromProperties<E> = { [K in AttributeName<E>]: RelationTarget<E[K & keyof E]> };
    expectTypeOf<Listed<Task>>().toEqualTypeOf<FromProperties<Task>>();
    expectTypeOf<Listed<Project>>().toEqualTypeOf<FromProperties<Project>>();
    expectTypeOf<Listed<Status>>().toEqualTypeOf<FromProperties<Status>>();
    expectTypeOf<Listed<Metadata>>().toEqualTypeOf<FromProperties<Metadata>>();
    expectTypeOf<RelationOf<Task, 'status'>>().toEqualTypeOf<Status>();
    expectTypeOf<RelationOf<Task, 'timelogs'>>().toEqualTypeOf<Timelog>();
    expectTypeOf<RelationOf<Task, 'name'>>().toBeNever();
    expectTypeOf<RelationOf<Task, 'metadata'>>().toBeNever();
    // a hand-written interface without the list: read from its properties
    interface Plain extends Entity<'Plain'> { id: string; status: Status | null }
    expectTypeOf<RelationOf<Plain, 'status'>>().toEqualTypeOf<Status>();
    expectTypeOf<RelationOf<Plain, 'id'>>().toBeNever();
  });

  it('collections carry their item type as a type-level phantom (read by the query fields)', () => {
    expectTypeOf<NonNullable<Task['timelogs'][typeof collectionItem]>>().toEqualTypeOf<Timelog>();
    expectTypeOf<NonNullable<Collection<Status>[typeof collectionItem]>>().toEqualTypeOf<Status>();
  });

  it('keep subtypes assignable to their base', () => {
    expectTypeOf<Task>().toMatchTypeOf<TypedContext>();
    expectTypeOf<AssetBuild>().toMatchTypeOf<Context>();
  });

  it('rows take exactly the Entity members (the fixed list of RowBase)', () => {
    expectTypeOf<keyof RowBase<Task>>().toEqualTypeOf<keyof Entity>();
  });
});
