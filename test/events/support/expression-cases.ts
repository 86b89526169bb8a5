// The spec's expression examples (event-hub.md 5.3), results as the Python parser gives them; the
// client parser (runtime/protocol) and the server matcher (server/events) both run them.

/** The candidate event of the spec's examples. */
export const specCandidate = { topic: 'ftrack.update', data: { n: 5, s: '5', l: ['a', 'b'] }, source: { user: { username: 'john.doe' } } };

/** Expression → does it match `specCandidate`. */
export const specMatchCases: readonly (readonly [expression: string, expected: boolean])[] = [
  ['topic=ftrack.update', true],
  ['topic=ftrack.*', true],
  ['topic=update*', true],
  ['topic=*', true],
  ['topic=ftrack.update and source.user.username="john.doe"', true],
  ["topic=ftrack.update AND source.user.username='john.doe'", true],
  ['(topic=foo or topic=ftrack.update) and not data.s=6', true],
  ['data.n=5', false],
  ['data.s=5', true],
  ['data.l=a*', true],
  ['not data.missing=x', true],
  ['data.missing!=x', false],
  ['topic="ftrack update"', false],
];

/** Expressions both parsers refuse. */
export const unparsableExpressions: readonly string[] = [
  'topic=a:b',
  'topic=a b',
  'topic=x=y',
  'topic=é',
  'topic=foo and',
  'topic=foo topic=bar',
  'invalid',
  'key=value nor other=value',
  '',
  '(topic=a',
  'topic="open',
];
