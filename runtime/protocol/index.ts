export type * from './operations.js';
export * from './envelopes.js';
export type { Shape, ShapeIssue, ShapeResult } from '../schema/json-shape.js';
export {
  type WireDateTime,
  isWireDateTime,
  isIsoDateTimeString,
  parseIsoToUtc,
  decodeDateTime,
  encodeDateTime,
  formatNaiveUtc,
  isDateLike,
} from './datetime.js';
