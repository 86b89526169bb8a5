import { selectRows, selectWhere } from './file-queries.js';
import type { CallApi } from './server-upload.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** One location a component is in (one `ComponentLocation`). */
export interface ComponentAvailability {
  readonly locationId: string;
  readonly locationName: string | undefined;
  readonly resourceIdentifier: string | undefined;
}

/**
 * Where a component is available: one entry per `ComponentLocation` row (registrations in the
 * session's memory, `ftrack.origin`, are not rows and are not listed).
 * @example await componentAvailability(call, id, undefined) // [{ locationId: '3a372bde-…', locationName: 'ftrack.server', resourceIdentifier: '…' }]
 * // select location_id, location.name, resource_identifier from ComponentLocation where component_id is "…"
 */
export async function componentAvailability(call: CallApi, componentId: string, signal: AbortSignal | undefined): Promise<ComponentAvailability[]> {
  const [page] = await call([selectWhere(FILE_TYPES.componentLocation, ['location_id', 'location.name', 'resource_identifier'], { component_id: componentId })], signal);
  const rows = selectRows(page) as { location_id?: unknown; location?: { name?: unknown } | null; resource_identifier?: unknown }[];
  return rows.map((row) => ({
    locationId: String(row.location_id),
    locationName: typeof row.location?.name === 'string' ? row.location.name : undefined,
    resourceIdentifier: typeof row.resource_identifier === 'string' ? row.resource_identifier : undefined,
  }));
}
