import { NotLoadedError } from '../errors.js';
import { assignAttribute } from './assign-attribute.js';
import { BaseEntity } from './base-entity.js';
import { CollectionView } from './collection-view.js';
import { LOCAL, NOT_SET, REMOTE, RUNTIME, STATE, VIEWS } from './entity-internals.js';
import { materialiseRemote, slotValue } from './slots.js';
import { KeyValueView } from './key-value-view.js';
import { isProtectedName } from '../contract/protected-names.js';
import type { AttributeAccessor, AttributeRuntime, TypeRuntime } from './type-runtime.js';

/**
 * Builds the class of one entity type: a `BaseEntity` subclass named after the type, with one
 * accessor per schema attribute on its prototype (no per-object Proxy or closures).
 * Reading an attribute that is neither loaded nor set throws `NotLoadedError`; on a created
 * (unsaved) entity it reads `undefined`. Assigning records a local value.
 *
 * Attributes with a protected name (`then`, `$…`, `constructor`, `__proto__`, `toString`…; see
 * `isProtectedName`) get no property, so no schema can make entities thenable or shadow a runtime
 * member; they are read and written with `$get` / `$set`, which work for every attribute.
 *
 * `members` are the type's extra runtime members (`$…` names, so never an attribute's), put on
 * the prototype after the accessors: the session's `EntityContext.typeMembers` decides them from
 * the schema (e.g. `$url` / `$locations` on the `Component` family).
 */
export function buildEntityClass(runtime: TypeRuntime, members?: PropertyDescriptorMap): new () => BaseEntity {
  const Class = class extends BaseEntity {
    constructor() {
      super(runtime.slots.length);
    }
  };
  Object.defineProperty(Class, 'name', { value: runtime.name });
  Object.defineProperty(Class.prototype, RUNTIME, { value: runtime, enumerable: false });
  for (const attribute of runtime.attributes) {
    const accessor: AttributeAccessor = {
      get: attribute.kind === 'collection' || attribute.kind === 'mapped' ? viewGetter(attribute) : valueGetter(attribute),
      set(this: BaseEntity, value: unknown) {
        assignAttribute(this, attribute, value);
      },
    };
    runtime.accessors[attribute.ordinal] = accessor;
    if (isProtectedName(attribute.name) || attribute.name in BaseEntity.prototype) continue;
    Object.defineProperty(Class.prototype, attribute.name, { get: accessor.get, set: accessor.set, enumerable: true, configurable: false });
  }
  if (members !== undefined) Object.defineProperties(Class.prototype, members);
  runtime.Class = Class;
  return Class;
}

function valueGetter(attribute: AttributeRuntime): (this: BaseEntity) => unknown {
  const isDateTime = attribute.isDateTime;
  return function get(this: BaseEntity): unknown {
    const index = attribute.index;
    if (index < 0) return unset(this, attribute);
    const local = this[LOCAL];
    if (local !== null) {
      const value = local[index];
      if (value !== undefined) return value;
    }
    const remote = this[REMOTE][index];
    if (remote === undefined) return unset(this, attribute);
    if (isDateTime && (typeof remote === 'number' || typeof remote === 'string')) return materialiseRemote(this, index, remote);
    return remote;
  };
}

function viewGetter(attribute: AttributeRuntime): (this: BaseEntity) => unknown {
  const ordinal = attribute.ordinal;
  return function get(this: BaseEntity): unknown {
    const cached = this[VIEWS]?.[ordinal];
    if (cached !== undefined) return cached;
    if (slotValue(this, attribute) === NOT_SET && this[STATE] !== 'created') return unset(this, attribute);
    const views = (this[VIEWS] ??= []);
    const view = attribute.kind === 'mapped' ? new KeyValueView(this, attribute) : new CollectionView(this, attribute);
    views[ordinal] = view;
    return view;
  };
}

function unset(entity: BaseEntity, attribute: AttributeRuntime): undefined {
  if (entity[STATE] === 'created') return undefined;
  throw new NotLoadedError(entity.$type, attribute.name);
}
