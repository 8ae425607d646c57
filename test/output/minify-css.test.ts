import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { minifyCss } from '../../src/output/minify-css.js';
import { repo } from '../support/cli.js';

describe('the site stylesheet, minified on its way to dist/', () => {
  test('drops comments and the whitespace around braces, semicolons, commas and after colons', () => {
    expect(minifyCss('/* 見出し */\nh2 ,\nh3 {\n  margin : 0 0 1em;\n  color: red;\n}\n')).toBe(
      'h2,h3{margin :0 0 1em;color:red}',
    );
  });

  test('keeps the spaces that carry meaning: descendant selectors, `a :hover`, values, calc()', () => {
    const css =
      '.post__body :is(h2, h3) a :hover { border: 1px solid red; width: calc(100% - 2rem); }';
    expect(minifyCss(css)).toBe(
      '.post__body :is(h2,h3) a :hover{border:1px solid red;width:calc(100% - 2rem)}',
    );
  });

  test('copies strings and url() exactly, comment-like text and semicolons included', () => {
    const css = `a::before { content: " ; } /* 注 */ "; background: url( "画像 1.png" ) }`;
    expect(minifyCss(css)).toBe(
      `a::before{content:" ; } /* 注 */ ";background:url( "画像 1.png" )}`,
    );
  });

  test('a comment between two words still separates them', () => {
    expect(minifyCss('a/**/b{x:y}')).toBe('a b{x:y}');
  });

  test('the repository stylesheet loses about a third of its bytes and keeps every rule', async () => {
    const css = await readFile(path.join(repo, 'public/assets/style.css'), 'utf8');
    const minified = minifyCss(css);
    expect(minified.length).toBeLessThan(css.length * 0.75);
    const count = (text: string, char: string) => text.split(char).length - 1;
    // Our strings hold no braces: a block's braces, as in the source without its comments.
    const uncommented = css.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(count(minified, '{')).toBe(count(uncommented, '{'));
    expect(count(minified, '}')).toBe(count(uncommented, '}'));
  });
});
