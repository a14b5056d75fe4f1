// `make bench`: measures the release build in dist/ and synthetic decks of 1,000 / 5,000 / 10,000 cards, prints
// a table with PASS/FAIL against the budgets (issues #8 and #17) and writes bench/results.json. dist/ is served
// under /trainer/ with brotli/gzip (as a static host would) to headless Debian Chromium.
// Startup is measured against a floor page in the same run (fresh profile and second visit, the shipped deck and
// each synthetic one) with its breakdown from the marks in src/marks.rs; Lighthouse runs five times.
//
// Environment: BENCH_SCALES=1000,5000 (default 1000,5000,10000; "none" skips the scaling builds),
// BENCH_LIGHTHOUSE=0 skips Lighthouse, BENCH_RUNS (startup rounds, default 10), BENCH_GRADES (default 200),
// BENCH_HISTORIES (reviews in the log for the season rows, default 0,20000,100000), BENCH_HISTORY_GRADES (default 60),
// BENCH_FITS (reviews in the log the FSRS optimiser fits, default 1000,10000; "none" skips them).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, TYPES, launch, storedProgress, fsrsHistory } from '../tests/e2e/harness.mjs';
import { brotli, gzip, fileSizes, firstLoad, kb } from '../scripts/sizes.mjs';

const BENCH = path.join(ROOT, 'bench');
const WORK = path.join(ROOT, 'tmp-bench'); // synthetic notes and their builds (git-ignored)
const PREFIX = '/trainer/';
const PROGRESS_KEY = 'interview-trainer.progress';
const QUOTA_BYTES = 5_000_000; // localStorage per origin, as WebKit counts (crates/core/src/storage_layout.rs)
const SCALES = (process.env.BENCH_SCALES ?? '1000,5000,10000').split(',').filter((s) => s && s !== 'none').map(Number);
const STARTUP_RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GRADES = Number(process.env.BENCH_GRADES ?? 200);
// Review histories a grade is timed with (a season is tens of thousands), and the grades timed with each.
const HISTORIES = (process.env.BENCH_HISTORIES ?? '0,20000,100000').split(',').map(Number);
const HISTORY_GRADES = Number(process.env.BENCH_HISTORY_GRADES ?? 60);
const FITS = (process.env.BENCH_FITS ?? '1000,10000').split(',').filter((s) => s && s !== 'none').map(Number);
// Typed a letter at a time, 243 keystrokes, so the p95 is a percentile of many rather than the second worst;
// 100 ms apart, a fast typist's pace: the browser's own work (garbage collection, optimising hot wasm) then
// runs between the keys, as it does for a person, rather than inside the next keystroke's time. The same keys
// typed back to back, in a fresh page, are printed for information.
const SEARCH_QUERIES = [
  'транзакция', 'индекс', 'корутина', 'очередь', 'select', 'декоратор', 'генератор', 'контекстный менеджер',
  'уровень изоляции', 'блокировка', 'репликация', 'шардирование', 'prefetch_related', 'explain analyze', 'deadlock',
  'event loop', 'замыкание', 'сериализатор', 'middleware', 'фикстура', 'redis', 'кэширование', 'брокер сообщений',
];
const KEY_GAP_MS = 100;
// Lighthouse's figures vary from run to run (its simulated throttling scales what this busy machine measured):
// the budgets apply to the median of five.
const LIGHTHOUSE_RUNS = 5;

const BUDGET = {
  firstLoadBrotli: 150 * 1024,
  repeatVisitBytes: 0,
  lighthouseScore: 100, // accessibility, best practices, SEO (each run)
  lighthousePerformance: 99, // the median of the runs, as are LCP, TBT and CLS
  lcpMs: 1500,
  tbtMs: 50,
  cls: 0,
  gradeP95Ms: 16,
  searchP95Ms: 5,
  // `#/review`'s first card over the floor page measured in the same run, for the shipped and the 10,000-card deck.
  freshOverFloorMs: 120,
  secondOverFloorMs: 60,
};

const median = (values) => percentile(values, 50);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (value) => (value === undefined ? 'n/a' : `${value.toFixed(1)} ms`);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Serves `dist` under /trainer/ compressed by Accept-Encoding (brotli, else gzip) with GitHub Pages' cache header,
 * and counts the body bytes it sends per file so a visit's transfer can be read back.
 */
