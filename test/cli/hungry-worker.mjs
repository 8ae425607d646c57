// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): a
// worker thread given an article holding the marker keeps everything it allocates until
// it reaches its heap limit, as a runaway render would.
import { isMainThread } from 'node:worker_threads';
import MarkdownIt from 'markdown-it';

const parse = MarkdownIt.prototype.parse;
const kept = [];
MarkdownIt.prototype.parse = function (src, env) {
  if (!isMainThread && src.includes('メモリを食べ尽くす')) {
    for (;;) kept.push(new Array(100_000).fill({ src }));
  }
  return parse.call(this, src, env);
};
