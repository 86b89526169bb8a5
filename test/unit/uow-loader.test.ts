import { describe, expect, it } from 'vitest';
import { ServerError } from '../../runtime/errors.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { BatchingLoader } from '../../runtime/loading/batching-loader.js';
import { Decoder } from '../../runtime/identity/decoder.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { ResultGroup } from '../../runtime/identity/result-group.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { STATE } from '../../runtime/entity/entity-internals.js';
import { type BaseEntity } from '../../runtime/entity/base-entity.js';
import { demoSchema } from '../../server/demo/index.js';

// The batching loader with a fake query runner: what it asks for, and when.
type Loose = BaseEntity & Record<string, any>;

function setup(options: { crossResult?: boolean; chunkSize?: number; fail?: boolean } = {}) {
  const schema = parseSchemas(demoSchema);
  const context = new SessionEntityContext();
  const identity = new IdentityMap(schema, context);
  const decoder = new Decoder(identity);
  const batches: string[][] = [];
  context.loader = new BatchingLoader(
    schema,
    async (expressions) => {
      batches.push([...expressions]);
      if (options.fail) throw new ServerError('boom');
      for (const expression of expressions) {
        for (const id of expression.matchAll(/"(t\d+)"/g)) decoder.entity({ __entity_type__: 'Task', id: id[1], bid: Number(id[1]!.slice(1)), status: { __entity_type__: 'Status', id: 's1' } });
      }
    },
    options,
  );
  const tasks = Array.from({ length: 5 }, (_, i) => decoder.entity({ __entity_type__: 'Task', id: `t${i}` }) as Loose);
  return { tasks, batches };
}

describe('BatchingLoader', () => {
  it('coalesces the loads of one tick into one batch, one query per type and path set', async () => {
    const { tasks, batches } = setup({ crossResult: false });
    const bids = await Promise.all(tasks.map((t) => t.$get('bid')));
    expect(bids).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([['select bid from Task where id in ("t0", "t1", "t2", "t3", "t4")']]);
    await tasks[0]!.$get('bid');
    expect(batches).toHaveLength(1);
  });

  it('extends a load to the rest of the result group (cross-result batching), in chunks', async () => {
    const { tasks, batches } = setup({ chunkSize: 2 });
    new ResultGroup().add(tasks);
    tasks[4]![STATE] = 'created';
    expect(await tasks[1]!.$get('bid')).toBe(1);
    expect(batches).toEqual([['select bid from Task where id in ("t1", "t0")', 'select bid from Task where id in ("t2", "t3")']]);
    expect(tasks[3]!.bid).toBe(3);
  });

  it('loads only what was asked without cross-result batching', async () => {
    const { tasks, batches } = setup({ crossResult: false });
    new ResultGroup().add(tasks);
    await tasks[2]!.$get('bid');
    expect(batches).toEqual([['select bid from Task where id is "t2"']]);
  });

  it('rejects every waiting load when the request fails', async () => {
    const { tasks } = setup({ fail: true });
    const results = await Promise.allSettled([tasks[0]!.$get('bid'), tasks[1]!.$load('status')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
