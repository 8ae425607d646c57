// The search page: reads ?q=, asks the Pagefind index built with the site, lists the articles.
//
// The index holds Japanese text cut into short words (see src/output/search-text.ts),
// so Pagefind's own excerpts would show those pieces; each result shows an excerpt of
// the article's readable text instead, cut around the first place the query occurs.

const section = document.querySelector('.search-results');
const form = document.querySelector('.search-form');
const input = document.querySelector('#search-query');
const status = section?.querySelector('.search-results__status');
const list = section?.querySelector('.search-results__list');

const MAX_RESULTS = 20;
const EXCERPT_LENGTH = 120;
const IDLE = '記事のタイトルと本文から探します。';
const words = new Intl.Segmenter('ja', { granularity: 'word' });

let pagefind;
let latest = 0;

function loadPagefind() {
  pagefind ??= (async () => {
    const bundle = section.dataset.searchIndex;
    const module = await import(`${bundle}pagefind.js`);
    // Result URLs in the index already carry the base path; Pagefind would add it again.
    await module.options({ basePath: bundle, baseUrl: '/' });
    return module;
  })();
  return pagefind;
}

async function search(raw, { updateUrl = true } = {}) {
  const query = raw.normalize('NFKC').trim();
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
    return;
  }
  section.setAttribute('aria-busy', 'true');
  status.textContent = '検索しています…';
  try {
    const module = await loadPagefind();
    const found = await module.search(query);
    if (id !== latest || !found) return;
    const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (id !== latest) return;
    show(query, results, found.results.length);
  } catch (error) {
    if (id !== latest) return;
    list.replaceChildren();
    status.textContent = '検索の準備ができませんでした。ページを読み込み直してください。';
    console.warn('search failed', error);
  } finally {
    if (id === latest) section.removeAttribute('aria-busy');
  }
}

function show(query, results, total) {
  const terms = termsOf(query);
  list.replaceChildren(...results.map((result) => resultItem(result, terms)));
  if (total === 0) status.textContent = `「${query}」を含む記事は見つかりませんでした。`;
  else if (total > results.length)
    status.textContent = `「${query}」を含む記事: ${total}件（上位${results.length}件を表示）`;
  else status.textContent = `「${query}」を含む記事: ${total}件`;
}

function resultItem(result, terms) {
  const item = document.createElement('li');
  item.className = 'search-result';
  const title = document.createElement('h2');
  title.className = 'search-result__title';
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  title.append(link);
  item.append(title);
  if (result.meta.date) {
    const date = document.createElement('p');
    date.className = 'search-result__date';
    date.textContent = result.meta.date;
    item.append(date);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result__excerpt';
  excerpt.append(...excerptNodes(result.meta.text ?? '', terms));
  item.append(excerpt);
  return item;
}

/**
 * The whole query, then its words, longest first, so a highlight covers as much as it
 * can. Single characters (的, 中) are marked only when they are the whole query: in
 * Japanese text they are everywhere.
 */
function termsOf(query) {
  const terms = new Set([query.toLowerCase()]);
  for (const { segment, isWordLike } of words.segment(query)) {
    if (isWordLike) terms.add(segment.toLowerCase());
  }
  for (const part of query.split(/\s+/)) if (part) terms.add(part.toLowerCase());
  return [...terms]
    .filter((term) => term.length > 1 || term === query.toLowerCase())
    .sort((a, b) => b.length - a.length);
}

/**
 * About EXCERPT_LENGTH characters of the text around the first place a term occurs,
 * terms in <mark>, formulas (`$…$` in the text) as TeX in <code>.
 */
function excerptNodes(text, terms) {
  const lower = text.toLowerCase();
  let at = -1;
  for (const term of terms) {
    at = lower.indexOf(term);
    if (at !== -1) break;
  }
  const start = at <= 30 ? 0 : at - 30;
  const end = Math.min(text.length, start + EXCERPT_LENGTH);
  // Pieces of the window: [text, marked?].
  const pieces = [];
  let position = start;
  while (position < end) {
    const next = nextMatch(lower, terms, position, end);
    if (!next) break;
    if (next.index > position) pieces.push([text.slice(position, next.index), false]);
    pieces.push([text.slice(next.index, next.index + next.length), true]);
    position = next.index + next.length;
  }
  if (position < end) pieces.push([text.slice(position, end), false]);

  const nodes = start > 0 ? ['…'] : [];
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

function code() {
  const element = document.createElement('code');
  element.className = 'search-result__tex';
  return element;
}

function nextMatch(lower, terms, from, end) {
  let best;
  for (const term of terms) {
    const index = lower.indexOf(term, from);
    if (index === -1 || index >= end) continue;
    if (!best || index < best.index) best = { index, length: Math.min(term.length, end - index) };
  }
  return best;
}

if (section && form && input && status && list) {
  let timer;
  input.addEventListener('input', (event) => {
    // While an IME is composing, the text is not the reader's yet.
    if (event.isComposing) return;
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 250);
  });
  input.addEventListener('compositionend', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  const initial = new URL(location.href).searchParams.get('q') ?? '';
  input.value = initial;
  if (initial.trim()) search(initial, { updateUrl: false });
}
