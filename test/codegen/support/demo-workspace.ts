import { fetchSchema, type WorkspaceMetadata } from '../../../codegen/index.js';
import { startServer } from '../../../server/index.js';

/**
 * The demo workspace's custom attribute configurations and values, as a live run reads them
 * (from an in-process demo server): what `npm run generate` generates `generated/` with.
 */
export async function demoWorkspace(onWarning: (message: string) => void = () => {}): Promise<WorkspaceMetadata | undefined> {
  const server = await startServer();
  try {
    const fetched = await fetchSchema({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, workspace: true, onWorkspaceWarning: (w) => onWarning(w.message) });
    return fetched.workspace;
  } finally {
    await server.close();
  }
}
