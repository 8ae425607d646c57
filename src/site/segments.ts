import { nameSlug, portableSegment, segmentCollisionKey } from '../content/index.js';

export { nameSlug };

/**
 * A name as one path segment that stays inside its folder and is a valid folder name on
 * Linux, macOS and Windows (`content/portable-name.ts`): separators, characters Windows
 * refuses and control characters become `-`, `.` / `..` become `-` / `--`, a device name
 * such as `CON` gets a `-`, and a name over 255 bytes is shortened and given a hash.
 * Idempotent, so a segment can be passed through it again.
 */
export function safeSegment(name: string): string {
  return portableSegment(name);
}

export interface SegmentClaim {
  key: string;
  segment: string;
}

// macOS and Windows file systems ignore case, and APFS ignores Unicode
// normalisation: `TeX` and `tex` would overwrite each other's page there.
const collisionKey = segmentCollisionKey;

/**
 * Gives each claim a segment of its own, in the order given: the first claim
 * on a segment keeps it, later ones get `-2`, `-3`, …
 */
export function allocateSegments(claims: readonly SegmentClaim[]): Map<string, string> {
  const taken = new Set<string>();
  const segments = new Map<string, string>();
  for (const { key, segment } of claims) {
    if (segments.has(key)) continue;
    const wanted = safeSegment(segment);
    let candidate = wanted;
    for (let n = 2; taken.has(collisionKey(candidate)); n++) {
      candidate = safeSegment(`${wanted}-${n}`);
    }
    taken.add(collisionKey(candidate));
    segments.set(key, candidate);
  }
  return segments;
}

/**
 * Segments for names that are their own segment when safe (tags, series).
 * Safe names claim first, so a tag such as `a-b` keeps its URL even when
 * another tag `a/b` is sanitised to the same segment.
 */
export function segmentsForNames(sortedNames: readonly string[]): Map<string, string> {
  const claims = sortedNames.map((name) => ({ key: name, segment: safeSegment(name) }));
  const unchanged = claims.filter((claim) => claim.segment === claim.key);
  const changed = claims.filter((claim) => claim.segment !== claim.key);
  return allocateSegments([...unchanged, ...changed]);
}
