import type { IncomingHttpHeaders } from 'node:http';

/** Request switches from `ftrack-strict-api` and `ftrack-api-options` (spec 1.2, 1.5, 3.7). */
export interface RequestSwitches {
  readonly strict: boolean;
  readonly denormalize: boolean;
}

const TRUE_VALUES: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'on']);

/**
 * Reads the switches: `ftrack-strict-api: true`, and `ftrack-api-options` as `key:value` or
 * `key=value` pairs separated by `;` (values 1/0/true/false, any case). `denormalize` applies
 * only together with `strict`.
 *
 * @example
 * readSwitches({ 'ftrack-api-options': 'strict:1;denormalize:1' }); // { strict: true, denormalize: true }
 */
export function readSwitches(headers: IncomingHttpHeaders): RequestSwitches {
  const options = new Map<string, boolean>();
  const raw = headerText(headers['ftrack-api-options']);
  for (const part of raw.split(';')) {
    const match = /^\s*([A-Za-z_]+)\s*[:=]\s*(\S*)\s*$/.exec(part);
    if (match) options.set(match[1]!.toLowerCase(), TRUE_VALUES.has(match[2]!.toLowerCase()));
  }
  const strict = TRUE_VALUES.has(headerText(headers['ftrack-strict-api']).trim().toLowerCase()) || options.get('strict') === true;
  const optionStrict = options.get('strict') === true;
  return { strict, denormalize: optionStrict && options.get('denormalize') === true };
}

/** A header's text (first value when repeated). */
export function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}
