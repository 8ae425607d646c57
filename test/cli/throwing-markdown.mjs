// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): an
// article whose text holds the marker makes markdown-it throw, as a bug of ours or of a
// plugin would. Nothing else changes.
import MarkdownIt from 'markdown-it';

const parse = MarkdownIt.prototype.parse;
MarkdownIt.prototype.parse = function (src, env) {
  if (src.includes('この行で落ちる'))
    throw new TypeError('Expected a code point, got `undefined`.');
  return parse.call(this, src, env);
};
