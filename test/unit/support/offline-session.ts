import { parseSchemas } from '../../../runtime/schema/index.js';
import { createEntity } from '../../../runtime/identity/create-entity.js';
import { Decoder } from '../../../runtime/identity/decoder.js';
import { IdentityMap } from '../../../runtime/identity/identity-map.js';
import { planCommit } from '../../../runtime/unit-of-work/commit-plan.js';
import { SessionEntityContext } from '../../../runtime/session/session-context.js';
import { UnitOfWork } from '../../../runtime/unit-of-work/unit-of-work.js';
import { type BaseEntity } from '../../../runtime/entity/base-entity.js';
import { demoSchema } from '../../../server/demo/index.js';

/** An entity whose attributes tests read and write without generated types. */
export type Loose = BaseEntity & Record<string, any>;

/** Identity map + unit of work over the demo schema, with no server: for planning and validation tests. */
export function offlineSession() {
  const schema = parseSchemas(demoSchema);
  const context = new SessionEntityContext();
  const identity = new IdentityMap(schema, context);
  const uow = new UnitOfWork(schema, identity);
  context.unitOfWork = uow;
  const decoder = new Decoder(identity);
  const load = (payload: Record<string, unknown>) => decoder.entity(payload) as Loose;
  const create = (type: string, data: Record<string, unknown>) => createEntity(identity, uow, type, data) as Loose;
  const summary = () => planCommit(uow).map((p) => `${p.operation.action} ${p.operation.entity_type}${p.kind === 'upsert' ? ' (upsert)' : ''}`);
  return { schema, identity, uow, load, create, summary };
}
