// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): the
// disk is full for the pages of articles, as it may become in the middle of a build.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const writeFile = fs.promises.writeFile;
fs.promises.writeFile = async function (file, ...rest) {
  if (typeof file === 'string' && /[\\/]posts[\\/][^\\/]+[\\/]index\.html$/.test(file)) {
    throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), {
      errno: -28,
      code: 'ENOSPC',
      syscall: 'open',
      path: file,
    });
  }
  return writeFile.call(this, file, ...rest);
};
syncBuiltinESMExports();
