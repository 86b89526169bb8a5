import { encodeDateTime, isDateLike } from '../protocol/datetime.js';
import { setOwn } from '../protocol/own-record.js';
import { entityReference, isEntity } from '../entity/base-entity.js';
import { CollectionView } from '../entity/collection-view.js';

/**
 * Prepares a value for the wire: dayjs / Date → `{"__type__": "datetime", …}` (naive UTC),
 * entities → references `{"__entity_type__", <primary key>}`, collections → lists of references.
 *
 * @example encodeValue({ start: dayjs.utc('2024-01-01') }) // { start: { __type__: 'datetime', value: '2024-01-01T00:00:00' } }
 */
export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDateLike(value)) return encodeDateTime(value);
  if (isEntity(value)) return entityReference(value);
  if (value instanceof CollectionView) return value.toArray().map(encodeValue);
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, encodeValue(item));
  return out;
}
