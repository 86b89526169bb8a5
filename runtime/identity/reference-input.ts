import type { BaseEntity } from '../entity/base-entity.js';
import { STATE } from '../entity/entity-internals.js';
import type { IdentityMap } from './identity-map.js';
import { setRemoteValue } from '../entity/slots.js';

/**
 * The session entity a reference input stands for: `{ $type: 'Project', id: '…' }` (what the
 * generated `…Ref` input types accept). A cached entity is reused; otherwise a stub holding only
 * the primary key joins the identity map. Undefined when the input is not such a reference.
 *
 * @example seq.parent = { $type: 'Project', id: projectId } // update … {"parent": {"__entity_type__": "Project", "id": "…"}}
 */
export function resolveReference(identity: IdentityMap, value: unknown): BaseEntity | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const input = value as Record<string, unknown>;
  const runtime = typeof input.$type === 'string' ? identity.tryRuntime(input.$type) : undefined;
  if (runtime === undefined) return undefined;
  const values: string[] = [];
  for (const attribute of runtime.primaryKey) {
    const part = input[attribute.name];
    if (typeof part !== 'string' && typeof part !== 'number') return undefined;
    values.push(String(part));
  }
  const cached = identity.find(runtime.name, values);
  if (cached !== undefined) return cached;
  const stub = new runtime.Class();
  stub[STATE] = 'unchanged';
  runtime.primaryKey.forEach((attribute, i) => setRemoteValue(stub, attribute, attribute.isNumeric ? Number(values[i]) : values[i]));
  identity.add(stub, runtime.keyOfValues(values));
  return stub;
}
