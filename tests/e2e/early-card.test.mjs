// `#/review`'s first card before any wasm runs (index.html's body script, src/prerendered.rs): a fresh
// profile sees the card scripts/prerender.mjs rendered, a returning learner the card src/at_hand.rs computed for
// this moment; the app takes the page over with the same card in the same place, keeps an answer asked for
// meanwhile, and never shows a card it would not show itself. "Before the wasm" is the main module held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, appReady, axeViolations, holdWasm, watchFrames, boxes } from './harness.mjs';

const app = useApp();
const AT_HAND = 'interview-trainer.at-hand';
const EARLY = (lang = 'ru') => `.prerendered[data-route="review"][lang="${lang}"]`;

/** A fresh context (its service worker blocked, so that the main module can be held) watched from its first frame. */
async function open(options = {}) {
  const opened = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block', ...options });
  await opened.context.addInitScript(watchFrames);
  return opened;
}

/** Opens `#/review` in a new page of `context` with the main module held; the release function with it. */
async function openHeld(context) {
  const page = await context.newPage();
  const release = await holdWasm(page);
  await page.goto(app.server.base + '#/review', { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return { page, release };
}

/** The early card's question, crumbs and count, or null when none is on screen. */
const earlyCard = (page, lang = 'ru') => page.evaluate((selector) => {
  const copy = document.querySelector(selector);
  if (!copy?.querySelector('.review-card').checkVisibility()) return null;
  return { question: copy.querySelector('.review-card .q').textContent, crumbs: copy.querySelector('.review-card .crumbs').textContent,
    count: copy.querySelector('.session span').textContent };
}, EARLY(lang));

/** The app's card, in the same terms. */
const appCard = (page) => page.evaluate(() => ({
  question: document.querySelector('#review-question').textContent,
  crumbs: document.querySelector('.review-card .crumbs').textContent,
  count: document.querySelector('.session span').textContent,
}));

/**
 * Takes the held module in and waits for the app's card; checks that nothing moved, and one heading in every
 * frame (none while a page without an early card shows only the shell).
 */
async function takeOver(page, release, before) {
  await release();
  await appReady(page);
  await page.locator('#review-question').waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await page.locator('.prerendered').count(), 0, 'the copies are gone');
  if (before) assert.deepEqual(await boxes(page), before, 'every box where it was');
  const { shifts, frames } = await page.evaluate(() => ({ shifts: window.shifts, frames: window.frames }));
  assert.equal(shifts, 0, 'no layout shift');
  const headings = before ? [1] : [0, 1];
  // The parser may yield a frame mid-body as the bytes arrive, before the body's script has shown the card:
  // that frame shows the shell alone, as any deep link may. From the card's first frame on, one heading.
  const shown = Math.max(0, frames.findIndex((f) => f.headings > 0 || f.home));
  const wrong = frames.map((f, frame) => ({ frame, ...f })).slice(shown).filter((f) => !headings.includes(f.headings) || f.home);
  assert.deepEqual(wrong, [], `one main heading and never the home, in every frame (of ${frames.length})`);
}

/** Grades the app's card Good, waits for the next one and for what src/at_hand.rs keeps for the next visit. */
async function gradeGood(page) {
  const before = await page.locator('#review-question').textContent();
  // The keys go to the page once the focus is on its heading (a frame after the page is drawn) or the button.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' || document.activeElement?.id === 'reveal');
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await page.waitForFunction((text) => document.querySelector('#review-question')?.textContent !== text, before);
  await page.waitForFunction((key) => {
    const kept = JSON.parse(localStorage.getItem(key) ?? '{}');
    const html = document.createElement('div');
    html.innerHTML = kept.cards?.[0]?.[2] ?? '';
    return kept.early && html.textContent === document.querySelector('#review-question').textContent;
  }, AT_HAND);
}

for (const [lang, width, height, theme] of [['ru', 1280, 800, 'light'], ['en', 390, 844, 'dark']]) {
  test(`fresh profile, ${lang}, ${width} px, ${theme}: the first card shows before the wasm and the app takes it over in place`, async () => {
    const { context, problems } = await open({ viewport: { width, height }, colorScheme: theme });
    if (lang === 'en') await context.addInitScript(() => localStorage.setItem('interview-trainer.lang', 'en'));
    const { page, release } = await openHeld(context);
    const early = await earlyCard(page, lang);
    const title = await page.title();
    assert.ok(early?.question.length > 0, 'a card with its question');
    assert.ok(await page.evaluate(() => performance.getEntriesByName('card-painted').length === 1), 'marked for make bench');
    assert.equal(await page.locator('html').getAttribute('data-early-card'), '');
    assert.deepEqual(await axeViolations(page), []);
    const before = await boxes(page);
    await takeOver(page, release, before);
    assert.deepEqual(await appCard(page), early, 'the card the app shows itself');
    assert.equal(await page.title(), title, "the tab's title the app gives the review");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** A first visit to `#/review` in a fresh context that grades `grades` cards Good. */
async function firstVisit(grades) {
  const opened = await open();
  await opened.page.goto(app.server.base + '#/review');
  await appReady(opened.page);
  for (let i = 0; i < grades; i++) await gradeGood(opened.page);
  return opened;
}

test('a returning learner sees the card the app starts with, then answers it after the takeover', async () => {
  const { context, page, problems } = await firstVisit(2);
  const { question, crumbs } = await appCard(page);
  await page.close();

  const again = await openHeld(context);
  const early = await earlyCard(again.page);
  assert.deepEqual({ ...early, count: undefined }, { question, crumbs, count: undefined }, 'the card that was next');
  await takeOver(again.page, again.release, await boxes(again.page));
  assert.deepEqual(await appCard(again.page), early, 'the card the app starts with, and the count of a new session');
  await again.page.keyboard.press('Space');
  assert.ok((await again.page.locator('.review-card .a').textContent()).length > 0, 'its answer');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the answer asked for before the app runs, by key or button, shows once it has taken over', async () => {
  for (const ask of [(page) => page.keyboard.press('Space'), (page) => page.locator(`${EARLY()} .review-card .primary`).click()]) {
    const { context, problems } = await open();
    const { page, release } = await openHeld(context);
    await ask(page);
    assert.equal(await page.locator('html').getAttribute('data-reveal-asked'), '');
    await release();
    await page.locator('.review-card .a').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'grade-3');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a card computed for other progress, another build, another time zone or a time gone by is not shown early', async () => {
  const { context, page, problems } = await firstVisit(1);
  const { question: next } = await appCard(page);
  const kept = await page.evaluate((key) => localStorage.getItem(key), AT_HAND);
  await page.close();
  const changes = {
    'progress changed since': (early) => ({ ...early, seq: early.seq - 1 }),
    'another build': (early) => ({ ...early, build: 'another' }),
    'another time zone': (early) => ({ ...early, offset: early.offset + 60 }),
    'computed for a time gone by': (early) => ({ ...early, until: Date.now() - 1 }),
    'computed for later': (early) => ({ ...early, first: early.first.map(([from, ...rest]) => [Date.now() + 3_600_000, ...rest]) }),
  };
  for (const [what, change] of Object.entries(changes)) {
    const record = JSON.parse(kept);
    record.early = change(record.early);
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [AT_HAND, JSON.stringify(record)]);
    const held = await openHeld(context);
    assert.equal(await earlyCard(held.page), null, what);
    await takeOver(held.page, held.release);
    assert.equal((await appCard(held.page)).question, next, `${what}: the app shows its card`);
    await held.page.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('leaving the early card for another page before the app runs shows that page once it does', async () => {
  const { context, problems } = await open();
  const { page, release } = await openHeld(context);
  const href = await page.locator(`${EARLY()} .card-actions a`).getAttribute('href');
  await page.locator(`${EARLY()} .card-actions a`).click();
  assert.equal(new URL(page.url()).hash, href);
  assert.equal(await earlyCard(page), null, 'the card steps aside at once');
  await release();
  await appReady(page);
  const anchor = decodeURIComponent(href.slice('#/note/'.length));
  await page.locator(`#main [id="${anchor}"]`).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
