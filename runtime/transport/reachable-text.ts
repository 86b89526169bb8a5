/** How far `reachableText` walks: nesting, values visited, characters kept per string. */
const MAX_DEPTH = 6;
const MAX_VALUES = 10_000;
const MAX_STRING = 100_000;

/**
 * Every string reachable from `value` within 6 levels, joined by new lines: an error's name,
 * message, stack and own properties (hidden ones too: `cause`, `errors`, `code`), object keys and
 * values, array, Map and Set entries. Getters are not called. What `redactError` searches for a
 * secret (the role `util.inspect` played, without Node's `node:util`).
 *
 * @example reachableText(new Error('a', { cause: { url: 'b' } })) // includes 'a', 'url' and 'b'
 */
export function reachableText(value: unknown): string {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let budget = MAX_VALUES;
  const visit = (item: unknown, depth: number): void => {
    if (--budget < 0) return;
    if (typeof item === 'string') {
      out.push(item.length > MAX_STRING ? item.slice(0, MAX_STRING) : item);
      return;
    }
    if (typeof item !== 'object' && typeof item !== 'function') {
      if (item !== undefined && item !== null) out.push(String(item));
      return;
    }
    if (item === null || seen.has(item) || depth > MAX_DEPTH) return;
    seen.add(item);
    if (item instanceof Map) {
      for (const [key, entry] of item) {
        visit(key, depth + 1);
        visit(entry, depth + 1);
      }
    } else if (item instanceof Set) {
      for (const entry of item) visit(entry, depth + 1);
    }
    if (ArrayBuffer.isView(item)) return;
    for (const key of Reflect.ownKeys(item)) {
      if (typeof key === 'string') out.push(key);
      else if (key.description !== undefined) out.push(key.description);
      const descriptor = Reflect.getOwnPropertyDescriptor(item, key);
      if (descriptor !== undefined && 'value' in descriptor) visit(descriptor.value, depth + 1);
    }
    if (item instanceof Error) out.push(item.name, item.message, item.stack ?? '');
  };
  visit(value, 0);
  return out.join('\n');
}
