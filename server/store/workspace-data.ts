/**
 * The content of a workspace: the rows the local server holds, and the `--data FILE` format.
 *
 * @example
 * const data: WorkspaceData = { entities: { Project: [{ id: 'p1', name: 'test', full_name: 'Test' }] } };
 */
export interface WorkspaceData {
  /** Rows by concrete entity type name; scalar attributes only (foreign keys included).
   *  Values as on the wire: string, number, boolean, null, datetimes as {"__type__":"datetime","value":"YYYY-MM-DDTHH:MM:SS"}. */
  entities: Record<string, Record<string, unknown>[]>;
}
