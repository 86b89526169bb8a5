import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryRoot, parseSchemas, Session, UnknownAttributeError, type AnyEntity } from 'ftrack-codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';

// Issue 9, item 4: schema attribute names never shadow runtime members. Entities are never
// thenable; `then`, `$`-names, Object.prototype names and non-identifier names stay reachable
// through `$get` / `$set` and round-trip through create, query and commit against the local
// server; no `__proto__` key in a response changes a prototype.

/** Attribute names a schema may have that collide with the runtime, the language or the query syntax. */
const HOSTILE = [
  'then',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'toJSON',
  '$type',
  '$get',
  '$set',
  '$state',
  'my-attr',
  'a b',
  'x.y',
  'back`tick',
] as const;

/** Builds a record whose keys are own data properties, `__proto__` included. */
function record(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The hostile schema as a server sends it (built, then passed through JSON like a real answer). */
function hostileSchema(): unknown[] {
  const properties = record([
    ['id', { type: 'string', default: '{uid}' }],
    ['name', { type: 'string' }],
    ['payload', { type: 'object' }],
    ...HOSTILE.map((name) => [name, { type: 'string' }] as const),
  ]);
  // `Odd`: a primary key and default projections that are not identifiers.
  const odd = record([
    ['my key', { type: 'string' }],
    ['__proto__', { type: 'string' }],
    ['then', { type: 'integer' }],
  ]);
  return JSON.parse(
    JSON.stringify([
      { id: 'Thing', type: 'object', primary_key: ['id'], required: [], default_projections: ['id', 'name'], properties },
      { id: 'Odd', type: 'object', primary_key: ['my key'], required: [], default_projections: ['my key', '__proto__', 'then'], properties: odd },
    ]),
  );
}

const valueOf = (name: string, round: string) => `${round}:${name}`;

/** Reads every hostile attribute through `$get`. */
async function readAll(entity: AnyEntity): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of HOSTILE) Object.defineProperty(out, name, { value: await entity.$get(name), enumerable: true });
  return out;
}

const expected = (round: string) => record(HOSTILE.map((name) => [name, valueOf(name, round)]));

let server: ServerHandle;
const sessions: Session[] = [];

function open(): Session {
  const session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  server = await startServer({ schema: hostileSchema() });
});
afterAll(async () => {
  for (const session of sessions) await session.close();
  await server?.close();
});

/** Creates one Thing with every hostile attribute set (through create data and `$set`) and commits it. */
async function createThing(round: string): Promise<string> {
  const session = open();
  await session.ready();
  const data = record([['name', `thing ${round}`], ...HOSTILE.slice(0, 8).map((name) => [name, valueOf(name, round)] as const)]);
  const thing = session.create('Thing', data) as AnyEntity;
  for (const name of HOSTILE.slice(8)) thing.$set(name, valueOf(name, round));
  expect(await readAll(thing)).toEqual(expected(round));
  await session.commit();
  expect(thing.$state).toBe('unchanged');
  return String(thing.id);
}

describe('entities are never thenable', () => {
  it('first(), get(), $load() and async functions resolve to the entity although the schema has "then"', async () => {
    const id = await createThing('t');
    const session = open();
    const first = (await session.query(`select id from Thing where id is "${id}"`).first()) as AnyEntity;
    expect(first).toBeDefined();
    expect(first.$type).toBe('Thing');
    expect(typeof first.then).toBe('undefined');
    expect('then' in first).toBe(false);
    const got = await session.get('Thing', id);
    expect(got).toBe(first);
    expect(await first.$load('then', 'name')).toBe(first);
    expect(await (async () => first)()).toBe(first);
    expect(await Promise.resolve(first)).toBe(first);
    expect(await first.$get('then')).toBe(valueOf('then', 't'));
  });
});

