import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaError, ServerError, Session, UnknownAttributeError, type AnyEntity } from 'ftrack-codegen';
import { generateClient } from 'ftrack-codegen/codegen';
import { startServer, type ServerHandle } from 'ftrack-codegen/server';
import { tempDir, typeCheck, writeFiles } from '../codegen/support/type-check.js';

// Review of issue 9, item 4 with schemas the first tests did not try: a primary key named `then`,
// a reference named `then` (with its foreign key), entity types named `__proto__`, `constructor`,
// `Object` and `My Type`, and attribute names with quotes, comment closers, unicode and dots.
// Each runs through codegen (compiled under --strict) and through create / query / commit against
// the local server.

/** Own data properties for every key, `__proto__` included (a literal would set the prototype). */
function record(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const ODD_NAMES = ['prototype', 'say "hi"', 'end */ here', 'ünï©ødé', '名前', 'a.b.c', "it's", 'back`tick', '$$', '0', 'then'] as const;

function entry(id: string, primaryKey: string[], properties: Record<string, unknown>, projections: string[] = primaryKey): Record<string, unknown> {
  return { id, type: 'object', primary_key: primaryKey, required: [], immutable: [], default_projections: projections, properties };
}

function schema(): unknown[] {
  return JSON.parse(
    JSON.stringify([
      // Primary key named `then` (client-generated).
      entry('Keyed', ['then'], record([['then', { type: 'string', default: '{uid}' }], ['name', { type: 'string' }]])),
      // A reference named `then` with its foreign key, and odd attribute names.
      entry(
        'Holder',
        ['id'],
        record([
          ['id', { type: 'string', default: '{uid}' }],
          ['then', { $ref: 'Keyed' }],
          ['then_id', { type: 'string', format: 'foreign_key', description: 'Foreign key(s): Keyed.then' }],
          ...ODD_NAMES.filter((n) => n !== 'then').map((name) => [name, { type: 'string' }] as const),
        ]),
      ),
      entry('__proto__', ['id'], record([['id', { type: 'string', default: '{uid}' }], ['name', { type: 'string' }]])),
      entry('constructor', ['id'], record([['id', { type: 'string', default: '{uid}' }], ['name', { type: 'string' }]])),
      entry('Object', ['id'], record([['id', { type: 'string', default: '{uid}' }], ['name', { type: 'string' }], ['owner', { $ref: '__proto__' }]])),
      entry('My Type', ['id'], record([['id', { type: 'string', default: '{uid}' }], ['name', { type: 'string' }]])),
    ]),
  );
}

let server: ServerHandle;
const sessions: Session[] = [];
const open = () => {
  const session = new Session({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
  sessions.push(session);
  return session;
};

beforeAll(async () => {
  server = await startServer({ schema: schema() });
});
afterAll(async () => {
  for (const session of sessions) await session.close();
  await server?.close();
});

describe('codegen', () => {
  it('generates a client for the schema that compiles under --strict', async () => {
    const dir = tempDir('review-hostile');
    const { files } = generateClient(schema());
    writeFiles(dir, files);
    const result = await typeCheck(dir, files.map((f) => f.path));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});

describe('session round-trips', () => {
  it('a primary key named `then`: create, commit, get, query; the entity is not thenable', async () => {
    const session = open();
    await session.ready();
    const keyed = session.create('Keyed', { name: 'k1' });
    const key = await keyed.$get('then');
    expect(typeof key).toBe('string');
    await session.commit();
    expect(keyed.$state).toBe('unchanged');
    const other = open();
    const got = (await other.get('Keyed', key as string)) as AnyEntity;
    expect(got).toBeDefined();
    expect(got.$type).toBe('Keyed');
    expect(await got.$get('name')).toBe('k1');
    const rows = await other.query(`select name from Keyed where then is "${String(key)}"`).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toBe(got);
    got.$set('name', 'k2');
    await other.commit();
    const third = (await open().get('Keyed', key as string)) as AnyEntity;
    expect(await third.$get('name')).toBe('k2');
    // delete by a `then` key
    other.delete(got);
    await other.commit();
    expect(await open().get('Keyed', key as string)).toBeUndefined();
  });

  it('a reference named `then` and its foreign key stay in step and round-trip', async () => {
    const session = open();
    await session.ready();
    const keyed = session.create('Keyed', { name: 'target' });
    const holder = session.create('Holder', {});
    holder.$set('then', keyed);
    expect(await holder.$get('then_id')).toBe(await keyed.$get('then'));
    for (const name of ODD_NAMES.filter((n) => n !== 'then')) holder.$set(name, `v:${name}`);
    await session.commit();
    const fresh = (await open().query(`select then.name, then_id from Holder where id is "${String(holder.id)}"`).first()) as AnyEntity;
    expect(fresh).toBeDefined();
    const target = (await fresh.$get('then')) as AnyEntity;
    expect(target.$type).toBe('Keyed');
    expect(await target.$get('name')).toBe('target');
    for (const name of ODD_NAMES.filter((n) => n !== 'then')) expect(await fresh.$get(name)).toBe(`v:${name}`);
  });

  it('entity types named __proto__, constructor, Object and "My Type" create, query and commit', async () => {
    const session = open();
    await session.ready();
    const proto = session.create('__proto__', { name: 'p' });
    const ctor = session.create('constructor', { name: 'c' });
    const obj = session.create('Object', { name: 'o', owner: proto });
    // The query language has no syntax for a type name that is not an identifier: such a type is
    // created and committed, but reading it gives a typed error, never a crash.
    const spaced = session.create('My Type', { name: 's' });
    expect(proto.$type).toBe('__proto__');
    expect(ctor.$type).toBe('constructor');
    await session.commit();
    const other = open();
    expect(await ((await other.get('__proto__', String(proto.id))) as AnyEntity).$get('name')).toBe('p');
    expect(await ((await other.get('constructor', String(ctor.id))) as AnyEntity).$get('name')).toBe('c');
    const gotObj = (await other.query(`select owner.name from Object where id is "${String(obj.id)}"`).first()) as AnyEntity;
    expect(await ((await gotObj.$get('owner')) as AnyEntity).$get('name')).toBe('p');
    expect(spaced.$state).toBe('unchanged');
    await expect(other.get('My Type', String(spaced.id))).rejects.toBeInstanceOf(ServerError);
  });
});

describe('a schema nested deeper than any server sends', () => {
  it('is a SchemaError for the generator and the local server, never a stack overflow', async () => {
    const deep = JSON.parse(`{"type":"object","properties":${'{"b":{"type":"object","properties":'.repeat(3000)}{}${'}}'.repeat(3000)}}`) as unknown;
    const schemas = [entry('Deep', ['id'], { id: { type: 'string', default: '{uid}' }, nested: deep })];
    expect(() => generateClient(schemas)).toThrow(SchemaError);
    await expect(startServer({ schema: schemas })).rejects.toBeInstanceOf(SchemaError);
    // just below the limit (Python's json.dumps recursion limit) still hashes
    const shallow = JSON.parse(`{"type":"object","properties":${'{"b":{"type":"object","properties":'.repeat(200)}{}${'}}'.repeat(200)}}`) as unknown;
    expect(generateClient([entry('Shallow', ['id'], { id: { type: 'string', default: '{uid}' }, nested: shallow })]).files.length).toBeGreaterThan(0);
  });
});

describe('an attribute named like the protocol marker __entity_type__', () => {
  it('is dropped with a schema warning: setting it is UnknownAttributeError, the rest round-trips', async () => {
    const schemas = [
      entry('Marked', ['id'], { id: { type: 'string', default: '{uid}' }, name: { type: 'string' }, __entity_type__: { type: 'string' } }, ['id', 'name', '__entity_type__']),
    ];
    const marked = await startServer({ schema: schemas });
    const warnings: string[] = [];
    const session = new Session({ serverUrl: marked.url, apiUser: marked.apiUser, apiKey: marked.apiKey, onWarning: (w) => warnings.push(w.code) });
    sessions.push(session);
    try {
      await session.ready();
      expect(warnings).toContain('reserved_property');
      const thing = session.create('Marked', { name: 'm' });
      expect(() => thing.$set('__entity_type__', 'Evil')).toThrow(UnknownAttributeError);
      await session.commit();
      const reader = new Session({ serverUrl: marked.url, apiUser: marked.apiUser, apiKey: marked.apiKey, onWarning: () => undefined });
      sessions.push(reader);
      const rows = await reader.query('Marked').all();
      expect(rows.map((row) => [row.$type, row.name])).toEqual([['Marked', 'm']]);
      expect(generateClient(schemas).warnings.map((w) => w.code)).toContain('reserved_property');
    } finally {
      await marked.close();
    }
  });
});
