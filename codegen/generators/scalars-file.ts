import type { SourceFileStructure } from '../declarations/declarations.js';
import { HELPER_TYPES } from '../model/names.js';
import { typeImport } from './imports.js';

/** `scalars.d.ts`: the value types shared by read and input shapes. */
export function scalarsFile(): SourceFileStructure {
  return {
    path: 'scalars.d.ts',
    statements: [
      typeImport('dayjs', ['Dayjs']),
      {
        kind: 'type',
        name: HELPER_TYPES.json,
        type: `string | number | boolean | null | readonly ${HELPER_TYPES.json}[] | { readonly [key: string]: ${HELPER_TYPES.json} }`,
        docs: { lines: ['Any JSON value: the type of schema attributes declared `type: object`.'] },
      },
      {
        kind: 'type',
        name: HELPER_TYPES.variable,
        type: 'string | number | boolean | Dayjs | readonly string[]',
        docs: { lines: ['A `variable` attribute (custom attribute values): a string, number, boolean, date-time (dayjs, UTC) or list of strings (enumerators).'] },
      },
      {
        kind: 'type',
        name: HELPER_TYPES.dateTimeInput,
        type: 'Dayjs | Date | string',
        docs: { lines: ['A date-time in create and update inputs: a dayjs, a Date or an ISO 8601 string (naive strings are UTC).'] },
      },
      {
        kind: 'type',
        name: HELPER_TYPES.linkEntry,
        type: '{ readonly id: string; readonly name: string; readonly type: string }',
        docs: {
          lines: [
            'One step of a `link` path (declared `type: string`, sent as an array from the project down to the entity itself);',
            '`type` is the entity type name, e.g. `{ id: "…", name: "sq010", type: "Sequence" }`.',
          ],
        },
      },
    ],
  };
}
