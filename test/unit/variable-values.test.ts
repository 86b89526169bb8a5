import { describe, expect, it } from 'vitest';
import { planCommit } from '../../runtime/unit-of-work/commit-plan.js';
import { validatePlan } from '../../runtime/unit-of-work/commit-validation.js';
import { offlineSession } from './support/offline-session.js';

// `variable` attributes hold lists of strings for enumerator custom attributes (spec 3.6).
function setup() {
  const { uow, load } = offlineSession();
  const config = load({ __entity_type__: 'CustomAttributeConfiguration', id: 'c1', key: 'tags', default: 'x' });
  return { uow, config };
}

describe('variable attributes with list values', () => {
  it('accept a list of strings and send it as a JSON array', () => {
    const { uow, config } = setup();
    const tags = ['a', 'b'];
    config.default = tags;
    tags.push('c'); // the caller's array is copied on assignment
    const plan = planCommit(uow);
    expect(validatePlan(plan, uow)).toEqual([]);
    expect(plan.map((p) => p.operation)).toEqual([
      { action: 'update', entity_type: 'CustomAttributeConfiguration', entity_key: ['c1'], entity_data: { __entity_type__: 'CustomAttributeConfiguration', default: ['a', 'b'] } },
    ]);
    expect(JSON.parse(JSON.stringify(plan[0]!.operation)).entity_data.default).toEqual(['a', 'b']);
  });

  it('track an equal list as unchanged and refuse lists of non-strings', () => {
    const { uow, config } = setup();
    config.default = ['a'];
    expect(config.$state).toBe('modified');
    config.default = 'x';
    expect(config.$state).toBe('unchanged');
    config.default = [1, { a: 1 }];
    const problems = validatePlan(planCommit(uow), uow).map((p) => `${p.attribute}: ${p.message}`);
    expect(problems).toEqual(['default: expects a string, number, boolean, date or list of strings, got a list.']);
  });
});
