import { apiError } from '../api/api-error.js';
import type { CollectionLink, ConfiguredLink } from '../model/relation-types.js';
import { describe, isStoredDateTime, toStoredVariable } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** A mapped array whose items are configured values, as seen from the item type. */
export interface ConfiguredItems {
  readonly link: CollectionLink;
  readonly configured: ConfiguredLink;
}

const cache = new WeakMap<Workspace, Map<string, ConfiguredItems | undefined>>();

/** The configured mapped array whose items are of `typeName` (e.g. ContextCustomAttributeValue), if any. */
export function configuredItemsOf(workspace: Workspace, typeName: string): ConfiguredItems | undefined {
  let perType = cache.get(workspace);
  if (perType === undefined) {
    perType = new Map();
    for (const type of workspace.model.types.values()) {
      for (const attribute of type.attributes.values()) {
        if (attribute.kind !== 'mapped' || attribute.restricted) continue;
        const link = workspace.link(type.name, attribute.name);
        if (link.kind === 'collection' && link.configured !== undefined && !perType.has(link.target)) {
          for (const member of workspace.graph.queryFamily(link.target)) perType.set(member, { link, configured: link.configured });
        }
      }
    }
    cache.set(workspace, perType);
  }
  return perType.get(typeName);
}

/** Kinds a configuration type name allows (`number`, `text`, `boolean`, `date`, `enumerator`). */
const KIND_BY_TYPE_NAME: Readonly<Record<string, string>> = {
  number: 'number', text: 'string', boolean: 'boolean', date: 'datetime', enumerator: 'list', 'dynamic enumerator': 'list',
};

/**
 * Checks and converts a custom attribute value against its configuration: the kind named by the
 * configuration's `type` row (number, text, boolean, date, enumerator), else the kind of its default.
 */
export function checkConfiguredValue(workspace: Workspace, config: Row, configured: ConfiguredLink, value: unknown): unknown {
  const stored = toStoredVariable(value);
  const key = String(config.values[configured.keyAttribute] ?? '');
  const expected = expectedKind(workspace, config);
  const fail = (): never => {
    throw apiError('ValidationError', `Custom attribute value for "${key}" must be of type ${expected}, got ${describe(value)}.`, 'invalid_custom_attribute');
  };
  if (stored === undefined) return fail();
  if (stored === null || expected === undefined) return stored;
  const kind = Array.isArray(stored) ? 'list' : isStoredDateTime(stored) ? 'datetime' : typeof stored;
  if (kind === expected || (expected === 'list' && kind === 'string')) return stored;
  return fail();
}

function expectedKind(workspace: Workspace, config: Row): string | undefined {
  const typeAttribute = workspace.graph.type(config.type).attributes.get('type');
  if (typeAttribute?.kind === 'reference') {
    const link = workspace.link(config.type, 'type');
    const typeRow = link.kind === 'reference' ? workspace.referenced(config, link) : undefined;
    const name = typeRow?.values.name;
    if (typeof name === 'string' && name.toLowerCase() in KIND_BY_TYPE_NAME) return KIND_BY_TYPE_NAME[name.toLowerCase()];
  }
  const fallback = config.values.default;
  if (fallback === null || fallback === undefined || fallback === '') return undefined;
  return Array.isArray(fallback) ? 'list' : isStoredDateTime(fallback) ? 'datetime' : typeof fallback;
}
