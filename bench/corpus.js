// Deterministic corpus of Japanese math articles for the benchmarks.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** mulberry32: a tiny seeded PRNG, so every run writes the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  '関数',
  '数列',
  '行列',
  '確率変数',
  '積分',
  '級数',
  '多項式',
  '写像',
  '集合',
  '微分方程式',
];
const VERBS = [
  'を考える',
  'を定義する',
  'について調べる',
  'を評価する',
  'を変形する',
  'の性質を示す',
];
const LINKS = [
  'まず',
  'ここで',
  'したがって',
  'さらに',
  'このとき',
  '一方で',
  'すると',
  '以上より',
];
const TAILS = [
  'が成り立つ。',
  'となることがわかる。',
  'を得る。',
  'と書ける。',
  'に注意する。',
  'が従う。',
];
const TAGS = [
  '解析',
  '代数',
  '確率',
  '幾何',
  '数値計算',
  '線形代数',
  '整数',
  '統計',
  '複素数',
  '位相',
];
/** Formulas every article uses: the repeated share of a real blog. */
const COMMON = [
  'x',
  'n',
  'f(x)',
  'a_n',
  '\\varepsilon > 0',
  'x \\in \\mathbb{R}',
  'n \\to \\infty',
  'e^x',
  '\\log x',
  'k = 1, 2, \\dots, n',
];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function inlineFormula(rand, id, i) {
  if (rand() < 0.25) return pick(rand, COMMON);
  const a = id;
  const b = i + 2;
  const forms = [
    `x_{${a}}^{${b}} + y_{${b}}`,
    `\\frac{${a}}{${b}} + \\sqrt{n_{${b}}}`,
    `\\sum_{k=1}^{${b}} k^{${(a % 5) + 1}}`,
    `\\int_0^{${b}} t^{${a % 7}} \\, dt`,
    `\\lim_{n \\to \\infty} \\left(1 + \\frac{${a}}{n}\\right)^{${b}n}`,
    `\\alpha_{${a}} \\beta^{${b}} \\le \\gamma_{${a + b}}`,
  ];
  return forms[(a + i) % forms.length];
}

function displayFormula(rand, id, i) {
  const a = id;
  const b = i + 1;
  if (i % 3 === 0) {
    return `\\begin{aligned}\n  f_{${a}}(x) &= \\sum_{k=0}^{${b}} \\binom{${b}}{k} x^{k} \\\\\n  &= (1 + x)^{${b}} + ${a}\n\\end{aligned}\n\\tag{${(id % 9) + 1}.${b}}`;
  }
  if (i % 3 === 1) {
    return `\\int_{0}^{${b}} e^{-${a} t} \\sin(${b} t) \\, dt = \\frac{${b}}{${a * a} + ${b * b}} \\left(1 - e^{-${a * b}}\\right)`;
  }
  return `\\begin{pmatrix} ${a} & ${b} \\\\ ${b} & ${a + b} \\end{pmatrix} \\begin{pmatrix} x \\\\ y \\end{pmatrix} = \\lambda_{${b}} \\begin{pmatrix} x \\\\ y \\end{pmatrix}`;
}

function sentence(rand, formula) {
  return `${pick(rand, LINKS)}、${pick(rand, SUBJECTS)} $${formula}$ ${pick(rand, VERBS)}と、${pick(rand, SUBJECTS)}の関係${pick(rand, TAILS)}`;
}

/** One article: ~2,500 characters, ~30 inline and 9 display formulas. */
export function article(id, rand = random(id + 1)) {
  const tags = [pick(rand, TAGS), pick(rand, TAGS)].filter((t, i, all) => all.indexOf(t) === i);
  const day = new Date(Date.UTC(2020, 0, 1) + id * 3_600_000 * 7);
  const date = day.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    '---',
    `title: 記事${id} ${pick(rand, SUBJECTS)}と${pick(rand, SUBJECTS)}`,
    `date: ${date}`,
    `tags: [${tags.join(', ')}]`,
    `author: 著者${id % 7}`,
    '---',
    '',
  ];
  let inline = 0;
  for (let section = 0; section < 3; section++) {
    lines.push(
      `## 第${section + 1}節 ${pick(rand, SUBJECTS)}の${pick(rand, ['性質', '評価', '計算'])}`,
      '',
    );
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const sentences = [];
      for (let s = 0; s < 3; s++) sentences.push(sentence(rand, inlineFormula(rand, id, inline++)));
      lines.push(sentences.join(''), '');
      lines.push('$$', displayFormula(rand, id, section * 3 + paragraph), '$$', '');
    }
    lines.push(sentence(rand, inlineFormula(rand, id, inline++)), '');
  }
  return lines.join('\n');
}

/** Write `count` articles to `dir/posts/`, replacing what was there. */
export async function writeCorpus(dir, count) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'posts'), { recursive: true });
  for (let id = 0; id < count; id++) {
    await writeFile(path.join(dir, 'posts', `a${String(id).padStart(5, '0')}.md`), article(id));
  }
}

/**
 * A small blog: `count` long articles of about 104 formulas each (two generated bodies and
 * two sections of a third), about 5,200 formulas at 50 articles.
 */
export async function writeSmallBlog(dir, count) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'posts'), { recursive: true });
  const bodyOf = (id) => article(id).split('\n---\n')[1];
  for (let id = 0; id < count; id++) {
    const third = bodyOf(id + 2 * count).split('## 第3節')[0];
    const text = `${article(id)}\n${bodyOf(id + count)}\n${third}`;
    await writeFile(path.join(dir, 'posts', `a${String(id).padStart(5, '0')}.md`), text);
  }
}

/** Every formula of the corpus with its display mode, as found in the sources. */
export function formulasOf(text) {
  const formulas = [];
  for (const match of text.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g))
    formulas.push({ tex: match[1], display: true });
  const prose = text.replace(/\$\$\n[\s\S]*?\n\$\$/g, '');
  for (const match of prose.matchAll(/\$([^$\n]+)\$/g))
    formulas.push({ tex: match[1], display: false });
  return formulas;
}
