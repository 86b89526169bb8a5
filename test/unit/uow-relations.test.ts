import { describe, expect, it } from 'vitest';
import { parseSchemas } from '../../runtime/schema/index.js';
import { collectionInverse, referenceInverses } from '../../runtime/entity/relation-inverse.js';
import { mappedItemLink } from '../../runtime/entity/mapped-item-link.js';
import { demoSchema } from '../../server/demo/index.js';
import { hasShared, SHARED_MISSING, workspaceASchema } from '../support/shared.js';

// Inverse relations and mapped-array item links come from schema metadata only.
const demo = parseSchemas(demoSchema);

describe('collection ↔ reference inverses (demo schema)', () => {
  it('pairs each collection with the reference of its items that points back', () => {
    expect(collectionInverse(demo, 'Project', 'children')).toBe('parent');
    expect(collectionInverse(demo, 'Sequence', 'children')).toBe('parent');
    expect(collectionInverse(demo, 'Shot', 'notes')).toBe('parent');
    expect(collectionInverse(demo, 'Status', 'tasks')).toBe('status');
    expect(collectionInverse(demo, 'User', 'timelogs')).toBe('user');
    expect(collectionInverse(demo, 'Note', 'replies')).toBe('in_reply_to');
    expect(collectionInverse(demo, 'Project', 'name')).toBeUndefined();
    expect(collectionInverse(demo, 'Project', 'metadata')).toBeUndefined();
  });

  it('finds the collections a reference answers, for the concrete target and item types', () => {
    expect(referenceInverses(demo, 'Sequence', 'parent', 'Project')).toEqual(['children']);
    expect(referenceInverses(demo, 'Note', 'parent', 'Shot')).toEqual(['notes']);
    expect(referenceInverses(demo, 'Task', 'status', 'Status')).toEqual(['tasks']);
    expect(referenceInverses(demo, 'Task', 'priority', 'Status')).toEqual([]);
  });

  it('links mapped arrays to their item types', () => {
    expect(mappedItemLink(demo, 'Shot', 'metadata')).toEqual({
      kind: 'keyed',
      itemType: 'Metadata',
      backLink: 'parent_id',
      typeColumn: 'parent_type',
      keyAttribute: 'key',
      valueAttribute: 'value',
    });
    expect(mappedItemLink(demo, 'Shot', 'custom_attributes')).toEqual({
      kind: 'configured',
      itemType: 'ContextCustomAttributeValue',
      backLink: 'entity_id',
      configColumn: 'configuration_id',
      configType: 'CustomAttributeConfiguration',
      configKey: 'id',
      keyAttribute: 'key',
      valueAttribute: 'value',
    });
    expect(mappedItemLink(demo, 'Shot', 'custom_attribute_links')).toBeUndefined();
  });
});

describe.skipIf(!hasShared)('the same rules on the real 130-type schema', () => {
  if (!hasShared) console.warn(`[skip] ${SHARED_MISSING}`);
  const real = hasShared ? parseSchemas(workspaceASchema()) : demo;

  it('derives the inverses of the tutorial relations', () => {
    expect(collectionInverse(real, 'Project', 'children')).toBe('parent');
    expect(referenceInverses(real, 'Sequence', 'parent', 'Project')).toContain('children');
    expect(collectionInverse(real, 'AssetVersion', 'components')).toBe('version');
  });

  it('links metadata and custom attributes of a typed context', () => {
    expect(mappedItemLink(real, 'Shot', 'metadata')).toMatchObject({ kind: 'keyed', itemType: 'Metadata', backLink: 'parent_id', typeColumn: 'parent_type' });
    expect(mappedItemLink(real, 'Shot', 'custom_attributes')).toMatchObject({
      kind: 'configured',
      itemType: 'ContextCustomAttributeValue',
      backLink: 'entity_id',
      configColumn: 'configuration_id',
    });
  });
});
