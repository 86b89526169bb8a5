import { describe, expect, it } from 'vitest';
import { parseSchemas, type Attribute, type SchemaWarning } from '../../runtime/schema/index.js';
import { demoSchema } from '../../server/demo/index.js';
import { hasShared, workspaceASchema } from '../support/shared.js';

const target = { id: 'Status', primary_key: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } };

/** Reads one property `p` of type `A` (beside `Status`) and returns it with the warnings. */
function readOne(property: unknown): { attribute: Attribute; warnings: readonly SchemaWarning[] } {
  const model = parseSchemas([{ id: 'A', primary_key: ['id'], properties: { id: { type: 'string' }, p: property } }, target]);
  return { attribute: model.types.get('A')!.attributes.get('p')!, warnings: model.warnings };
}

describe('tolerant schema reading: property shapes', () => {
  it.each([
    ['a foreign key with $ref + type', { type: 'string', format: 'foreign_key', $ref: 'Status' }, { kind: 'scalar', type: 'string', references: 'Status' }, 'ref_with_type'],
    ['a reference with $ref + type object', { type: 'object', $ref: 'Status' }, { kind: 'reference', target: 'Status' }, 'ref_with_type'],
    ['an array with $ref instead of items', { type: 'array', $ref: 'Status' }, { kind: 'collection', target: 'Status' }, 'ref_with_type'],
    ['a foreign key without type', { format: 'foreign_key', description: 'Foreign key(s): Status.id' }, { kind: 'scalar', type: 'string', format: 'foreign_key' }, 'untyped_property'],
    ['a foreign key without type, with $ref', { format: 'foreign_key', $ref: 'Status' }, { kind: 'scalar', type: 'string', references: 'Status' }, 'untyped_property'],
    ['a date-time without type', { format: 'date-time' }, { kind: 'scalar', type: 'string', isDateTime: true }, 'untyped_property'],
    ['items without type', { items: { $ref: 'Status' } }, { kind: 'collection', target: 'Status' }, 'untyped_property'],
    ['an enum without type', { enum: ['a', 'b'] }, { kind: 'scalar', type: 'string', enum: ['a', 'b'] }, 'untyped_property'],
    ['neither type nor $ref', { description: 'x' }, { kind: 'scalar', type: 'object' }, 'untyped_property'],
    ['not an object', 'string', { kind: 'scalar', type: 'object' }, 'property_not_object'],
    ['an unknown type', { type: 'float' }, { kind: 'scalar', type: 'object' }, 'unknown_type'],
    ['an unknown type with a date format', { type: 'datetime', format: 'date-time' }, { kind: 'scalar', type: 'string', isDateTime: true }, 'unknown_type'],
    ['a JSON-Schema type list', { type: ['integer', 'null'] }, { kind: 'scalar', type: 'integer' }, 'unknown_type'],
    ['a type that is no name', { type: 42 }, { kind: 'scalar', type: 'object' }, 'unknown_type'],
    ['an unknown format', { type: 'string', format: 'uri' }, { kind: 'scalar', type: 'string', format: 'uri', isDateTime: false }, 'unknown_format'],
    ['an array without items.$ref', { type: 'array', items: { type: 'string' } }, { kind: 'scalar', type: 'object' }, 'array_without_items'],
    ['a reference to an unknown type', { $ref: 'Nope' }, { kind: 'scalar', type: 'object' }, 'unknown_target'],
    ['a collection of an unknown type', { type: 'array', items: { $ref: 'Nope' } }, { kind: 'scalar', type: 'object' }, 'unknown_target'],
    ['a mapped_array without key_value_attributes', { type: 'mapped_array', items: { $ref: 'Status' } }, { kind: 'collection', target: 'Status' }, 'mapped_without_keys'],
    ['a field of the wrong JSON type', { type: 'string', enum: 'a,b' }, { kind: 'scalar', type: 'string', enum: undefined }, 'invalid_field'],
    ['an unknown property field', { type: 'string', readOnly: true }, { kind: 'scalar', type: 'string' }, 'unknown_key'],
  ])('%s', (_label, property, expected, code) => {
    const { attribute, warnings } = readOne(property);
    expect(attribute).toMatchObject(expected);
    expect(warnings.map((w) => w.code)).toEqual([code]);
    expect(warnings[0]!.places).toEqual(['A.p']);
    expect(warnings[0]!.message).toMatch(/^A\.p: .+: (read|ignored|"\$ref" read)/);
  });

  it('a mapped_array without key_value_attributes uses key/value when the item type has them', () => {
    const model = parseSchemas([
      { id: 'A', primary_key: ['id'], properties: { id: { type: 'string' }, meta: { type: 'mapped_array', items: { $ref: 'Meta' } } } },
      { id: 'Meta', primary_key: ['parent_id', 'key'], properties: { parent_id: { type: 'string' }, key: { type: 'string' }, value: { type: 'string' } } },
    ]);
    expect(model.types.get('A')!.attributes.get('meta')).toMatchObject({ kind: 'mapped', keyAttribute: 'key', valueAttribute: 'value' });
    expect(model.warnings[0]!.message).toBe('A.meta: is a mapped_array without "key_value_attributes": read with key "key" and value "value" of Meta.');
  });

  it('one warning per finding, listing every place (three shown)', () => {
    const properties = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [name, { type: 'float' }]));
    const model = parseSchemas([{ id: 'A', primary_key: ['a'], properties }]);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]!.places).toEqual(['A.a', 'A.b', 'A.c', 'A.d', 'A.e']);
    expect(model.warnings[0]!.message).toBe('A.a, A.b, A.c and 2 more: has unknown type "float": read as any JSON value.');
  });

  it('hands every warning to onWarning once the schema is read', () => {
    const seen: string[] = [];
    const model = parseSchemas([{ id: 'A', properties: { id: { type: 'float' } } }], { onWarning: (w) => seen.push(w.code) });
    expect(seen).toEqual(['missing_primary_key', 'unknown_type']);
    expect(model.warnings.map((w) => w.code)).toEqual(seen);
  });
});

