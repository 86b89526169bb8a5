import type { SourceFileStructure } from '../declarations/declarations.js';
import { HELPER_TYPES } from '../model/names.js';
import { typeImport } from './imports.js';

/** `scalars.d.ts`: the value types shared by read and input shapes. */
export function scalarsFile(): SourceFileStructure {
  return {
    path: 'scalars.d.ts',
    statements: [
      typeImport('ftrack-codegen', ['Dayjs']),
      // One step of a `link` path: the runtime's type (`{ id, name, type }`), re-exported for the shapes here.
      { kind: 'export', from: 'ftrack-codegen', typeOnly: true, names: [HELPER_TYPES.linkEntry] },
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
    ],
  };
}
