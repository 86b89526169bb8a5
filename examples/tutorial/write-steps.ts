import type { Operation, Session } from 'ftrack-codegen';
import { q, type Project, type Workspace } from '../../generated/index.js';
import { describe } from '../support/request-log.js';
import type { StepRunner } from './step-runner.js';

/** Names the tutorial creates (and removes again on the next run). */
export const SEQUENCE_NAME = 'Starlord Reveal';
export const APPENDED_NAME = 'Starlord Reveal (teaser)';

/** What the writing half of the tutorial did. */
export interface WriteStepsResult {
  readonly created: number;
  readonly removed: number;
  readonly committedOperations: number;
}

/**
 * The writing half of the ftrack tutorial: create a Sequence, set its description and its parent
 * both ways, commit, query it back; then rollback of uncommitted changes.
 */
export async function writeTutorial(run: StepRunner, session: Session<Workspace>, project: Project): Promise<WriteStepsResult> {
  const removed = await run.step('Clean up sequences left by an earlier run (session.delete + commit)', async () => {
    const earlier = q.Sequence.where((s) => s.parent.id.eq(project.id).and(s.name.in([SEQUENCE_NAME, APPENDED_NAME])));
    run.say(`query: ${earlier}`);
    const leftovers = await session.query(earlier).all();
    for (const sequence of leftovers) session.delete(sequence);
    if (leftovers.length > 0) await session.commit();
    run.say(leftovers.length === 0 ? 'nothing to clean up' : `deleted ${leftovers.length} sequence(s) from an earlier run`);
    return leftovers.length;
  });

  const [sequence, teaser] = await run.step(`Create a Sequence: session.create('Sequence', { name: '${SEQUENCE_NAME}' })`, () => {
    const created = session.create('Sequence', { name: SEQUENCE_NAME });
    created.description = 'First hero character reveal.';
    run.say(`$state: ${created.$state}; id generated on the client: ${created.id}`);
    run.say(`description: ${created.description}`);

    created.parent = project;
    run.say(`way 1: sequence.parent = project → project.children.includes(sequence): ${project.children.includes(created)}`);

    const other = session.create('Sequence', { name: APPENDED_NAME });
    project.children.append(other);
    run.say(`way 2: project.children.append(teaser) → teaser.parent === project: ${other.parent === project}`);
    return [created, other] as const;
  });

  await run.step('Both ways record the same change (session.pending)', () => {
    const operations = session.pending.operations;
    for (const operation of operations) run.say(`would send: ${describe(operation)}`);
    const parentOf = (id: string) => parentValue(operations.find((op) => entityId(op) === id));
    run.say(`same parent in both creates: ${parentOf(sequence.id) !== undefined && parentOf(sequence.id) === parentOf(teaser.id)}`);
  });

  const committed = await run.step('await session.commit()', async () => {
    const result = await session.commit();
    run.say(`${result.operations.length} operations in ${result.requests} request(s); sequence.$state: ${sequence.$state}`);
    return result.operations.length;
  });

  await run.step('Query the new sequences back', async () => {
    const back = q.Sequence.where((s) => s.parent.id.eq(project.id).and(s.name.like('Starlord%'))).select('name', 'description', 'parent.name');
    run.say(`query: ${back}`);
    const rows = await session.query(back).all();
    for (const row of rows) run.say(`- ${row.name} (${row.description ?? 'no description'}) under ${row.parent?.name}; same object: ${row === sequence || row === teaser}`);
  });

  await run.step('Rollback discards uncommitted changes (session.rollback())', () => {
    sequence.description = 'A change we do not want.';
    const draft = session.create('Sequence', { name: 'Discarded draft', parent: project });
    run.say(`pending before rollback: ${session.pending.operations.length} operations (${sequence.$state} sequence, ${draft.$state} draft)`);
    session.rollback();
    run.say(`after rollback: description "${sequence.description}", sequence.$state ${sequence.$state}, draft.$state ${draft.$state}, pending ${session.pending.operations.length}`);
  });

  return { created: 2, removed, committedOperations: committed };
}

function entityId(operation: Operation): unknown {
  return 'entity_data' in operation ? (operation.entity_data as Record<string, unknown>).id : undefined;
}

/** The parent a create operation sends: the foreign key or the reference's id. */
function parentValue(operation: Operation | undefined): unknown {
  if (operation === undefined || !('entity_data' in operation)) return undefined;
  const data = operation.entity_data as Record<string, unknown>;
  const parent = data.parent as { id?: unknown } | undefined;
  return data.parent_id ?? parent?.id;
}
