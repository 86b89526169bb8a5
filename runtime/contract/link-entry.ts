/**
 * One step of a `link` path, as servers send it: `link` (stored as `_api_link`) is declared
 * `type: string` but sent as an array from the project down to the entity itself; `type` is the
 * type the server names the step by (ftrack: `Project`, `TypedContext`, …),
 * e.g. `{ id: "…", name: "sq010", type: "TypedContext" }`.
 */
export interface LinkEntry {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}
