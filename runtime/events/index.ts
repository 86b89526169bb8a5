// The event hub: `session.eventHub`, the expression builder `on`, and the typed topics.
export { enableEventHub } from './enable-event-hub.js';
export { EventHub, type EventHubOptions, type EventHubErrorContext, type SubscribeOptions, type Subscription, type PublishOptions } from './event-hub.js';
export { on, type EventCondition, type EventField, type EventFields, type EventFieldsOf } from './expression-builder.js';
export type { ActionDefinition } from './register-action.js';
export type { EventHandler, EventSource, HubEvent, PublishEvent, ReplyEvent, SubscriberMetadata, TopicEvent, TopicOfExpression } from './event-types.js';
export type { HandshakeFetch, WebSocketConstructor, WebSocketLike } from './hub-socket.js';
export type { JsonValue, JsonObject } from './json.js';
export type {
  ActionDiscoverData,
  ActionDiscoverReply,
  ActionItem,
  ActionLaunchData,
  ActionLaunchReply,
  ActionSelectionItem,
  AttributeChange,
  ChangeableAttribute,
  EntityChanges,
  EventTopicMap,
  LocationComponentData,
  TopicData,
  TopicReply,
  UpdateEntity,
  UpdateEntityParent,
  UpdateEventData,
} from './topics.js';
