/**
 * ftrack's computed attributes, as declarative rules keyed by attribute name. A rule applies to a
 * type only when the schema gives the type that attribute (with the kind the rule needs) and every
 * attribute the rule reads; the query and encode engines stay generic
 * (`server/model/relations-computed.ts` evaluates these rules).
 *
 * @example
 * COMPUTED_ATTRIBUTES.ancestors; // { kind: 'closure', via: 'parent', order: 'root-first' }
 * // select ancestors.name from Shot → [{name: "sq010"}, …]; where ancestors.name is "sq010" matches
 */
export type ComputedRule = ClosureRule | PathRule | LatestRule | IsLatestRule | SumRule | DifferenceRule | NearestRule | OpenRule;

/** A collection of every row reached by following relation `via` again and again (no cycles). */
export interface ClosureRule {
  readonly kind: 'closure';
  readonly via: string;
  /** `root-first`: the farthest row first (`ancestors`); `creation`: creation order (`descendants`). */
  readonly order: 'root-first' | 'creation';
}

/**
 * A scalar array `[{id, name, type}]` from the root down to the row itself: the chain of rows
 * reached through the first of `via` each row has, keeping the rows whose type declares the attribute.
 */
export interface PathRule {
  readonly kind: 'path';
  readonly via: readonly string[];
  /** The item's `name`: the first label whose attribute paths all exist on the row's type. */
  readonly labels: readonly (readonly LabelPart[])[];
}

/** A literal text or the value at an attribute path (`asset.name`). */
export type LabelPart = { readonly text: string } | { readonly path: string };

/** A reference to the member of `collection` with the greatest `by` (ties: the newest). */
export interface LatestRule {
  readonly kind: 'latest';
  readonly collection: string;
  readonly by: string;
}

/** A boolean: the row is what `reference`.`latest` (a `latest` rule) names. */
export interface IsLatestRule {
  readonly kind: 'is-latest';
  readonly reference: string;
  readonly latest: string;
}

/** A number: the sum of `attribute` over the members of `collection` of the row and of `closure` rows. */
export interface SumRule {
  readonly kind: 'sum';
  /** Only where the schema lists the attribute in `computed` (the name alone is too common). */
  readonly whenComputed?: true;
  readonly collection: string;
  readonly attribute: string;
  readonly closure: string;
}

/** A number: `minuend` − `subtrahend` (both attributes of the row, computed or stored; null counts as 0). */
export interface DifferenceRule {
  readonly kind: 'difference';
  readonly whenComputed?: true;
  readonly minuend: string;
  readonly subtrahend: string;
}

/** The primary key of the nearest row — the row itself, then through `via` — whose `attribute` is set; null when none. */
export interface NearestRule {
  readonly kind: 'nearest';
  readonly whenComputed?: true;
  readonly attribute: string;
  readonly via: string;
}

/** A boolean: `end` (a date-time) is empty or later than now. */
export interface OpenRule {
  readonly kind: 'open';
  readonly whenComputed?: true;
  readonly end: string;
}

/** The rule table: attribute name → rule. */
export const COMPUTED_ATTRIBUTES: Readonly<Record<string, ComputedRule>> = Object.freeze({
  // Every typed context above the row (its tree parents, transitively), the root project excluded
  // by the attribute's item type (`TypedContext`).
  ancestors: { kind: 'closure', via: 'parent', order: 'root-first' },
  // Every typed context below the row, at any depth.
  descendants: { kind: 'closure', via: 'children', order: 'creation' },
  // From the project down to the row; a version hangs below its asset's context.
  link: { kind: 'path', via: ['parent', 'asset'], labels: [[{ path: 'name' }], [{ path: 'asset.name' }, { text: ' v' }, { path: 'version' }]] },
  _link: { kind: 'path', via: ['parent', 'asset'], labels: [[{ path: 'name' }], [{ path: 'asset.name' }, { text: ' v' }, { path: 'version' }]] },
  latest_version: { kind: 'latest', collection: 'versions', by: 'version' },
  is_latest_version: { kind: 'is-latest', reference: 'asset', latest: 'latest_version' },
  // Hours logged on the context and everything below it.
  time_logged: { kind: 'sum', collection: 'timelogs', attribute: 'duration', closure: 'descendants', whenComputed: true },
  bid_time_logged_difference: { kind: 'difference', minuend: 'bid', subtrahend: 'time_logged', whenComputed: true },
  // The context whose thumbnail is shown: its own, else the nearest parent's.
  thumbnail_source_id: { kind: 'nearest', attribute: 'thumbnail_id', via: 'parent', whenComputed: true },
  // A review session is open until its end date passes.
  is_open: { kind: 'open', end: 'end_date', whenComputed: true },
});
