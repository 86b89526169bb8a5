import { describe, expectTypeOf, it } from 'vitest';
import type { ComponentAvailability, ComponentMembers, Session } from 'ftrack-codegen';
import { q, type AssetVersion, type Component, type FileComponent, type Workspace } from '../../generated/index.js';

// The generated client types `$url` / `$locations` on the Component family (the schema's
// `Component` and its subtypes), and on nothing else.
declare const session: Session<Workspace>;
declare const file: FileComponent;
declare const version: AssetVersion;

describe('component entities have $url and $locations', () => {
  it('on Component and its subtypes, typed', () => {
    expectTypeOf<Component>().toExtend<ComponentMembers>();
    expectTypeOf<FileComponent>().toExtend<ComponentMembers>();
    expectTypeOf(file.$url()).toEqualTypeOf<Promise<string>>();
    expectTypeOf(file.$url({ location: session.locations.review })).toEqualTypeOf<Promise<string>>();
    expectTypeOf(file.$locations()).toEqualTypeOf<Promise<ComponentAvailability[]>>();
  });

  it('createComponent resolves with a FileComponent that has them; so do query rows', async () => {
    const created = await session.createComponent('/tmp/a.exr');
    expectTypeOf(created).toEqualTypeOf<FileComponent>();
    expectTypeOf(created.$url).toBeFunction();
    const [row] = await session.query(q.Component.select('name')).all();
    if (row === undefined) return;
    expectTypeOf(row.$locations()).toEqualTypeOf<Promise<ComponentAvailability[]>>();
  });

  it('not on other types; a location must be one that can give URLs', () => {
    // @ts-expect-error - AssetVersion is not a component
    void version.$url();
    // @ts-expect-error - a location name is not a location object
    void file.$url({ location: 'ftrack.review' });
  });
});
