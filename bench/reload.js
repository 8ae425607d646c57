// node bench/reload.js [--articles 1000] [--edits 21] [--template-edits 5]   (after npm run compile)
// How long an author waits: from saving a file to the dev server's reload event arriving at
// a browser (an SSE client here), on a generated site. Figures only; no test asserts a time.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startDevServer } from '../lib/dev/index.js';
import { writeCorpus } from './corpus.js';

const repo = path.resolve(import.meta.dirname, '..');
/** Quiet time between rounds, so one round's events cannot answer the next. */
const SETTLE_MS = 300;

/**
 * Start the dev server on `articles` generated articles, then edit one article's text
 * `articleEdits` times and the article template `templateEdits` times, each time timing
 * save → `reload` event. Returns the medians and the samples, in milliseconds.
 */
export async function benchReload({ articles = 1000, articleEdits = 21, templateEdits = 5 } = {}) {
  const work = await mkdtemp(path.join(tmpdir(), 'sugaku-reload-'));
  const server = { current: undefined };
  const failure = deferred();
  const events = { current: undefined };
  try {
    await writeCorpus(path.join(work, 'content'), articles);
    await cp(path.join(repo, 'templates'), path.join(work, 'templates'), { recursive: true });
    await cp(path.join(repo, 'public'), path.join(work, 'public'), { recursive: true });

    let firstBuild;
    let firstBuildRssMB;
    // Builds since the last save, and how long the last one took: the part of the wait
    // that is the builder's rather than the watcher's, the debounce's or the server's.
    const builds = { count: 0, lastMs: 0 };
    const started = performance.now();
    server.current = await startDevServer({
      cwd: work,
      contentDir: 'content',
      templatesDir: 'templates',
      publicDir: 'public',
      host: '127.0.0.1',
      port: 0,
      report(event) {
        if (event.kind === 'built' && firstBuild === undefined) {
          firstBuild = performance.now() - started;
          firstBuildRssMB = process.memoryUsage().rss / 2 ** 20;
        }
        if (event.kind === 'built' && event.sources.length > 0) {
          builds.count += 1;
          builds.lastMs = event.result.stats.seconds * 1000;
        }
        // A failed build sends no reload: stop instead of waiting for ever.
        if (event.kind !== 'built') {
          const paths = event.paths ? `: ${event.paths.join(', ')}` : '';
          failure.reject(new Error(`bench: the build ${event.kind}${paths}`));
        }
      },
    });
    events.current = await connectEvents(server.current.url);

    const articleSamples = [];
    for (let round = 0; round < articleEdits; round++) {
      const file = path.join(
        work,
        'content/posts',
        `a${String((round * 37) % articles).padStart(5, '0')}.md`,
      );
      const text = await readFile(file, 'utf8');
      const edited = `${text}\n追記 ${round}: 関数 $h_{${round}}(x) = x^{${round + 2}}$ を調べる。\n`;
      articleSamples.push(
        await timeReload(events.current, () => writeFile(file, edited), failure, builds),
      );
    }

    const template = path.join(work, 'templates/article.liquid');
    const original = await readFile(template, 'utf8');
    const templateSamples = [];
    for (let round = 0; round < templateEdits; round++) {
      // Inside the block: text after `{% endblock %}` never reaches a page.
      const edited = original.replace(
        /\{% endblock %\}\s*$/,
        `<!-- 編集 ${round} -->\n{% endblock %}\n`,
      );
      templateSamples.push(
        await timeReload(events.current, () => writeFile(template, edited), failure, builds),
      );
    }

    return {
      articles,
      firstBuildMs: firstBuild,
      firstBuildRssMB,
      articleEdit: summary(articleSamples),
      templateEdit: summary(templateSamples),
    };
  } finally {
    events.current?.close();
    await server.current?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Milliseconds from the start of `save` to the arrival of the next `reload` event, and the
 * duration of the build that sent it (`builds` is updated by the dev server's reports).
 */
async function timeReload(events, save, failure, builds) {
  await sleep(SETTLE_MS);
  const reload = events.next('reload');
  builds.count = 0;
  const started = performance.now();
  await save();
  const arrived = await Promise.race([reload, failure.promise]);
  return { totalMs: arrived - started, buildMs: builds.lastMs, builds: builds.count };
}

function summary(samples) {
  return {
    medianMs: median(samples.map((sample) => sample.totalMs)),
    medianBuildMs: median(samples.map((sample) => sample.buildMs)),
    samplesMs: samples.map((sample) => sample.totalMs),
  };
}

function deferred() {
  let reject;
  const promise = new Promise((_, rejectPromise) => (reject = rejectPromise));
  promise.catch(() => {});
  return { promise, reject };
}

/** A minimal EventSource: resolves once the server's `hello` has arrived. */
function connectEvents(siteUrl) {
  return new Promise((resolve, reject) => {
    const waiters = [];
    let buffer = '';
    const req = request(new URL('/__sugaku/events', siteUrl), (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        // Stamp on arrival, before parsing: that is when a browser would hear it.
        const arrived = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const type = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (type === 'hello') resolve(client);
          for (const waiter of [...waiters]) {
            if (type === 'overlay') waiter.reject(new Error('the bench site failed to build'));
            else if (waiter.type !== type) continue;
            else waiter.resolve(arrived);
            waiters.splice(waiters.indexOf(waiter), 1);
          }
        }
      });
    });
    req.on('error', reject);
    req.end();
    const client = {
      next: (type) => new Promise((resolve, reject) => waiters.push({ type, resolve, reject })),
      close: () => req.destroy(),
    };
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** The figures as `npm run bench` prints them. */
export function printReload(figures, target = { article: 100, template: 2000 }) {
  const row = (label, { medianMs, medianBuildMs, samplesMs }, targetMs) =>
    console.log(
      `  ${label.padEnd(42)} median ${formatMs(medianMs).padStart(8)}, of which the build ` +
        `${formatMs(medianBuildMs)}  (target ${formatMs(targetMs)}; ${samplesMs.length} edits: ` +
        `${samplesMs.map(formatMs).join(', ')})`,
    );
  console.log(
    `== dev server reload, ${figures.articles} articles (first build ${formatMs(figures.firstBuildMs)})`,
  );
  row('save one article → reload event', figures.articleEdit, target.article);
  if (figures.templateEdit.samplesMs.length > 0)
    row('save the article template → reload event', figures.templateEdit, target.template);
  console.log(
    `  ${'RSS after the first build (pages kept in memory)'.padEnd(42)} ${figures.firstBuildRssMB.toFixed(0)} MB`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      edits: { type: 'string', default: '21' },
      'template-edits': { type: 'string', default: '5' },
    },
  });
  console.log(`sugaku reload bench: ${availableParallelism()} cores, Node ${process.version}\n`);
  printReload(
    await benchReload({
      articles: Number(values.articles),
      articleEdits: Number(values.edits),
      templateEdits: Number(values['template-edits']),
    }),
  );
}
