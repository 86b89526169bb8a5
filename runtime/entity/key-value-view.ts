import { configurationsFor } from '../contract/custom-attribute-lookup.js';
import { InvalidStateError, UnknownAttributeError } from '../errors.js';
import { entityLabel, type BaseEntity } from './base-entity.js';
import { collectionItems } from './collection-view.js';
import type { KeyValueMap } from '../contract/entity-types.js';
import { RUNTIME } from './entity-internals.js';
import type { AttributeRuntime } from './type-runtime.js';

/**
 * A mapped array (`metadata`, `custom_attributes`) read as key → value, using the schema's
 * `key_value_attributes`. Changing an existing key assigns the item's value attribute (a local
 * change of that item); adding or removing keys goes through the session's entity context.
 *
 * @example task.metadata.get('frame_rate') // value of the Metadata item whose key is "frame_rate"
 */
export class KeyValueView<V = unknown> implements KeyValueMap<V> {
  readonly #keyAttribute: string;
  readonly #valueAttribute: string;

  constructor(
    readonly owner: BaseEntity,
    readonly attribute: AttributeRuntime,
  ) {
    const model = attribute.model;
    this.#keyAttribute = (model.kind === 'mapped' ? model.keyAttribute : undefined) ?? 'key';
    this.#valueAttribute = (model.kind === 'mapped' ? model.valueAttribute : undefined) ?? 'value';
  }

  /** The underlying item entities. */
  items(): readonly BaseEntity[] {
    return collectionItems(this.owner, this.attribute);
  }

  get size(): number {
    return this.items().length;
  }

  get(key: string): V | undefined {
    const item = this.#find(key);
    return item === undefined ? undefined : (this.#decode(key, read(item, this.#valueAttribute)) as V);
  }

  /**
   * Custom attributes: the value a hierarchical attribute has for the owner — its own when set, else
   * the nearest one set on its parents or project, else the default (one request, plus one for the
   * owner's `link` when it is not loaded).
   * @example await shot.custom_attributes.getInherited('fps') // select entity_id, value from ContextCustomAttributeValue where configuration_id is "…" and entity_id in (…)
   */
  async getInherited(key: string): Promise<V | undefined> {
    const context = this.owner[RUNTIME].context;
    if (context.inheritedValue === undefined) {
      throw new InvalidStateError(`${this.toString()}.getInherited("${key}") needs a session.`, { cause: { attribute: this.attribute.name, key } });
    }
    return this.#decode(key, await context.inheritedValue(this.owner, this.attribute, key)) as V;
  }

  has(key: string): boolean {
    return this.#find(key) !== undefined;
  }

  set(key: string, input: V): void {
    const value = this.#encode(key, input);
    const item = this.#find(key);
    if (item !== undefined) write(item, this.#valueAttribute, value);
    else this.owner[RUNTIME].context.addMappedItem(this.owner, this.attribute, key, value);
  }

  delete(key: string): boolean {
    if (this.#find(key) === undefined) return false;
    return this.owner[RUNTIME].context.removeMappedItem(this.owner, this.attribute, key);
  }

  keys(): string[] {
    return this.items().map((item) => String(read(item, this.#keyAttribute)));
  }

  entries(): [string, V][] {
    return this.items().map((item) => {
      const key = String(read(item, this.#keyAttribute));
      return [key, this.#decode(key, read(item, this.#valueAttribute)) as V];
    });
  }

  [Symbol.iterator](): Iterator<[string, V]> {
    return this.entries()[Symbol.iterator]();
  }

  toJSON(): Record<string, V> {
    return Object.fromEntries(this.entries()) as Record<string, V>;
  }

  toString(): string {
    return `${entityLabel(this.owner)}.${this.attribute.name}`;
  }

  /** A single-select enumerator of the generated configurations: one option value (ftrack stores a one-item list). */
  #singleSelect(key: string): boolean {
    const configs = configurationsFor(this.owner[RUNTIME].context.customAttributes, this.owner.$type, this.attribute.name).filter((c) => c.key === key);
    return configs.length > 0 && configs.every((c) => ENUMERATORS.has(c.type) && !c.multiSelect);
  }

  #decode(key: string, value: unknown): unknown {
    if (!Array.isArray(value) || !this.#singleSelect(key)) return value;
    return value.length === 0 ? null : (value[0] as unknown);
  }

  #encode(key: string, value: unknown): unknown {
    if (Array.isArray(value) || !this.#singleSelect(key)) return value;
    return value === null || value === undefined ? [] : [value];
  }

  #find(key: string): BaseEntity | undefined {
    return this.items().find((item) => read(item, this.#keyAttribute) === key);
  }
}

/** Custom attribute types whose values ftrack stores as a list of option values. */
const ENUMERATORS = new Set(['enumerator', 'dynamic enumerator']);

/** Reads an item attribute through its accessor, so protected names (`value` named `then`…) work too. */
function read(item: BaseEntity, attribute: string): unknown {
  const runtime = item[RUNTIME];
  const slot = runtime.byName.get(attribute);
  if (slot === undefined) throw new UnknownAttributeError(item.$type, attribute);
  return runtime.accessors[slot.ordinal]!.get.call(item);
}

function write(item: BaseEntity, attribute: string, value: unknown): void {
  const runtime = item[RUNTIME];
  const slot = runtime.byName.get(attribute);
  if (slot === undefined) throw new UnknownAttributeError(item.$type, attribute);
  runtime.accessors[slot.ordinal]!.set.call(item, value);
}
