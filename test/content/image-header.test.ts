import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../src/content/index.js';

/** A 30×20 image of one colour in the given format, made by sharp. */
function raster(
  format: 'png' | 'jpeg' | 'gif' | 'webp',
  extra?: (image: sharp.Sharp) => sharp.Sharp,
) {
  const image = sharp({ create: { width: 30, height: 20, channels: 3, background: '#1f6feb' } });
  return (extra ? extra(image) : image).toFormat(format).toBuffer();
}

const svg = (root: string) => Buffer.from(`<?xml version="1.0"?>\n${root}<path d="M0 0h1"/></svg>`);

describe('image sizes read from the first bytes of the file', () => {
  it.each(['png', 'jpeg', 'gif', 'webp'] as const)('reads a %s image', async (format) => {
    expect(readImageHeader(await raster(format))).toEqual({ format, width: 30, height: 20 });
  });

  it('reads a lossless and an extended WebP', async () => {
    const lossless = await raster('webp', (image) => image.webp({ lossless: true }));
    expect(readImageHeader(lossless)).toMatchObject({ width: 30, height: 20 });
    const withAlpha = await sharp({
      create: { width: 30, height: 20, channels: 4, background: '#1f6feb80' },
    })
      .webp()
      .toBuffer();
    expect(readImageHeader(withAlpha)).toMatchObject({ width: 30, height: 20 });
  });

  it('swaps the sides of a JPEG stored on its side, as a browser shows it', async () => {
    const turned = await raster('jpeg', (image) => image.withMetadata({ orientation: 6 }));
    expect(readImageHeader(turned)).toEqual({ format: 'jpeg', width: 20, height: 30 });
    const upsideDown = await raster('jpeg', (image) => image.withMetadata({ orientation: 3 }));
    expect(readImageHeader(upsideDown)).toEqual({ format: 'jpeg', width: 30, height: 20 });
  });

  it('reads an SVG’s width and height, or its viewBox, keeping its ratio for a side not given', () => {
    const ns = 'xmlns="http://www.w3.org/2000/svg"';
    expect(readImageHeader(svg(`<svg ${ns} width="400" height="300px">`))).toEqual({
      format: 'svg',
      width: 400,
      height: 300,
    });
    expect(readImageHeader(svg(`<svg ${ns} viewBox="0 0 240 120">`))).toMatchObject({
      width: 240,
      height: 120,
    });
    expect(readImageHeader(svg(`<svg ${ns} width="480" viewBox="0 0 240 120">`))).toMatchObject({
      width: 480,
      height: 240,
    });
    // A size in percent or em says nothing in pixels.
    expect(readImageHeader(svg(`<svg ${ns} width="100%">`))).toEqual({ format: 'svg' });
  });

  it('knows nothing of a file that is not an image', () => {
    expect(readImageHeader(Buffer.from('png'))).toBeUndefined();
    expect(readImageHeader(Buffer.from('<html><body></body></html>'))).toBeUndefined();
  });
});