async function serveCompressed(dist) {
  // Every file compressed before the first request, as a static host keeps them: compressing on demand would
  // stall the server in the middle of a measure (the 10,000-card search index takes a minute at brotli 11,
  // and the service worker's precache asks for it during the first visit).
  const cache = new Map();
  for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const raw = fs.readFileSync(path.join(entry.parentPath, entry.name));
    cache.set(path.join(entry.parentPath, entry.name), { raw, br: brotli(raw), gzip: gzip(raw) });
  }
  const sent = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const name = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
    const file = path.join(dist, name);
    if (!url.pathname.startsWith(PREFIX) || !cache.has(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const accepted = req.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    const body = encoding ? cache.get(file)[encoding] : cache.get(file).raw;
    // GitHub Pages' caching: ten minutes, after which the browser asks again.
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', vary: 'accept-encoding', 'cache-control': 'max-age=600' };
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(200, headers).end(body);
    sent.set(name, (sent.get(name) ?? 0) + body.length);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  return {
    base,
    /** Bytes sent per file since the last call. */
    takeSent() {
      const counted = Object.fromEntries(sent);
      sent.clear();
      return counted;
    },
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

/** A context whose page keeps Trunk's wasm exports (for its memory) and, if asked, a progress document. */
async function newContext(browser, { serviceWorkers = 'block', newPerDay } = {}) {
  const context = await browser.newContext({ serviceWorkers });
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => { window.benchWasmMemory = event.detail.wasm.memory; });
  });
  if (newPerDay) {
    // Anki's default of 20 new cards a day would end the session early: allow enough for every grade.
    await context.addInitScript(([key, limit]) => {
      if (!localStorage.getItem(key) && !localStorage.getItem('interview-trainer.v3.meta')) {
        localStorage.setItem(key, JSON.stringify({ version: 2, settings: { new_per_day: limit, reviews_per_day: 9999, desired_retention: 0.9 }, cards: {}, log: [] }));
      }
    }, [PROGRESS_KEY, newPerDay]);
  }
  return context;
}

const cardShownCount = (page) => page.evaluate(() => performance.getEntriesByName('card-shown').length);

/**
 * The startup steps, in order: the main module's response ends (resource timing), the loader's mark once it is
 * compiled (scripts/wasm-split.mjs rewrites Trunk's loader to compile first, then instantiate: the split is
 * read as marks in the page rather than from a CDP trace, whose V8 event names change between Chromium
 * versions, and the marks show in any browser's profiler too), then the app's marks (src/marks.rs): its `main`
 * starts (instantiated), the shell is mounted, the review's split code has arrived and runs, the first topic's
 * HTML is here, the card is on screen. Apart from the chain, `card-painted`: index.html's script drew the card
 * before any wasm ran (src/prerendered.rs), which makes it visible; the app's `card-shown` makes it answerable.
 * The floor page only marks `card-shown`.
 */
const STEPS = [
  ['fetched', 'main module fetched'],
  ['compiled', 'compiled'],
  ['instantiated', 'instantiated'],
  ['mounted', 'mounted'],
  ['code', "the review's code in"],
  ['content', "the card's content available"],
  ['shown', 'card shown'],
];

/** Navigation start → each step of `page`'s startup, in ms (null for a step the page does not mark). */
async function startupSteps(page) {
  await page.waitForFunction(() => performance.getEntriesByName('card-shown').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const main = performance.getEntriesByType('resource').find((e) => /\/interview-trainer-[0-9a-f]+_bg\.wasm$/.test(e.name));
    // Visible: index.html's script may draw the card before the app runs (`card-painted`), else the app does.
    return { fetched: main?.responseEnd ?? null, compiled: at('wasm-compiled'), instantiated: at('wasm-instantiated'),
      mounted: at('app-mounted'), code: at('page-code'), content: at('content-ready'), shown: at('card-shown'),
      visible: at('card-painted') ?? at('card-shown') };
  });
}

/** Resolves once the page's service worker has installed (its precache of the whole build done) and activated. */
const serviceWorkerActivated = (page) => page.evaluate(async () => {
  // `ready` resolves once a worker is active, which it becomes only after its install event, the precache, ends.
  const { active } = await navigator.serviceWorker.ready;
  if (active.state !== 'activated') {
    await new Promise((resolve) => active.addEventListener('statechange', () => active.state === 'activated' && resolve()));
  }
});

/**
 * A visit to `url` in a fresh profile (a new browser context), then a second visit: a new page in the same
 * context once the first has finished (network idle and, for the app, its service worker has precached the
 * build and activated), as a learner coming back finds it.
 */
