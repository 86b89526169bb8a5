import { EventHub } from './event-hub.js';
import { registerEventHubFactory } from './hub-factory.js';

/**
 * Loads the event hub for `session.eventHub` in the browser entry (the Node entry always has
 * it; calling it there is harmless). Apps that never use events do not carry its code.
 * @example enableEventHub(); session.eventHub.subscribe('topic=ftrack.update', (e) => render(e.data));
 */
export function enableEventHub(): void {
  registerEventHubFactory((credentials, options, warn, schema) => new EventHub(credentials, options, warn, schema));
}
