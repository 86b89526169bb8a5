/**
 * ftrack's direction of self-links, for the collections the schema leaves ambiguous: a link type
 * with two foreign keys to the same family (`TypedContextLink.from_id` / `to_id`), or items with
 * both a foreign key to the owner and a polymorphic parent (`Note.in_reply_to_id` and
 * `parent_id`/`parent_type`). Keyed by collection name; `ownerColumn` is the items' column that
 * holds the owner. Applied only where that column is one of the back-link candidates.
 *
 * @example
 * LINK_DIRECTIONS.incoming_links; // { ownerColumn: 'to_id' }: select incoming_links.from.name from Shot
 */
export const LINK_DIRECTIONS: Readonly<Record<string, { readonly ownerColumn: string }>> = Object.freeze({
  // Links arriving at the owner: `link.to` is the owner, `link.from` the predecessor.
  incoming_links: { ownerColumn: 'to_id' },
  outgoing_links: { ownerColumn: 'from_id' },
  // `rig.uses_versions.append(model)` stores AssetVersionLink {from: model, to: rig}.
  uses_versions: { ownerColumn: 'to_id' },
  used_in_versions: { ownerColumn: 'from_id' },
  // Custom attribute links start at the owner; the `_from` view lists the links that end at it.
  custom_attribute_links: { ownerColumn: 'from_id' },
  custom_attribute_links_from: { ownerColumn: 'to_id' },
  // A reply names the note it answers; its parent stays the thread's context.
  replies: { ownerColumn: 'in_reply_to_id' },
});
