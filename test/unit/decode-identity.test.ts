import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../../runtime/errors.js';
import { dayjs } from '../../runtime/protocol/datetime.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { Decoder } from '../../runtime/identity/decoder.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { type BaseEntity } from '../../runtime/entity/base-entity.js';
import { unitSchema } from '../support/fixture-server-mock.js';

function setup() {
  const identity = new IdentityMap(parseSchemas(unitSchema()), new SessionEntityContext());
  return { identity, decoder: new Decoder(identity) };
}

type Loose = BaseEntity & Record<string, any>;

const task = (id: string, extra: Record<string, unknown> = {}) => ({ __entity_type__: 'Task', id, ...extra });

describe('decoding into the identity map', () => {
  it('gives one object per type and key, within one response and across responses', () => {
    const { decoder, identity } = setup();
    const project = { __entity_type__: 'Project', id: 'p1', name: 'Alpha' };
    const [a, b] = decoder.entities([task('t1', { project }), task('t2', { project: { __entity_type__: 'Project', id: 'p1' } })]) as Loose[];
    expect(a!.project).toBe(b!.project);
    const [again] = decoder.entities([task('t1')]);
    expect(again).toBe(a);
    expect(identity.find('Project', ['p1'])).toBe(a!.project);
    expect(identity.size).toBe(3);
  });

  it('fills a reference from every occurrence and never erases known values', () => {
    const { decoder } = setup();
    const [first] = decoder.entities([task('t1', { name: 'comp', bid: 3, project: { __entity_type__: 'Project', id: 'p1' } })]) as Loose[];
    decoder.entities([task('t1', { project: { __entity_type__: 'Project', id: 'p1', name: 'Alpha' } })]);
    expect(first!.name).toBe('comp');
    expect(first!.bid).toBe(3);
    expect(first!.project.name).toBe('Alpha');
  });

  it('keeps local values over re-queried remote values', () => {
    const { decoder } = setup();
    const [entity] = decoder.entities([task('t1', { name: 'remote' })]) as Loose[];
    entity!.name = 'local';
    decoder.entities([task('t1', { name: 'remote again', bid: 2 })]);
    expect(entity!.name).toBe('local');
    expect(entity!.bid).toBe(2);
    expect(entity!.$state).toBe('modified');
  });

  it('decodes datetimes to dayjs in UTC (naive, offset and date forms)', () => {
    const { decoder } = setup();
    const [a, b, c] = decoder.entities([
      task('t1', { created_at: { __type__: 'datetime', value: '2022-10-10T10:12:09' } }),
      task('t2', { created_at: { __type__: 'datetime', value: '2022-10-10T12:12:09+02:00' } }),
      task('t3', { created_at: { __type__: 'date', value: '2024-02-29' } }),
    ]) as Loose[];
    for (const entity of [a, b]) {
      expect(dayjs.isDayjs(entity!.created_at)).toBe(true);
      expect(entity!.created_at.isUTC()).toBe(true);
      expect(entity!.created_at.toISOString()).toBe('2022-10-10T10:12:09.000Z');
    }
    expect(c!.created_at.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(decoder.value({ nested: [{ __type__: 'datetime', value: '2020-01-01T00:00:00' }] })).toEqual({ nested: [expect.objectContaining({ $y: 2020 })] });
  });

  it('keys composite and integer primary keys', () => {
    const { decoder, identity } = setup();
    const [meta] = decoder.entities([{ __entity_type__: 'Metadata', parent_id: 'p1', key: 'fps', value: '24' }]);
    expect(identity.find('Metadata', ['p1', 'fps'])).toBe(meta);
    expect(meta!.$primaryKey()).toEqual(['p1', 'fps']);
    const [event] = decoder.entities([{ __entity_type__: 'Event', id: 42 }]);
    expect(identity.find('Event', ['42'])).toBe(event);
  });

  it('merges subtypes under their concrete type and finds them from the base type', () => {
    const { decoder, identity } = setup();
    const [shot] = decoder.entities([{ __entity_type__: 'Shot', id: 's1', name: 'sh010' }]);
    expect(shot!.$type).toBe('Shot');
    expect(identity.find('Context', ['s1'])).toBe(shot);
  });

  it('decodes collections and mapped arrays into entity lists', () => {
    const { decoder } = setup();
    const [project] = decoder.entities([{ __entity_type__: 'Project', id: 'p1', tasks: [task('t1'), task('t2')] }]) as Loose[];
    expect(project!.tasks.length).toBe(2);
    expect(project!.tasks.at(0).$type).toBe('Task');
    const [withMeta] = decoder.entities([task('t9', { metadata: [{ __entity_type__: 'Metadata', parent_id: 't9', key: 'fps', value: '24' }] })]) as Loose[];
    expect(withMeta!.metadata.get('fps')).toBe('24');
  });
});

describe('malformed payloads', () => {
  const cases: [string, unknown, string][] = [
    ['an unknown entity type', { __entity_type__: 'Spaceship', id: 'x' }, '"Spaceship"'],
    ['a missing primary key', { __entity_type__: 'Task', name: 'x' }, 'without its primary key'],
    ['a reference that is not an entity', task('t1', { project: 'p1' }), 'Task.project that is not an entity'],
    ['a collection that is not a list', { __entity_type__: 'Project', id: 'p', tasks: {} }, 'Project.tasks that is not a list'],
    ['an invalid datetime', task('t1', { created_at: { __type__: 'datetime', value: '2021-02-30T00:00:00' } }), 'invalid date'],
  ];
  for (const [name, payload, text] of cases) {
    it(`rejects ${name} with MalformedResponseError`, () => {
      const { decoder } = setup();
      expect(() => decoder.entities([payload])).toThrow(MalformedResponseError);
      expect(() => decoder.entities([payload])).toThrow(text);
    });
  }
});
