import { LocationError } from '../errors.js';
import type { UrlCredentials } from './component-urls.js';
import { selectRows, selectWhere } from './file-queries.js';
import type { CallApi } from './server-upload.js';
import { FILE_TYPES } from '../contract/file-types.js';

/** What a location reads with to answer `component.$url({ location })`: the session's `/api` and credentials. */
export interface LocationReader {
  /** For `/component/get` URLs (they carry the API key: never log them). */
  readonly credentials: UrlCredentials;
  readonly call: CallApi;
  readonly signal: AbortSignal | undefined;
}

/**
 * A location that can give the URL of a component's data in it: every `session.locations.*`
 * (`server`, `unmanaged`, `review`, `origin`, disk locations).
 * @example await component.$url({ location: session.locations.review })
 * // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "cd41be70-…"
 */
export interface UrlLocation {
  readonly name: string;
  componentUrl(componentId: string, reader: LocationReader): Promise<string>;
}

/**
 * The resource identifier under which `componentId` is registered in the location `locationId`
 * (its `ComponentLocation`); `LocationError` when it is not there.
 * @example await registeredIdentifier(call, signal, id, REVIEW_LOCATION.id, 'ftrack.review')
 * // select resource_identifier from ComponentLocation where component_id is "…" and location_id is "cd41be70-…"
 */
export async function registeredIdentifier(call: CallApi, signal: AbortSignal | undefined, componentId: string, locationId: string, locationName: string): Promise<string> {
  const [page] = await call([selectWhere(FILE_TYPES.componentLocation, ['resource_identifier'], { component_id: componentId, location_id: locationId })], signal);
  const row = selectRows(page)[0] as { resource_identifier?: unknown } | undefined;
  if (typeof row?.resource_identifier !== 'string') {
    throw new LocationError(`Component ${componentId} is not in ${locationName}.`, { cause: { componentId, location: locationName } });
  }
  return row.resource_identifier;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const WINDOWS_PATH = /^[a-z]:[\\/]/i;

/**
 * A resource identifier as a URL: an absolute URL stays as it is; a file system path (POSIX
 * `/…`, Windows `C:\…` or `\\server\share\…`) becomes a `file:` URL; anything else is no URL.
 * @example resourceUrl('/mnt/plates/a b.exr') // 'file:///mnt/plates/a%20b.exr'
 * @example resourceUrl('C:\\plates\\a.exr') // 'file:///C:/plates/a.exr'
 */
export function resourceUrl(resourceIdentifier: string): string | undefined {
  if (SCHEME.test(resourceIdentifier)) return resourceIdentifier;
  const slashed = resourceIdentifier.replaceAll('\\', '/');
  if (WINDOWS_PATH.test(resourceIdentifier)) return `file:///${encodePath(slashed)}`;
  if (slashed.startsWith('//')) return `file:${encodePath(slashed)}`;
  if (slashed.startsWith('/')) return `file://${encodePath(slashed)}`;
  return undefined;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment, index) => (index === 0 && /^[a-z]:$/i.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

/** `resourceUrl`, or `LocationError` for an identifier that is neither a URL nor an absolute path. */
export function requireResourceUrl(resourceIdentifier: string, componentId: string, locationName: string): string {
  const url = resourceUrl(resourceIdentifier);
  if (url === undefined) {
    throw new LocationError(`Component ${componentId} is in ${locationName} under ${JSON.stringify(resourceIdentifier)}, which is neither a URL nor an absolute path.`, {
      cause: { componentId, location: locationName, resourceIdentifier },
    });
  }
  return url;
}
