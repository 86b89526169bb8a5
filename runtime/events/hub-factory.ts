import { ConfigurationError } from '../errors.js';
import type { EventHub, EventHubCredentials, EventHubOptions } from './event-hub.js';
import type { SchemaModel } from '../schema/model.js';

/** Builds a session's event hub. */
export type EventHubFactory = (
  credentials: EventHubCredentials,
  options: EventHubOptions,
  warn: (message: string) => void,
  schema: () => SchemaModel | undefined,
) => EventHub<object>;

let registered: EventHubFactory | undefined;

/** Makes `session.eventHub` available in builds that reach the event hub only through `enableEventHub()`. */
export function registerEventHubFactory(factory: EventHubFactory): void {
  registered = factory;
}

/**
 * The registered factory. The Node entry's `Session` always has the event hub; the browser entry
 * loads it only after `enableEventHub()`, so apps without events do not carry its code.
 */
export function eventHubFactory(): EventHubFactory {
  if (registered === undefined) {
    throw new ConfigurationError("The event hub is not loaded in this build: call `enableEventHub()` (import { enableEventHub } from 'ftrack-codegen') once before using `session.eventHub`.");
  }
  return registered;
}