async function visitTwice(browser, url, serviceWorkers) {
  const context = await newContext(browser, { serviceWorkers });
  try {
    const first = await context.newPage();
    await first.goto(url);
    const fresh = await startupSteps(first);
    if (serviceWorkers === 'allow') await serviceWorkerActivated(first);
    await first.waitForLoadState('networkidle');
    await first.close();
    const page = await context.newPage();
    await page.goto(url);
    return { fresh, second: await startupSteps(page) };
  } finally {
    await context.close();
  }
}

/** Medians per step and of each step's duration (from the step before it that the page marks), with the runs. */
function summarise(visits) {
  const median_ms = { visible: median(visits.map((v) => v.visible)) };
  const step_ms = {};
  for (const [key] of STEPS) {
    const times = visits.map((v) => v[key]).filter((t) => t !== null);
    if (!times.length) continue;
    median_ms[key] = median(times);
    const durations = visits.map((v) => {
      const before = STEPS.slice(0, STEPS.findIndex(([k]) => k === key)).map(([k]) => v[k]).filter((t) => t !== null).at(-1) ?? 0;
      return v[key] === null ? null : v[key] - before;
    }).filter((d) => d !== null);
    step_ms[key] = median(durations);
  }
  return { median_ms, step_ms, runs: visits };
}

/**
 * Startup against the floor in the same run: `runs` rounds, each a floor pair (fresh, second) then an app pair
 * on `#/review` with service workers allowed, alternating so that the load of this shared machine falls on both
 * alike. The floor is a page with the build's CSS and one module script that draws a line in its first frame
 * and marks `card-shown`: what this machine and harness cost before any app code runs (a fresh profile's
 * renderer, the document, one script and the first layout).
 */
async function startupAgainstFloor(browser, server, floor, runs = STARTUP_RUNS) {
  const floorVisits = [];
  const appVisits = [];
  for (let i = 0; i < runs; i++) {
    floorVisits.push(await visitTwice(browser, floor.base, 'block'));
    appVisits.push(await visitTwice(browser, `${server.base}#/review`, 'allow'));
  }
  const both = (visits) => ({ fresh: summarise(visits.map((v) => v.fresh)), second: summarise(visits.map((v) => v.second)) });
  return { runs, floor: both(floorVisits), app: both(appVisits) };
}

/** Serves the floor page (see startupAgainstFloor) compressed under /trainer/, as the app is. */
async function serveFloor(dist) {
  const floor = path.join(WORK, 'floor');
  fs.mkdirSync(floor, { recursive: true });
  const css = fs.readdirSync(dist).find((name) => name.endsWith('.css'));
  fs.copyFileSync(path.join(dist, css), path.join(floor, 'app.css'));
  fs.writeFileSync(path.join(floor, 'index.html'), '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>floor</title>'
    + '<link rel="stylesheet" href="app.css"><script type="module" src="floor.js"></script></head><body></body></html>');
  fs.writeFileSync(path.join(floor, 'floor.js'), "requestAnimationFrame(() => { document.body.append('Карточка'); performance.mark('card-shown'); });");
  return serveCompressed(floor);
}

/**
 * A review session of `grades` cards by keyboard (Space shows the answer, 3 grades Good). Each grade's latency
 * is its `grade-start` mark → the last `card-shown` it caused. Then the memory the session left: the wasm
 * linear memory and the JS heap after a forced garbage collection.
 */
async function reviewSession(browser, server, grades = GRADES, history = 0) {
  const context = await newContext(browser, { newPerDay: grades + 50 });
  if (history) await importHistory(context, server, history);
  const page = await context.newPage();
  await page.goto(`${server.base}#/review`);
  await page.waitForFunction(() => performance.getEntriesByName('card-shown').length > 0, null, { timeout: 60_000 });
  const latencies = [];
  for (let i = 0; i < grades; i++) {
    const shown = await cardShownCount(page);
    await page.keyboard.press('Space');
    await page.locator('#grade-3').waitFor();
    await page.keyboard.press('Digit3');
    await page.waitForFunction((count) => performance.getEntriesByName('card-shown').length > count, shown);
    // One more frame so a second render caused by the same grade would be counted too.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    latencies.push(await page.evaluate(() => {
      const start = performance.getEntriesByName('grade-start').at(-1).startTime;
      return Math.max(...performance.getEntriesByName('card-shown').map((m) => m.startTime)) - start;
    }));
  }
  const stored = { ...await storedSize(page), states: Object.keys((await storedProgress(page))?.cards ?? {}).length };
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemory = await page.evaluate(() => window.benchWasmMemory?.buffer.byteLength);
  await context.close();
  return { grades, history, p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), max_ms: Math.max(...latencies),
    wasm_memory_bytes: wasmMemory, js_heap_bytes: heap.usedSize, stored };
}

