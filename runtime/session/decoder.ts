import { MalformedResponseError } from '../errors.js';
import { isWireDateTime } from '../protocol/datetime.js';
import type { BaseEntity } from './base-entity.js';
import { REMOTE } from './entity-internals.js';
import { decodeWireDateTime, isoToEpoch, wireDateTimeToEpoch } from './fast-datetime.js';
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
    for (let i = 0; i < payloads.length; i++) out[i] = this.#entityAt(payloads[i], 'a result item');
    return out;
  }

  /** Merges one entity payload into the identity map and returns the entity object. */
  entity(payload: Payload): BaseEntity {
    const typeName = payload.__entity_type__;
    const runtime = typeof typeName === 'string' ? this.identityMap.tryRuntime(typeName) : undefined;
    if (runtime === undefined) throw malformed(`names entity type ${JSON.stringify(typeName)}, which the schema does not know`);
    const key = runtime.keyOfPayload(payload);
    if (key === undefined) {
      throw malformed(`has a ${runtime.name} without its primary key (${runtime.model.primaryKey.join(', ')})`);
    }
    let entity = runtime.entities.get(key);
    if (entity === undefined) {
      entity = new runtime.Class();
      runtime.entities.set(key, entity);
    }
    const remote = entity[REMOTE];
    const byName = runtime.byName;
    for (const name in payload) {
      const attribute = byName.get(name);
      if (attribute === undefined) continue; // __entity_type__, __permissions, unknown extras
      const index = attribute.index < 0 ? runtime.assignSlot(attribute) : attribute.index;
      remote[index] = this.#attributeValue(runtime, attribute, payload[name]);
    }
    return entity;
  }

  #attributeValue(runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown): unknown {
    if (value === null) return null;
    switch (attribute.kind) {
      case 'scalar':
        if (attribute.isDateTime) return dateTimeSlot(runtime, attribute, value);
        return typeof value === 'object' ? this.value(value) : value;
      case 'reference':
        return this.#entityAt(value, `${runtime.name}.${attribute.name}`);
      default: {
        if (!Array.isArray(value)) throw malformed(`has ${runtime.name}.${attribute.name} that is not a list of entities`);
        const items = new Array<BaseEntity>(value.length);
        for (let i = 0; i < value.length; i++) items[i] = this.#entityAt(value[i], `${runtime.name}.${attribute.name}`);
        return items;
      }
    }
  }

  #entityAt(value: unknown, where: string): BaseEntity {
    if (value === null || typeof value !== 'object' || typeof (value as Payload).__entity_type__ !== 'string') {
      throw malformed(`has ${where} that is not an entity`);
    }
    return this.entity(value as Payload);
  }

  #dateTime(value: { __type__: 'datetime' | 'date'; value: string }, where: string): unknown {
    const decoded = decodeWireDateTime(value);
    if (decoded === undefined) throw malformed(`has ${where} with the invalid date "${value.value}"`);
    return decoded;
  }
}

/** A datetime attribute's slot value: epoch ms, turned into dayjs on first read (see slots.ts). */
function dateTimeSlot(runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown): number {
  const epoch = isWireDateTime(value) ? wireDateTimeToEpoch(value) : typeof value === 'string' ? isoToEpoch(value) : Number.NaN;
  if (Number.isNaN(epoch)) {
    const shown = isWireDateTime(value) ? value.value : JSON.stringify(value);
    throw malformed(`has ${runtime.name}.${attribute.name} with the invalid date ${JSON.stringify(shown)}`);
  }
  return epoch;
}

function malformed(what: string): MalformedResponseError {
  return new MalformedResponseError(`The server's response ${what}.`, { exception: 'MalformedResponseError', content: `Response ${what}` });
}
