// The transports for Node code (the Node entry point, tests): undici's, and the shared limits.
export { UndiciTransport, type UndiciTransportOptions } from './undici-transport.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './http-endpoint.js';
