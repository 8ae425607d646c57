/** What a request path names in the served site. */
export type RequestTarget =
  /** `path` is a key of the site's files: relative to the output folder, NFC, forward slashes. */
  | { kind: 'file'; path: string }
  /** Under no base path: `/` when the site lives under `/blog/`. */
  | { kind: 'outside-base' }
  /** Traversal, encoded separators, control characters or broken percent-encoding. */
  | { kind: 'bad-request'; reason: string };

/**
 * Map a request target such as `/posts/%E5%AF%BE%E6%95%B0/?x=1` to the output file
 * `posts/対数/index.html`. Pure. The dev server serves from a map of built files, so no
 * path can reach the disk anyway; refusing `..`, encoded slashes and backslashes here keeps
 * it that way if the server ever serves a folder, and tells the client it asked for nonsense.
 */
export function resolveRequestPath(requestTarget: string, basePath: string): RequestTarget {
  const raw = requestTarget.split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/')) return bad('the path must start with /');
  // An encoded `/` or `\` would hide a separator from the segment check below.
  if (/%2f|%5c/i.test(raw)) return bad('encoded / or \\ in the path');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return bad('malformed percent-encoding');
  }
  if (decoded.includes('\\')) return bad('backslash in the path');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return bad('control character in the path');
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return bad('. or .. segment in the path');
  }
  const base = safeDecode(basePath);
  if (!decoded.startsWith(base)) return { kind: 'outside-base' };
  const relative = decoded.slice(base.length);
  const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
  // Links carry NFC (slugs are normalised); a browser on macOS may send what the user typed.
  return { kind: 'file', path: file.normalize('NFC') };
}

function bad(reason: string): RequestTarget {
  return { kind: 'bad-request', reason };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
