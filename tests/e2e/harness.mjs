// Shared by the browser tests: dist/ served under a sub-path and Debian's Chromium (scripts/chromium.mjs), with
// every console error and every request to another host recorded.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { before, after } from 'node:test';
import { serve as serveDir, launch, TYPES } from '../../scripts/chromium.mjs';

export { launch, TYPES };

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** Serves `dir` (dist/ unless told) under `prefix` on `port` (0: a free one); see scripts/chromium.mjs. */
export const serve = (dir = DIST, prefix = '/trainer/', port = 0) => serveDir(dir, prefix, port);

/**
 * A fresh browser context and page whose console errors, page errors and requests to anything but
 * `origin` (from any of the context's pages or its service worker) are collected in `problems`.
 */
export async function openPage(browser, origin, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  context.on('request', (request) => {
    const url = request.url();
    // blob: URLs of this origin are its own data (a recorded answer played back).
    const own = url.startsWith(origin + '/') || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
    if (!own) problems.push(`request to another host: ${url}`);
  });
  return { context, page, problems };
}

/**
 * Waits until the app has taken over from the prerendered home, rendered its main heading and the notes the
 * page fetches have arrived.
 */
export async function appReady(page) {
  await page.waitForFunction(() => !document.querySelector('.prerendered'));
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
}

/** The files of split page code (scripts/wasm-split.mjs) this page fetched, in order. */
export async function chunksFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => /\/split-[0-9a-f]{16}\/.*\.wasm$/.test(p)).map((p) => p.split('/').pop()));
}

/** Runs axe-core on the page and returns its violations (WCAG 2.1 A/AA and best practices). */
export async function axeViolations(page) {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
}

/** Topic files in notes/ (the deck the release build embeds), in order, with slug and title. */
export function shippedTopics() {
  return fs.readdirSync(path.join(ROOT, 'notes'))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(ROOT, 'notes', name), 'utf8');
      const title = /^title:\s*(.+)$/m.exec(text)?.[1] ?? /^# (.+)$/m.exec(text)?.[1];
      return { slug: name.replace(/\.md$/, '').replace(/^\d+[-_]/, ''), title: title.trim() };
    });
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/**
 * For a test file: serves dist/ under /trainer/ and launches Chromium before its tests, and stops both
 * after them. The returned object's `server` and `browser` are set once the tests run.
 */
export function useApp(extraArgs = []) {
  const app = { server: null, browser: null };
  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'run `make dist` first');
    app.server = await serve();
    app.browser = await launch(extraArgs);
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/**
 * Runs in the page: the progress stored in localStorage (layout 3, see crates/core/src/storage_layout.rs),
 * decoded independently of the app into the shape of the exported document; null when nothing is stored.
 */
export function decodeStoredProgress() {
  const prefix = 'interview-trainer.v3.';
  const get = (name) => localStorage.getItem(prefix + name);
  const meta = get('meta');
  if (meta === null) return null;
  const reader = (text) => {
    const bytes = [];
    let acc = 0;
    let bits = 0;
    for (const ch of text) {
      acc = ((acc << 15) | (ch.codePointAt(0) - 0x4e00)) & 0x3fffff;
      bits += 15;
      while (bits >= 8) { bits -= 8; bytes.push((acc >> bits) & 0xff); }
    }
    let at = 0;
    const uint = () => {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
      }
    };
    const int = () => { const v = uint(); return v % 2 ? -(v + 1) / 2 : v / 2; };
    const end = uint() + at;
    const byte = () => bytes[at++];
    const float = () => { const view = new DataView(new Uint8Array(bytes.slice(at, at + 8)).buffer); at += 8; return view.getFloat64(0, true); };
    return { uint, int, byte, float, more: () => at < end };
  };
  const ids = [];
  for (let n = 0, text; (text = get(`ids.${n}`)) !== null; n++) if (text) ids.push(...text.split('\n'));
  const phases = ['new', 'learning', 'review', 'relearning'];
  const grades = ['again', 'hard', 'good', 'easy'];
  const cards = {};
  for (let b = 0; b * 256 < ids.length; b++) {
    const text = get(`cards.${b}`);
    if (text === null) continue;
    const r = reader(text);
    while (r.more()) {
      const id = ids[b * 256 + r.uint()];
      const flags = r.byte();
      const memory = { phase: phases[flags & 3], due: r.int(), stability: r.float(), difficulty: r.float(),
        elapsed_days: r.int(), scheduled_days: r.int(), reps: r.uint(), lapses: r.uint(), last_review: null };
      if (flags & 32) memory.last_review = r.int();
      const buried_until = flags & 64 ? r.int() : null;
      cards[id] = { memory, suspended: !!(flags & 4), buried_until, leech: !!(flags & 8), requeued: !!(flags & 16), updated: r.int() };
    }
  }
  const log = [];
  const segments = [];
  for (let n = 0, text; (text = get(`log.${n}`)) !== null; n++) segments.push(text);
  if (get('log.open') !== null) segments.push(get('log.open'));
  for (const text of segments) {
    const r = reader(text);
    let time = 0;
    while (r.more()) {
      const card = ids[r.uint()];
      time += r.int();
      const gp = r.byte();
      log.push({ card, at: time, grade: grades[gp >> 2], phase: phases[gp & 3], elapsed_days: r.int(), scheduled_days: r.int(), answer_ms: r.uint() });
    }
  }
  const history = JSON.parse(get('history') ?? '{"quizzes":[],"interviews":[]}');
  const unique = new Map(log.map((e) => [`${e.card}@${e.at}`, e]));
  const { settings, interview_day = null } = JSON.parse(meta);
  return { version: 3, settings, cards, log: [...unique.values()], ...history, interview_day };
}

