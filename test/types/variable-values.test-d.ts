import type { Dayjs } from 'dayjs';
import { describe, expectTypeOf, it } from 'vitest';
import type { JsonField, VariableField, VariableQueryValue } from 'ftrack-codegen';
import { q, type CustomAttributeConfiguration, type VariableValue } from '../../generated/index.js';

// `variable` values include string lists (enumerators); query fields still compare scalars only.

describe('VariableValue', () => {
  it('accepts scalars, dates and lists of strings', () => {
    expectTypeOf<['a', 'b']>().toMatchTypeOf<VariableValue>();
    expectTypeOf<readonly string[]>().toMatchTypeOf<VariableValue>();
    expectTypeOf<Dayjs>().toMatchTypeOf<VariableValue>();
    expectTypeOf<24>().toMatchTypeOf<VariableValue>();
    const accept = (value: VariableValue): VariableValue => value;
    expectTypeOf(accept(['a', 'b'])).toEqualTypeOf<VariableValue>();
    // @ts-expect-error - lists hold strings only
    const numbers: VariableValue = [1, 2];
    void numbers;
    expectTypeOf<CustomAttributeConfiguration['default']>().toEqualTypeOf<VariableValue | null>();
  });
});

describe('variable query fields', () => {
  it('stay VariableField with scalar operators', () => {
    q.CustomAttributeConfiguration.where((c) => {
      expectTypeOf(c.default).toEqualTypeOf<VariableField<'default'>>();
      expectTypeOf(c.default).not.toEqualTypeOf<JsonField<'default'>>();
      expectTypeOf(c.default.eq).parameter(0).toEqualTypeOf<VariableQueryValue>();
      expectTypeOf(c.default.gt).parameter(0).toEqualTypeOf<VariableQueryValue>();
      // @ts-expect-error - list values are not comparable in queries
      c.default.eq(['a', 'b']);
      return c.default.eq(24).and(c.default.in([1, 'x'])).and(c.default.lt(5));
    });
    q.Task.where((t) => t.custom_attributes.entry('fps').eq(24));
  });
});
