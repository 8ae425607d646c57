/// <reference lib="dom" />
/**
 * The search page (`templates/search.liquid`): reads `?q=`, asks the index for the
 * articles that contain every term, lists them with an excerpt around the first match.
 * Compiled and copied to `/assets/search/search.js` with the modules it imports, which
 * are the build's own (`tokenize.js`, `query.js`).
 */
import { excerptWindow, type PhraseSplitter } from './excerpt.js';
import type { Fragment } from './format.js';
import { createSearcher, type SearchHit } from './query.js';
import { normalizeText, type QueryTerm } from './tokenize.js';

const section = document.querySelector<HTMLElement>('.search-results');
const form = document.querySelector<HTMLFormElement>('.search-form');
const input = document.querySelector<HTMLInputElement>('#search-query');
const status = section?.querySelector('.search-results__status');
const list = section?.querySelector('.search-results__list');

const MAX_RESULTS = 20;
const EXCERPT_LENGTH = 120;
const IDLE = '記事のタイトルと本文から探します。';

/** gzip's first two bytes: a host may have unpacked a `.gz` file already (Content-Encoding). */
function gzipped(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function loadIndexFile(base: string, file: string): Promise<unknown> {
  const response = await fetch(`${base}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = gzipped(bytes)
    ? await new Response(
        new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
      ).text()
    : new TextDecoder().decode(bytes);
  return JSON.parse(text);
}

/**
 * BudouX's parser and Japanese model (about 8 kB gzipped), copied beside this script, for
 * cutting excerpts between phrases. Loaded with the first search; without it an excerpt
 * is cut by length.
 */
let splitter: Promise<PhraseSplitter | undefined> | undefined;

function loadSplitter(): Promise<PhraseSplitter | undefined> {
  // Specifiers in variables: they name files of the built site, not of this package.
  const parserModule = './budoux-parser.js';
  const modelModule = './budoux-ja.js';
  splitter ??= Promise.all([import(parserModule), import(modelModule)])
    .then(([{ Parser }, { model }]) => {
      const parser = new Parser(model) as { parse(text: string): string[] };
      return (text: string) => parser.parse(text);
    })
    .catch((error: unknown) => {
      console.warn('phrase boundaries unavailable', error);
      return undefined;
    });
  return splitter;
}

let latest = 0;

function start(
  section: HTMLElement,
  form: HTMLFormElement,
  input: HTMLInputElement,
  status: Element,
  list: Element,
): void {
  const base = section.dataset.searchIndex ?? '';
  const searcher = createSearcher((file) => loadIndexFile(base, file));

  async function search(raw: string, { updateUrl = true } = {}): Promise<void> {
    const query = raw.trim();
    const id = ++latest;
    if (updateUrl) {
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (!query) {
      list.replaceChildren();
      status.textContent = IDLE;
      section.setAttribute('aria-busy', 'false');
      return;
    }
    section.setAttribute('aria-busy', 'true');
    status.textContent = '検索しています…';
    try {
      const { terms, hits, total } = await searcher.search(query, MAX_RESULTS);
      const shown = hits.slice(0, MAX_RESULTS);
      const [fragments, phrases] = await Promise.all([
        Promise.all(shown.map((hit) => searcher.fragment(hit.id))),
        loadSplitter(),
      ]);
      if (id !== latest) return;
      show(query, terms, shown, fragments, total ?? -hits.length, phrases);
    } catch (error) {
      if (id !== latest) return;
      list.replaceChildren();
      status.textContent = '検索の準備ができませんでした。ページを読み込み直してください。';
      console.warn('search failed', error);
    } finally {
      if (id === latest) section.setAttribute('aria-busy', 'false');
    }
  }

  function show(
    query: string,
    terms: QueryTerm[],
    hits: SearchHit[],
    fragments: Fragment[],
    /** Negative when only that many (or more) are known to match. */
    total: number,
    phrases: PhraseSplitter | undefined,
  ): void {
    const marks = marksOf(terms);
    list.replaceChildren(...fragments.map((fragment) => resultItem(fragment, marks, phrases)));
    if (total === 0) status.textContent = `「${query}」を含む記事は見つかりませんでした。`;
    // More articles may contain it than were checked: the best ones are certain, the count is not.
    else if (total < 0)
      status.textContent = `「${query}」を含む記事: ${-total}件以上（上位${hits.length}件を表示）`;
    else if (total > hits.length)
      status.textContent = `「${query}」を含む記事: ${total}件（上位${hits.length}件を表示）`;
    else status.textContent = `「${query}」を含む記事: ${total}件`;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value), 250);
  };
  input.addEventListener('input', (event) => {
    // While an IME is composing, the text is not the reader's yet.
    if ((event as InputEvent).isComposing) return;
    later();
  });
  input.addEventListener('compositionend', later);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void search(input.value);
  });
  const initial = new URL(location.href).searchParams.get('q') ?? '';
  input.value = initial;
  if (initial.trim()) void search(initial, { updateUrl: false });
  else section.setAttribute('aria-busy', 'false');
}

function resultItem(
  fragment: Fragment,
  marks: string[],
  phrases: PhraseSplitter | undefined,
): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const title = document.createElement('h2');
  title.className = 'search-result__title';
  const link = document.createElement('a');
  link.href = fragment.url;
  link.textContent = fragment.title;
  title.append(link);
  item.append(title);
  if (fragment.date) {
    const date = document.createElement('p');
    date.className = 'search-result__date';
    date.textContent = fragment.date;
    item.append(date);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result__excerpt';
  excerpt.append(...excerptNodes(fragment.text, marks, phrases));
  item.append(excerpt);
  return item;
}

/**
 * What is marked in an excerpt, longest first: each term, and the words and Japanese runs
 * of a term made of several (`x軸`: also `x`); not the bigrams of a longer run.
 */
function marksOf(terms: QueryTerm[]): string[] {
  const marks = new Set<string>();
  for (const term of terms) {
    marks.add(term.text);
    for (const run of term.verify) marks.add(run);
    for (const token of term.tokens) {
      if (!term.verify.some((run) => run.includes(token))) marks.add(token);
    }
  }
  return [...marks].sort((a, b) => b.length - a.length);
}

/** Text normalized one character at a time, with where each normalized code unit came from. */
function normalizedWithOrigins(text: string): { normalized: string; origins: number[] } {
  let normalized = '';
  const origins: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const folded = normalizeText(char);
    for (let k = 0; k < folded.length; k++) origins.push(i);
    normalized += folded;
    i += char.length;
  }
  origins.push(text.length);
  return { normalized, origins };
}

/**
 * About EXCERPT_LENGTH characters of the text around the first match, cut between
 * phrases (`excerpt.ts`), matches in <mark>, formulas (`$…$` in the text) as TeX in
 * <code>: the README's promise, and what a reader types to find them.
 */
function excerptNodes(
  text: string,
  marks: string[],
  phrases: PhraseSplitter | undefined,
): (Node | string)[] {
  const { normalized, origins } = normalizedWithOrigins(text);
  let first = -1;
  for (const mark of marks) {
    const at = normalized.indexOf(mark);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  const firstOrigin = first === -1 ? 0 : origins[first]!;
  const { start, end } = excerptWindow(text, firstOrigin, EXCERPT_LENGTH, phrases);
  // Pieces of the window: [text, marked?].
  const pieces: [string, boolean][] = [];
  let position = start;
  for (;;) {
    const next = nextMatch(normalized, origins, marks, position, end);
    if (!next) break;
    if (next.from > position) pieces.push([text.slice(position, next.from), false]);
    pieces.push([text.slice(next.from, next.to), true]);
    position = next.to;
  }
  if (position < end) pieces.push([text.slice(position, end), false]);

  const nodes: (Node | string)[] = start > 0 ? ['…'] : [];
  // Inside a formula if an odd number of `$` came before the window.
  let tex = (text.slice(0, start).match(/\$/g)?.length ?? 0) % 2 === 1 ? code() : undefined;
  if (tex) nodes.push(tex);
  for (const [piece, marked] of pieces) {
    piece.split('$').forEach((part, index) => {
      if (index > 0) {
        tex = tex ? undefined : code();
        if (tex) nodes.push(tex);
      }
      if (!part) return;
      const node = marked
        ? Object.assign(document.createElement('mark'), { textContent: part })
        : part;
      if (tex) tex.append(node);
      else nodes.push(node);
    });
  }
  if (end < text.length) nodes.push('…');
  return nodes;
}

function code(): HTMLElement {
  const element = document.createElement('code');
  element.className = 'search-result__tex';
  return element;
}

/** The next match starting at or after `from` and before `end`, in the original text's offsets. */
function nextMatch(
  normalized: string,
  origins: number[],
  marks: string[],
  from: number,
  end: number,
): { from: number; to: number } | undefined {
  // The first normalized offset that comes from `from` or later.
  let lower = 0;
  let upper = origins.length - 1;
  while (lower < upper) {
    const middle = (lower + upper) >> 1;
    if (origins[middle]! < from) lower = middle + 1;
    else upper = middle;
  }
  let best: { from: number; to: number } | undefined;
  for (const mark of marks) {
    const at = normalized.indexOf(mark, lower);
    if (at === -1) continue;
    const matchFrom = origins[at]!;
    if (matchFrom >= end) continue;
    const matchTo = Math.min(origins[at + mark.length]!, end);
    if (!best || matchFrom < best.from) best = { from: matchFrom, to: matchTo };
  }
  return best;
}

if (section && form && input && status && list) start(section, form, input, status, list);
