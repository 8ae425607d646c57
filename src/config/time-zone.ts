/** The reading of a zone's clocks at one instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Creating an Intl.DateTimeFormat costs far more than using one; every article and page asks.
const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * What the clocks of `timeZone` show at `instant`. Read from numeric parts of an `en-US`
 * format, so nothing depends on the locale data Node was built with. The one place the
 * site's time zone is read: `content/` turns wall times into instants with it, `render/`
 * shows instants as wall times.
 */
export function wallClockAt(timeZone: string, instant: number | Date): Readonly<WallClock> {
  // Each article's date is shown on every build (a dev server's save too), and
  // `formatToParts` is slow: each instant is read once per zone.
  const key = `${timeZone} ${typeof instant === 'number' ? instant : instant.getTime()}`;
  let wall = readings.get(key);
  if (!wall) {
    if (readings.size >= MAX_READINGS) readings.clear();
    wall = Object.freeze(readClock(timeZone, instant));
    readings.set(key, wall);
  }
  return wall;
}

const readings = new Map<string, Readonly<WallClock>>();
const MAX_READINGS = 100_000;

function readClock(timeZone: string, instant: number | Date): WallClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clocks.set(timeZone, clock);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of clock.formatToParts(instant)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}
