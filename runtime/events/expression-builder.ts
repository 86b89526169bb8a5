import { ArgumentError } from '../errors.js';
import type { ExpressionOperator } from '../protocol/event-expression-ast.js';
import { checkFieldSegment, quoteEventValue } from './quote-value.js';
import type { EventTopicMap } from './topics.js';

const BRAND = Symbol('ftrack-codegen.event-condition');

/**
 * A condition of the event expression language, built by `on` and the field paths of
 * `on.topic(…).and(e => …)`; `toString()` is the expression sent to the event server.
 * `T` is the topic the condition requires (`string` when it does not pin one).
 */
export interface EventCondition<T extends string = string> {
  readonly [BRAND]: true;
  /** Phantom: the topic this condition pins (type-level only). */
  readonly $topic?: T;
  /** Both conditions: `(this) and (other)`. `other` may be a function of the event's fields. */
  and(other: EventCondition | ((event: EventFields<T>) => EventCondition)): EventCondition<T>;
  /** Either condition: `(this) or (other)`. */
  or<U extends string>(other: EventCondition<U> | ((event: EventFields<string>) => EventCondition<U>)): EventCondition<T | U>;
  /** The expression text, e.g. `topic=ftrack.update and source.user.username=jane`. */
  toString(): string;
}

/** Comparisons of one field of an event (values are strings: the language compares strings). */
export interface EventField {
  /** `field=value` (a value ending in `*` is refused: use `contains`). */
  eq(value: string): EventCondition;
  /** `field!=value`. */
  ne(value: string): EventCondition;
  /** `field=part*`: `part` is a substring of the string, a member of the list, a key of the object. */
  contains(part: string): EventCondition;
  /** `field>value` (string order). */
  gt(value: string): EventCondition;
  /** `field>=value`. */
  ge(value: string): EventCondition;
  /** `field<value`. */
  lt(value: string): EventCondition;
  /** `field<=value`. */
  le(value: string): EventCondition;
  /** The field `key` below this one, for keys that are not typed (letters, digits, `_`). */
  key(key: string): EventField;
}

/** Typed field paths of an object type: its keys, each a field path of its own value type. */
export type EventFieldsOf<V> = EventField &
  (V extends readonly unknown[] ? unknown : V extends object ? { readonly [K in keyof V as K extends string ? (string extends K ? never : K extends keyof EventField ? never : K) : never]-?: EventFieldsOf<NonNullable<V[K]>> } : unknown);

/** The fields `on.topic(…).and(e => …)` offers: the envelope, and `data` typed by the topic. */
export interface EventFields<T extends string = string> {
  readonly topic: EventField;
  readonly id: EventField;
  readonly target: EventField;
  readonly inReplyToEvent: EventField;
  readonly source: EventFieldsOf<{ id: string; applicationId: string; host: string; clientToken: string; user: { id: string; username: string } }>;
  readonly data: EventFieldsOf<EventFieldData<T>>;
}

/** The `data` shape the builder types: the standard topics' (see `EventTopicMap`), open for any other. */
type EventFieldData<T extends string> = T extends keyof EventTopicMap ? EventTopicMap[T]['data'] : unknown;

class Condition<T extends string = string> implements EventCondition<T> {
  declare readonly [BRAND]: true;
  constructor(
    readonly text: string,
    /** `or` / `and` at the top: the text needs parentheses inside an operator that binds tighter. */
    readonly level: 'atom' | 'and' | 'or',
  ) {}

  and(other: EventCondition | ((event: EventFields<T>) => EventCondition)): EventCondition<T> {
    const right = asCondition(typeof other === 'function' ? other(eventFields() as EventFields<T>) : other);
    return new Condition<T>(`${wrap(this, 'and')} and ${wrap(right, 'and')}`, 'and');
  }

  or<U extends string>(other: EventCondition<U> | ((event: EventFields<string>) => EventCondition<U>)): EventCondition<T | U> {
    const right = asCondition(typeof other === 'function' ? other(eventFields()) : other);
    return new Condition<T | U>(`${this.text} or ${right.text}`, 'or');
  }

  toString(): string {
    return this.text;
  }
}
Object.defineProperty(Condition.prototype, BRAND, { value: true });