describe('runtime members and prototype names are not shadowed', () => {
  it('$type, $get, $set, $state, constructor, toString, hasOwnProperty, valueOf and toJSON keep their meaning', async () => {
    const id = await createThing('m');
    const session = open();
    const thing = (await session.query(`select ${HOSTILE.map((n) => `\`${n.replace(/[\\`]/g, '\\$&')}\``).join(', ')} from Thing where id is "${id}"`).first()) as AnyEntity;
    expect(thing.$type).toBe('Thing');
    expect(thing.$state).toBe('unchanged');
    expect(typeof thing.$get).toBe('function');
    expect(typeof thing.$set).toBe('function');
    expect(thing.constructor.name).toBe('Thing');
    expect(Object.getPrototypeOf(thing)).toBe(thing.constructor.prototype);
    expect(Object.prototype.hasOwnProperty.call(thing, '__proto__')).toBe(false);
    expect(String(thing)).toBe('[object Object]');
    expect(thing.hasOwnProperty('name')).toBe(false); // attributes are prototype accessors
    expect(thing.valueOf()).toBe(thing);
    // Every hostile attribute still holds its value, reached through $get.
    expect(await readAll(thing)).toEqual(expected('m'));
    // JSON: the attributes are plain keys of the output; `__proto__` stays data.
    const json = JSON.parse(JSON.stringify(thing)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    for (const name of HOSTILE) expect(Object.prototype.hasOwnProperty.call(json, name) && json[name]).toBe(valueOf(name, 'm'));
    expect(json.__entity_type__).toBe('Thing');
  });

  it('$get and $set refuse attributes the schema does not have; assigning a protected name throws', async () => {
    const session = open();
    await session.ready();
    const thing = session.create('Thing', { name: 'x' }) as AnyEntity;
    // A protected name has no property: assigning it points to $set instead of shadowing anything.
    expect(() => {
      thing.then = 'x';
    }).toThrow(/\$set\('then'/);
    expect(typeof thing.then).toBe('undefined');
    await expect(thing.$get('nope')).rejects.toBeInstanceOf(UnknownAttributeError);
    expect(() => thing.$set('nope', 1)).toThrow(UnknownAttributeError);
    expect(() => thing.$isLoaded('nope')).toThrow(UnknownAttributeError);
  });
});

describe('every hostile attribute round-trips through create, query and commit', () => {
  it('create + commit stores them; a new session reads them by select and by lazy $get', async () => {
    const id = await createThing('c');
    const raw = await open().call([{ action: 'query', expression: `select \`my-attr\`, \`__proto__\`, then from Thing where id is "${id}"` }]);
    const row = (raw[0] as { data: AnyEntity[] }).data[0]!;
    expect(await row.$get('__proto__')).toBe(valueOf('__proto__', 'c'));

    const lazy = (await open().query(`select id from Thing where id is "${id}"`).first()) as AnyEntity;
    expect(lazy.$isLoaded('my-attr')).toBe(false);
    expect(await readAll(lazy)).toEqual(expected('c'));
  });

  it('updates through $set are committed and read back', async () => {
    const id = await createThing('u0');
    const session = open();
    const thing = (await session.get('Thing', id)) as AnyEntity;
    for (const name of HOSTILE) thing.$set(name, valueOf(name, 'u1'));
    expect(thing.$state).toBe('modified');
    await session.commit();
    expect(thing.$state).toBe('unchanged');
    const fresh = (await open().get('Thing', id)) as AnyEntity;
    expect(await readAll(fresh)).toEqual(expected('u1'));
  });

  it('non-identifier names work in where clauses and in the typed query builder (backtick-quoted)', async () => {
    const id = await createThing('w');
    const session = open();
    const found = await session.query(`select \`a b\` from Thing where \`my-attr\` is "${valueOf('my-attr', 'w')}" and \`x.y\` like "w:%"`).all();
    expect(found.map((t) => t.id)).toEqual([id]);
    expect(await found[0]!.$get('a b')).toBe(valueOf('a b', 'w'));

    const q = createQueryRoot(parseSchemas(hostileSchema())) as unknown as Record<string, { select(...paths: string[]): { toString(): string } }>;
    // Paths use the path syntax: a name holding a dot or a backtick is given in backticks.
    const typed = q.Thing!.select('my-attr', 'a b', '$type', '`x.y`', '`back\\`tick`');
    expect(String(typed)).toBe('select `my-attr`, `a b`, `$type`, `x.y`, `back\\`tick` from Thing');
    const rows = (await open().query(String(typed)).all()).filter((row) => row.id === id);
    expect(rows).toHaveLength(1);
    for (const name of ['my-attr', 'a b', '$type', 'x.y', 'back`tick']) {
      expect(rows[0]!.$isLoaded(name)).toBe(true);
      expect(await rows[0]!.$get(name)).toBe(valueOf(name, 'w'));
    }
  });

  it('ensure() identifies by hostile names; get() works with a non-identifier primary key and default projections', async () => {
    const session = open();
    const data = record([['my-attr', 'ensured'], ['then', 'e-then'], ['__proto__', 'e-proto']]);
    const first = (await session.ensure('Thing', data, ['my-attr', '__proto__'])) as AnyEntity;
    const again = (await open().ensure('Thing', data, ['my-attr', '__proto__'])) as AnyEntity;
    expect(again.id).toBe(first.id);
    expect(await again.$get('then')).toBe('e-then');

    const writer = open();
    await writer.ready();
    const odd = writer.create('Odd', record([['my key', 'k"1'], ['__proto__', 'odd proto']])) as AnyEntity;
    odd.$set('then', 7);
    await writer.commit();
    const read = (await open().get('Odd', 'k"1')) as AnyEntity;
    expect(read.$primaryKey()).toEqual(['k"1']);
    expect(read.$isLoaded('then')).toBe(true);
    expect(await read.$get('then')).toBe(7);
    expect(await read.$get('__proto__')).toBe('odd proto');
  });

  it('the schema keeps a "__proto__" attribute (not dropped by parsing)', () => {
    const model = parseSchemas(hostileSchema());
    const names = [...model.types.get('Thing')!.attributes.keys()];
    for (const name of HOSTILE) expect(names).toContain(name);
  });
});

