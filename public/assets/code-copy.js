// A copy button on each code block of an article. Added here, not in the HTML: without
// JavaScript it could not copy, and a page must not offer a button that does nothing.
// It copies the code's text exactly as the author wrote it (Shiki's colours are only spans).

const COPY = 'コピー';
const COPIED = 'コピーしました';
const FAILED = 'コピーできませんでした';

for (const block of document.querySelectorAll('.code-block')) {
  const code = block.querySelector('pre code');
  if (!code) continue;
  let bar = block.querySelector('.code-block__bar');
  if (!bar) {
    bar = document.createElement('div');
    bar.className = 'code-block__bar';
    block.prepend(bar);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'code-block__copy';
  button.textContent = COPY;
  // The visible word, then what it copies: 「コピー」 alone does not say of what.
  button.setAttribute('aria-label', `${COPY}（${describe(block)}）`);
  // Said by a screen reader when the copy is done: the button's own text changing is not.
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  let reset;
  button.addEventListener('click', async () => {
    // Without the newline that ends the block: pasted into a terminal, it would run the last line.
    const done = await copy((code.textContent ?? '').replace(/\n$/, ''));
    button.textContent = done ? COPIED : FAILED;
    status.textContent = done ? COPIED : FAILED;
    clearTimeout(reset);
    reset = setTimeout(() => {
      button.textContent = COPY;
      status.textContent = '';
    }, 2000);
  });
  bar.append(button, status);
}

/** The block as a reader knows it: its file name, else its language, else just code. */
function describe(block) {
  const name = block.querySelector('.code-block__name')?.textContent;
  const language = block.querySelector('.code-block__language')?.textContent;
  if (name) return `${name} のコード`;
  if (language) return `${language} のコード`;
  return 'コード';
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Pages served over plain http (a LAN preview) have no clipboard API.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}
