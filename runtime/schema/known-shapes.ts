import type { RawProperty } from './raw-schema.js';

/**
 * Value shapes the schema does not declare usefully. `link`: an ordered array of
 * `{ id, name, type }` from the project (or top group) down to the entity itself, `type` being
 * the schema id, although the schema says `type: "string"`.
 */
export type KnownValueShape = 'link';

/**
 * ftrack's computed attributes whose wire shape differs from their declaration, in one place.
 * Matched by metadata (the declared `type` and the internal storage name in `alias_for`), not by
 * the public attribute name: `link` and its deprecated twin `_link` are stored as `_api_link` on
 * contexts and asset versions, `Group.link` as `api_link`.
 */
const KNOWN_SHAPES: readonly { readonly declaredType: string; readonly storedAs: readonly string[]; readonly shape: KnownValueShape }[] = [
  { declaredType: 'string', storedAs: ['_api_link', 'api_link'], shape: 'link' },
];

/** The real shape of a property the table above names, or undefined. */
export function knownValueShape(property: RawProperty): KnownValueShape | undefined {
  for (const known of KNOWN_SHAPES) {
    if (property.type === known.declaredType && property.alias_for !== undefined && known.storedAs.includes(property.alias_for)) return known.shape;
  }
  return undefined;
}
