import { wallClockAt, type WallClock } from '../config/index.js';
import type { DateView } from './model.js';

export type DateFormatter = (date: Date) => DateView;

/**
 * Dates as the reader of the site sees them, in the site's time zone. The
 * display form is assembled from numeric parts rather than a `ja` locale
 * format, so output does not depend on the ICU data Node was built with.
 */
export function createDateFormatter(timeZone: string): DateFormatter {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = dateFormatter(timeZone);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const formatters = new Map<string, DateFormatter>();

function dateFormatter(timeZone: string): DateFormatter {
  return (date) => {
    const wall = wallClockAt(timeZone, date);
    const display = `${wall.year}年${wall.month}月${wall.day}日`;
    const iso =
      `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
      `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset(wall, date)}`;
    return { iso, display };
  };
}

/** The year of `date` in the time zone, e.g. for the footer's copyright. */
export function yearIn(timeZone: string, date: Date): number {
  return wallClockAt(timeZone, date).year;
}

/** `+09:00`: the zone's offset at that instant (so summer time is right too). */
function offset(wall: WallClock, date: Date): string {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
  const minutes = Math.round((asUtc - wholeSeconds) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