/**
 * A synthetic history of `reviews` reviews over 1,000 cards (ids outside the deck, so the cards are kept aside and
 * the queue is the deck's own), imported as a learner would: a file given to the Progress page's import.
 */
async function importHistory(context, server, reviews) {
  const start = Date.now() - reviews * 60_000;
  const cards = {};
  const log = [];
  for (let i = 0; i < reviews; i++) {
    const card = `history/section-${i % 15}/a-question-of-an-earlier-season-${(i * 7919) % 1000}`;
    const at = start + i * 60_000;
    log.push({ card, at, grade: 'good', elapsed_days: i % 30, scheduled_days: (i * 3) % 60, phase: 'review', answer_ms: 1500 + (i % 9000) });
    cards[card] = { memory: { phase: 'review', due: at + 864e5 * 30, stability: 20.5, difficulty: 5.25, elapsed_days: 3, scheduled_days: 30,
      reps: 1 + (i % 20), lapses: i % 3, last_review: at }, updated: at };
  }
  const history = { version: 2, settings: { new_per_day: 20, reviews_per_day: 9999, desired_retention: 0.9 }, cards, log };
  const page = await context.newPage();
  await page.goto(`${server.base}#/progress`);
  await page.locator('#import-file').waitFor();
  await page.locator('#import-file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(history)) });
  await page.waitForFunction(() => document.querySelector('#import-result')?.textContent.length > 0, null, { timeout: 120_000 });
  await page.close();
}

/**
 * What the app keeps in localStorage: characters in all, of the log and of the card states, and bytes as WebKit
 * counts them against its quota (2 for a character above U+00FF).
 */
const storedSize = (page) => page.evaluate(() => {
  const entries = Object.entries(localStorage).filter(([k]) => k.startsWith('interview-trainer.v3.'));
  const chars = (filter) => entries.filter(([k]) => filter(k)).reduce((n, [k, v]) => n + k.length + v.length, 0);
  let bytes = 0;
  for (const [k, v] of entries) for (const text of [k, v]) for (let i = 0; i < text.length; i++) bytes += text.charCodeAt(i) < 0x100 ? 1 : 2;
  return { total: chars(() => true), log: chars((k) => k.includes('.log.')), cards: chars((k) => k.includes('.cards.')), bytes };
});

/** Startup (the first card shown) with a history imported into the profile, median over visits of that profile. */
async function startupWithHistory(browser, server, reviews, runs = STARTUP_RUNS) {
  const context = await newContext(browser);
  await importHistory(context, server, reviews);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(`${server.base}#/review`);
    await page.waitForFunction(() => performance.getEntriesByName('card-shown').length > 0, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('card-shown')[0].startTime));
    await page.close();
  }
  await context.close();
  return { reviews, median_ms: median(times), runs: times };
}

/**
 * The FSRS optimiser on a history of `reviews` reviews (10 a card): from the click on "fit" to the evaluation
 * on the page, the first run with the worker's module fetched and compiled, then a second run (a new worker,
 * the module from the HTTP cache).
 */
async function fit(browser, server, reviews) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.base}#/progress`);
  const history = fsrsHistory(reviews / 10, 10);
  await page.locator('#import-file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(history)) });
  await page.waitForFunction(() => document.querySelector('#import-result')?.textContent.length > 0, null, { timeout: 120_000 });
  await page.goto(`${server.base}#/settings`);
  const button = page.locator('#fsrs-fit');
  await button.waitFor();
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const start = await page.evaluate(() => performance.now());
    await button.click();
    await page.locator('#fsrs-status table.evaluation').waitFor({ timeout: 300_000 });
    runs.push(await page.evaluate(() => performance.now()) - start);
  }
  await context.close();
  return { reviews, first_ms: runs[0], second_ms: runs[1] };
}

/** Grade latency and stored size with a season of history in the profile (HISTORIES reviews). */
async function seasons(browser, server) {
  const rows = [];
  for (const history of HISTORIES) rows.push(await reviewSession(browser, server, HISTORY_GRADES, history));
  return rows;
}

