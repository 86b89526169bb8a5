export {};
export { startServer, DEFAULT_API_USER } from './start-server.js';
export type { ServerOptions, ServerHandle, ApiCredentials } from './server-options.js';
export type { WorkspaceData } from './store/workspace-data.js';
export type { EventHubOptions, HubSubscription, PublishableEvent, ServerEventHub } from './events/server-event-hub.js';
export type { DataFileSystem } from './store/data-files.js';
export type { StorageOption } from './files/blob-storage.js';
