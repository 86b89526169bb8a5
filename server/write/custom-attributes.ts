import { apiError } from '../api/api-error.js';
import type { CollectionLink, ConfiguredLink } from '../model/relation-types.js';
import { describe, isStoredDateTime, toStoredVariable } from '../model/values.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { CUSTOM_ATTRIBUTE_VALUE_KINDS } from '../rules/custom-attribute-rules.js';

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

/**
 * Checks and converts a custom attribute value against its configuration: the kind named by the
 * configuration's `type` row (`CUSTOM_ATTRIBUTE_VALUE_KINDS`), else the kind of its default. An
 * enumerator takes a list or a single option text.
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

/** The entity a value row belongs to (its back-link), searched in the owner's whole storage family. */
export function ownerOf(workspace: Workspace, items: ConfiguredItems, ownerKey: unknown): Row | undefined {
  const { graph } = workspace;
  const root = graph.root(items.link.owner);
  return workspace.getRow(items.link.owner, [ownerKey]) ?? workspace.store.get(graph.relationFamily(root), root, [ownerKey]);
}

/**
 * Refuses a value for a configuration that does not apply to the owner (another object type's
 * `fstart`, another project's attribute): ftrack's rule in `server/rules/custom-attribute-rules.ts`.
 */
export function checkApplies(workspace: Workspace, items: ConfiguredItems, config: Row, owner: Row): void {
  if (workspace.configurationsFor(owner, items.configured).includes(config)) return;
  const key = String(config.values[items.configured.keyAttribute] ?? '');
  throw apiError(
    'ValidationError',
    `Custom attribute "${key}" (${items.configured.configType} ${String(config.values[items.configured.configKey])}) does not apply to ${workspace.describeRow(owner)}: pick the configuration of its entity type, object type and project.`,
    'custom_attribute_not_applicable',
  );
}

/**
 * The configuration `key` names for `owner`: the one applicable configuration with that key.
 * @throws ValidationError when none applies, or several do (the message lists them).
 */
export function configurationByKey(workspace: Workspace, items: ConfiguredItems, owner: Row, key: string): Row {
  const { configured } = items;
  const found = workspace.configurationsFor(owner, configured).filter((config) => config.values[configured.keyAttribute] === key);
  if (found.length === 1) return found[0]!;
  const ids = found.map((config) => String(config.values[configured.configKey])).join(', ');
  throw apiError(
    'ValidationError',
    found.length === 0
      ? `No custom attribute "${key}" applies to ${workspace.describeRow(owner)}.`
      : `Several custom attribute configurations "${key}" apply to ${workspace.describeRow(owner)} (${ids}): give ${configured.configColumn}.`,
    found.length === 0 ? 'unknown_custom_attribute' : 'ambiguous_custom_attribute',
  );
}

function expectedKind(workspace: Workspace, config: Row): string | undefined {
  const typeAttribute = workspace.graph.type(config.type).attributes.get('type');
  if (typeAttribute?.kind === 'reference') {
    const link = workspace.link(config.type, 'type');
    const typeRow = link.kind === 'reference' ? workspace.referenced(config, link) : undefined;
    const name = typeRow?.values.name;
    const kind = typeof name === 'string' && Object.hasOwn(CUSTOM_ATTRIBUTE_VALUE_KINDS, name.toLowerCase()) ? CUSTOM_ATTRIBUTE_VALUE_KINDS[name.toLowerCase()] : undefined;
    if (kind !== undefined) return kind;
  }
  const fallback = config.values.default;
  if (fallback === null || fallback === undefined || fallback === '') return undefined;
  return Array.isArray(fallback) ? 'list' : isStoredDateTime(fallback) ? 'datetime' : typeof fallback;
}
