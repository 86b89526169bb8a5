import type { SchemaModel } from '../schema/model.js';
import { Decoder } from '../identity/decoder.js';
import { IdentityMap } from '../identity/identity-map.js';
import type { EntityLoader } from '../loading/loader.js';
import { UnitOfWork } from '../unit-of-work/unit-of-work.js';
import type { SessionEntityContext } from './session-context.js';

/**
 * The parts of a session that need the schema, built together, once, when it is known (from
 * generated `schema` at construction, else from the first request's `query_schemas`).
 */
export interface SessionParts {
  readonly model: SchemaModel;
  /** One object per type + primary key; its entities use the session's entity context. */
  readonly identity: IdentityMap;
  /** Decodes answers into `identity`. */
  readonly decoder: Decoder;
  /** Records the changes of `identity`'s entities; the entity context reports them to it. */
  readonly unitOfWork: UnitOfWork;
}

/**
 * Builds the parts for `model` and links `context` to them: changes go to the unit of work, and
 * loads to `defaultLoader` unless a loader was set on the context before.
 */
export function createSessionParts(model: SchemaModel, context: SessionEntityContext, defaultLoader: () => EntityLoader): SessionParts {
  const identity = new IdentityMap(model, context);
  const unitOfWork = new UnitOfWork(model, identity);
  context.unitOfWork = unitOfWork;
  unitOfWork.customAttributes = context.customAttributes;
  context.loader ??= defaultLoader();
  return { model, identity, decoder: new Decoder(identity), unitOfWork };
}
