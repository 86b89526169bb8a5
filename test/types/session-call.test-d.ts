import { describe, expectTypeOf, it } from 'vitest';
import type {
  AnyEntity,
  DeleteOperationResult,
  EntityOperationResult,
  Operation,
  QueryOperationResult,
  SchemaListResult,
  ServerInformation,
  Session,
} from 'ftrack-codegen';
import type { Sequence, Task, Workspace } from '../../generated/index.js';

// session.call(operations) resolves with a tuple: one result type per operation passed.
declare const session: Session<Workspace>;
declare const untyped: Session;

describe('session.call results are typed from the operations', () => {
  it('gives a tuple of result types in the order of the operations', async () => {
    const results = await session.call([
      { action: 'query', expression: 'select name from Task' },
      { action: 'create', entity_type: 'Sequence', entity_data: { name: 'sq010' } },
      { action: 'update', entity_type: 'Task', entity_key: 'id', entity_data: { name: 'x' } },
      { action: 'delete', entity_type: 'Task', entity_key: ['id'] },
      { action: 'query_schemas' },
      { action: 'query_server_information' },
      { action: 'get_widget_url', name: 'info' },
    ]);
    expectTypeOf(results).toEqualTypeOf<
      [
        QueryOperationResult<AnyEntity>,
        EntityOperationResult<Sequence>,
        EntityOperationResult<Task>,
        DeleteOperationResult,
        SchemaListResult,
        ServerInformation,
        unknown,
      ]
    >();
    const [page, created] = results;
    expectTypeOf(page.data).toEqualTypeOf<AnyEntity[]>();
    expectTypeOf(page.metadata.next.offset).toEqualTypeOf<number | null>();
    expectTypeOf(created.data.name).toEqualTypeOf<string>();
    // @ts-expect-error - the call has seven results, not eight
    void results[7];
  });

  it('an entity type the workspace does not know, and an untyped session, give AnyEntity', async () => {
    const [made] = await session.call([{ action: 'create', entity_type: 'Spaceship', entity_data: {} }]);
    expectTypeOf(made.data).toEqualTypeOf<AnyEntity>();
    const [loose] = await untyped.call([{ action: 'create', entity_type: 'Task', entity_data: {} }]);
    expectTypeOf(loose.data).toEqualTypeOf<AnyEntity>();
  });

  it('a list of operations not known at compile time gives unknown[]', async () => {
    const operations: Operation[] = [];
    expectTypeOf(await session.call(operations)).toEqualTypeOf<unknown[]>();
    const action: string = 'query';
    const [result] = await session.call([{ action }]);
    expectTypeOf(result).toEqualTypeOf<unknown>();
  });

  it('still takes only operations', () => {
    // @ts-expect-error - an operation needs an action
    void session.call([{ expression: 'select name from Task' }]);
  });
});
