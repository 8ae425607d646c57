/** What a page needs to know of an image before showing it. */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'svg';
  /** Intrinsic size in CSS pixels; absent for an SVG that states neither size nor viewBox. */
  width?: number;
  height?: number;
}

/**
 * The format and size of an image from its first bytes, without decoding it. A page needs
 * only `width` and `height`, and reading them here keeps libvips (sharp) out of a build
 * whose variants are all cached: loading it costs more than reading every header of a
 * site. A JPEG's size is as shown: a phone photo stored on its side (EXIF orientation 5–8)
 * has its width and height swapped, as browsers and sharp turn it.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, length: number) =>
    String.fromCharCode(...bytes.subarray(start, start + length));
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 10 && ascii(0, 4) === 'GIF8') {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    return webpHeader(view, ascii(12, 4));
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(view);
  const text = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (/<svg[\s>]/.test(text)) return svgHeader(new TextDecoder().decode(bytes));
  return undefined;
}

function webpHeader(view: DataView, chunk: string): ImageHeader | undefined {
  if (chunk === 'VP8 ') {
    return {
      format: 'webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => view.getUint16(at, true) + (view.getUint8(at + 2) << 16);
    return { format: 'webp', width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return undefined;
}

/** The frame header (SOFn) follows whatever EXIF and colour profile come first. */
function jpegHeader(view: DataView): ImageHeader | undefined {
  let at = 2;
  let turned = false;
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return undefined;
    const marker = view.getUint8(at + 1);
    // Fill bytes, and markers without a length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      const [width, height] = [view.getUint16(at + 7), view.getUint16(at + 5)];
      return turned
        ? { format: 'jpeg', width: height, height: width }
        : { format: 'jpeg', width, height };
    }
    if (marker === 0xe1) turned ||= exifOrientation(view, at + 4) >= 5;
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** The orientation tag (0x0112) of the first IFD of an APP1 segment starting at `at`; 1 if none. */
function exifOrientation(view: DataView, at: number): number {
  try {
    if (view.getUint32(at) !== 0x45786966 /* Exif */) return 1;
    const tiff = at + 6;
    const little = view.getUint16(tiff) === 0x4949; /* II */
    const ifd = tiff + view.getUint32(tiff + 4, little);
    const count = view.getUint16(ifd, little);
    for (let entry = 0; entry < count; entry++) {
      const field = ifd + 2 + entry * 12;
      if (view.getUint16(field, little) === 0x0112) return view.getUint16(field + 8, little);
    }
  } catch {
    // A truncated EXIF block: read past it as if it said nothing.
  }
  return 1;
}

/**
 * `width` and `height` of the root element when they are lengths in pixels (a number with
 * or without `px`); else from the `viewBox`, keeping its ratio when one of them is given.
 */
function svgHeader(text: string): ImageHeader {
  const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root)?.slice(1).find(Boolean);
  const pixels = (value: string | undefined) => {
    const match = value === undefined ? null : /^\s*([\d.]+)\s*(px)?\s*$/.exec(value);
    const number = match ? Number(match[1]) : NaN;
    return Number.isFinite(number) && number > 0 ? number : undefined;
  };
  let width = pixels(attribute('width'));
  let height = pixels(attribute('height'));
  const box = attribute('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] = box?.length === 4 ? [box[2]!, box[3]!] : [NaN, NaN];
  if (boxWidth > 0 && boxHeight > 0) {
    if (width === undefined && height === undefined) [width, height] = [boxWidth, boxHeight];
    else if (height === undefined) height = (width! * boxHeight) / boxWidth;
    else if (width === undefined) width = (height * boxWidth) / boxHeight;
  }
  if (width === undefined || height === undefined) return { format: 'svg' };
  return { format: 'svg', width: Math.round(width), height: Math.round(height) };
}
