import { MalformedResponseError } from '../errors.js';
import { isWireDateTime } from '../protocol/datetime.js';
import type { BaseEntity } from './base-entity.js';
import { REMOTE } from './entity-internals.js';
import { decodeWireDateTime, isoToEpoch, naiveIsoToEpoch, wireDateTimeToEpoch } from './fast-datetime.js';
import type { IdentityMap } from './identity-map.js';
import type { AttributeRuntime, TypeRuntime } from './type-runtime.js';

type Payload = Record<string, unknown>;

/**
 * Decodes response values into the identity map: `{"__entity_type__": …}` objects become the
 * session's entity objects (merged by type + primary key, so every occurrence is the same
 * object), datetimes become UTC dayjs values. Only attributes present in a payload are written,
 * and only as remote values: partial payloads never erase known values and local changes
 * survive. A payload that does not fit the schema throws `MalformedResponseError`.
 */
export class Decoder {
  constructor(readonly identityMap: IdentityMap) {}

  /** Decodes any JSON value (entities and datetimes anywhere inside). */
  value(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    const object = value as Payload;
    if (typeof object.__entity_type__ === 'string') return this.entity(object);
    if (isWireDateTime(object)) return this.#dateTime(object, 'a datetime');
    const out: Payload = {};
    for (const key of Object.keys(object)) out[key] = this.value(object[key]);
    return out;
  }

  /** Decodes an array of entity payloads (query `data`). */
  entities(payloads: readonly unknown[]): BaseEntity[] {
    const out = new Array<BaseEntity>(payloads.length);
    let runtime: TypeRuntime | undefined; // rows of one result are nearly always of one type
    for (let i = 0; i < payloads.length; i++) {
      const payload = payloads[i];
      const typeName = payload !== null && typeof payload === 'object' ? (payload as Payload).__entity_type__ : undefined;
      if (typeof typeName !== 'string') throw malformed('has a result item that is not an entity');
      if (runtime === undefined || runtime.name !== typeName) runtime = this.#runtimeNamed(typeName);
      out[i] = this.#merge(runtime, payload as Payload);
    }
    return out;
  }

  /** Merges one entity payload into the identity map and returns the entity object. */
  entity(payload: Payload): BaseEntity {
    return this.#merge(this.#runtimeNamed(payload.__entity_type__), payload);
  }

  #runtimeNamed(typeName: unknown): TypeRuntime {
    const runtime = typeof typeName === 'string' ? this.identityMap.tryRuntime(typeName) : undefined;
    if (runtime === undefined) throw malformed(`names entity type ${JSON.stringify(typeName)}, which the schema does not know`);
    return runtime;
  }

  /** Finds or creates the entity of `payload` and writes the attributes it carries. */
  #merge(runtime: TypeRuntime, payload: Payload): BaseEntity {
    const single = runtime.singleKey;
    let key: string | undefined;
    if (single !== undefined) {
      const value = payload[single];
      key = typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
    } else {
      key = runtime.keyOfPayload(payload);
    }
    if (key === undefined) throw malformed(`has a ${runtime.name} without its primary key (${runtime.model.primaryKey.join(', ')})`);
    let entity = runtime.entities.get(key);
    if (entity === undefined) {
      entity = new runtime.Class();
      runtime.entities.set(key, entity);
    }
    const remote = entity[REMOTE];
    // Payloads of one result share their key order: a key is looked up in `byName` only when it
    // differs from the key last seen at its position (null marks keys that are no attribute).
    const names = runtime.seenNames;
    const seen = runtime.seenAttributes;
    let position = 0;
    for (const name in payload) {
      let attribute = seen[position];
      if (names[position] !== name) {
        attribute = runtime.byName.get(name) ?? null;
        names[position] = name;
        seen[position] = attribute;
      }
      position++;
      if (attribute === null || attribute === undefined) continue; // __entity_type__, __permissions, unknown extras
      const index = attribute.index < 0 ? runtime.assignSlot(attribute) : attribute.index;
      const value = payload[name];
      if (value === null) remote[index] = null;
      else if (attribute.kind === 'reference') remote[index] = this.#entityAt(value, runtime, attribute);
      else if (attribute.isDateTime) remote[index] = dateTimeSlot(runtime, attribute, value);
      else if (attribute.kind === 'scalar') remote[index] = typeof value === 'object' ? this.value(value) : value;
      else remote[index] = this.#entityList(runtime, attribute, value);
    }
    return entity;
  }

  #entityList(runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown): BaseEntity[] {
    if (!Array.isArray(value)) throw malformed(`has ${runtime.name}.${attribute.name} that is not a list of entities`);
    const items = new Array<BaseEntity>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = this.#entityAt(value[i], runtime, attribute);
    return items;
  }

  /** The entity of `value`, a reference or member of `owner.via`. */
  #entityAt(value: unknown, owner: TypeRuntime, via: AttributeRuntime): BaseEntity {
    const typeName = value !== null && typeof value === 'object' ? (value as Payload).__entity_type__ : undefined;
    if (typeof typeName !== 'string') throw malformed(`has ${owner.name}.${via.name} that is not an entity`);
    // References of one attribute nearly always name the same type: remember the last one.
    let runtime = via.lastTarget;
    if (runtime === undefined || runtime.name !== typeName) via.lastTarget = runtime = this.#runtimeNamed(typeName);
    return this.#merge(runtime, value as Payload);
  }

  #dateTime(value: { __type__: 'datetime' | 'date'; value: string }, where: string): unknown {
    const decoded = decodeWireDateTime(value);
    if (decoded === undefined) throw malformed(`has ${where} with the invalid date "${value.value}"`);
    return decoded;
  }
}

/**
 * A datetime attribute's slot value (see slots.ts): the naive wire string itself once checked
 * (no allocation), else epoch ms of the other valid forms; dayjs is built on first read.
 */
function dateTimeSlot(runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown): number | string {
  let epoch = Number.NaN;
  if (typeof value === 'object') {
    const wire = value as { __type__?: unknown; value?: unknown };
    if (wire.__type__ === 'datetime' && typeof wire.value === 'string' && !Number.isNaN(naiveIsoToEpoch(wire.value))) return wire.value;
    if (isWireDateTime(value)) epoch = wireDateTimeToEpoch(value);
  } else if (typeof value === 'string') {
    epoch = isoToEpoch(value);
  }
  if (Number.isNaN(epoch)) {
    const shown = isWireDateTime(value) ? value.value : JSON.stringify(value);
    throw malformed(`has ${runtime.name}.${attribute.name} with the invalid date ${JSON.stringify(shown)}`);
  }
  return epoch;
}

function malformed(what: string): MalformedResponseError {
  return new MalformedResponseError(`The server's response ${what}.`, { exception: 'MalformedResponseError', content: `Response ${what}` });
}
