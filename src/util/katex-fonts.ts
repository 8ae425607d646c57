/**
 * KaTeX's stylesheet lists woff2, woff and ttf for each face; only woff2 is shipped: every
 * browser that runs KaTeX reads it, and no request can then ask for a font we did not copy.
 */
export function woff2Only(css: string): string {
  return css.replace(
    /,\s*url\([^)]*\.woff\)\s*format\("woff"\)|,\s*url\([^)]*\.ttf\)\s*format\("truetype"\)/g,
    '',
  );
}
