import type { Session } from 'ftrack-codegen';
import { q, type Workspace } from '../../generated/index.js';
import type { StepRunner } from './step-runner.js';

/** The shot the tutorial marks as complex (set again on every run: the same values). */
const SHOT_NAME = 'sh010';

/**
 * Typed custom attributes: the generated client knows which configurations apply to each entity
 * type, so `shot.custom_attributes.get('fps')` is a `number | null`, an enumerator is its options,
 * a date a `Dayjs`; queries compare by value type; setting a key picks its configuration without
 * a request and commits in one.
 */
export async function customAttributeTutorial(run: StepRunner, session: Session<Workspace>): Promise<void> {
  const shot = await run.step('Typed custom attributes: q.Shot.where((s) => s.custom_attributes.fps.gte(25))', async () => {
    const fast = q.Shot.where((s) => s.custom_attributes.fps.gte(25)).select('name');
    run.say(`query: ${fast}`);
    run.say(`shots with their own fps of 25 or more: ${(await session.query(fast).all()).map((row) => row.name).join(', ')}`);
    const one = q.Shot.where((s) => s.name.eq(SHOT_NAME).and(s.parent.name.eq('sq010')).and(s.project.name.eq('test'))).select('name', 'custom_attributes');
    const [row] = await session.query(one).all();
    if (row === undefined) return undefined;
    const ca = row.custom_attributes;
    const fps: number | null = ca.get('fps');
    const complexity: 'simple' | 'medium' | 'complex' | null = ca.get('complexity');
    run.say(`test/sq010/${row.name}: fps ${fps} (its own: the default), ${await ca.getInherited('fps')} inherited (getInherited); complexity ${complexity}; tags [${(ca.get('tags') ?? []).join(', ')}]`);
    const [project] = await session.query(q.Project.where((p) => p.custom_attributes.delivery_date.before('2027-01-01')).select('full_name', 'custom_attributes')).all();
    const delivery = project?.custom_attributes.get('delivery_date');
    run.say(`first project delivering before 2027: ${project?.full_name ?? 'none'}, on ${delivery?.format('YYYY-MM-DD') ?? '—'} (a Dayjs)`);
    return row;
  });

  await run.step("Set typed custom attributes: shot.custom_attributes.set('complexity', 'complex')", async () => {
    if (shot === undefined) {
      run.say('no shot to change');
      return;
    }
    shot.custom_attributes.set('complexity', 'complex');
    shot.custom_attributes.set('tags', ['fx', 'water']);
    for (const operation of session.pending.operations) run.say(`would send: ${operation.action} ${'entity_type' in operation ? operation.entity_type : ''}`);
    const result = await session.commit();
    run.say(`${result.operations.length} operations in ${result.requests} request(s)`);
    const complex = q.Shot.where((s) => s.custom_attributes.complexity.eq('complex').and(s.custom_attributes.tags.eq('water')));
    run.say(`query: ${complex}`);
    const rows = await session.query(complex.select('name')).all();
    run.say(`${rows.length} complex shot(s) with water: ${rows.map((row) => row.name).join(', ')}`);
  });
}
