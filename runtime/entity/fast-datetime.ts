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
  const epoch = dateOnly ? NOT_NAIVE : readNaive(text);
  if (epoch !== NOT_NAIVE) return epoch;
  const parsed = dateOnly ? decodeDateTime({ __type__: 'date', value: text }) : parseIsoToUtc(text);
  return parsed === undefined ? Number.NaN : parsed.valueOf();
}

/**
 * Epoch milliseconds of exactly `YYYY-MM-DDTHH:MM:SS` (read as UTC), or NaN for any other
 * text or an impossible date. Reads the characters in place: no allocation, no Date call.
 */
export function naiveIsoToEpoch(text: string): number {
  const epoch = readNaive(text);
  return epoch === NOT_NAIVE ? Number.NaN : epoch;
}

/** `readNaive` of text that is not `YYYY-MM-DDTHH:MM:SS` (never an epoch: those are finite). */
const NOT_NAIVE = Number.NEGATIVE_INFINITY;

/** Epoch ms of a naive datetime, NaN when its shape is right but the date impossible, else NOT_NAIVE. */
function readNaive(text: string): number {
  if (text.length !== 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return NOT_NAIVE;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NOT_NAIVE;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return NOT_NAIVE;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return (daysSinceEpoch(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000;
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

/** The two decimal digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const units = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Days in `month` (1–12) of `year`. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
