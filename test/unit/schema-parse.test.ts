import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../runtime/errors.js';
import { concreteTypes, parseSchemas, possibleTypes } from '../../runtime/schema/index.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

describe.skipIf(!hasShared)(`schema model on workspace-a ${hasShared ? '' : `(${SHARED_MISSING})`}`, () => {
  const raw = hasShared ? workspaceASchema() : [];
  const model = parseSchemas(raw);

  it('parses all 130 types with every property', () => {
    expect(model.types.size).toBe(130);
    let properties = 0;
    for (const type of model.types.values()) properties += type.attributes.size;
    expect(properties).toBe(1587);
  });

  it('classifies attribute kinds', () => {
    const shot = model.types.get('Shot')!;
    expect(shot.attributes.get('status')).toMatchObject({ kind: 'reference', target: 'Status' });
    expect(shot.attributes.get('children')).toMatchObject({ kind: 'collection', target: 'Context' });
    expect(shot.attributes.get('metadata')).toMatchObject({ kind: 'mapped', target: 'Metadata', keyAttribute: 'key', valueAttribute: 'value' });
    expect(shot.attributes.get('custom_attribute_links')).toMatchObject({ kind: 'mapped', restricted: true });
    expect(shot.attributes.get('start_date')).toMatchObject({ kind: 'scalar', type: 'string', isDateTime: true });
    expect(shot.attributes.get('id')).toMatchObject({ default: '{uid}', isPrimaryKey: true, immutable: true });
    expect(shot.attributes.get('time_logged')).toMatchObject({ computed: true });
    expect(shot.classifiers).toEqual([{ attribute: 'object_type_id', internalName: 'object_typeid', value: 'bad911de-3bd6-47b9-8b46-3476e237cb36' }]);
    expect(shot.systemProjections).toEqual(['project_id', 'context_type']);
  });

  it('keeps composite keys and polymorphism', () => {
    expect(model.types.get('Metadata')!.primaryKey).toEqual(['parent_id', 'key']);
    expect(model.types.get('EntitySetting')!.primaryKey).toHaveLength(3);
    expect(model.types.get('TypedContext')!.subtypes).toHaveLength(10);
    expect(concreteTypes(model, 'Context')).toContain('Project');
    expect(concreteTypes(model, 'Context')).not.toContain('TypedContext');
    expect(possibleTypes(model, 'Task', true)).toContain('Folder');
    expect(possibleTypes(model, 'Task')).toEqual(['Task']);
  });
});

describe('schema model errors: only an unusable document is refused', () => {
  const good = { id: 'A', primary_key: ['id'], properties: { id: { type: 'string' } } };

  it('rejects a non-array', () => {
    expect(() => parseSchemas({})).toThrow(SchemaError);
    expect(() => parseSchemas({})).toThrow(/must be an array of entity schemas, got an object/);
  });

  it('rejects an entry that is not an object or has no id, naming the entry', () => {
    expect(() => parseSchemas([good, 'Task'])).toThrow(/schema entry 1 is the string "Task", not an entity type object/);
    expect(() => parseSchemas([null])).toThrow(/schema entry 0 is null/);
    expect(() => parseSchemas([{ ...good, id: undefined }])).toThrow(/schema entry 0 has no entity type name \("id" is missing\)/);
    expect(() => parseSchemas([{ ...good, id: 7 }])).toThrow(SchemaError);
    expect(() => parseSchemas([{ ...good, id: '' }])).toThrow(SchemaError);
  });

  it('reads what it used to refuse, with warnings (details: test/unit/schema-tolerance.test.ts)', () => {
    const model = parseSchemas([
      { ...good, properties: { id: { type: 'string' }, size: { type: 'float' }, b: { $ref: 'B' } } },
      { id: 'C', properties: {} },
    ]);
    expect(model.types.get('A')!.attributes.get('size')).toMatchObject({ kind: 'scalar', type: 'object' });
    expect(model.types.get('A')!.attributes.get('b')).toMatchObject({ kind: 'scalar', type: 'object' });
    expect(model.types.get('C')!.primaryKey).toEqual(['id']);
    expect(model.warnings.map((w) => w.code)).toEqual(['missing_primary_key', 'primary_key_not_property', 'unknown_target', 'unknown_type']);
  });
});