describe('tolerant schema reading: entity type shapes', () => {
  it('missing properties, missing or dangling primary keys', () => {
    const model = parseSchemas([{ id: 'A' }, { id: 'B', primary_key: ['uid'], properties: { name: { type: 'string' } } }, { id: 'C', primary_key: 'id', properties: { id: { type: 'string' } } }]);
    expect(model.types.get('A')!.primaryKey).toEqual(['id']);
    expect(model.types.get('A')!.attributes.get('id')).toMatchObject({ kind: 'scalar', type: 'string', isPrimaryKey: true });
    expect(model.types.get('B')!.attributes.get('uid')).toMatchObject({ kind: 'scalar', type: 'string', isPrimaryKey: true });
    expect(model.types.get('C')!.primaryKey).toEqual(['id']);
    expect(model.warnings.map((w) => w.message)).toEqual([
      'A: has no "properties": read with no attributes besides its primary key.',
      'A, C: has no usable "primary_key": read with primary key ["id"].',
      'A: primary key "id" is not a property: read as a string attribute.',
      'B: primary key "uid" is not a property: read as a string attribute.',
      'C: "primary_key" is the string "id", not the expected shape: ignored.',
    ]);
  });

  it('required, immutable and computed naming missing properties are ignored silently (real servers send them)', () => {
    const model = parseSchemas([{ id: 'A', primary_key: ['id'], required: ['id', 'ghost'], immutable: ['type'], computed: ['x'], properties: { id: { type: 'string' } } }]);
    expect(model.warnings).toEqual([]);
    expect(model.types.get('A')!.attributes.size).toBe(1);
  });

  it('default projections naming missing properties are dropped (else every default query fails)', () => {
    const model = parseSchemas([{ id: 'A', primary_key: ['id'], default_projections: ['id', 'gone', 'status.name'], properties: { id: { type: 'string' } } }]);
    expect(model.types.get('A')!.defaultProjections).toEqual(['id']);
    expect(model.warnings.map((w) => w.code)).toEqual(['invalid_field', 'invalid_field']);
  });

  it('$mixin to an unknown type, a malformed $mixin, and a $mixin loop', () => {
    const entry = (id: string, mixin: unknown) => ({ id, primary_key: ['id'], properties: { id: { type: 'string' } }, $mixin: mixin });
    const model = parseSchemas([entry('A', { $ref: 'Nope' }), entry('B', 'C'), entry('C', { $ref: 'D' }), entry('D', { $ref: 'C' })]);
    expect(model.types.get('A')!.base).toBeUndefined();
    expect(model.types.get('B')!.base).toBeUndefined();
    expect(model.types.get('C')!.base).toBe('D');
    expect(model.types.get('D')!.base).toBeUndefined();
    expect(model.types.get('D')!.family).toEqual(['C', 'D']);
    expect(model.warnings.map((w) => w.message)).toEqual([
      'B: "$mixin" is the string "C" without a "$ref" string: ignored (read as a base type).',
      'A: "$mixin" refers to unknown entity type "Nope": read as a base type.',
      'D: "$mixin" chain loops back to "C": this type\'s "$mixin" is ignored.',
    ]);
  });

  it('a duplicate type, unknown top-level keys, malformed alias_for and lists', () => {
    const a = { id: 'A', primary_key: ['id'], properties: { id: { type: 'string' } } };
    const model = parseSchemas([
      { ...a, title: 'first', alias_for: 42, required: ['id', 3] },
      { ...a, properties: {} },
    ]);
    expect(model.types.get('A')!.attributes.has('id')).toBe(true);
    expect(model.types.get('A')!.storage).toBeUndefined();
    expect(model.raw).toHaveLength(1);
    expect(model.warnings.map((w) => w.message)).toEqual([
      'A: unknown field "title": ignored.',
      'A: "required" holds values that are not strings: they are ignored.',
      'A: "alias_for" is the number 42, not the expected shape: ignored.',
      'A: appears more than once: the first entry is read, later ones are ignored.',
    ]);
  });

  it('property names that are Object.prototype members stay ordinary names', () => {
    const model = parseSchemas([{ id: 'A', primary_key: ['constructor'], properties: JSON.parse('{"__proto__": {"type": "string"}, "constructor": {"type": "string"}}') }]);
    expect([...model.types.get('A')!.attributes.keys()]).toEqual(['__proto__', 'constructor']);
    expect(model.warnings).toEqual([]);
  });
});

