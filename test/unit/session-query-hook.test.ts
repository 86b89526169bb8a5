import { describe, expect, it } from 'vitest';
import { ArgumentError, QueryError } from '../../runtime/errors.js';
import { compileQuery, Session, type AnyEntity, type QueryEvent } from '../../runtime/index.js';
import { q } from '../types/support/mini-client.js';
import { mockFtrack, queryAnswer, unitSchema } from '../support/fixture-server-mock.js';

// session.on('query', …): every query the session sends, as data and as the text sent.

function setup(logger: { warn(message: string): void; debug?(message: string): void } = { warn() {} }) {
  const mock = mockFtrack();
  const task = (id: string, bid: number, expression: string) => ({ __entity_type__: 'Task', id, ...(expression.startsWith('select bid ') ? { bid } : { name: id }) });
  mock.state.query = (expression) => queryAnswer(expression.includes('from Task') ? [task('t1', 1, expression), task('t2', 2, expression)] : []);
  const session = new Session({ ...mock.options, schema: { schemaHash: mock.information.schema_hash, schemas: unitSchema() }, logger });
  const events: QueryEvent[] = [];
  const off = session.on('query', (event) => events.push(event));
  return { mock, session, events, off };
}

describe("session.on('query')", () => {
  it('sees each query sent — raw strings, builders, paging, get, lazy loads, ensure — as node and compiled text', async () => {
    const { mock, session, events } = setup();
    const [task] = (await session.query('Task where name like "o%" limit 5').all()) as AnyEntity[];
    await session.query(q.Project.where((p) => p.name.eq('p'))).first();
    await session.get('Project', 'p9');
    await task!.$get('bid');
    await session.ensure('Status', { id: 's1', name: 'done' }, ['id']).catch(() => undefined);
    const sent = mock.queries();
    expect(sent).toEqual([
      'select id, name from Task where name like "o%" limit 5',
      'select context_type, id, name from Project where name is "p" limit 1',
      'select id, name from Project where id is "p9" limit 1',
      'select bid from Task where id in ("t1", "t2")',
      'select id, name from Status where id is "s1" limit 2',
    ]);
    expect(events.map((event) => event.expression)).toEqual(sent);
    for (const event of events) {
      expect(compileQuery(event.node)).toBe(event.expression);
      expect(Object.isFrozen(event.node)).toBe(true);
    }
    expect(events[0]!.node).toMatchObject({ kind: 'query', entityType: 'Task', limit: 5, where: { kind: 'comparison', operator: 'like', value: { value: 'o%' } } });
    expect(events[3]!.node.where).toMatchObject({ kind: 'membership', path: { segments: ['id'] } });
  });

  it('unsubscribes; several listeners each get every query; a throwing listener does not stop the query', async () => {
    const warnings: string[] = [];
    const { mock, session, events, off } = setup({ warn: (message) => warnings.push(message) });
    const second: string[] = [];
    const offSecond = session.on('query', (event) => second.push(event.expression));
    session.on('query', () => {
      throw new Error('listener broke');
    });
    await session.query('Task').all();
    off();
    await session.query('Project').all();
    offSecond();
    await session.query('Status').all();
    expect(events.map((event) => event.expression)).toEqual(['select id, name from Task limit 500']);
    expect(second).toEqual(['select id, name from Task limit 500', 'select id, name from Project limit 500']);
    expect(mock.queries()).toHaveLength(3);
    expect(warnings).toEqual(Array(3).fill("A 'query' listener threw: listener broke"));
  });

  it('feeds a logger with debug, and only one that has it', async () => {
    const lines: string[] = [];
    const { session } = setup({ warn() {}, debug: (message) => lines.push(message) });
    await session.query('select name from Task where bid > 1').first();
    expect(lines).toEqual(['ftrack query: select name from Task where bid > 1 limit 1']);
    const quiet = setup({ warn: (message) => lines.push(message) });
    await quiet.session.query('Task').first();
    expect(lines).toHaveLength(1);
  });

  it('a raw string is parsed on entry: bad syntax is a QueryError with the position, and nothing is sent', () => {
    const { mock, session, events } = setup();
    let caught: unknown;
    try {
      session.query('Task where name is');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QueryError);
    expect((caught as QueryError).message).toContain('position 18');
    expect((caught as QueryError).cause).toMatchObject({ position: 18 });
    expect(mock.batches).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('knows only the query event and needs a function', () => {
    const { session } = setup();
    expect(() => session.on('commit' as 'query', () => undefined)).toThrow(ArgumentError);
    expect(() => session.on('query', 'log' as never)).toThrow(ArgumentError);
  });
});
