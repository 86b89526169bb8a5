export type { Transport, TransportRequest } from './transport.js';
export { UndiciTransport, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, type UndiciTransportOptions } from './undici-transport.js';
