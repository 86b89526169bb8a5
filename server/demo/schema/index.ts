import { assetTypes } from './asset-types.js';
import { contextTypes } from './context-types.js';
import { customAttributeTypes } from './custom-attribute-types.js';
import { peopleTypes } from './people-types.js';
import { workflowTypes } from './workflow-types.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The demo workspace's `query_schemas` answer (42 entity types), deeply frozen.
 *
 * @example
 * parseSchemas(demoSchema).types.get('Shot')?.classifiers; // [{ attribute: 'object_type_id', … }]
 */
export const demoSchema: readonly unknown[] = deepFreeze([
  ...contextTypes,
  ...workflowTypes,
  ...peopleTypes,
  ...assetTypes,
  ...customAttributeTypes,
]);
