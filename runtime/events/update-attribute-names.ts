import type { EntityTypeModel, SchemaModel } from '../schema/model.js';
import { isJsonObject } from './json.js';

const ALIASES = new WeakMap<EntityTypeModel, ReadonlyMap<string, string>>();

/** Storage name → attribute name of a type, from the schema's `alias_for`. */
function aliasesOf(type: EntityTypeModel): ReadonlyMap<string, string> {
  let aliases = ALIASES.get(type);
  if (aliases === undefined) {
    const map = new Map<string, string>();
    for (const attribute of type.attributes.values()) if (attribute.aliasFor !== undefined && attribute.aliasFor !== attribute.name) map.set(attribute.aliasFor, attribute.name);
    ALIASES.set(type, (aliases = map));
  }
  return aliases;
}

/**
 * Adds, to each entity of an `ftrack.update` event, its changes under the attribute names too:
 * servers key `changes` by storage name (`statusid`), the schema's `alias_for` maps it to the
 * attribute (`status_id`). The keys as sent stay; `keys` is not touched. Entities of a type the
 * schema does not know, and keys that are no alias (custom attribute keys), are left as they are.
 *
 * @example { entity_type: 'Task', changes: { statusid: c } } → { entity_type: 'Task', changes: { statusid: c, status_id: c } }
 */
export function addAttributeNames(data: unknown, schema: SchemaModel): void {
  if (!isJsonObject(data) || !Array.isArray(data.entities)) return;
  for (const entity of data.entities) {
    if (!isJsonObject(entity) || typeof entity.entity_type !== 'string' || !isJsonObject(entity.changes)) continue;
    const type = schema.types.get(entity.entity_type);
    if (type === undefined) continue;
    const aliases = aliasesOf(type);
    const changes = entity.changes;
    for (const key of Object.keys(changes)) {
      const name = aliases.get(key);
      if (name !== undefined && !Object.hasOwn(changes, name)) changes[name] = changes[key];
    }
  }
}