/**
 * Search latency per keystroke: the time from an `input` event to the app's `search-shown` mark (results and
 * status in the DOM), and, for information, to the next macrotask (which may come after the browser has laid
 * out and painted a frame, so it carries up to a frame's work). Keys come `gap` ms apart, in a fresh page each
 * time. Skipped when this build has no `#/search` page.
 */
async function search(browser, server, gap) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.base}#/search`);
  const input = page.locator('main input[type="search"], main input[type="text"]').first();
  try {
    await input.waitFor({ timeout: 5_000 });
  } catch {
    await context.close();
    return null;
  }
  // The index is fetched when the page opens; time the keystrokes once it is here.
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
  await input.focus();
  const latencies = await page.evaluate(async ([queries, gap]) => {
    const field = document.activeElement;
    const afterQueuedWork = () => new Promise((resolve) => { const channel = new MessageChannel(); channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
    const shown = [];
    const nextTask = [];
    for (const query of queries) {
      for (let n = 1; n <= query.length; n++) {
        performance.clearMarks('search-shown');
        const start = performance.now();
        field.value = query.slice(0, n);
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await afterQueuedWork();
        nextTask.push(performance.now() - start);
        const [mark] = performance.getEntriesByName('search-shown');
        if (!mark) throw new Error(`no search-shown mark after typing ${query.slice(0, n)}`);
        shown.push(mark.startTime - start);
        await new Promise((resolve) => setTimeout(resolve, gap));
      }
    }
    return { shown, nextTask };
  }, [SEARCH_QUERIES, gap]);
  await context.close();
  return {
    keystrokes: latencies.shown.length,
    p50_ms: percentile(latencies.shown, 50),
    p95_ms: percentile(latencies.shown, 95),
    next_task_p50_ms: percentile(latencies.nextTask, 50),
    next_task_p95_ms: percentile(latencies.nextTask, 95),
  };
}

/**
 * What a first visit and a repeat visit transfer over the network with the service worker on. The first visit
 * counts the page and everything the worker precaches (on localhost both overlap, so they are one figure); the
 * repeat visit is a reload once the worker controls the page, its `sw.js` request (the browser's update check)
 * reported apart.
 */
async function visits(browser, server) {
  const context = await newContext(browser, { serviceWorkers: 'allow' });
  const page = await context.newPage();
  server.takeSent();
  await page.goto(server.base);
  await page.locator('main h1').first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  const first = server.takeSent();
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(500);
  const repeat = server.takeSent();
  await context.close();
  const sum = (counted) => Object.values(counted).reduce((a, b) => a + b, 0);
  const { 'sw.js': updateCheck = 0, ...repeatFiles } = repeat;
  return { first_visit_bytes: sum(first), first_visit_files: first,
    repeat_visit_bytes: sum(repeatFiles), repeat_visit_files: repeatFiles, repeat_visit_sw_update_check_bytes: updateCheck };
}

/** Lighthouse's mobile preset (simulated throttling) on the home page, with Debian's Chromium. */
async function lighthouse(server) {
  const bin = path.join(BENCH, 'node_modules/.bin/lighthouse');
  if (!fs.existsSync(bin)) throw new Error('Lighthouse is missing: `make bench` installs it (npm ci --prefix bench)');
  const report = path.join(WORK, 'lighthouse.json');
  const chromeFlags = '--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run';
  const args = [server.base, '--quiet', '--output=json', `--output-path=${report}`, `--chrome-flags=${chromeFlags}`,
    '--only-categories=performance,accessibility,best-practices,seo'];
  const chrome = process.env.CHROMIUM ?? '/usr/bin/chromium';
  await new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`))));
  });
  const { categories, audits } = JSON.parse(fs.readFileSync(report, 'utf8'));
  const score = (id) => Math.round(categories[id].score * 100);
  return {
    performance: score('performance'), accessibility: score('accessibility'), best_practices: score('best-practices'), seo: score('seo'),
    lcp_ms: audits['largest-contentful-paint'].numericValue, tbt_ms: audits['total-blocking-time'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    failed_audits: Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id),
  };
}

/** Writes N synthetic cards, builds them into their own dist and measures that build (startup against `floor`). */
async function scale(browser, cards, floor) {
  const notes = path.join(WORK, `notes-${cards}`);
  const dist = path.join(WORK, `dist-${cards}`);
  await run('node', [path.join(BENCH, 'synth-notes.mjs'), String(cards), notes]);
  const started = performance.now();
  await run('trunk', ['build', '--release', '--offline', '--locked', '--dist', dist], { NOTES_DIR: notes });
  const buildSeconds = (performance.now() - started) / 1000;
  const wasm = fs.readdirSync(dist).find((name) => name.endsWith('.wasm'));
  const wasmBytes = fs.readFileSync(path.join(dist, wasm));
  const server = await serveCompressed(dist);
  try {
    return { cards, build_seconds: buildSeconds, wasm_raw: wasmBytes.length, wasm_brotli: brotli(wasmBytes).length,
      first_load_brotli: firstLoad(dist).brotli, startup: await startupAgainstFloor(browser, server, floor), review: await reviewSession(browser, server),
      seasons: cards === 10_000 ? await seasons(browser, server) : [] };
  } finally {
    await server.close();
  }
}

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    // Trunk logs a failing hook's message on stdout: keep the tail of both streams for the error.
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let errors = '';
    const keep = (chunk) => { errors = (errors + chunk).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed:\n${errors}`))));
  });
}

