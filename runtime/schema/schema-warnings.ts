/**
 * Stable codes of the schema reader's warnings: each names a shape the reader did not expect and
 * read best-effort instead of refusing the schema (see docs/real-workspaces.md, "Tolerance rules").
 */
export type SchemaWarningCode =
  | 'ref_with_type'
  | 'untyped_property'
  | 'property_not_object'
  | 'unknown_type'
  | 'unknown_format'
  | 'unknown_target'
  | 'array_without_items'
  | 'mapped_without_keys'
  | 'missing_properties'
  | 'missing_primary_key'
  | 'primary_key_not_property'
  | 'unknown_mixin'
  | 'mixin_cycle'
  | 'duplicate_type'
  | 'unknown_key'
  | 'invalid_field'
  | 'reserved_property';

/**
 * One thing the schema reader read best-effort. Identical findings on several types or
 * attributes are one warning listing the places.
 *
 * @example
 * // Task.status_id: has both "$ref" and "type": read by its "type" as a string foreign key to Status.
 * { code: 'ref_with_type', places: ['Task.status_id'], message: 'Task.status_id: has both …' }
 */
export interface SchemaWarning {
  readonly code: SchemaWarningCode;
  /** One line: where (`Type` or `Type.attribute`, the first few of `places`), what was found and how it was read. */
  readonly message: string;
  /** Every type or `Type.attribute` the finding applies to, in schema order. */
  readonly places: readonly string[];
}

/** Receives schema warnings (generator: stderr; session: `onWarning`, else its logger). */
export type SchemaWarningHandler = (warning: SchemaWarning) => void;

const SHOWN_PLACES = 3;

/** Collects findings and merges identical ones (same code and text) into one warning. */
export class WarningCollector {
  readonly #groups = new Map<string, { code: SchemaWarningCode; text: string; places: string[] }>();

  /** Records `text` (what was found and how it was read) for `place`. */
  add(code: SchemaWarningCode, place: string, text: string): void {
    const key = `${code}\u0000${text}`;
    const group = this.#groups.get(key);
    if (group === undefined) this.#groups.set(key, { code, text, places: [place] });
    else if (!group.places.includes(place)) group.places.push(place);
  }

  /** The warnings, in the order their first finding was made. */
  warnings(): SchemaWarning[] {
    return [...this.#groups.values()].map(({ code, text, places }) => ({ code, places, message: `${placesText(places)}: ${text}` }));
  }
}

function placesText(places: readonly string[]): string {
  const shown = places.slice(0, SHOWN_PLACES).join(', ');
  return places.length > SHOWN_PLACES ? `${shown} and ${places.length - SHOWN_PLACES} more` : shown;
}
