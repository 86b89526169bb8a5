import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../../runtime/errors.js';
import { dayjs } from '../../runtime/protocol/datetime.js';
import { parseSchemas } from '../../runtime/schema/index.js';
import { Decoder } from '../../runtime/identity/decoder.js';
import { IdentityMap } from '../../runtime/identity/identity-map.js';
import { ResultGroup, resultGroupOf } from '../../runtime/identity/result-group.js';
import { SessionEntityContext } from '../../runtime/session/session-context.js';
import { REMOTE } from '../../runtime/entity/entity-internals.js';
import { type BaseEntity } from '../../runtime/entity/base-entity.js';
import { EntityPartition } from '../../runtime/entity/entity-partition.js';
import { isoToEpoch, naiveIsoToEpoch } from '../../runtime/entity/fast-datetime.js';
import { unitSchema } from '../support/fixture-server-mock.js';

// The decoder's shortcuts (key-order cache, per-attribute target cache, identity-key cache,
// datetimes kept as checked wire strings) must give the same entities as the plain path.

type Loose = BaseEntity & Record<string, any>;

function setup(schemas: unknown[] = unitSchema()) {
  const identity = new IdentityMap(parseSchemas(schemas), new SessionEntityContext());
  return { identity, decoder: new Decoder(identity) };
}

/** Notes whose `parent` is any Context: Shot and Sequence rows share one reference attribute. */
function polymorphicSchema(): unknown[] {
  const str = { type: 'string' };
  const subtype = (id: string) => ({
    id, type: 'object', $mixin: { $ref: 'Context' }, primary_key: ['id'], default_projections: ['id'],
    alias_for: { id: 'Context', classifiers: { object_typeid: id } }, properties: { id: str, name: str },
  });
  return [
    { id: 'Context', type: 'object', primary_key: ['id'], default_projections: ['id'], properties: { id: str, name: str } },
    subtype('Shot'),
    subtype('Sequence'),
    { id: 'Note', type: 'object', primary_key: ['id'], default_projections: ['id'], properties: { id: str, text: str, parent: { $ref: 'Context' } } },
  ];
}