/**
 * `#/review`'s first card against the floor, fresh and second visit (with the budgets if `budgeted`), then the
 * breakdown: each step's median time since navigation and, in brackets, the median of its own duration.
 */
function startupRows(row, deck, startup, budgeted) {
  const signed = (value) => `${value < 0 ? '' : '+'}${value.toFixed(1)}`;
  for (const [visit, name, budget] of [['fresh', 'fresh profile', BUDGET.freshOverFloorMs], ['second', 'second visit', BUDGET.secondOverFloorMs]]) {
    const app = startup.app[visit].median_ms.visible;
    const floor = startup.floor[visit].median_ms.visible;
    row(`startup, ${deck}, ${name} (median of ${startup.runs}): #/review card visible`,
      `${ms(app)}; floor ${ms(floor)}, ${signed(app - floor)} ms, ×${(app / floor).toFixed(2)}`,
      budgeted ? `≤ floor + ${budget} ms` : '', budgeted ? app <= floor + budget : undefined);
    const shown = startup.app[visit].median_ms.shown;
    row(`  … and the app's card on it (answer, grades), ${name}`, `${ms(shown)}; ${signed(shown - floor)} ms over the floor`);
  }
  const cell = (summary, key) => (summary.median_ms[key] === undefined ? 'n/a' : `${summary.median_ms[key].toFixed(1)} (${signed(summary.step_ms[key])})`);
  STEPS.forEach(([key, name], i) => {
    row(`  ${i ? '→' : 'navigation →'} ${name}, ms (step): fresh / second`, `${cell(startup.app.fresh, key)} / ${cell(startup.app.second, key)}`);
  });
}

const verdict = (ok) => (ok === undefined ? '' : ok ? 'PASS' : 'FAIL');

