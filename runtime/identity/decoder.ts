import { MalformedResponseError } from '../errors.js';
import { quoted } from '../transport/redact.js';
import { isWireDateTime } from '../protocol/datetime.js';
import { setOwn } from '../protocol/own-record.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { REMOTE } from '../entity/entity-internals.js';
import { decodeWireDateTime, isoToEpoch, naiveIsoToEpoch, wireDateTimeToEpoch } from '../entity/fast-datetime.js';
import type { IdentityMap } from './identity-map.js';
import type { Lease } from './transient-entities.js';
import type { AttributeRuntime, TypeRuntime } from '../entity/type-runtime.js';

type Payload = Record<string, unknown>;

/**
 * How decoding holds the entities it meets in the identity map:
 * - `'all'` (reads by default): for the session's life, transient ones included (claimed);
 * - a `Lease` (a page of a read with `retain: 'none'`): new entities until the lease is
 *   released, existing entries unchanged;
 * - `'keep'` (lazy loads, commit results): existing entries unchanged; a new entity is held like
 *   the entity whose payload it is nested in (for the session's life at the top level).
 */
export type DecodeRetention = 'all' | 'keep' | Lease;

/**
 * Decodes response values into the identity map: `{"__entity_type__": …}` objects become the
 * session's entity objects (merged by type + primary key, so every occurrence is the same
 * object), datetimes become UTC dayjs values. Only attributes present in a payload are written,
 * and only as remote values: partial payloads never erase known values and local changes
 * survive. A payload that does not fit the schema throws `MalformedResponseError`.
 */
export class Decoder {
  #retention: DecodeRetention = 'keep';

  constructor(readonly identityMap: IdentityMap) {}

  /** Decodes any JSON value (entities and datetimes anywhere inside). */
  value(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    const object = value as Payload;
    if (typeof object.__entity_type__ === 'string') return this.entity(object);
    if (isWireDateTime(object)) return this.#dateTime(object, 'a datetime');
    // Own keys only, written with setOwn: a `__proto__` key stays data and never sets a prototype.
    const out: Payload = {};
    for (const key of Object.keys(object)) setOwn(out, key, this.value(object[key]));
    return out;
  }

  /** Decodes an array of entity payloads (query `data`), holding them as `retention` says. */
  entities(payloads: readonly unknown[], retention: DecodeRetention = 'all'): BaseEntity[] {
    const out = new Array<BaseEntity>(payloads.length);
    const lease = typeof retention === 'object' ? retention : undefined;
    const outer = this.#retention;
    this.#retention = retention;
    try {
      let runtime: TypeRuntime | undefined; // rows of one result are nearly always of one type
      for (let i = 0; i < payloads.length; i++) {
        const payload = payloads[i];
        const typeName = payload !== null && typeof payload === 'object' ? (payload as Payload).__entity_type__ : undefined;
        if (typeof typeName !== 'string') throw malformed('has a result item that is not an entity');
        if (runtime === undefined || runtime.name !== typeName) runtime = this.#runtimeNamed(typeName);
        out[i] = this.#merge(runtime, payload as Payload, lease);
      }
    } finally {
      this.#retention = outer;
    }
    return out;
  }

  /** Merges one entity payload into the identity map and returns the entity object (`'keep'` retention). */
  entity(payload: Payload): BaseEntity {
    return this.#merge(this.#runtimeNamed(payload.__entity_type__), payload, undefined);
  }

  #runtimeNamed(typeName: unknown): TypeRuntime {
    const runtime = typeof typeName === 'string' ? this.identityMap.tryRuntime(typeName) : undefined;
    if (runtime === undefined) throw malformed(`names entity type ${quoted(typeName)}, which the schema does not know`);
    return runtime;
  }

  /**
   * Finds or creates the entity of `payload` (a new one held by `lease` when given, else for the
   * session's life) and writes the attributes it carries.
   */
  #merge(runtime: TypeRuntime, payload: Payload, lease: Lease | undefined): BaseEntity {
    const single = runtime.singleKey;
    let key: string | undefined;
    if (single !== undefined) {
      const value = payload[single];
      key = typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
    } else {
      key = runtime.keyOfPayload(payload);
    }
    if (key === undefined) throw malformed(`has a ${runtime.name} without its primary key (${runtime.model.primaryKey.join(', ')})`);
    const partition = runtime.entities;
    const transient = this.identityMap.transient;
    let entity = partition.get(key);
    if (entity === undefined) {
      entity = new runtime.Class();
      partition.set(key, entity);
      if (lease !== undefined) transient.hold(entity, lease);
    } else if (this.#retention === 'all' && transient.size > 0) {
      transient.claim(entity);
    }
    // Entities nested in this payload: new ones held as the retention says (`keep`: like this one).
    const nested = this.#retention === 'keep' ? transient.holderOf(entity) : lease;
    const remote = entity[REMOTE];
    // Payloads of one result share their key order: a key is looked up in `byName` only when it
    // differs from the key last seen at its position (null marks keys that are no attribute).
    const names = runtime.seenNames;
    const seen = runtime.seenAttributes;
    let position = 0;
    // JSON.parse gives plain objects whose keys are all own ones (`__proto__` included).
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
      if (value === remote[index]) continue; // same value (a reference's key, a repeated read): no store
      if (value === null) remote[index] = null;
      else if (attribute.kind === 'reference') remote[index] = this.#entityAt(value, runtime, attribute, nested);
      else if (attribute.isDateTime) remote[index] = dateTimeSlot(runtime, attribute, value);
      else if (attribute.kind === 'scalar') remote[index] = typeof value === 'object' ? this.value(value) : value;
      else remote[index] = this.#entityList(runtime, attribute, value, nested);
    }
    return entity;
  }

  #entityList(runtime: TypeRuntime, attribute: AttributeRuntime, value: unknown, lease: Lease | undefined): BaseEntity[] {
    if (!Array.isArray(value)) throw malformed(`has ${runtime.name}.${attribute.name} that is not a list of entities`);
    const items = new Array<BaseEntity>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = this.#entityAt(value[i], runtime, attribute, lease);
    return items;
  }

  /** The entity of `value`, a reference or member of `owner.via`. */
  #entityAt(value: unknown, owner: TypeRuntime, via: AttributeRuntime, lease: Lease | undefined): BaseEntity {
    const typeName = value !== null && typeof value === 'object' ? (value as Payload).__entity_type__ : undefined;
    if (typeof typeName !== 'string') throw malformed(`has ${owner.name}.${via.name} that is not an entity`);
    // References of one attribute nearly always name the same type: remember the last one.
    let runtime = via.lastTarget;
    if (runtime === undefined || runtime.name !== typeName) via.lastTarget = runtime = this.#runtimeNamed(typeName);
    return this.#merge(runtime, value as Payload, lease);
  }

  #dateTime(value: { __type__: 'datetime' | 'date'; value: string }, where: string): unknown {
    const decoded = decodeWireDateTime(value);
    if (decoded === undefined) throw malformed(`has ${where} with the invalid date ${quoted(value.value)}`);
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
    throw malformed(`has ${runtime.name}.${attribute.name} with the invalid date ${quoted(shown)}`);
  }
  return epoch;
}

function malformed(what: string): MalformedResponseError {
  return new MalformedResponseError(`The server's response ${what}.`, {}, { cause: { reason: `Response ${what}` } });
}
