import {
  boolean,
  collection,
  entity,
  foreignKey,
  integer,
  reference,
  string,
  uid,
  variable,
  type SchemaEntry,
} from './builders.js';

// Custom attributes: their types and configurations, the per-context values that the
// `custom_attributes` mapped array holds, and the link attributes behind the restricted
// `custom_attribute_links` mapped array.

const customAttributeType = entity({
  id: 'CustomAttributeType',
  properties: {
    id: uid('typeid'),
    name: string({ description: 'Name of custom attribute type: number, text, boolean or date.' }),
    form_config: string({ alias: 'formconfig' }),
    core: boolean({ default: false, description: 'Whether a non-alterable builtin.' }),
    custom_attribute_configurations: collection('CustomAttributeConfiguration', { alias: 'variables' }),
  },
  required: ['id', 'core'],
});

const customAttributeConfiguration = entity({
  id: 'CustomAttributeConfiguration',
  aliasFor: 'Variable_Register',
  properties: {
    id: uid('registerid'),
    key: string({ description: 'Attribute name unique to entity type.' }),
    label: string({ description: 'Display name for attribute.' }),
    default: variable({
      alias: 'casted_default',
      default: '',
      description: 'Default value to use when no specific attribute value set on an instance.',
    }),
    config: string({ default: '{}', description: 'JSON blob of relevant menu options.' }),
    type_id: foreignKey('CustomAttributeType', { alias: 'typeid' }),
    type: reference('CustomAttributeType'),
    entity_type: string({ alias: 'entity', description: 'The entity type (table name): "show" or "task".' }),
    object_type_id: foreignKey('ObjectType', { alias: 'entity_key' }),
    object_type: reference('ObjectType'),
    project_id: foreignKey('Project', { alias: 'topid' }),
    is_hierarchical: boolean({ alias: 'ishierarchical', default: false, description: 'Whether overridable at different levels.' }),
    core: boolean({ default: false, description: 'Whether a non-alterable builtin.' }),
    sort: integer({ default: 0, description: 'Graphical interface sort order.' }),
    values: collection('ContextCustomAttributeValue'),
  },
  required: ['id', 'key', 'core', 'config', 'type_id', 'entity_type'],
  defaultProjections: ['id', 'key', 'label'],
  systemProjections: ['topid'],
});

const contextCustomAttributeValue = entity({
  id: 'ContextCustomAttributeValue',
  primaryKey: ['configuration_id', 'entity_id'],
  properties: {
    configuration_id: foreignKey('CustomAttributeConfiguration', { alias: 'register_id' }),
    entity_id: foreignKey('Context'),
    key: string({ description: 'Copy of the configuration key.' }),
    value: variable({ alias: 'casted_value' }),
    configuration: reference('CustomAttributeConfiguration', { alias: 'register' }),
  },
  required: ['configuration_id', 'entity_id'],
  defaultProjections: ['configuration_id', 'entity_id', 'key'],
  systemProjections: ['entity_id', 'key', 'casted_value'],
  groupBy: true,
});

const customAttributeLinkConfiguration = entity({
  id: 'CustomAttributeLinkConfiguration',
  aliasFor: 'LinkRegister',
  properties: {
    id: uid('registerid'),
    key: string({ description: 'Attribute name unique to entity type.' }),
    label: string({ description: 'Display name for attribute.' }),
    entity_type: string({ alias: 'entity', description: 'Entity type (table name) links start from.' }),
    entity_type_to: string({ alias: 'entity_to', description: 'Entity type (table name) links point to.' }),
    object_type_id: foreignKey('ObjectType', { alias: 'entity_key' }),
    object_type: reference('ObjectType'),
    object_type_id_to: foreignKey('ObjectType', { alias: 'entity_key_to' }),
    one_to_one: boolean({ default: false }),
    config: string({ default: '{}' }),
    core: boolean({ default: false }),
    sort: integer({ default: 0 }),
    project_id: foreignKey('Project', { alias: 'topid' }),
    links: collection('CustomAttributeLink'),
  },
  required: ['id', 'key', 'entity_type', 'entity_type_to', 'core', 'config'],
  immutable: ['entity_type_to', 'object_type_id_to'],
  systemProjections: ['topid'],
});

const customAttributeLink = entity({
  id: 'CustomAttributeLink',
  properties: {
    id: uid(),
    configuration_id: foreignKey('CustomAttributeLinkConfiguration', { alias: 'registerid' }),
    configuration: reference('CustomAttributeLinkConfiguration', { alias: 'register' }),
    from_id: foreignKey('Context'),
    from_entity_type: string({ transform: true, description: 'Schema id of the entity the link starts from.' }),
    to_id: string({ description: 'Primary key of the linked entity (its type is to_entity_type).' }),
    to_entity_type: string({ transform: true, description: 'Schema id of the linked entity.' }),
  },
  required: ['configuration_id', 'from_id', 'to_id', 'id'],
  immutable: ['configuration_id'],
  defaultProjections: ['configuration_id', 'from_id', 'to_id'],
});

/** Custom attribute types, configurations, context values and links. */
export const customAttributeTypes: readonly SchemaEntry[] = [
  customAttributeType,
  customAttributeConfiguration,
  contextCustomAttributeValue,
  customAttributeLinkConfiguration,
  customAttributeLink,
];
