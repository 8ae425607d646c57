import { describe, expect, it } from 'vitest';
import { portableSegment } from '../../src/content/index.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
// eslint-disable-next-line no-control-regex -- matching them is the point
const WINDOWS_REFUSES = /[<>:"|?*\\/\u0000-\u001f]|[. ]$/;
const DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

describe('a folder name made from a tag, slug or series name', () => {
  it('keeps Japanese and ordinary names as they are', () => {
    for (const name of ['対数', '微分積分学', 'TeX', 'ベイズの定理', 'a-b_c', '.hidden', 'x.y']) {
      expect(portableSegment(name)).toBe(name);
    }
  });

  it('replaces what Windows refuses in a file name', () => {
    expect(portableSegment('a:b')).toBe('a-b');
    expect(portableSegment('x?y')).toBe('x-y');
    expect(portableSegment('<式>|"引用"*')).toBe('-式---引用--');
    expect(portableSegment('改\t行')).toBe('改-行');
  });

  it('never ends in a dot or a space, which Windows drops', () => {
    expect(portableSegment('末尾の点.')).toBe('末尾の点-');
    expect(portableSegment('空白 ')).toBe('空白-');
    expect(portableSegment('.')).toBe('-');
    expect(portableSegment('..')).toBe('--');
  });

  it('moves device names such as CON out of the way, in any case and with any extension', () => {
    expect(portableSegment('CON')).toBe('CON-');
    expect(portableSegment('nul')).toBe('nul-');
    expect(portableSegment('Com1')).toBe('Com1-');
    expect(portableSegment('lpt9.txt')).toBe('lpt9-.txt');
    expect(portableSegment('aux.tar.gz')).toBe('aux-.tar.gz');
    // Only the whole name before the first dot is a device.
    expect(portableSegment('console')).toBe('console');
    expect(portableSegment('COM10')).toBe('COM10');
  });

  it('shortens a name over 255 bytes at a character boundary, with a hash of the whole name', () => {
    const tag = '非常に長いタグの名前'.repeat(12); // 120 characters, 360 bytes
    const segment = portableSegment(tag);
    expect(bytes(segment)).toBeLessThanOrEqual(255);
    expect(segment).toMatch(/^[^-]{80,}-[0-9a-f]{8}$/);
    expect(tag.startsWith(segment.slice(0, -9))).toBe(true);
    // Two long names alike up to the cut stay apart.
    expect(portableSegment(`${tag}その一`)).not.toBe(portableSegment(`${tag}その二`));
  });

  it('does not split a letter and its voicing mark, or an emoji, when shortening', () => {
    // か with a semi-voicing mark has no precomposed form: two code points, 6 bytes.
    const marked = 'か\u309a'.repeat(50);
    const segment = portableSegment(marked);
    expect(bytes(segment)).toBeLessThanOrEqual(255);
    expect(segment).toMatch(/^(か\u309a)+-[0-9a-f]{8}$/);
    const emoji = '👩‍🔬'.repeat(30);
    expect(portableSegment(emoji)).toMatch(/^(👩‍🔬)+-[0-9a-f]{8}$/u);
  });

  it('gives a name safe everywhere and is idempotent, whatever the input', () => {
    const samples = [
      'CON',
      'nul.md',
      'a:b',
      '末尾の点.',
      '  ',
      '数'.repeat(200),
      `${'x'.repeat(250)}:`,
      '\u0000',
      '',
    ];
    for (const name of samples) {
      const segment = portableSegment(name);
      expect(segment, name).not.toMatch(WINDOWS_REFUSES);
      expect(segment, name).not.toMatch(DEVICE);
      expect(bytes(segment), name).toBeLessThanOrEqual(255);
      expect(segment.length, name).toBeGreaterThan(0);
      expect(portableSegment(segment), name).toBe(segment);
    }
  });
});
