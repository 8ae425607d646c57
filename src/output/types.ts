/** A file of the built site. `path` is relative to the output folder, with forward slashes. */
export type OutputFile =
  { path: string; content: string | Uint8Array } | { path: string; copyFrom: string };
