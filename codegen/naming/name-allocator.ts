/**
 * Hands out unique identifiers in call order: a taken name gets `_` appended until it is free.
 * Deterministic as long as callers ask in a deterministic order.
 */
export class NameAllocator {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  /** Reserves and returns `wanted`, or the first free `wanted_`, `wanted__`, … */
  allocate(wanted: string): string {
    let name = wanted;
    while (this.#taken.has(name)) name += '_';
    this.#taken.add(name);
    return name;
  }
}
