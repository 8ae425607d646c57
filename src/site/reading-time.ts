/** Whole minutes, never 0: a formula-only note still takes a moment to read. */
export function readingMinutes(readingLength: number, readingSpeed: number): number {
  if (!(readingSpeed > 0)) return 1;
  return Math.max(1, Math.ceil(readingLength / readingSpeed));
}
