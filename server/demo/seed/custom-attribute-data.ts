import { OBJECT_TYPE_IDS, type ObjectTypeName } from '../ids.js';
import type { SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';
import { at } from './wire.js';

// Custom attribute types and configurations. A configuration applies to a context when its
// `entity_type` equals the context's `context_type` ("show" = Project, "task" = typed context)
// and, when set, its `object_type_id` equals the context's; hierarchical ones apply to every context.

/** Custom attribute type names. */
export type CustomAttributeTypeName = 'number' | 'text' | 'boolean' | 'date' | 'enumerator';

/** Keys of the demo configurations. */
export type CustomAttributeKey = 'fps' | 'fstart' | 'fend' | 'resolution' | 'delivery_date' | 'outsourced' | 'complexity' | 'tags';

interface ConfigurationPlan {
  label: string;
  type: CustomAttributeTypeName;
  entityType: 'show' | 'task';
  objectType: ObjectTypeName | null;
  hierarchical: boolean;
  default: unknown;
  config: string;
}

/** An enumerator's `config`: `{"multiSelect": …, "data": "<JSON list of {menu, value}>"}` as ftrack stores it. */
function enumerator(multiSelect: boolean, values: readonly string[]): string {
  const data = values.map((value) => ({ menu: value[0]!.toUpperCase() + value.slice(1), value }));
  return JSON.stringify({ multiSelect, data: JSON.stringify(data) });
}

const CONFIGURATIONS: Record<CustomAttributeKey, ConfigurationPlan> = {
  fps: { label: 'Frame rate', type: 'number', entityType: 'show', objectType: null, hierarchical: true, default: 24, config: '{"isdecimal": true}' },
  fstart: { label: 'Frame start', type: 'number', entityType: 'task', objectType: 'Shot', hierarchical: false, default: 1001, config: '{"isdecimal": false}' },
  fend: { label: 'Frame end', type: 'number', entityType: 'task', objectType: 'Shot', hierarchical: false, default: 1100, config: '{"isdecimal": false}' },
  resolution: { label: 'Resolution', type: 'text', entityType: 'show', objectType: null, hierarchical: false, default: '1920x1080', config: '{"markdown": false}' },
  delivery_date: { label: 'Delivery date', type: 'date', entityType: 'show', objectType: null, hierarchical: false, default: null, config: '{"format": "date"}' },
  outsourced: { label: 'Outsourced', type: 'boolean', entityType: 'task', objectType: 'Task', hierarchical: false, default: false, config: '{}' },
  complexity: { label: 'Complexity', type: 'enumerator', entityType: 'task', objectType: 'Shot', hierarchical: false, default: ['medium'], config: enumerator(false, ['simple', 'medium', 'complex']) },
  tags: { label: 'Tags', type: 'enumerator', entityType: 'task', objectType: 'Shot', hierarchical: false, default: [], config: enumerator(true, ['fx', 'crowd', 'water']) },
};

/** Id of a configuration by key. */
export const configurationId = (key: CustomAttributeKey): string => stableId(`CustomAttributeConfiguration:${key}`);

/** Id of the link configuration "asset_builds" (Shot → AssetBuild). */
export const assetBuildsLinkConfigurationId = stableId('CustomAttributeLinkConfiguration:asset_builds');

const typeId = (name: CustomAttributeTypeName): string => stableId(`CustomAttributeType:${name}`);

/** Seeds custom attribute types, configurations and the link configuration. */
export function seedCustomAttributeConfigurations(seed: SeedBuilder): void {
  for (const name of ['number', 'text', 'boolean', 'date', 'enumerator'] as const) {
    seed.add('CustomAttributeType', { id: typeId(name), name, form_config: '{}', core: true });
  }
  (Object.keys(CONFIGURATIONS) as CustomAttributeKey[]).forEach((key, sort) => {
    const plan = CONFIGURATIONS[key];
    seed.add('CustomAttributeConfiguration', {
      id: configurationId(key),
      key,
      label: plan.label,
      default: plan.type === 'date' && typeof plan.default === 'string' ? at(plan.default) : plan.default,
      config: plan.config,
      type_id: typeId(plan.type),
      entity_type: plan.entityType,
      object_type_id: plan.objectType === null ? null : OBJECT_TYPE_IDS[plan.objectType],
      project_id: null,
      is_hierarchical: plan.hierarchical,
      core: false,
      sort,
    });
  });
  seed.add('CustomAttributeLinkConfiguration', {
    id: assetBuildsLinkConfigurationId,
    key: 'asset_builds',
    label: 'Asset builds',
    entity_type: 'task',
    entity_type_to: 'task',
    object_type_id: OBJECT_TYPE_IDS.Shot,
    object_type_id_to: OBJECT_TYPE_IDS.AssetBuild,
    one_to_one: false,
    config: '{}',
    core: false,
    sort: 0,
    project_id: null,
  });
}