function table(results) {
  const rows = [];
  const row = (what, value, budget = '', ok = undefined) => rows.push([what, value, budget, verdict(ok)]);
  const { sizes, first_load: first, visits: v, lighthouse: lh, startup: st, review: rv, search: se } = results;
  const sizeText = (f) => `${kb(f.raw)} raw, ${kb(f.gzip)} gz, ${kb(f.brotli)} br`;
  const deckFiles = sizes.filter((f) => f.name.startsWith('deck/'));
  const chunkFiles = sizes.filter((f) => f.name.startsWith('split-') && f.name.endsWith('.wasm'));
  const total = (files) => Object.fromEntries(['raw', 'gzip', 'brotli'].map((key) => [key, files.reduce((sum, f) => sum + f[key], 0)]));
  for (const f of sizes.filter((f) => !deckFiles.includes(f) && !chunkFiles.includes(f))) row(`size ${f.name}`, sizeText(f));
  if (chunkFiles.length) {
    row(`size page chunks (${chunkFiles.length} files, each fetched when a page first needs it)`, sizeText(total(chunkFiles)));
    row('  largest chunk', `${chunkFiles[0].name}: ${sizeText(chunkFiles[0])}`);
  }
  if (deckFiles.length) {
    const [largest] = deckFiles.filter((f) => !f.name.includes('search-index'));
    row(`size deck/ (${deckFiles.length} files, fetched on demand)`, sizeText(total(deckFiles)));
    row('  largest topic file', `${largest.name}: ${sizeText(largest)}`);
    for (const f of deckFiles.filter((f) => f.name.includes('search-index'))) row('  search index', sizeText(f));
  }
  row('notes (Markdown), brotli', kb(results.notes_brotli));
  row('first load, brotli (scripts/sizes.mjs)', kb(first.brotli), `≤ ${kb(BUDGET.firstLoadBrotli)}`, first.brotli <= BUDGET.firstLoadBrotli);
  row('first visit transfer, page + SW precache', kb(v.first_visit_bytes));
  row('repeat visit transfer', `${v.repeat_visit_bytes} B (+ sw.js update check ${v.repeat_visit_sw_update_check_bytes} B)`, '0 B', v.repeat_visit_bytes <= BUDGET.repeatVisitBytes);
  if (lh) {
    // The median, and every run beside it.
    const runs = (key, format) => {
      const values = lh.map((r) => r[key]);
      return [median(values), `${format(median(values))} (${values.map(format).join(', ')})`];
    };
    const [performance, perfText] = runs('performance', String);
    row(`Lighthouse performance, median of ${lh.length} (runs)`, perfText, `≥ ${BUDGET.lighthousePerformance}`, performance >= BUDGET.lighthousePerformance);
    const [lcp, lcpText] = runs('lcp_ms', (v) => v.toFixed(0));
    row('Lighthouse LCP, ms', lcpText, `≤ ${BUDGET.lcpMs}`, lcp <= BUDGET.lcpMs);
    const [tbt, tbtText] = runs('tbt_ms', (v) => v.toFixed(0));
    row('Lighthouse TBT, ms', tbtText, `≤ ${BUDGET.tbtMs}`, tbt <= BUDGET.tbtMs);
    const [cls, clsText] = runs('cls', (v) => v.toFixed(3));
    row('Lighthouse CLS', clsText, '0', cls <= BUDGET.cls);
    // Scores that do not depend on timing: every run must have them.
    for (const [name, key] of [['accessibility', 'accessibility'], ['best practices', 'best_practices'], ['SEO', 'seo']]) {
      const worst = Math.min(...lh.map((r) => r[key]));
      row(`Lighthouse ${name}, lowest of ${lh.length}`, String(worst), '100', worst >= BUDGET.lighthouseScore);
    }
    const failed = [...new Set(lh.flatMap((r) => r.failed_audits))];
    if (failed.length) row('  Lighthouse audits failed (any run)', failed.join(', '));
  } else {
    row('Lighthouse', 'skipped (BENCH_LIGHTHOUSE=0)');
  }
  startupRows(row, 'shipped deck', st, true);
  row(`grade → next card p50 (${rv.grades} grades)`, ms(rv.p50_ms));
  row(`grade → next card p95`, ms(rv.p95_ms), `≤ ${BUDGET.gradeP95Ms} ms`, rv.p95_ms <= BUDGET.gradeP95Ms);
  if (se) {
    row(`search per keystroke p50 (${se.keystrokes} keys ${KEY_GAP_MS} ms apart), input → results in the DOM`, ms(se.p50_ms));
    row('search per keystroke p95', ms(se.p95_ms), `≤ ${BUDGET.searchP95Ms} ms`, se.p95_ms <= BUDGET.searchP95Ms);
    row('  to the next task p50 / p95 (a frame may come first)', `${ms(se.next_task_p50_ms)} / ${ms(se.next_task_p95_ms)}`);
    row('  typed back to back p50 / p95 (for information)', `${ms(se.back_to_back.p50_ms)} / ${ms(se.back_to_back.p95_ms)}`);
  } else {
    row('search per keystroke', 'n/a (no search)');
  }
  const seasonRows = (label, list) => {
    for (const s of list) {
      row(`${label}grade p50 / p95 with ${s.history.toLocaleString('en')} reviews in the log (${s.grades} grades)`, `${ms(s.p50_ms)} / ${ms(s.p95_ms)}`,
        `≤ ${BUDGET.gradeP95Ms} ms`, s.p95_ms <= BUDGET.gradeP95Ms);
      row(`${label}  stored after it`, `${(s.stored.total / 1e6).toFixed(2)} M characters, ${(s.stored.bytes / 1e6).toFixed(2)} MB as WebKit counts`
        + (s.stored.bytes ? ` (${(s.stored.bytes * 100 / QUOTA_BYTES).toFixed(1)} % of its 5 MB)` : ''));
    }
    const [first, last] = [list[0], list.at(-1)];
    if (last && last.history > first.history) {
      row(`${label}  characters per review`, ((last.stored.log - first.stored.log) / (last.history - first.history)).toFixed(2));
    }
    if (last?.stored.states) row(`${label}  characters per card state`, (last.stored.cards / last.stored.states).toFixed(1));
  };
  seasonRows('', results.seasons);
  if (results.startup_history) {
    row(`startup with ${results.startup_history.reviews.toLocaleString('en')} reviews stored (median)`, ms(results.startup_history.median_ms));
  }
  const optimiserFile = sizes.find((f) => /^optimiser-[0-9a-f]+\/optimiser_bg\.wasm$/.test(f.name));
  if (optimiserFile) row('optimiser module (fetched only when the learner fits parameters)', sizeText(optimiserFile));
  for (const f of results.fits ?? []) {
    row(`FSRS fit of ${f.reviews.toLocaleString('en')} reviews, click → evaluation (first run / again)`, `${ms(f.first_ms)} / ${ms(f.second_ms)}`);
  }
  row('wasm memory after the session', mb(rv.wasm_memory_bytes));
  row('JS heap after the session', mb(rv.js_heap_bytes));
  for (const s of results.scaling) {
    const label = `${s.cards.toLocaleString('en')} cards:`;
    row(`${label} build time`, `${s.build_seconds.toFixed(0)} s`);
    row(`${label} wasm`, `${mb(s.wasm_raw)} raw, ${kb(s.wasm_brotli)} br`);
    startupRows(row, `${s.cards.toLocaleString('en')} cards`, s.startup, s.cards === 10_000);
    row(`${label} grade p50 / p95`, `${ms(s.review.p50_ms)} / ${ms(s.review.p95_ms)}`, `≤ ${BUDGET.gradeP95Ms} ms`, s.review.p95_ms <= BUDGET.gradeP95Ms);
    row(`${label} wasm memory / JS heap`, `${mb(s.review.wasm_memory_bytes)} / ${mb(s.review.js_heap_bytes)}`);
    seasonRows(`${label} `, s.seasons);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'value', 'budget', 'result'][i].length));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(['measure', 'value', 'budget', 'result']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('no dist/: run `make dist` first (`make bench` does)');
  fs.mkdirSync(WORK, { recursive: true });
  const notes = fs.readdirSync(path.join(ROOT, 'notes')).filter((n) => n.endsWith('.md') && n !== 'README.md').sort()
    .map((n) => fs.readFileSync(path.join(ROOT, 'notes', n)));
  const results = { date: new Date().toISOString(), budgets: BUDGET, sizes: fileSizes(dist), first_load: firstLoad(dist),
    notes_brotli: brotli(Buffer.concat(notes)).length };
  const browser = await launch();
  const server = await serveCompressed(dist);
  const floor = await serveFloor(dist);
  try {
    log('visits');
    results.visits = await visits(browser, server);
    if (process.env.BENCH_LIGHTHOUSE !== '0') {
      results.lighthouse = [];
      for (let i = 1; i <= LIGHTHOUSE_RUNS; i++) {
        log(`Lighthouse ${i}/${LIGHTHOUSE_RUNS}`);
        results.lighthouse.push(await lighthouse(server));
      }
    }
    log(`startup against the floor (${STARTUP_RUNS} rounds)`);
    results.startup = await startupAgainstFloor(browser, server, floor);
    log(`review session of ${GRADES} grades`);
    results.review = await reviewSession(browser, server);
    log(`grades with ${HISTORIES.join(' / ')} reviews in the log`);
    results.seasons = await seasons(browser, server);
    results.startup_history = await startupWithHistory(browser, server, Math.max(...HISTORIES));
    results.fits = [];
    for (const reviews of FITS) {
      log(`FSRS fit of ${reviews} reviews`);
      results.fits.push(await fit(browser, server, reviews));
    }
    results.search = await search(browser, server, KEY_GAP_MS);
    if (results.search) results.search.back_to_back = await search(browser, server, 0);
  } finally {
    await server.close();
  }
  results.scaling = [];
  try {
    for (const cards of SCALES) {
      log(`scaling: ${cards} cards (build and measure)`);
      results.scaling.push(await scale(browser, cards, floor));
    }
  } catch (error) {
    // The shipped build's figures are still worth the table.
    results.scaling_error = error.message;
  } finally {
    await floor.close();
    await browser.close();
  }
  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(table(results));
  console.log(`\nbench: wrote ${path.relative(ROOT, path.join(BENCH, 'results.json'))}`);
  if (results.scaling_error) {
    console.error(`bench: scaling stopped: ${results.scaling_error}`);
    process.exitCode = 1;
  }
}

function log(step) {
  console.error(`bench: ${step}…`);
}

await main();
