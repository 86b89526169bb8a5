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

describe('schema model errors', () => {
  const good = { id: 'A', primary_key: ['id'], properties: { id: { type: 'string' } } };

  it('rejects a non-array', () => {
    expect(() => parseSchemas({})).toThrow(SchemaError);
  });

  it('names the type and attribute of a malformed property', () => {
    const bad = { ...good, properties: { id: { type: 'string' }, size: { type: 'float' } } };
    const error = (() => {
      try {
        parseSchemas([bad]);
      } catch (e) {
        return e as SchemaError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.message).toContain('A.size');
    expect(error.entityType).toBe('A');
    expect(error.attribute).toBe('size');
  });

  it('rejects unknown relation targets and missing primary keys', () => {
    expect(() => parseSchemas([{ ...good, properties: { id: { type: 'string' }, b: { $ref: 'B' } } }])).toThrow(/A\.b.*unknown entity type "B"/);
    expect(() => parseSchemas([{ ...good, primary_key: ['nope'] }])).toThrow(/primary key attribute "nope"/);
    expect(() => parseSchemas([{ id: 'A', properties: {} }])).toThrow(/entity type "A".*primary_key/);
  });
});
