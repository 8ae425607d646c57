import { describe, expect, test } from 'vitest';
import { createDateFormatter, yearIn } from '../../src/render/dates.js';

describe('dates in the site time zone', () => {
  const tokyo = createDateFormatter('Asia/Tokyo');

  test('2025-05-20 10:00 in Tokyo', () => {
    expect(tokyo(new Date('2025-05-20T01:00:00Z'))).toEqual({
      iso: '2025-05-20T10:00:00+09:00',
      display: '2025年5月20日',
    });
  });

  test('late evening UTC is already the next day in Tokyo', () => {
    expect(tokyo(new Date('2025-12-31T15:00:00Z')).display).toBe('2026年1月1日');
    expect(yearIn('Asia/Tokyo', new Date('2025-12-31T15:00:00Z'))).toBe(2026);
  });

  test('midnight is 00, not 24', () => {
    expect(tokyo(new Date('2025-05-19T15:00:00Z')).iso).toBe('2025-05-20T00:00:00+09:00');
  });

  test('the offset follows summer time and half-hour zones', () => {
    const newYork = createDateFormatter('America/New_York');
    expect(newYork(new Date('2025-07-01T12:00:00Z')).iso).toBe('2025-07-01T08:00:00-04:00');
    expect(newYork(new Date('2025-01-01T12:00:00Z')).iso).toBe('2025-01-01T07:00:00-05:00');
    expect(createDateFormatter('Asia/Kolkata')(new Date('2025-01-01T00:00:00Z')).iso).toBe(
      '2025-01-01T05:30:00+05:30',
    );
    expect(createDateFormatter('UTC')(new Date('2025-01-01T00:00:00.999Z')).iso).toBe(
      '2025-01-01T00:00:00+00:00',
    );
  });
});
