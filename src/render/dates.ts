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
    formatter = dateFormatter(dateTimeFormat(timeZone));
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const formatters = new Map<string, DateFormatter>();

function dateFormatter(format: Intl.DateTimeFormat): DateFormatter {
  return (date) => {
    const wall = wallClock(format, date);
    const display = `${wall.year}年${wall.month}月${wall.day}日`;
    const iso =
      `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
      `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset(wall, date)}`;
    return { iso, display };
  };
}

// Creating an Intl.DateTimeFormat costs far more than using one; every page asks for one.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format) return format;
  format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  formats.set(timeZone, format);
  return format;
}

/** The year of `date` in the time zone, e.g. for the footer's copyright. */
export function yearIn(timeZone: string, date: Date): number {
  return wallClock(dateTimeFormat(timeZone), date).year;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(format: Intl.DateTimeFormat, date: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
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
