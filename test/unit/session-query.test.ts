import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  MalformedResponseError,
  MultipleResultsFoundError,
  NoResultFoundError,
  ServerValidationError,
  UnrecognisedEntityTypeError,
} from '../../runtime/errors.js';
import { dayjs } from '../../runtime/protocol/datetime.js';
import { Session, type AnyEntity } from '../../runtime/index.js';
import { mockFtrack, queryAnswer, unitSchema } from '../support/fixture-server-mock.js';

const rows = (count: number, start = 0) =>
  Array.from({ length: count }, (_, i) => ({ __entity_type__: 'Task', id: `t${start + i}`, name: `task ${start + i}` }));

/** A mock whose queries page through `total` tasks, honouring offset/limit. */
function pagedMock(total: number) {
  const mock = mockFtrack();
  mock.state.query = (expression) => {
    const offset = Number(/ offset (\d+)/.exec(expression)?.[1] ?? 0);
    const limit = Number(/ limit (\d+)/.exec(expression)?.[1] ?? total);
    const end = Math.min(total, offset + limit);
    return queryAnswer(rows(end - offset, offset), end < total ? end : null);
  };
  const session = new Session({ ...mock.options, schema: { schemaHash: 'x', schemas: unitSchema() }, logger: { warn() {} } });
  return { mock, session };
}

describe('session.query', () => {
  it('adds default projections to a query without select', async () => {
    const { mock, session } = pagedMock(3);
    await session.query('Task where name like "t%"').all();
    await session.query('select bid from Task').first();
    expect(mock.queries()).toEqual(['select id, name from Task where name like "t%" limit 500', 'select bid from Task limit 1']);
    await expect(session.query('Spaceship').all()).rejects.toThrow(UnrecognisedEntityTypeError);
  });

  it('pages with offset/limit following metadata.next.offset', async () => {
    const { mock, session } = pagedMock(250);
    const seen: string[] = [];
    for await (const task of session.query('Task', { pageSize: 100 })) seen.push(task.id as string);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(mock.queries()).toEqual([
      'select id, name from Task limit 100',
      'select id, name from Task offset 100 limit 100',
      'select id, name from Task offset 200 limit 100',
    ]);
  });

  it('honours an offset and a limit written in the expression', async () => {
    const { mock, session } = pagedMock(1000);
    const tasks = await session.query('Task offset 30 limit 250', { pageSize: 100 }).all();
    expect(tasks.map((t) => t.id)).toEqual(rows(250, 30).map((r) => r.id));
    expect(mock.queries()).toEqual([
      'select id, name from Task offset 30 limit 100',
      'select id, name from Task offset 130 limit 100',
      'select id, name from Task offset 230 limit 50',
    ]);
    expect(() => session.query('Task', { pageSize: 0 })).toThrow(ArgumentError);
  });

  it('never passes the limit, and stops when the server\'s next offset does not advance', async () => {
    const { mock, session } = pagedMock(10);
    mock.state.query = () => queryAnswer(rows(8), 3);
    await expect(session.query('Task limit 5').all()).resolves.toHaveLength(5);
    await expect(session.query('Task').all()).rejects.toThrow(MalformedResponseError);
  });

  it('first() and one()', async () => {
    const { mock, session } = pagedMock(5);
    expect((await session.query('Task').first())?.id).toBe('t0');
    await expect(session.query('Task').one()).rejects.toThrow(MultipleResultsFoundError);
    expect((await session.query('Task offset 4').one()).id).toBe('t4');
    await expect(session.query('Task offset 5').one()).rejects.toThrow(NoResultFoundError);
    expect(await session.query('Task offset 9').first()).toBeUndefined();
    expect(mock.queries().slice(0, 2)).toEqual(['select id, name from Task limit 1', 'select id, name from Task limit 2']);
  });

  it('returns the same objects for the same rows and merges into the identity map', async () => {
    const { session } = pagedMock(3);
    const a = await session.query('Task').all();
    const b = await session.query('Task').all();
    expect(b[1]).toBe(a[1]);
    expect(session.identityMap.size).toBe(3);
  });

  it('get() uses the identity map first, then one query', async () => {
    const { mock, session } = pagedMock(3);
    mock.state.query = (expression) => queryAnswer(expression.includes('"t7"') ? [{ __entity_type__: 'Task', id: 't7', name: 'seven' }] : []);
    const task = await session.get('Task', 't7');
    expect(task?.name).toBe('seven');
    expect(await session.get('Task', ['t7'])).toBe(task);
    expect(await session.get('Task', 'missing')).toBeUndefined();
    expect(mock.queries()).toEqual(['select id, name from Task where id is "t7" limit 1', 'select id, name from Task where id is "missing" limit 1']);
    await expect(session.get('Metadata', 'only-one')).rejects.toThrow(ArgumentError);
  });
});

describe('session.call', () => {
  it('sends one batch, returns results in order and encodes dates and entities', async () => {
    const { mock, session } = pagedMock(1);
    mock.state.handler = (batch) => ({
      body: batch.operations.map((op) =>
        op.action === 'query_server_information' ? mock.information : op.action === 'update' ? { action: 'update', data: { __entity_type__: 'Task', id: 't0', bid: 4 } } : queryAnswer(rows(1)),
      ),
    });
    const [task] = (await session.query('Task').all()) as AnyEntity[];
    const results = (await session.call([
      { action: 'update', entity_type: 'Task', entity_key: ['t0'], entity_data: { created_at: dayjs.utc('2024-03-01T10:00:00Z'), project: task } },
      { action: 'query', expression: 'select id from Task' },
    ])) as [{ data: AnyEntity }, { data: AnyEntity[] }];
    expect(results[0].data).toBe(task);
    expect(task!.bid).toBe(4);
    expect(results[1].data[0]).toBe(task);
    const sent = mock.batches.at(-1)!.operations[0]!;
    expect(sent.entity_data).toEqual({ created_at: { __type__: 'datetime', value: '2024-03-01T10:00:00' }, project: { __entity_type__: 'Task', id: 't0' } });
  });

  it('rejects bad input and malformed results with typed errors', async () => {
    const { mock, session } = pagedMock(1);
    await expect(session.call([{ nope: 1 } as never])).rejects.toThrow(ArgumentError);
    await session.ready();
    mock.state.handler = () => ({ body: [{ action: 'query', data: 'nope' }] });
    const error = await session.call([{ action: 'query', expression: 'select id from Task' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ operationIndex: 0, action: 'query' });
    mock.state.handler = () => ({ body: [queryAnswer([{ __entity_type__: 'Task' }])] });
    await expect(session.query('Task').all()).rejects.toThrow(/operation 0 \("query"\).*primary key/);
    mock.state.handler = () => ({ body: { exception: 'ValidationError', content: 'nope', error_code: null } });
    await expect(session.query('Task').all()).rejects.toThrow(ServerValidationError);
  });
});
