import type { CustomAttributeDefinition, CustomAttributeMetadata } from './custom-attributes.js';

/** The configurations that may apply to `attribute` of `entityType` (empty when the metadata does not list it). */
export function configurationsFor(metadata: CustomAttributeMetadata | undefined, entityType: string, attribute: string): CustomAttributeDefinition[] {
  if (metadata === undefined || !Object.hasOwn(metadata.entityTypes, entityType)) return [];
  const byAttribute = metadata.entityTypes[entityType]!;
  if (!Object.hasOwn(byAttribute, attribute)) return [];
  const ids = new Set(byAttribute[attribute]);
  return metadata.configurations.filter((config) => ids.has(config.id));
}
