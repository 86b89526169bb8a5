import type { AttributeSeed, SeedNode, SeedPlan } from './small-seed.js';

/** One configuration of the seed: where it applies, its type and default, and the values it gets. */
interface ConfigurationPlan {
  readonly key: string;
  readonly label: string;
  readonly type: 'number' | 'text' | 'boolean' | 'date' | 'enumerator';
  /** `show` (projects) or `task` (typed contexts of `objectType`). */
  readonly entityType: 'show' | 'task';
  readonly objectType?: string;
  readonly hierarchical?: boolean;
  /** Project-specific: only the project of this name. */
  readonly project?: string;
  readonly default: unknown;
  readonly config?: Readonly<Record<string, unknown>>;
  /** Value per node path (`alpha/sq010/sh020`); other nodes keep the default. */
  readonly values: Readonly<Record<string, unknown>>;
}

const options = (values: readonly string[]) => JSON.stringify(values.map((value) => ({ menu: value[0]!.toUpperCase() + value.slice(1), value })));

/**
 * `--seed custom-attributes`: the small production with custom attribute configurations of every
 * value type, on the small seed's hierarchy — `fstart` twice (Sequence: number, Shot: text), `fps`
 * hierarchical (set on project alpha and on alpha/sq020 only), `client_code` only for project
 * alpha, a boolean, a date, an enumerator and a multi-select enumerator; and the demo workspace's
 * `complexity` (Shot enumerator) and `delivery_date` (project date) that the tutorial (docs/tutorial.md) reads.
 */
const PLANS: readonly ConfigurationPlan[] = [
  {
    key: 'fstart', label: 'Frame start', type: 'number', entityType: 'task', objectType: 'Sequence', default: 1001,
    values: { 'alpha/sq010': 1001, 'alpha/sq020': 1101, 'bravo/sq010': 2001 },
  },
  {
    key: 'fstart', label: 'Frame start (label)', type: 'text', entityType: 'task', objectType: 'Shot', default: '',
    values: { 'alpha/sq010/sh010': 'A1001', 'alpha/sq010/sh020': 'A1009', 'alpha/sq020/sh010': 'B1101', 'bravo/sq020/sh020': 'Z9000' },
  },
  {
    key: 'fps', label: 'Frame rate', type: 'number', entityType: 'show', hierarchical: true, default: 24,
    values: { alpha: 25, 'alpha/sq020': 30, 'bravo/sq010/sh020': 48 },
  },
  {
    key: 'client_code', label: 'Client code', type: 'text', entityType: 'show', project: 'alpha', default: 'none',
    values: { alpha: 'ALP' },
  },
  {
    key: 'client_review', label: 'Client review', type: 'boolean', entityType: 'task', objectType: 'Shot', default: false,
    values: { 'alpha/sq010/sh010': true, 'alpha/sq020/sh020': true, 'bravo/sq010/sh010': true, 'bravo/sq020/sh010': false },
  },
  {
    key: 'delivery', label: 'Delivery', type: 'date', entityType: 'task', objectType: 'Shot', default: null,
    values: { 'alpha/sq010/sh010': '2026-03-02T00:00:00', 'alpha/sq010/sh020': '2026-04-15T12:30:00', 'bravo/sq010/sh010': '2026-09-01T00:00:00', 'bravo/sq020/sh020': '2027-01-10T00:00:00' },
  },
  {
    key: 'stage', label: 'Stage', type: 'enumerator', entityType: 'task', objectType: 'Task', default: ['blocking'],
    config: { multiSelect: false, data: options(['blocking', 'spline', 'polish']) },
    values: { 'alpha/sq010/sh010/animation': ['polish'], 'alpha/sq010/sh020/animation': ['spline'], 'bravo/sq020/sh010/animation': ['polish'] },
  },
  {
    key: 'tags', label: 'Tags', type: 'enumerator', entityType: 'task', objectType: 'Shot', default: [],
    config: { multiSelect: true, data: options(['fx', 'crowd', 'water', 'hero']) },
    values: { 'alpha/sq010/sh010': ['fx', 'hero'], 'alpha/sq020/sh020': ['crowd'], 'bravo/sq010/sh020': ['fx', 'water'], 'bravo/sq020/sh010': ['hero'] },
  },
  // The two the tutorial reads besides `fps` and `tags` (as the demo workspace has them).
  {
    key: 'complexity', label: 'Complexity', type: 'enumerator', entityType: 'task', objectType: 'Shot', default: ['medium'],
    config: { multiSelect: false, data: options(['simple', 'medium', 'complex']) },
    values: { 'alpha/sq010/sh020': ['complex'], 'bravo/sq020/sh010': ['simple'] },
  },
  {
    key: 'delivery_date', label: 'Delivery date', type: 'date', entityType: 'show', default: null,
    values: { alpha: '2026-11-30T00:00:00', bravo: '2027-06-01T00:00:00' },
  },
];

/** Configurations and values of `--seed custom-attributes` (skipped where the schema lacks the types). */
export const customAttributeSeed: AttributeSeed = (seed: SeedPlan, nodes: readonly SeedNode[]) => {
  if (!seed.has('CustomAttributeConfiguration') || !seed.has('ContextCustomAttributeValue')) return;
  const byPath = new Map(nodes.map((node) => [node.path, node]));
  PLANS.forEach((plan, sort) => {
    if (plan.objectType !== undefined && seed.objectType(plan.objectType) === undefined) return;
    const project = plan.project === undefined ? undefined : byPath.get(plan.project);
    const configuration = seed.create('CustomAttributeConfiguration', `CustomAttributeConfiguration:${plan.key}:${plan.objectType ?? plan.entityType}`, {
      key: plan.key,
      label: plan.label,
      type: seed.attributeType(plan.type),
      entity_type: plan.entityType,
      object_type_id: plan.objectType === undefined ? undefined : seed.objectType(plan.objectType),
      project_id: project?.ref.id,
      is_hierarchical: plan.hierarchical === true,
      default: plan.default,
      config: JSON.stringify(plan.config ?? {}),
      core: false,
      sort,
    });
    if (configuration === undefined) return;
    for (const [path, value] of Object.entries(plan.values)) {
      const node = byPath.get(path);
      if (node !== undefined) seed.value(configuration, node.ref, plan.type === 'date' && typeof value === 'string' ? { __type__: 'datetime', value } : value);
    }
  });
};
