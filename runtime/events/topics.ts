import type { Dayjs } from 'dayjs';
import type { AttributeName } from '../contract/entity-attributes.js';
import type { JsonValue } from './json.js';

/** One changed attribute of an `ftrack.update` entity: its value before and after, as sent (ids and scalars). */
export interface AttributeChange<V = JsonValue> {
  readonly old: V | null;
  readonly new: V | null;
}

/** The wire form of an attribute value: dates travel as strings; relations and collections are not sent (their `…_id` keys are). */
type WireValue<V> = V extends Dayjs ? string : V extends string | number | boolean ? V : never;

/** Attribute names of entity `E` whose values an `ftrack.update` can carry (scalars and foreign-key ids). */
export type ChangeableAttribute<E> = {
  [K in AttributeName<E>]-?: [WireValue<NonNullable<E[K]>>] extends [never] ? never : K;
}[AttributeName<E>];

/**
 * `changes` of an entity of type `E`: keyed by its attribute names, `old`/`new` typed by the
 * attribute. Servers key changes by storage name (`statusid`); the hub adds each under its attribute
 * name (`status_id`, from the schema's `alias_for`) and keeps the keys as sent (`keys` lists those).
 */
export type EntityChanges<E> = { readonly [K in ChangeableAttribute<E>]?: AttributeChange<WireValue<NonNullable<E[K]>>> };

/** An ancestor in `ftrack.update`'s `parents`. */
export interface UpdateEntityParent {
  readonly entityId: string;
  /** Legacy lower-case type name, e.g. `task` for every TypedContext. */
  readonly entityType: string;
  /** The API schema name, e.g. `Shot`. */
  readonly entity_type: string;
  readonly parentId?: string | null;
}

/** Fields of every `ftrack.update` entity entry, whatever its type. */
interface UpdateEntityBase {
  /** `add`, `update` or `remove` (real servers may send others, e.g. `move`). */
  readonly action: 'add' | 'update' | 'remove' | (string & {});
  readonly entityId: string;
  /** Legacy lower-case type name, e.g. `task` for every TypedContext, `assetversion`. */
  readonly entityType: string;
  readonly objectTypeId?: string | null;
  /** Changed attributes, in the server's spelling (see `changes`). */
  readonly keys: readonly string[];
  readonly parentId?: string | null;
  readonly parents?: readonly UpdateEntityParent[];
}

/**
 * One entry of `ftrack.update`'s `data.entities`, for entity map `M` (a generated client's
 * `EntityTypeMap`): a union discriminated by `entity_type` (the schema name), whose `changes` are
 * keyed by that type's attribute names. Untyped (`Record<string, …>`): any name, any key.
 */
export type UpdateEntity<M extends object = Record<string, unknown>> = string extends keyof M
  ? UpdateEntityBase & { readonly entity_type: string; readonly changes: { readonly [key: string]: AttributeChange | undefined } }
  : { [T in keyof M & string]: UpdateEntityBase & { readonly entity_type: T; readonly changes: EntityChanges<M[T]> } }[keyof M & string];

/** `data` of an `ftrack.update` event (sent by the server after changes are committed). */
export interface UpdateEventData<M extends object = Record<string, unknown>> {
  readonly entities: readonly UpdateEntity<M>[];
  /** Ids of the changed entities' ancestors. */
  readonly parents?: readonly string[];
  /** Who made the change. */
  readonly user?: { readonly userid: string; readonly name: string };
  /** The `ftrack-Clienttoken` header of the request that made the change, when it had one. */
  readonly clientToken?: string;
  readonly pushToken?: string;
}

/** An entity selected in the ftrack UI when an action is discovered or launched. */
export interface ActionSelectionItem {
  readonly entityId: string;
  readonly entityType: string;
}

/** `data` of `ftrack.action.discover`. */
export interface ActionDiscoverData {
  readonly selection: readonly ActionSelectionItem[];
  readonly [key: string]: JsonValue | readonly ActionSelectionItem[] | undefined;
}

/** One action offered in a discover reply. */
export interface ActionItem {
  readonly label: string;
  readonly actionIdentifier: string;
  readonly variant?: string;
  readonly description?: string;
  readonly icon?: string;
  readonly actionData?: JsonValue;
  readonly applicationIdentifier?: string;
}

/** The reply to `ftrack.action.discover`: the actions this subscriber offers. */
export interface ActionDiscoverReply {
  readonly items: readonly ActionItem[];
}

/** `data` of `ftrack.action.launch`: the identifier of the chosen action, the selection and the item's fields. */
export interface ActionLaunchData {
  readonly actionIdentifier: string;
  readonly selection: readonly ActionSelectionItem[];
  readonly label?: string;
  readonly description?: string;
  readonly applicationIdentifier?: string;
  readonly actionData?: JsonValue;
  readonly [key: string]: JsonValue | readonly ActionSelectionItem[] | undefined;
}

/** The reply to `ftrack.action.launch`. */
export interface ActionLaunchReply {
  readonly success: boolean;
  readonly message?: string;
}

/** `data` of `ftrack.location.component-added` / `component-removed` (published by clients). */
export interface LocationComponentData {
  readonly component_id: string;
  readonly location_id: string;
}

/**
 * Payload and reply types of the standard topics, for entity map `M` (the generated client's
 * `EntityTypeMap`; untyped by default). Topics not listed carry `JsonValue` data and replies.
 *
 * @example type Update = EventTopicMap<EntityTypeMap>['ftrack.update']['data']
 */
export interface EventTopicMap<M extends object = Record<string, unknown>> {
  'ftrack.update': { data: UpdateEventData<M>; reply: never };
  'ftrack.action.discover': { data: ActionDiscoverData; reply: ActionDiscoverReply };
  'ftrack.action.launch': { data: ActionLaunchData; reply: ActionLaunchReply };
  'ftrack.location.component-added': { data: LocationComponentData; reply: never };
  'ftrack.location.component-removed': { data: LocationComponentData; reply: never };
}

/** `data` of topic `T`: the map's type for a known topic, `JsonValue` for any other. */
export type TopicData<T extends string, M extends object = Record<string, unknown>> = T extends keyof EventTopicMap<M> ? EventTopicMap<M>[T]['data'] : JsonValue;

/** What a handler of topic `T` may return as its reply. */
export type TopicReply<T extends string, M extends object = Record<string, unknown>> = T extends keyof EventTopicMap<M> ? EventTopicMap<M>[T]['reply'] : JsonValue;