function wrap(condition: Condition, inside: 'and'): string {
  return condition.level === 'or' && inside === 'and' ? `(${condition.text})` : condition.text;
}

function asCondition(value: unknown): Condition {
  if (value instanceof Condition) return value;
  throw new ArgumentError('Expected a condition built with `on` or a field of `e` (e.g. e.source.user.username.eq("jane")).', { cause: { value: typeof value } });
}

function comparison(path: string, operator: ExpressionOperator, value: string): Condition {
  return new Condition(`${path}${operator}${quoteEventValue(value)}`, 'atom');
}

const OPERATIONS: Record<string, (path: string) => unknown> = {
  eq: (path) => (value: string) => {
    if (typeof value === 'string' && value.endsWith('*')) {
      throw new ArgumentError(`eq(${JSON.stringify(value)}): a value ending in "*" is a wildcard in event expressions; use contains() for a substring test.`, { cause: { value } });
    }
    return comparison(path, '=', value);
  },
  ne: (path) => (value: string) => comparison(path, '!=', value),
  gt: (path) => (value: string) => comparison(path, '>', value),
  ge: (path) => (value: string) => comparison(path, '>=', value),
  lt: (path) => (value: string) => comparison(path, '<', value),
  le: (path) => (value: string) => comparison(path, '<=', value),
  contains: (path) => (part: string) => new Condition(`${path}=${wildcard(part)}`, 'atom'),
  key: (path) => (key: string) => field(`${path}.${checkFieldSegment(key)}`),
};

/** `part*`, bare when `part` reads back as a bare value, else quoted with the `*` inside. */
function wildcard(part: string): string {
  const quoted = quoteEventValue(part);
  return quoted === part ? `${part}*` : `${quoted.slice(0, -1)}*${quoted.slice(-1)}`;
}

/** A field path: its comparison methods, and any other property is the key below it. */
function field(path: string): EventField {
  return new Proxy(Object.create(null) as object, {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      const operation = Object.hasOwn(OPERATIONS, property) ? OPERATIONS[property] : undefined;
      return operation !== undefined ? operation(path) : field(`${path}.${checkFieldSegment(property)}`);
    },
  }) as EventField;
}

function eventFields(): EventFields {
  return {
    topic: field('topic'),
    id: field('id'),
    target: field('target'),
    inReplyToEvent: field('inReplyToEvent'),
    source: field('source') as EventFields['source'],
    data: field('data') as EventFields['data'],
  };
}

/**
 * Builds event expressions (subscriptions and targets) with values quoted safely: a value can
 * never add syntax to the expression.
 *
 * @example on.topic('ftrack.update').and((e) => e.source.user.username.eq('jane')).toString()
 * // topic=ftrack.update and source.user.username=jane
 * @example on.topic('ftrack.action.launch').and((e) => e.data.actionIdentifier.eq('my.action'))
 * // topic=ftrack.action.launch and data.actionIdentifier=my.action
 */
export const on = {
  /** `topic=<topic>`; a topic ending in `*` matches every topic that contains the rest (`ftrack.*`). */
  topic<const T extends string>(topic: T): EventCondition<T> {
    if (typeof topic === 'string' && topic.endsWith('*')) return new Condition<T>(`topic=${wildcard(topic.slice(0, -1))}`, 'atom');
    return comparison('topic', '=', topic) as Condition<T>;
  },
  /** A condition on the event's fields only (no topic pinned). */
  where(build: (event: EventFields) => EventCondition): EventCondition {
    return asCondition(build(eventFields()));
  },
  /** `not (<condition>)`. */
  not(condition: EventCondition): EventCondition {
    const inner = asCondition(condition);
    return new Condition(inner.level === 'atom' ? `not ${inner.text}` : `not (${inner.text})`, 'atom');
  },
} as const;

/** The expression text of a subscription or target given as a string or a built condition. */
export function expressionText(expression: string | EventCondition): string {
  if (expression instanceof Condition) return expression.text;
  if (typeof expression === 'string') return expression;
  throw new ArgumentError('An event expression is a string ("topic=ftrack.update") or a condition built with `on`.', { cause: { expression: typeof expression } });
}
