import type { WorkspaceData } from '../../../server/index.js';

type SeedRow = Record<string, unknown>;

/** Plain lookups over seed data: the independent oracle the conformance tests compare with. */
export class SeedOracle {
  private readonly byId = new Map<string, SeedRow & { __type: string }>();

  constructor(readonly data: WorkspaceData) {
    for (const [type, rows] of Object.entries(data.entities)) {
      for (const row of rows) if (typeof row.id === 'string') this.byId.set(row.id, { ...row, __type: type });
    }
  }

  rows(type: string): SeedRow[] {
    return this.data.entities[type] ?? [];
  }

  get(id: unknown): (SeedRow & { __type: string }) | undefined {
    return typeof id === 'string' ? this.byId.get(id) : undefined;
  }

  /** Rows of several concrete types in the order the seed lists them. */
  rowsOf(types: readonly string[]): SeedRow[] {
    return Object.entries(this.data.entities)
      .filter(([type]) => types.includes(type))
      .flatMap(([, rows]) => rows);
  }
}

/** Naive UTC text of a seed datetime. */
export function dateText(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? String((value as { value: string }).value) : undefined;
}