describe('a "__proto__" key in a response never changes a prototype', () => {
  let fake: Server;
  let url: string;
  const schema = hostileSchema();
  const pollution = '{"__proto__": {"polluted": true}, "plain": 1}';

  beforeAll(async () => {
    fake = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const operations = JSON.parse(body) as { action: string }[];
        const results = operations.map((operation) => {
          switch (operation.action) {
            case 'query_server_information':
              return '{"version": "4.13.0", "is_timezone_support_enabled": true}';
            case 'query_schemas':
              return JSON.stringify(schema);
            case 'query':
              return `{"action": "query", "data": [{"__entity_type__": "Thing", "id": "p1", "__proto__": "data", "payload": ${pollution}, "extra": ${pollution}}], "metadata": {"next": {"offset": null}}}`;
            case 'create':
              return `{"action": "create", "data": {"__entity_type__": "Thing", "id": "p2", "__proto__": "created", "payload": ${pollution}}}`;
            default:
              return `{"action": "${operation.action}", "data": ${pollution}}`;
          }
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`[${results.join(',')}]`);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  function check(value: unknown): void {
    expect(value).toBeTypeOf('object');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect((value as Record<string, unknown>).plain).toBe(1);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  }

  it('in entity payloads, JSON attribute values, create results and generic results', async () => {
    const session = new Session({ serverUrl: url, apiUser: 'u', apiKey: 'k' });
    sessions.push(session);
    const thing = (await session.query('select payload, __proto__ from Thing').first()) as AnyEntity;
    expect(Object.getPrototypeOf(thing)).toBe(thing.constructor.prototype);
    expect(thing.$type).toBe('Thing');
    expect(await thing.$get('__proto__')).toBe('data');
    check(thing.payload);

    const [created] = (await session.call([{ action: 'create', entity_type: 'Thing', entity_data: { name: 'x' } }])) as { data: AnyEntity }[];
    expect(await created!.data.$get('__proto__')).toBe('created');
    check(created!.data.payload);

    const [generic] = (await session.call([{ action: 'anything_else' }])) as { data: unknown }[];
    check(generic!.data);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
