import { describe, expectTypeOf, it } from 'vitest';
import type { AttributeName, Entity, RowBase } from 'ftrack-codegen';
import type { AssetBuild, Context, Metadata, Project, Status, Task, TypedContext } from '../../generated/index.js';

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

  it('keep subtypes assignable to their base', () => {
    expectTypeOf<Task>().toMatchTypeOf<TypedContext>();
    expectTypeOf<AssetBuild>().toMatchTypeOf<Context>();
  });

  it('rows take exactly the Entity members (the fixed list of RowBase)', () => {
    expectTypeOf<keyof RowBase<Task>>().toEqualTypeOf<keyof Entity>();
  });
});