describe('known computed shapes', () => {
  it('link (stored as _api_link / api_link) is an array of {id, name, type}, computed', () => {
    const model = parseSchemas([
      { id: 'A', primary_key: ['id'], properties: { id: { type: 'string' }, link: { type: 'string', alias_for: '_api_link' }, other: { type: 'string', alias_for: 'link' } } },
    ]);
    expect(model.types.get('A')!.attributes.get('link')).toMatchObject({ kind: 'scalar', valueShape: 'link', computed: true });
    expect(model.types.get('A')!.attributes.get('other')).toMatchObject({ computed: false });
    expect(model.types.get('A')!.attributes.get('other')).not.toHaveProperty('valueShape');
  });

  it.skipIf(!hasShared)('workspace-a: every link and _link of contexts, versions and groups, and no warnings', () => {
    const model = parseSchemas(workspaceASchema());
    expect(model.warnings).toEqual([]);
    const linked = [...model.types.values()].filter((t) => t.attributes.get('link')?.kind === 'scalar');
    expect(linked.length).toBeGreaterThan(10);
    for (const type of linked) expect(type.attributes.get('link')).toMatchObject({ valueShape: 'link' });
    expect(model.types.get('Shot')!.attributes.get('_link')).toMatchObject({ valueShape: 'link' });
    expect(model.types.get('Group')!.attributes.get('link')).toMatchObject({ valueShape: 'link' });
  });

  it('the demo workspace reads without warnings', () => {
    expect(parseSchemas(demoSchema).warnings).toEqual([]);
  });
});
