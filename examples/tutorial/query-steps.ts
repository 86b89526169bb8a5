import dayjs from 'dayjs';
import { NotLoadedError, type Session } from 'ftrack-codegen';
import { q, type Project, type Workspace } from '../../generated/index.js';
import type { StepRunner } from './step-runner.js';

/** What the query part of the tutorial hands on: the first project, as a full entity. */
export interface QueryStepsResult {
  readonly project: Project;
  readonly projectCount: number;
  readonly typeCount: number;
}

/**
 * The reading half of the ftrack tutorial: entity types, projects, filters, relationships and
 * lazy loading. Each query's expression is printed by the request log as it is sent (`⇢`).
 */
export async function queryTutorial(run: StepRunner, session: Session<Workspace>): Promise<QueryStepsResult> {
  const typeCount = await run.step('Entity types known to the session (session.types)', () => {
    const names = [...session.types.keys()];
    run.say(`${names.length} types: ${names.join(', ')}`);
    return names.length;
  });

  const projects = await run.step('All projects (session.query(q.Project).all()) and the keys of the first', async () => {
    run.say(`query: ${q.Project}`);
    const rows = await session.query(q.Project).all();
    run.say(`${rows.length} projects; first.$keys(): ${rows[0]?.$keys().join(', ')}`);
    return rows;
  });

  await run.step("Each project's name", () => {
    for (const project of projects) run.say(`- ${project.name}`);
  });

  await run.step("Active projects: q.Project.where((p) => p.status.eq('active'))", async () => {
    const active = q.Project.where((p) => p.status.eq('active'));
    run.say(`query: ${active}`);
    const rows = await session.query(active).all();
    run.say(`${rows.length} active: ${rows.map((p) => p.name).join(', ')}`);
  });

  await run.step('Active projects ending before one week from now (dayjs)', async () => {
    const nextWeek = dayjs().add(1, 'week');
    const ending = q.Project.where((p) => p.status.eq('active').and(p.end_date.before(nextWeek))).select('name', 'end_date');
    run.say(`query: ${ending}`);
    const rows = await session.query(ending).all();
    for (const p of rows) run.say(`- ${p.name} ends ${p.end_date?.format('YYYY-MM-DD')} (before ${nextWeek.format('YYYY-MM-DD')})`);
    if (rows.length === 0) run.say('(none)');
  });

  const project = await run.step("The first project's children; child.parent === project", async () => {
    const first = projects[0];
    if (first === undefined) throw new Error('The server has no projects: the tutorial needs at least one.');
    // session.get answers from the identity map: the same object, typed as the full Project entity.
    const entity = (await session.get('Project', first.id))!;
    run.say(`session.get('Project', id) === projects[0]: ${entity === (first as unknown)}`);
    try {
      run.say(`project.full_name = ${entity.full_name}`);
    } catch (error) {
      if (!(error instanceof NotLoadedError)) throw error;
      run.say(`project.full_name (not loaded) throws ${error.name}; await project.$get('full_name') loads it:`);
      run.say(`project.full_name = ${await entity.$get('full_name')}`);
    }
    const children = await entity.$get('children');
    run.say(`project ${entity.name}: ${children.length} children (lazy: await project.$get('children'))`);
    for (const child of children) {
      const parent = await child.$get('parent');
      run.say(`- ${child.$type} ${await child.$get('name')}: child.parent === project → ${parent === entity}`);
    }
    return entity;
  });

  await run.step('Context where parent.name like "te%" (typed)', async () => {
    const query = q.Context.where((c) => c.parent.name.like('te%'));
    run.say(`query: ${query}`);
    const rows = await session.query(query).all();
    run.say(`${rows.length} contexts: ${rows.map((c) => `${c.$type} ${c.name}`).join(', ')}`);
  });

  return { project, projectCount: projects.length, typeCount };
}
