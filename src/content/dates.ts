/**
 * Front-matter dates and their display. Dates without an offset are wall-clock times in the
 * site's time zone; the zone's offset is found with `Intl.DateTimeFormat`, so DST is right.
 */

import { wallClockAt, type WallClock } from '../config/index.js';

export const ACCEPTED_DATE_FORMS =
  '2025-05-20, 2025-05-20 10:00, 2025-05-20 10:00:00 or 2025-05-20T10:00:00+09:00';

/** A reading of the site's clocks as written in front matter, to the millisecond. */
type WallTime = WallClock & { millisecond: number };

export type DateReading = { date: Date } | { problem: string };

const DATE_FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Read a front-matter date; without an offset it is a wall time in `timeZone`. */
export function readDate(text: string, timeZone: string): DateReading {
  const match = DATE_FORM.exec(text.trim());
  if (!match) return { problem: `"${text}" is not a date in a form sugaku reads` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zulu, sign, offsetH, offsetM] =
    match;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
  };
  const impossible = impossibility(wall);
  if (impossible) return { problem: `"${text}" is not a real date: ${impossible}` };
  if (zulu) return { date: new Date(utcMillis(wall)) };
  if (sign) {
    const hours = Number(offsetH);
    const minutes = Number(offsetM);
    if (hours > 23 || minutes > 59) return { problem: `"${text}" has an impossible UTC offset` };
    const offset = (sign === '-' ? -1 : 1) * (hours * HOUR + minutes * 60_000);
    return { date: new Date(utcMillis(wall) - offset) };
  }
  return { date: new Date(instantOfWallTime(wall, timeZone)) };
}

function impossibility(wall: WallTime): string | undefined {
  if (wall.month < 1 || wall.month > 12) return `there is no month ${wall.month}`;
  const days = new Date(Date.UTC(2000, wall.month, 0)).getUTCDate();
  const daysInMonth = wall.month === 2 && !isLeapYear(wall.year) ? 28 : days;
  if (wall.day < 1 || wall.day > daysInMonth) {
    return `${wall.year}年${wall.month}月 has ${daysInMonth} days`;
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return 'the time must be between 00:00:00 and 23:59:59';
  }
  return undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A wall time happens once, twice (the clocks went back: take the earlier) or never (the clocks
 * went forward: read it with the offset from before the change, so 02:30 becomes 03:30, as
 * Temporal's "compatible" disambiguation does).
 */
function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = utcMillis(wall);
  const offsetBefore = offsetAt(timeZone, asUtc - DAY);
  const offsetAfter = offsetAt(timeZone, asUtc + DAY);
  const readings = [asUtc - offsetBefore, asUtc - offsetAfter].filter(
    (instant) => offsetAt(timeZone, instant) === asUtc - instant,
  );
  return readings.length > 0 ? Math.min(...readings) : asUtc - offsetBefore;
}

/** How far the zone's clocks are ahead of UTC at `instant` (Tokyo: +9 h). */
function offsetAt(timeZone: string, instant: number): number {
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return utcMillis({ ...wallClockAt(timeZone, wholeSeconds), millisecond: 0 }) - wholeSeconds;
}

function utcMillis(wall: WallTime): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}
