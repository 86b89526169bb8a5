import type { Dayjs } from 'dayjs';
import { describe, expectTypeOf, it } from 'vitest';
import type { CustomAttributeMap, KeyValueMap, NumberField, StringField } from 'ftrack-codegen';
import { q, type Project, type Sequence, type Shot, type ShotCustomAttributes } from '../../generated/index.js';

// Issue 12: the demo client types custom attributes per entity type (generated/custom-attributes.ts).

describe('typed custom attributes (demo client)', () => {
  it('get returns the configured value type; unknown keys and wrong values do not compile', () => {
    const read = (shot: Shot, sequence: Sequence, project: Project) => {
      expectTypeOf(shot.custom_attributes).toEqualTypeOf<CustomAttributeMap<ShotCustomAttributes>>();
      expectTypeOf(shot.custom_attributes.get('fps')).toEqualTypeOf<number | null>();
      expectTypeOf(shot.custom_attributes.get('complexity')).toEqualTypeOf<'simple' | 'medium' | 'complex' | null>();
      expectTypeOf(shot.custom_attributes.get('tags')).toEqualTypeOf<readonly ('fx' | 'crowd' | 'water')[] | null>();
      expectTypeOf(project.custom_attributes.get('delivery_date')).toEqualTypeOf<Dayjs | null>();
      expectTypeOf(sequence.custom_attributes.getInherited('fps')).toEqualTypeOf<Promise<number | null>>();
      shot.custom_attributes.set('complexity', 'complex');
      // @ts-expect-error - a typo in a key
      shot.custom_attributes.get('fsp');
      // @ts-expect-error - complexity is configured for shots only
      sequence.custom_attributes.get('complexity');
      // @ts-expect-error - fps is a number
      shot.custom_attributes.set('fps', '25');
      // @ts-expect-error - not an option
      shot.custom_attributes.set('complexity', 'hard');
    };
    void read;
  });

  it('the untyped form stays a KeyValueMap', () => {
    expectTypeOf<KeyValueMap<string>['get']>().toEqualTypeOf<(key: string) => string | undefined>();
  });

  it('query fields per key, with the operators of the value type', () => {
    q.Shot.where((s) => {
      expectTypeOf(s.custom_attributes.fps).toEqualTypeOf<NumberField<'custom_attributes.value'>>();
      expectTypeOf(s.custom_attributes.complexity).toEqualTypeOf<StringField<'custom_attributes.value', 'simple' | 'medium' | 'complex'>>();
      expectTypeOf(s.custom_attributes.tags).toEqualTypeOf<StringField<'custom_attributes.value', 'fx' | 'crowd' | 'water'>>();
      // @ts-expect-error - unknown key
      void s.custom_attributes.fsp;
      // @ts-expect-error - fps compares with numbers
      return s.custom_attributes.fps.gte('24');
    });
    expectTypeOf(q.Shot.where((s) => s.custom_attributes.fps.gte(24)).toString()).toEqualTypeOf<string>();
  });
});
