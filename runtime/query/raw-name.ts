import { QueryError } from '../errors.js';
import type { RawName } from '../contract/value-names.js';

/**
 * A name the generated client does not know (a status added after generation): accepted where
 * workspace value names are typed, compared and quoted like any string. At run time it is the
 * string itself.
 * @example q.Task.where((t) => t.status.name.eq(raw('Waiting on client'))) // … where status.name is "Waiting on client"
 * @throws QueryError when `name` is not a string.
 */
export function raw(name: string): RawName {
  if (typeof name !== 'string') throw new QueryError(`raw() takes the text of a name, got ${name === null ? 'null' : typeof name}.`, { cause: { value: typeof name } });
  return name as RawName;
}
