import { dayjs, decodeDateTime, parseIsoToUtc, type Dayjs, type WireDateTime } from '../protocol/datetime.js';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of a wire datetime, or NaN when it is not a valid date. The naive
 * `YYYY-MM-DDTHH:MM:SS` form servers send is read without allocating; other forms (offsets,
 * fractions, `date`) go through the full ISO parser.
 */
export function wireDateTimeToEpoch(value: WireDateTime): number {
  return isoToEpoch(value.value, value.__type__ === 'date');
}

/** Epoch milliseconds of an ISO date or datetime string (UTC when naive), or NaN. */
export function isoToEpoch(text: string, dateOnly = false): number {
  if (dateOnly || !isNaiveShape(text)) {
    const parsed = dateOnly ? decodeDateTime({ __type__: 'date', value: text }) : parseIsoToUtc(text);
    return parsed === undefined ? Number.NaN : parsed.valueOf();
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The UTC dayjs of epoch milliseconds. */
export function epochToDayjs(epoch: number): Dayjs {
  return dayjs.utc(epoch);
}

/** Decodes a wire datetime to a UTC dayjs, or undefined when it is not a valid date. */
export function decodeWireDateTime(value: WireDateTime): Dayjs | undefined {
  const epoch = wireDateTimeToEpoch(value);
  return Number.isNaN(epoch) ? undefined : epochToDayjs(epoch);
}

/** `YYYY-MM-DDTHH:MM:SS` exactly, checked without allocating. */
function isNaiveShape(text: string): boolean {
  if (text.length !== 19) return false;
  for (let i = 0; i < 19; i++) {
    const code = text.charCodeAt(i);
    const expected = SEPARATORS[i];
    if (expected === undefined ? code < 48 || code > 57 : code !== expected) return false;
  }
  return true;
}

const SEPARATORS: (number | undefined)[] = [];
SEPARATORS[4] = SEPARATORS[7] = 45; // -
SEPARATORS[10] = 84; // T
SEPARATORS[13] = SEPARATORS[16] = 58; // :

function digits(text: string, start: number, count: number): number {
  let out = 0;
  for (let i = start; i < start + count; i++) out = out * 10 + (text.charCodeAt(i) - 48);
  return out;
}

/** The UTC dayjs of a checked wire datetime. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
