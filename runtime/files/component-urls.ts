/** What URLs of `/component/*` carry: the server and the credentials (as query parameters, as ftrack wants). */
export interface UrlCredentials {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
}

/**
 * `{server}/component/get?id=…&username=…&apiKey=…`: the data of a component in `ftrack.server`.
 * The URL holds the API key: hand it to a browser or a download, never to a log.
 */
export function componentUrl(credentials: UrlCredentials, componentId: string): string {
  const query = new URLSearchParams({ id: componentId, username: credentials.apiUser, apiKey: credentials.apiKey });
  return `${base(credentials)}/component/get?${query.toString()}`;
}

/** `{server}/component/thumbnail?id=…&size=…&username=…&apiKey=…`; no id: the placeholder `{server}/img/thumbnail2.png`. */
export function thumbnailUrl(credentials: UrlCredentials, componentId: string | null | undefined, size: number): string {
  if (componentId === null || componentId === undefined || componentId === '') return `${base(credentials)}/img/thumbnail2.png`;
  const query = new URLSearchParams({ id: componentId, size: String(size), username: credentials.apiUser, apiKey: credentials.apiKey });
  return `${base(credentials)}/component/thumbnail?${query.toString()}`;
}

function base(credentials: UrlCredentials): string {
  return credentials.serverUrl.replace(/\/+$/, '');
}
