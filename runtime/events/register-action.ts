import { on } from './expression-builder.js';
import type { EventHandler, HubEvent, TopicEvent } from './event-types.js';
import type { JsonValue } from './json.js';
import type { ActionItem, ActionLaunchReply } from './topics.js';

/** An action `registerAction` offers in ftrack's UI. */
export interface ActionDefinition<M extends object = Record<string, unknown>> {
  /** `actionIdentifier` of the item and of the launch events it answers. */
  readonly identifier: string;
  readonly label: string;
  readonly variant?: string;
  readonly description?: string;
  readonly icon?: string;
  /** Whether to offer the action for this discover event (e.g. by its selection); absent: always. */
  readonly discover?: (event: TopicEvent<'ftrack.action.discover', M>) => boolean | Promise<boolean>;
  /** Runs the action; its result is the launch reply (default `{ success: true }`). */
  readonly launch: (event: TopicEvent<'ftrack.action.launch', M>) => ActionLaunchReply | void | Promise<ActionLaunchReply | void>;
}

/** The hub members `registerAction` uses. */
interface ActionHost<M extends object> {
  subscribe<T extends string>(expression: ReturnType<typeof on.topic<T>>, handler: EventHandler<T, M>): { unsubscribe(): void; readonly id: string; readonly expression: string; readonly priority: number };
  publishReply(source: HubEvent<unknown>, data: JsonValue): Promise<string>;
}

/** See `EventHub.registerAction`. */
export function registerAction<M extends object>(hub: ActionHost<M>, action: ActionDefinition<M>): { unsubscribe(): void; readonly id: string; readonly expression: string; readonly priority: number } {
  const item: ActionItem = {
    label: action.label,
    actionIdentifier: action.identifier,
    ...(action.variant !== undefined ? { variant: action.variant } : {}),
    ...(action.description !== undefined ? { description: action.description } : {}),
    ...(action.icon !== undefined ? { icon: action.icon } : {}),
  };
  const discover = hub.subscribe(on.topic('ftrack.action.discover'), async (event) => {
    if (action.discover !== undefined && !(await action.discover(event))) return undefined;
    return { items: [item] };
  });
  const launch = hub.subscribe(
    on.topic('ftrack.action.launch').and((e) => e.data.actionIdentifier.eq(action.identifier)),
    async (event) => {
      try {
        return (await action.launch(event)) ?? { success: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await hub.publishReply(event, { success: false, message });
        throw error;
      }
    },
  );
  return {
    id: launch.id,
    expression: launch.expression,
    priority: launch.priority,
    unsubscribe: () => {
      discover.unsubscribe();
      launch.unsubscribe();
    },
  };
}
