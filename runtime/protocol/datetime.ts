import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/** Wire form of a datetime: `{"__type__": "datetime", "value": "2022-10-10T10:12:09"}`. */
export interface WireDateTime {
  __type__: 'datetime' | 'date';
  value: string;
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const ISO_DATETIME = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(Z|[+-]\d\d:?\d\d)?$/i;

/** True for `{"__type__": "datetime" | "date", "value": string}`. */
export function isWireDateTime(value: unknown): value is WireDateTime {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as WireDateTime).__type__ === 'datetime' || (value as WireDateTime).__type__ === 'date') &&
    typeof (value as WireDateTime).value === 'string'
  );
}

/** True when `text` is an ISO 8601 date or datetime the protocol accepts. */
export function isIsoDateTimeString(text: string): boolean {
  return ISO_DATE.test(text) || ISO_DATETIME.test(text);
}

/**
 * Parses an ISO date or datetime into a UTC dayjs. Naive values are UTC (the server reports
 * `is_timezone_support_enabled: true`); offsets are converted; a date is midnight UTC.
 * Returns undefined when the text is not a valid ISO value.
 */
export function parseIsoToUtc(text: string): Dayjs | undefined {
  let normalised: string;
  if (ISO_DATE.test(text)) normalised = `${text}T00:00:00Z`;
  else {
    const match = ISO_DATETIME.exec(text);
    if (!match) return undefined;
    const time = match[2]!.length === 5 ? `${match[2]}:00` : match[2]!;
    const zone = match[3] === undefined ? 'Z' : match[3].toUpperCase() === 'Z' ? 'Z' : normaliseOffset(match[3]);
    normalised = `${match[1]}T${time}${zone}`;
  }
  const parsed = dayjs.utc(normalised);
  if (!parsed.isValid()) return undefined;
  // Reject impossible dates that Date silently rolls over (2021-02-30).
  const datePart = text.slice(0, 10);
  if (!/[+-]|Z$/i.test(text.slice(10)) && parsed.format('YYYY-MM-DD') !== datePart) return undefined;
  return parsed;
}

function normaliseOffset(offset: string): string {
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** Decodes a wire datetime into a UTC dayjs, or undefined when its value is not valid. */
export function decodeDateTime(value: WireDateTime): Dayjs | undefined {
  if (value.__type__ === 'date' && !ISO_DATE.test(value.value)) return undefined;
  return parseIsoToUtc(value.value);
}

/** Encodes a dayjs or Date as the wire datetime the server reads (naive UTC, no fraction). */
export function encodeDateTime(value: Dayjs | Date): WireDateTime {
  return { __type__: 'datetime', value: formatNaiveUtc(value) };
}

/** `YYYY-MM-DDTHH:mm:ss` in UTC: the form servers send and read. */
export function formatNaiveUtc(value: Dayjs | Date): string {
  const d = dayjs.isDayjs(value) ? value : dayjs(value);
  if (!d.isValid()) throw new RangeError('Invalid date: cannot encode it for the server.');
  return d.utc().format('YYYY-MM-DDTHH:mm:ss');
}

/** True for dayjs objects and valid or invalid Date objects. */
export function isDateLike(value: unknown): value is Dayjs | Date {
  return value instanceof Date || dayjs.isDayjs(value);
}

export { dayjs, type Dayjs };
