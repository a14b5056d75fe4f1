// The second visit's first card: it needs nothing from the network (the worker's cache serves the build, and
// the card's content was kept at hand by src/at_hand.rs, so its topic file is not waited for), and the kept
// content is never used when it does not fit this build or cannot be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, serve, openPage, appReady } from './harness.mjs';

const app = useApp();
const AT_HAND = 'interview-trainer.at-hand';

const question = (page) => page.locator('#review-question').innerText();
/** What src/at_hand.rs kept: [id, topic file, question HTML, answer HTML, crumbs, notes link, leech] per card. */
const atHand = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').cards ?? [], AT_HAND);

/** Opens the review of the whole deck in a new page of `context` and waits for its first card. */
async function openReview(context, base) {
  const page = await context.newPage();
  await page.goto(base + '#/review');
  await page.locator('#review-question').waitFor();
  return page;
}

/** Grades the card on screen Good and waits until the next card's content is kept. */
async function gradeAndKeep(page) {
  const before = await question(page);
  // The keys go to the page once its heading has the focus (it takes it a frame after the page is drawn).
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await page.waitForFunction((text) => document.querySelector('#review-question')?.innerText !== text, before);
  const next = await question(page);
  await page.waitForFunction((key) => {
    const kept = JSON.parse(localStorage.getItem(key) ?? '{}').cards?.[0];
    const html = document.createElement('div');
    html.innerHTML = kept?.[2] ?? '';
    return html.textContent === document.querySelector('#review-question').textContent;
  }, AT_HAND);
  return next;
}

/** A fresh context and page (see openPage) whose later pages' console errors are collected too. */
async function openWatched(origin, options) {
  const opened = await openPage(app.browser, origin, options);
  opened.context.on('page', (page) => {
    page.on('console', (msg) => { if (msg.type() === 'error') opened.problems.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (error) => opened.problems.push(`page error: ${error.message}`));
  });
  return opened;
}

test('a second visit with the server stopped shows the first card', async () => {
  const server = await serve();
  const { page, context, problems } = await openWatched(server.origin);
  await page.goto(server.base + '#/review');
  await appReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  const next = await gradeAndKeep(page);
  // The worker's copy of the main module keeps its type, which streaming compilation requires.
  const wasmType = await page.evaluate(async () => {
    const url = performance.getEntriesByType('resource').find((entry) => /\/interview-trainer-[0-9a-f]+_bg\.wasm$/.test(entry.name)).name;
    return (await caches.match(url))?.headers.get('content-type');
  });
  assert.equal(wasmType, 'application/wasm');
  await page.close();
  await server.close();
  await assert.rejects(fetch(server.base), 'the server is stopped');

  const second = await openReview(context, server.base);
  assert.equal(await question(second), next, 'the card that was next when the first visit ended');
  await second.keyboard.press('Space');
  assert.ok((await second.locator('.review-card .a').innerText()).length > 0, 'and its answer');
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * A first visit without the worker (so that the page's requests can be held here): grades a card and returns
 * the next one's question and what was kept.
 */
async function firstVisit() {
  const opened = await openWatched(app.server.origin, { serviceWorkers: 'block' });
  await opened.page.goto(app.server.base + '#/review');
  await appReady(opened.page);
  const next = await gradeAndKeep(opened.page);
  return { ...opened, next, kept: await atHand(opened.page) };
}

test('the first card of a second visit is shown while its topic file is still on its way', async () => {
  const { page, context, problems, next, kept } = await firstVisit();
  assert.ok(kept.every(([id, file]) => id.includes('/') && /^deck\/.+-[0-9a-f]+\.json$/.test(file)), 'ids and files');
  await page.close();

  const held = [];
  let holding = true;
  await context.route('**/deck/*.json', (route) => (holding ? held.push(route) : route.continue()));
  const second = await openReview(context, app.server.base);
  assert.equal(await question(second), next);
  await second.keyboard.press('Space');
  assert.ok((await second.locator('.review-card .a').innerText()).length > 0, 'the answer is kept too');
  assert.ok(held.length > 0, 'the topic is fetched, after the card is shown');
  holding = false;
  for (const route of held) await route.continue();
  await second.keyboard.press('3');
  await second.waitForFunction((text) => document.querySelector('#review-question')?.innerText !== text, next);
  assert.deepEqual(problems, []);
  await context.close();
});

test('kept content of another build, or that cannot be read, is not used: the card comes from its topic file', async () => {
  const { page, context, problems, next, kept } = await firstVisit();
  // A build whose topic file has another name (another content hash) kept this card's HTML.
  const otherBuild = kept.map(([id, file, ...rest]) => [id, file.replace(/-[0-9a-f]+\.json$/, '-0000000000000000.json'), '<p>stale</p>', '<p>stale</p>', ...rest.slice(2)]);
  // The list an earlier release kept ([id, file, question, answer] per card) is read as nothing kept, too.
  const earlier = JSON.stringify(kept.map((entry) => entry.slice(0, 4)));
  for (const value of [JSON.stringify({ cards: otherBuild }), '{"cards": [["unreadable"', '{"cards": "not a list"}', earlier]) {
    await page.evaluate(([key, v]) => localStorage.setItem(key, v), [AT_HAND, value]);
    const again = await openReview(context, app.server.base);
    assert.equal(await question(again), next, value.slice(0, 20));
    await again.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});
