/**
 * Names of the files editors, sync tools and atomic-write libraries make beside the file
 * being saved, and remove again: saving through them is one change of the real file, and
 * building (or listing) each of them would only delay and clutter the build that matters.
 */
const EDITOR_LEFTOVERS: readonly RegExp[] = [
  // Vim: `4913` tests that the folder is writable; `.x.md.swp` (`.swo`, …, `.swx`) is the swap file.
  /^4913$/,
  /^\..+\.sw[a-z]$/,
  // Emacs: `.#x.md` lock (a dangling symlink), `#x.md#` auto-save; Emacs and many others: `x.md~`.
  /^\.#/,
  /^#.*#$/,
  /~$/,
  // Atomic writes (write-file-atomic, VS Code extensions, Sublime): `x.md.abc123.tmp`, `x.md.tmp`.
  /\.te?mp$/i,
  // rsync, Syncthing-like tools and `mkstemp` users: `.x.md.Ab12Cd` (a hidden copy with a random suffix).
  /^\..+\.[^.]+\.[A-Za-z0-9]{6}$/,
  /^\.syncthing\./,
  // JetBrains' safe write, Kate, GNOME's gedit, LibreOffice's lock, Chrome's File System Access.
  /___jb_(?:tmp|old)___$/,
  /\.kate-swp$/,
  /^\.goutputstream-/,
  /^\.~lock\./,
  /\.crswap$/,
  /^\.DS_Store$/,
];

/** Whether a file of this name (no folder) is an editor's or sync tool's, not the author's. */
export function isEditorLeftover(name: string): boolean {
  return EDITOR_LEFTOVERS.some((pattern) => pattern.test(name));
}