describe('decoder shortcuts', () => {
  it('reads every attribute when payloads change key order, add keys or drop keys', () => {
    const { decoder } = setup();
    const rows = [
      { __entity_type__: 'Task', id: 't1', name: 'a', bid: 1 },
      { bid: 2, __entity_type__: 'Task', name: 'b', id: 't2' },
      { __entity_type__: 'Task', id: 't3', name: 'c', bid: 3, created_at: { __type__: 'datetime', value: '2024-01-02T03:04:05' }, extra: 1 },
      { __entity_type__: 'Task', id: 't4' },
      { __entity_type__: 'Task', name: 'e', id: 't5', project_id: 'p1' },
    ];
    const [t1, t2, t3, t4, t5] = decoder.entities(rows) as Loose[];
    expect([t1!.name, t1!.bid, t2!.name, t2!.bid, t3!.name, t3!.bid]).toEqual(['a', 1, 'b', 2, 'c', 3]);
    expect(t3!.created_at.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(t4!.$isLoaded('name')).toBe(false);
    expect(t5!.name).toBe('e');
    expect(t5!.project_id).toBe('p1');
    expect(t5!.$isLoaded('bid')).toBe(false);
  });

  it('resolves each reference to the type its payload names, also when consecutive rows differ', () => {
    const { decoder, identity } = setup(polymorphicSchema());
    const notes = decoder.entities([
      { __entity_type__: 'Note', id: 'n1', parent: { __entity_type__: 'Shot', id: 'c1', name: 'sh010' } },
      { __entity_type__: 'Note', id: 'n2', parent: { __entity_type__: 'Sequence', id: 'c2', name: 'sq01' } },
      { __entity_type__: 'Note', id: 'n3', parent: { __entity_type__: 'Shot', id: 'c1' } },
      { __entity_type__: 'Note', id: 'n4', parent: { __entity_type__: 'Context', id: 'c3' } },
    ]) as Loose[];
    expect(notes.map((note) => note.parent.$type)).toEqual(['Shot', 'Sequence', 'Shot', 'Context']);
    expect(notes[2]!.parent).toBe(notes[0]!.parent);
    expect(identity.find('Context', ['c2'])).toBe(notes[1]!.parent);
    expect(() => decoder.entities([{ __entity_type__: 'Note', id: 'n5', parent: { __entity_type__: 'Spaceship', id: 'x' } }])).toThrow('"Spaceship"');
  });

  it('keeps a checked naive datetime as its wire text until first read, then caches the dayjs', () => {
    const { decoder } = setup();
    const [task] = decoder.entities([{ __entity_type__: 'Task', id: 't1', created_at: { __type__: 'datetime', value: '2022-10-10T10:12:09' } }]) as Loose[];
    expect((task as Loose)[REMOTE]).toContain('2022-10-10T10:12:09');
    const first = task!.created_at;
    expect(dayjs.isDayjs(first) && first.isUTC()).toBe(true);
    expect(first.toISOString()).toBe('2022-10-10T10:12:09.000Z');
    expect(task!.created_at).toBe(first);
    expect(task!.toJSON().created_at).toBe(first);
  });

  it('rejects an impossible naive datetime while decoding, naming type and attribute', () => {
    const { decoder } = setup();
    const bad = { __entity_type__: 'Task', id: 't1', created_at: { __type__: 'datetime', value: '2021-01-01T10:60:00' } };
    expect(() => decoder.entities([bad])).toThrow(MalformedResponseError);
    expect(() => decoder.entities([bad])).toThrow('Task.created_at with the invalid date "2021-01-01T10:60:00"');
  });
});

describe('naive datetime reader', () => {
  it('agrees with Date for every 7 days and 1 hour across four centuries', () => {
    for (let t = Date.UTC(1700, 0, 1); t < Date.UTC(2300, 0, 1); t += 7 * 86_400_000 + 3_601_000) {
      const text = new Date(t).toISOString().slice(0, 19);
      expect(naiveIsoToEpoch(text)).toBe(Math.floor(t / 1000) * 1000);
    }
  });

  it('reads years below 100 literally and rejects impossible values', () => {
    expect(new Date(naiveIsoToEpoch('0042-03-04T05:06:07')).toISOString()).toBe('0042-03-04T05:06:07.000Z');
    for (const text of ['2100-02-29T00:00:00', '2021-02-30T00:00:00', '2021-01-01T24:00:00', '2021-01-01T10:60:00', '2021-13-01T00:00:00', '2021-1a-01T00:00:00']) {
      expect(naiveIsoToEpoch(text), text).toBeNaN();
      expect(isoToEpoch(text), text).toBeNaN();
    }
    expect(naiveIsoToEpoch('2022-10-10T12:12:09+02:00')).toBeNaN();
    expect(isoToEpoch('2022-10-10T12:12:09+02:00')).toBe(Date.UTC(2022, 9, 10, 10, 12, 9));
  });
});

describe('identity partition cache', () => {
  const fakes = Array.from({ length: 200 }, (_, i) => ({ i }) as unknown as BaseEntity);
  const id = (i: number) => `0000000${i % 10}-0000-4000-8000-${String(i).padStart(12, '0')}`;

  it('answers exactly like a Map through sets, replacements, deletes and clear', () => {
    const partition = new EntityPartition();
    const model = new Map<string, BaseEntity>();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let step = 0; step < 5000; step++) {
      const key = id(next() % 150);
      const copy = (' ' + key).slice(1); // an equal string that is a different object, as JSON.parse gives
      const op = next() % 10;
      if (op < 4) {
        partition.set(key, fakes[step % 200]!);
        model.set(key, fakes[step % 200]!);
      } else if (op < 5) {
        expect(partition.delete(copy)).toBe(model.delete(copy));
      } else if (op === 5 && step % 500 === 0) {
        partition.clear();
        model.clear();
      }
      expect(partition.get(copy)).toBe(model.get(copy));
      expect(partition.has(copy)).toBe(model.has(copy));
    }
    expect([...partition.keys()]).toEqual([...model.keys()]);
  });
});

describe('result groups', () => {
  it('lists an entity returned twice in one page once, and moves it to a later group', () => {
    const { decoder } = setup();
    const [a, b, again] = decoder.entities([
      { __entity_type__: 'Task', id: 't1' },
      { __entity_type__: 'Task', id: 't2' },
      { __entity_type__: 'Task', id: 't1' },
    ]);
    expect(again).toBe(a);
    const first = new ResultGroup();
    first.add([a!, b!, again!]);
    expect(first.members).toEqual([a, b]);
    first.add(new Set([b!]));
    expect(first.members).toEqual([a, b]);
    const second = new ResultGroup();
    second.add([b!]);
    expect(resultGroupOf(a!)).toBe(first);
    expect(resultGroupOf(b!)).toBe(second);
  });
});
