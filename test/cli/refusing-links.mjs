// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): every
// hard link fails with the error in SUGAKU_TEST_LINK_ERROR, as across devices (EXDEV), on
// file systems without links (EPERM, ENOTSUP) or past a file's link limit (EMLINK).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const code = process.env.SUGAKU_TEST_LINK_ERROR ?? 'EXDEV';
const refused = (from, to) =>
  Object.assign(new Error(`${code}: link refused, link '${from}' -> '${to}'`), {
    code,
    syscall: 'link',
    path: from,
    dest: to,
  });

fs.promises.link = async (from, to) => {
  throw refused(from, to);
};
fs.link = (from, to, callback) => process.nextTick(callback, refused(from, to));
fs.linkSync = (from, to) => {
  throw refused(from, to);
};
syncBuiltinESMExports();
