import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { parseArticle } from '../../src/content/index.js';

/** The instant an article dated `date` is published at, as UTC. */
function published(date: string, timeZone = 'Asia/Tokyo'): string | undefined {
  const text = `---\ntitle: 対数の微分\ndate: ${date}\n---\n本文\n`;
  const { article } = parseArticle(
    { path: 'content/posts/log.md', text },
    { ...defaultConfig(), timeZone },
  );
  return article?.date.toISOString();
}

function dateProblem(date: string) {
  const text = `---\ntitle: 対数の微分\ndate: ${date}\n---\n`;
  return parseArticle({ path: 'content/posts/log.md', text }, defaultConfig()).diagnostics[0];
}

describe('front-matter dates in Tokyo', () => {
  it('reads 2025-05-20 as midnight in Tokyo', () => {
    expect(published('2025-05-20')).toBe('2025-05-19T15:00:00.000Z');
  });

  it('reads 2025-05-20 10:00 as 10:00 in Tokyo', () => {
    expect(published('2025-05-20 10:00')).toBe('2025-05-20T01:00:00.000Z');
  });

  it('reads 2025-05-20 10:00:00 as 10:00 in Tokyo', () => {
    expect(published('2025-05-20 10:00:00')).toBe('2025-05-20T01:00:00.000Z');
  });

  it('reads 2025-05-20T10:00 with a T as 10:00 in Tokyo', () => {
    expect(published('2025-05-20T10:00')).toBe('2025-05-20T01:00:00.000Z');
  });

  it('keeps fractions of a second', () => {
    expect(published('2025-05-20 10:00:00.25')).toBe('2025-05-20T01:00:00.250Z');
  });

  it('respects an explicit offset instead of the site time zone', () => {
    expect(published('2025-05-20T10:00:00+02:00')).toBe('2025-05-20T08:00:00.000Z');
    expect(published('2025-05-20T10:00:00Z')).toBe('2025-05-20T10:00:00.000Z');
    expect(published('"2025-05-20 10:00 -05:00"')).toBe('2025-05-20T15:00:00.000Z');
  });
});

describe('front-matter dates in New York, across daylight saving time', () => {
  it('reads noon before the March change as UTC−5', () => {
    expect(published('2025-03-08 12:00', 'America/New_York')).toBe('2025-03-08T17:00:00.000Z');
  });

  it('reads noon after the March change as UTC−4', () => {
    expect(published('2025-03-10 12:00', 'America/New_York')).toBe('2025-03-10T16:00:00.000Z');
  });

  it('moves 02:30, which the spring change skips, forward to 03:30 EDT', () => {
    expect(published('2025-03-09 02:30', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z');
  });

  it('reads 01:30, which happens twice in November, as the first one (EDT)', () => {
    expect(published('2025-11-02 01:30', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z');
  });
});

describe('dates that are not', () => {
  it('rejects 2025-02-30 at the value, saying how long February is', () => {
    expect(dateProblem('2025-02-30')).toMatchObject({
      file: 'content/posts/log.md',
      line: 3,
      column: 7,
      severity: 'error',
      code: 'front-matter/invalid-date',
      message: '`date`: "2025-02-30" is not a real date: 2025年2月 has 28 days',
    });
  });

  it('accepts 29 February in a leap year', () => {
    expect(published('2024-02-29')).toBe('2024-02-28T15:00:00.000Z');
  });

  it('rejects a Japanese-style date and shows the forms it reads', () => {
    const problem = dateProblem('2025年5月20日');
    expect(problem?.message).toBe('`date`: "2025年5月20日" is not a date in a form sugaku reads');
    expect(problem?.hint).toContain('2025-05-20 10:00');
    expect(problem?.hint).toContain('read in Asia/Tokyo');
  });

  it('rejects 25:00', () => {
    expect(dateProblem('2025-05-20 25:00')?.message).toContain('between 00:00:00 and 23:59:59');
  });

  it('rejects a date written as a number', () => {
    expect(dateProblem('20250520')).toMatchObject({
      line: 3,
      code: 'front-matter/invalid-type',
      message: expect.stringContaining('got the number 20250520'),
    });
  });
});
