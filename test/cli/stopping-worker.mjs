// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): a
// worker thread given an article holding the marker ends itself, as a `process.exit` in a
// dependency or a thread killed from outside would. The main thread is left alone.
import { isMainThread } from 'node:worker_threads';
import MarkdownIt from 'markdown-it';

const parse = MarkdownIt.prototype.parse;
MarkdownIt.prototype.parse = function (src, env) {
  if (!isMainThread && src.includes('ここでスレッドが止まる')) process.exit(9);
  return parse.call(this, src, env);
};
