import type { ProjectName, Username } from '../ids.js';
import type { ProjectSchemaName } from './reference-data.js';

// The tutorial's six projects and the fixed part of their hierarchy. Dates are fixed (reference:
// late 2026) so the data never depends on the clock: "test" is active but already ended, so the
// tutorial's "active projects ending before one week from now" always finds at least one.

/** A non-project context of the fixed hierarchy. */
export interface NodePlan {
  type: 'Folder' | 'Episode' | 'Sequence' | 'Shot' | 'AssetBuild' | 'Milestone';
  name: string;
  description?: string;
  children?: readonly NodePlan[];
}

/** One project with its fixed children. */
export interface ProjectPlan {
  name: ProjectName;
  fullName: string;
  status: 'active' | 'hidden';
  start: string;
  end: string;
  schema: ProjectSchemaName;
  color: string;
  createdBy: Username;
  /** Metadata key/value pairs of the project. */
  metadata: Readonly<Record<string, string>>;
  /** Custom attribute values set on the project (others fall back to the configuration default). */
  attributes: Readonly<Record<string, unknown>>;
  children: readonly NodePlan[];
}

const shots = (...names: string[]): NodePlan[] => names.map((name) => ({ type: 'Shot', name }));
const builds = (...names: string[]): NodePlan[] => names.map((name) => ({ type: 'AssetBuild', name }));

/** Projects in id order ("test" first). */
export const PROJECT_PLANS: readonly ProjectPlan[] = [
  {
    name: 'test',
    fullName: 'Test project',
    status: 'active',
    start: '2026-01-05',
    end: '2026-06-30',
    schema: 'VFX Scheme',
    color: '#1a9fd9',
    createdBy: 'demo',
    metadata: { client: 'Internal', delivery_format: 'EXR' },
    attributes: { fps: 25, resolution: '2048x858', delivery_date: '2026-06-26' },
    children: [
      { type: 'Folder', name: 'Assets', children: builds('Bunny', 'Chinchilla') },
      { type: 'Sequence', name: 'sq010', description: 'Opening sequence.', children: shots('sh010', 'sh020', 'sh030') },
      { type: 'Sequence', name: 'sq020', children: shots('sh010', 'sh020') },
      { type: 'Milestone', name: 'Client delivery' },
    ],
  },
  {
    name: 'client_review',
    fullName: 'Client review',
    status: 'active',
    start: '2026-03-02',
    end: '2026-12-04',
    schema: 'VFX Scheme',
    color: '#e67e22',
    createdBy: 'ada',
    metadata: { client: 'Acme Pictures' },
    attributes: { fps: 24, delivery_date: '2026-12-04' },
    children: [
      { type: 'Sequence', name: 'rv_1126', description: 'Shots under client review.', children: shots('rv010', 'rv020') },
      { type: 'Milestone', name: 'Final review' },
    ],
  },
  {
    name: 'tdb',
    fullName: 'TDB',
    status: 'hidden',
    start: '2025-01-06',
    end: '2025-12-19',
    schema: 'Lean Scheme',
    color: '#95a5a6',
    createdBy: 'grace',
    metadata: {},
    attributes: {},
    children: [{ type: 'Folder', name: 'Editorial' }, { type: 'Sequence', name: 'sq001', children: shots('sh001') }],
  },
  {
    name: 'man_test',
    fullName: 'Manual test',
    status: 'hidden',
    start: '2025-06-02',
    end: '2026-02-27',
    schema: 'Lean Scheme',
    color: '#9b59b6',
    createdBy: 'alan',
    metadata: { purpose: 'manual QA' },
    attributes: { fps: 30 },
    children: [{ type: 'Folder', name: 'References' }],
  },
  {
    name: 'ftrack',
    fullName: 'ftrack demo',
    status: 'active',
    start: '2026-09-07',
    end: '2027-09-24',
    schema: 'VFX Scheme',
    color: '#2ecc71',
    createdBy: 'demo',
    metadata: { client: 'ftrack' },
    attributes: { fps: 24, resolution: '3840x2160', delivery_date: '2027-09-17' },
    children: [
      {
        type: 'Episode',
        name: 'ep101',
        description: 'Pilot episode.',
        children: [{ type: 'Sequence', name: 'ep101_sq010', children: shots('ep101_sq010_sh0010', 'ep101_sq010_sh0020') }],
      },
      { type: 'Folder', name: 'Characters', children: builds('Robot') },
    ],
  },
  {
    name: 'bunny',
    fullName: 'Big Buck Bunny',
    status: 'active',
    start: '2026-05-04',
    end: '2027-03-26',
    schema: 'VFX Scheme',
    color: '#f1c40f',
    createdBy: 'katherine',
    metadata: { client: 'Blender Foundation', delivery_format: 'EXR' },
    attributes: { fps: 24, resolution: '1920x1080', delivery_date: '2027-03-19' },
    children: [
      { type: 'Folder', name: 'Assets', children: builds('Bunny', 'Forest') },
      { type: 'Sequence', name: 'bb010', children: shots('bb010_0010', 'bb010_0020') },
      { type: 'Sequence', name: 'bb020', children: shots('bb020_0010', 'bb020_0020') },
      { type: 'Milestone', name: 'Animatic lock' },
    ],
  },
];

/** Projects that receive the generated sequences when `tasks` exceeds the fixed hierarchy. */
export const GROWTH_PROJECTS: readonly ProjectName[] = ['bunny', 'ftrack'];
