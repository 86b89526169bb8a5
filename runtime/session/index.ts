export { Session } from './session.js';
export type { SessionOptions, SessionLogger } from './session-options.js';