/** The progress the app has stored, read from localStorage by the test's own decoder. */
export const storedProgress = (page) => page.evaluate(decodeStoredProgress);

/** Waits until the stored log holds `n` reviews (another tab's writes arrive after a moment). */
export async function waitForStoredReviews(page, n, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    const count = (await storedProgress(page))?.log.length ?? 0;
    if (count === n) return;
    if (Date.now() > until) throw new Error(`stored reviews: ${count}, expected ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * dist/ as a next build, in test-artifacts/`name`: the same files, another version stamped in the page and the
 * worker. Returns its folder and version.
 */
export function nextBuild(version, name = 'next-build') {
  const dir = path.join(ARTIFACTS, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true });
  const next = crypto.createHash('sha256').update(version).digest('hex').slice(0, 16);
  for (const [file, from, to] of [['index.html', `content="${version}"`, `content="${next}"`], ['sw.js', `"version":"${version}"`, `"version":"${next}"`]]) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    assert.ok(text.includes(from), `${file} names build ${version}`);
    fs.writeFileSync(path.join(dir, file), text.replace(from, to));
  }
  return { dir, next };
}

/**
 * A progress document (format 3) whose log is a season of a learner who forgets faster than FSRS-6's defaults assume: each card's stability grows 2.2×
 * with a recall and drops to a fifth with a lapse, on a power forgetting curve with decay 0.5; reviews come
 * when recall is predicted at 90 %, a day or two late now and then. Deterministic (a fixed LCG).
 * The optimiser's browser test and bench import it.
 */
export function fsrsHistory(cards, reviewsPerCard) {
  const DAY = 86_400_000;
  const START = Date.UTC(2025, 0, 6, 9);
  let seed = 20;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const log = [];
  for (let card = 0; card < cards; card += 1) {
    let at = START + (card % 40) * DAY;
    let stability = 0.5 + random() * 2;
    log.push({ card: `synthetic/s/card-${card}`, at, grade: 'good', elapsed_days: 0, scheduled_days: 0, phase: 'new', answer_ms: 4000 });
    for (let n = 1; n < reviewsPerCard; n += 1) {
      const days = Math.max(1, Math.round(stability)) + (random() < 0.2 ? 2 : 0);
      at += days * DAY;
      const recalled = random() < (1 + days / (9 * stability)) ** -0.5 * 0.98;
      stability = recalled ? stability * 2.2 : Math.max(0.5, stability / 5);
      log.push({ card: `synthetic/s/card-${card}`, at, grade: recalled ? (random() < 0.1 ? 'easy' : 'good') : 'again',
        elapsed_days: days, scheduled_days: days, phase: 'review', answer_ms: 3000 });
    }
  }
  log.sort((a, b) => a.at - b.at);
  return { version: 3, settings: { new_per_day: 20, reviews_per_day: 200, desired_retention: 0.9 }, cards: {}, log };
}

/** The main module, whose response holdWasm holds: the app cannot start before it arrives. */
const MAIN_WASM = /\/interview-trainer-[0-9a-f]+_bg\.wasm$/;

/** Holds the main module's response until the returned function releases it: the app cannot start before. */
export async function holdWasm(page) {
  const held = [];
  let released = false;
  await page.route(MAIN_WASM, (route) => (released ? route.continue() : held.push(route)));
  return async () => {
    released = true;
    await Promise.all(held.splice(0).map((route) => route.continue()));
  };
}

/**
 * Before the page's first frame: layout shifts summed, and per frame (sampled in requestAnimationFrame, before
 * it is painted) how many main headings are visible and whether the prerendered home's content is.
 */
export function watchFrames() {
  window.shifts = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.shifts += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  window.frames = [];
  const visible = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility()).length;
  const sample = () => {
    if (window.frames.length < 2000) {
      window.frames.push({ headings: visible('main h1'), home: visible('.prerendered:not([data-route]) main > *') > 0, app: !document.querySelector('.prerendered') });
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

/** Every box on screen in document order (tag, class, rectangle), from the visible prerendered copy or the app. */
export const boxes = (page) => page.evaluate(() => {
  const copy = [...document.querySelectorAll('.prerendered')].find((c) => c.firstElementChild.checkVisibility());
  const root = copy ?? document.body;
  return [...root.querySelectorAll('*')]
    .filter((e) => e.checkVisibility() && !e.closest('script, [role="status"], [role="alert"]'))
    .map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.localName}.${e.getAttribute('class') ?? ''} ${[r.x, r.y, r.width, r.height].map((v) => v.toFixed(2)).join(' ')}`;
    });
});
