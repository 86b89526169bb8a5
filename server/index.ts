export {};
export { startServer, DEFAULT_API_USER } from './start-server.js';
export type { ServerOptions, ServerHandle, ApiCredentials } from './server-options.js';
export type { WorkspaceData } from './store/workspace-data.js';
export type { DataFileSystem } from './store/data-files.js';
