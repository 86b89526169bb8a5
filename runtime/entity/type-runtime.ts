import type { Attribute, EntityTypeModel } from '../schema/model.js';
import type { BaseEntity } from './base-entity.js';
import type { EntityContext } from './entity-context.js';
import { EntityPartition } from './entity-partition.js';

/** Separator of composite primary-key values in identity keys. */
export const KEY_SEPARATOR = '\u001f';

/** One attribute of a type runtime: its slot and what decoding needs. */
export interface AttributeRuntime {
  /** Position in the type's attribute list (name order); fixed. */
  readonly ordinal: number;
  /**
   * Index in the entity's slot arrays, or -1 until the attribute is first decoded or assigned.
   * Slots are handed out in order of first use, so entities hold only attributes the session
   * has actually seen for their type. Read and write values through `slots.ts`.
   */
  index: number;
  readonly name: string;
  readonly kind: Attribute['kind'];
  readonly model: Attribute;
  /** Scalar `string` + `date-time`: decoded to / encoded from dayjs. */
  readonly isDateTime: boolean;
  /** Scalar `integer` / `number`: written unquoted in expressions. */
  readonly isNumeric: boolean;
  /** Related type of references, collections and mapped arrays. */
  readonly target: string | undefined;
  /** Decoding cache: the runtime of the type this attribute's payloads named last. */
  lastTarget: TypeRuntime | undefined;
}

/** How one attribute is read and assigned on an entity (the body of its property accessor). */
export interface AttributeAccessor {
  get(this: BaseEntity): unknown;
  set(this: BaseEntity, value: unknown): void;
}

/**
 * Everything the session knows at run time about one entity type: attributes and their slots,
 * primary key, the class its objects are built from, and its partition of the identity map.
 */
export class TypeRuntime {
  readonly name: string;
  /** Attributes in name order. */
  readonly attributes: readonly AttributeRuntime[];
  readonly byName: ReadonlyMap<string, AttributeRuntime>;
  readonly primaryKey: readonly AttributeRuntime[];
  /** The primary-key attribute's name when the key is a single attribute (the raw value is the identity key). */
  readonly singleKey: string | undefined;
  /** Selectable attribute names (what `$keys()` returns). */
  readonly keys: readonly string[];
  /** The attribute owning each assigned slot index. */
  readonly slots: AttributeRuntime[] = [];
  /** Identity-map partition: identity key → entity. */
  readonly entities = new EntityPartition();
  /**
   * Decoding cache: the payload key last seen at each position and its attribute (null for keys
   * that are not attributes). Payloads of one query share their key order, so a key is looked
   * up in `byName` only when it differs from the one before at its position.
   */
  readonly seenNames: string[] = [];
  readonly seenAttributes: (AttributeRuntime | null)[] = [];
  /** The per-type entity class (set by `buildEntityClass`). */
  Class!: new () => BaseEntity;
  /**
   * Read and write functions by attribute ordinal (set by `buildEntityClass`): what the property
   * accessors run, and what `$get` / `$set` use for every attribute, protected names included.
   */
  readonly accessors: AttributeAccessor[] = [];

  constructor(
    readonly model: EntityTypeModel,
    readonly context: EntityContext,
  ) {
    this.name = model.name;
    const attributes: AttributeRuntime[] = [];
    for (const attribute of model.attributes.values()) {
      attributes.push({
        ordinal: attributes.length,
        index: -1,
        name: attribute.name,
        kind: attribute.kind,
        model: attribute,
        isDateTime: attribute.kind === 'scalar' && attribute.isDateTime,
        isNumeric: attribute.kind === 'scalar' && (attribute.type === 'integer' || attribute.type === 'number'),
        target: attribute.kind === 'scalar' ? undefined : attribute.target,
        lastTarget: undefined,
      });
    }
    this.attributes = attributes;
    this.byName = new Map(attributes.map((a) => [a.name, a]));
    this.primaryKey = model.primaryKey.map((name) => this.byName.get(name)!);
    this.singleKey = this.primaryKey.length === 1 ? this.primaryKey[0]!.name : undefined;
    this.keys = attributes.filter((a) => !a.model.restricted).map((a) => a.name);
    for (const attribute of this.primaryKey) this.assignSlot(attribute);
  }

  /** Gives `attribute` the next slot index (once) and returns it. */
  assignSlot(attribute: AttributeRuntime): number {
    if (attribute.index < 0) {
      attribute.index = this.slots.length;
      this.slots.push(attribute);
    }
    return attribute.index;
  }

  /** Identity key of a payload, or undefined when a primary-key value is missing or null. */
  keyOfPayload(payload: Readonly<Record<string, unknown>>): string | undefined {
    const pk = this.primaryKey;
    if (pk.length === 1) {
      const value = payload[pk[0]!.name];
      return value === undefined || value === null ? undefined : String(value);
    }
    const parts: string[] = [];
    for (const attribute of pk) {
      const value = payload[attribute.name];
      if (value === undefined || value === null) return undefined;
      parts.push(String(value));
    }
    return parts.join(KEY_SEPARATOR);
  }

  /** Identity key of primary-key values given in schema order. */
  keyOfValues(values: readonly string[]): string {
    return values.join(KEY_SEPARATOR);
  }
}
