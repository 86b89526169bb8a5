import { USER_IDS, type Username } from '../ids.js';
import type { ContextInfo } from './hierarchy.js';
import { createPrng } from './prng.js';
import type { Row, SeedBuilder } from './seed-builder.js';
import { stableId } from './stable-id.js';
import type { TaskInfo } from './tasks.js';
import { at, shifted } from './wire.js';

// Notes (with authors and replies), timelogs and appointments.

const ARTISTS: readonly Username[] = ['ada', 'grace', 'alan', 'katherine', 'demo'];

const TASK_NOTES: readonly string[] = [
  'First pass is up for review.',
  'Please check the edges against the plate.',
  'Looks good, approved from my side.',
  'Can we push the contrast a little?',
  'Blocked until the new plate arrives.',
  'Render failed on frame 1042, re-queued.',
];

interface FixedNote {
  path: string;
  type: ContextInfo['type'];
  author: Username;
  content: string;
  date: string;
  frame?: number;
  todo?: { completedBy?: Username; completedAt?: string };
  replies?: readonly { author: Username; content: string; date: string }[];
}

const FIXED_NOTES: readonly FixedNote[] = [
  { path: 'test', type: 'Project', author: 'alan', content: 'Kick-off: deliver EXR in ACEScg, 2K scope.', date: '2026-01-06T10:00:00' },
  {
    path: 'test/sq010/sh010',
    type: 'Shot',
    author: 'ada',
    content: 'Please tighten the timing on the first beat.',
    date: '2026-02-02T14:30:00',
    todo: { completedBy: 'ada', completedAt: '2026-02-04T09:15:00' },
    replies: [{ author: 'grace', content: 'Done, a new version is up.', date: '2026-02-03T16:45:00' }],
  },
  { path: 'bunny/bb010/bb010_0010', type: 'Shot', author: 'katherine', content: 'Fur looks great; the rim light needs more punch.', date: '2026-06-10T11:00:00', frame: 1012 },
  { path: 'client_review/rv_1126/rv010', type: 'Shot', author: 'jenkins', content: 'Automated check: 3 frames missing in the plate.', date: '2026-11-26T02:00:00', todo: {} },
  { path: 'ftrack/ep101', type: 'Episode', author: 'demo', content: 'Pilot greenlit. "Quotes", back\\slashes & 100% coverage.', date: '2026-09-08T09:00:00' },
];

function noteRow(id: string, parent: { id: string; type: string; projectId: string }, author: Username, content: string, date: string): Row & { id: string } {
  return {
    id,
    content,
    date: at(date),
    thread_activity: at(date),
    parent_id: parent.id,
    parent_type: parent.type,
    user_id: USER_IDS[author],
    in_reply_to_id: null,
    is_todo: false,
    completed_at: null,
    completed_by_id: null,
    frame_number: null,
    project_id: parent.projectId,
  };
}

function seedFixedNotes(seed: SeedBuilder, contexts: readonly ContextInfo[]): void {
  const byPath = new Map(contexts.map((c) => [c.path, c]));
  for (const plan of FIXED_NOTES) {
    const context = byPath.get(plan.path);
    if (context === undefined) continue;
    const parent = { id: context.id, type: plan.type, projectId: context.project.id };
    const id = stableId(`Note:${plan.path}:${plan.date}`);
    const row = noteRow(id, parent, plan.author, plan.content, plan.date);
    row.frame_number = plan.frame ?? null;
    if (plan.todo) {
      row.is_todo = true;
      row.completed_by_id = plan.todo.completedBy ? USER_IDS[plan.todo.completedBy] : null;
      row.completed_at = plan.todo.completedAt ? at(plan.todo.completedAt) : null;
    }
    const replies = (plan.replies ?? []).map((reply) => {
      const replyRow = noteRow(stableId(`Note:${plan.path}:${reply.date}`), parent, reply.author, reply.content, reply.date);
      replyRow.in_reply_to_id = id;
      row.thread_activity = at(reply.date);
      return replyRow;
    });
    seed.add('Note', row);
    for (const reply of replies) seed.add('Note', reply);
  }
}

/** Seeds notes, timelogs and appointments for the contexts and tasks. */
export function seedActivity(seed: SeedBuilder, contexts: readonly ContextInfo[], tasks: readonly TaskInfo[]): void {
  seedFixedNotes(seed, contexts);
  const rng = createPrng(0x10c5);
  for (const task of tasks) {
    // Always three draws per task.
    const artist = ARTISTS[task.index % ARTISTS.length]!;
    const hours = rng.int(1, 8);
    const noteText = rng.pick(TASK_NOTES);
    const dayOffset = rng.int(0, 10);
    const parent = { id: task.id, type: 'Task', projectId: task.project.id };
    if (task.index % 6 === 0) {
      const date = shifted(task.start, dayOffset + 1, 15 * 3600).value;
      seed.add('Note', noteRow(stableId(`Note:${task.id}`), parent, ARTISTS[(task.index + 1) % ARTISTS.length]!, noteText, date));
    }
    if (task.index % 2 === 0 && task.status !== 'Not started') {
      seed.add('Timelog', {
        id: stableId(`Timelog:${task.id}`),
        name: task.name,
        comment: hours > 6 ? 'Long day on this one.' : '',
        start: shifted(task.start, dayOffset, 9 * 3600),
        duration: hours * 3600,
        time_zone_offset: 0,
        user_id: USER_IDS[artist],
        context_id: task.id,
      });
    }
    if (task.index % 3 !== 2) {
      seed.add('Appointment', { id: stableId(`Appointment:${task.id}`), type: 'assignment', resource_id: USER_IDS[artist], context_id: task.id });
    }
  }
  for (const project of contexts.filter((c) => c.type === 'Project' && c.project.active)) {
    for (const username of ['ada', 'grace'] as const) {
      seed.add('Appointment', {
        id: stableId(`Appointment:${project.id}:${username}`),
        type: 'allocation',
        resource_id: USER_IDS[username],
        context_id: project.id,
      });
    }
  }
}
