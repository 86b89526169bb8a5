/** A datetime as the wire carries it: naive UTC, no fraction. */
export interface WireDateTimeValue {
  __type__: 'datetime';
  value: string;
}

/**
 * Wire datetime from `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM:SS`.
 *
 * @example
 * at('2026-01-05'); // {"__type__": "datetime", "value": "2026-01-05T00:00:00"}
 */
export function at(iso: string): WireDateTimeValue {
  return { __type__: 'datetime', value: iso.length === 10 ? `${iso}T00:00:00` : iso };
}

// Day arithmetic is cached per calendar day: large datasets shift the same few hundred dates.
const DAY_SECONDS = 86_400;
const dayNumbers = new Map<string, number>();
const dayNames = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Date.parse(`${date}T00:00:00Z`) / (DAY_SECONDS * 1000);
    dayNumbers.set(date, day);
  }
  return day;
}

function dayName(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

/**
 * `iso` (a date or naive datetime) moved by whole days and seconds, as a wire datetime.
 *
 * @example
 * shifted('2026-01-05', 2, 3600); // {"__type__": "datetime", "value": "2026-01-07T01:00:00"}
 */
export function shifted(iso: string, days: number, seconds = 0): WireDateTimeValue {
  const time = iso.length > 10 ? Number(iso.slice(11, 13)) * 3600 + Number(iso.slice(14, 16)) * 60 + Number(iso.slice(17, 19)) : 0;
  const total = time + seconds;
  const carry = Math.floor(total / DAY_SECONDS);
  const rest = total - carry * DAY_SECONDS;
  const clock = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}`;
  return { __type__: 'datetime', value: `${dayName(dayNumber(iso.slice(0, 10)) + days + carry)}T${clock}` };
}
