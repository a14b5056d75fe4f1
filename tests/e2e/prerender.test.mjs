// The home prerendered into index.html (scripts/prerender.mjs): there before any script runs and without
// JavaScript, in the stored language, taken over by the app with nothing moving and never two copies on screen,
// its links working before the wasm arrives and after, and deep links showing only its shell (or, for a review,
// its first card), cold and offline.
// "Before the wasm" is the main module's response held at the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, serve, openPage, appReady, axeViolations, shippedTopics, holdWasm, watchFrames, boxes } from './harness.mjs';

const app = useApp();
const topics = shippedTopics();
const topic = topics[0];
const DEEP_LINKS = [
  ['#/review', (page) => page.locator('#review-question').waitFor()],
  [`#/topic/${topic.slug}`, async (page) => assert.equal(await page.locator('main h1').innerText(), topic.title)],
  [`#/quiz/run?t=${topic.slug}&n=1&seed=2a`, (page) => page.locator('#quiz-question').waitFor()],
];

/** A fresh page (wasm held unless `hold` is false) watched from its first frame, `lang` stored if given. */
async function open({ width = 1280, height = 800, theme = 'light', lang, hold = true } = {}) {
  const opened = await openPage(app.browser, app.server.origin, { viewport: { width, height }, colorScheme: theme });
  if (lang) await opened.context.addInitScript((code) => localStorage.setItem('interview-trainer.lang', code), lang);
  await opened.context.addInitScript(watchFrames);
  opened.release = hold ? await holdWasm(opened.page) : async () => {};
  return opened;
}

/** The visible topic tiles' texts, the main heading and the header's and tab bar's links. */
const homeText = (page) => page.evaluate(() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
  return {
    heading: shown('main h1').map((h) => h.textContent),
    tiles: shown('.topic-tile a').map((a) => [a.getAttribute('href'), a.innerText.replace(/\s+/g, ' ')]),
    nav: [...document.querySelectorAll('.bar .links a, .tabs a')]
      .filter((a) => !a.closest('.prerendered') || a.closest('.prerendered').firstElementChild.checkVisibility())
      .map((a) => a.getAttribute('href')),
  };
});

test('index.html carries the home in both languages before any script, and shows it without JavaScript', async () => {
  const html = await (await fetch(app.server.base)).text();
  const [head, body] = html.split('</head>');
  // The body's one script, at its end, shows the review's early card (tests/e2e/early-card.test.mjs).
  assert.deepEqual([...body.matchAll(/<script([^>]*)>/g)].map((match) => match[1]), [''], 'one classic inline script in the body');
  assert.match(body, /<\/script>\s*<\/body>/, 'at the end of the body');
  // Inline classic scripts run at once and leave the body alone (the theme's); modules run after parsing (the
  // loader); a classic script with a src would hold the parser, and so the home, until it arrived.
  const scripts = [...head.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
  assert.ok(scripts.some((attributes) => /type="module"/.test(attributes)), 'the loader is a module');
  assert.deepEqual(scripts.filter((attributes) => /\ssrc=/.test(attributes) && !/type="module"/.test(attributes)), [],
    'no script holds the parser');
  for (const lang of ['ru', 'en']) assert.match(body, new RegExp(`^\\s*<body>(.*<div class="prerendered" lang="${lang}" )`, 's'));

  // What the app draws in each language, against the page with JavaScript off (the English copy in the HTML).
  for (const lang of ['ru', 'en']) {
    const live = await open({ lang, hold: false });
    await live.page.goto(app.server.base);
    await appReady(live.page);
    const drawn = await homeText(live.page);
    assert.deepEqual(drawn.tiles.map(([href]) => href), topics.map((t) => `#/topic/${t.slug}`), 'every shipped topic');
    for (const [i, t] of topics.entries()) assert.ok(drawn.tiles[i][1].startsWith(t.title), `${t.title} with its counts`);
    const title = await live.page.title();
    assert.deepEqual(live.problems, []);
    await live.context.close();

    const held = await open({ lang });
    await held.page.goto(app.server.base, { waitUntil: 'domcontentloaded' });
    assert.equal(await held.page.title(), title, "the tab's title before the wasm is the app's, in the stored language");
    await held.context.close();

    const still = await openPage(app.browser, app.server.origin, { javaScriptEnabled: false });
    await still.page.goto(app.server.base);
    const copy = still.page.locator(`.prerendered:not([data-route])[lang="${lang}"]`);
    const prerendered = await still.page.evaluate((code) => {
      const root = document.querySelector(`.prerendered:not([data-route])[lang="${code}"]`);
      return {
        heading: [...root.querySelectorAll('main h1')].map((h) => h.textContent),
        tiles: [...root.querySelectorAll('.topic-tile a')].map((a) => [a.getAttribute('href'), a.innerText.replace(/\s+/g, ' ')]),
        nav: [...root.querySelectorAll('.bar .links a, .tabs a')].map((a) => a.getAttribute('href')),
      };
    }, lang);
    // innerText of a hidden copy is its text content: compare words, not line breaks.
    const words = (tiles) => tiles.map(([href, text]) => [href, text.replace(/\s+/g, '')]);
    assert.deepEqual(prerendered.heading, drawn.heading);
    assert.deepEqual(words(prerendered.tiles), words(drawn.tiles));
    assert.deepEqual(prerendered.nav, drawn.nav);
    // Without JavaScript the document's own language, Russian, is the one on screen.
    assert.equal(await copy.locator('main h1').isVisible(), lang === 'ru');
    assert.deepEqual(still.problems, []);
    await still.context.close();
  }
});

for (const [width, height] of [[1280, 800], [360, 640]]) {
  for (const theme of ['light', 'dark']) {
    test(`${width} px, ${theme}: the app takes the home over with every box where it was and never two on screen`, async () => {
      const { page, problems, context, release } = await open({ width, height, theme });
      await page.goto(app.server.base, { waitUntil: 'domcontentloaded' });
      await page.locator('.prerendered main h1').first().waitFor();
      const before = await boxes(page);
      await release();
      await appReady(page);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      assert.deepEqual(await boxes(page), before);
      const { shifts, frames } = await page.evaluate(() => ({ shifts: window.shifts, frames: window.frames }));
      assert.equal(shifts, 0, 'no layout shift over load and takeover');
      assert.ok(frames.some((f) => !f.app) && frames.some((f) => f.app), 'frames before and after the takeover were seen');
      assert.deepEqual(frames.filter((f) => f.headings !== 1), [], 'one main heading in every frame');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('English stored: the English copy is the one shown before the wasm, and the app keeps it in place', async () => {
  const { page, problems, context, release } = await open({ lang: 'en', width: 360, height: 640 });
  await page.goto(app.server.base, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.ok(await page.locator('.prerendered:not([data-route])[lang="en"] main h1').isVisible());
  assert.ok(!(await page.locator('.prerendered:not([data-route])[lang="ru"] main h1').isVisible()));
  const before = { text: await homeText(page), boxes: await boxes(page) };
  await release();
  await appReady(page);
  assert.deepEqual({ text: await homeText(page), boxes: await boxes(page) }, before);
  const frames = await page.evaluate(() => window.frames);
  assert.deepEqual(frames.filter((f) => f.headings !== 1), [], 'one main heading in every frame');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the prerendered home passes axe in both languages and themes, at 1280 px and 360 px', async () => {
  for (const [lang, theme, width] of [['ru', 'light', 1280], ['en', 'dark', 1280], ['ru', 'dark', 360], ['en', 'light', 360]]) {
    const { page, problems, context, release } = await open({ lang, theme, width, height: 800 });
    await page.goto(app.server.base, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('.prerendered').count(), 4, 'the app has not started (home and review, in two languages)');
    assert.deepEqual(await axeViolations(page), [], `${lang} ${theme} ${width} px`);
    await release();
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a topic link and a nav link work in the prerendered page before the wasm, and in the app after', async () => {
  for (const [selector, check] of [
    [`a[href="#/topic/${topic.slug}"]`, async (page) => assert.equal(await page.locator('main h1').innerText(), topic.title)],
    ['.bar .links a[href="#/quiz"]', (page) => page.locator('.bar .links a[href="#/quiz"][aria-current="page"]').waitFor()],
  ]) {
    const { page, problems, context, release } = await open();
    await page.goto(app.server.base, { waitUntil: 'domcontentloaded' });
    const href = await page.locator(`.prerendered:not([data-route])[lang="ru"] ${selector}`).first().getAttribute('href');
    await page.locator(`.prerendered:not([data-route])[lang="ru"] ${selector}`).first().click();
    assert.equal(new URL(page.url()).hash, href, 'the hash follows the link before the app runs');
    assert.ok(!(await page.locator('.prerendered main h1').first().isVisible()), 'the home\'s content steps aside');
    assert.ok(await page.locator('.prerendered:not([data-route])[lang="ru"] .bar').isVisible(), 'its header stays');
    await release();
    await appReady(page);
    await check(page);

    // The same link in the app.
    await page.locator('.brand').click();
    await appReady(page);
    await page.locator(selector).first().click();
    assert.equal(new URL(page.url()).hash, href);
    await appReady(page);
    await check(page);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** Frames of a deep link before the app drew it: none may show the home's content. */
async function assertNoHomeShown(page, hash) {
  const frames = await page.evaluate(() => window.frames);
  assert.ok(frames.length > 0, 'frames were seen');
  assert.deepEqual(frames.filter((f) => f.home), [], `${hash}: the home's content never shows`);
}

test('deep links to a review, a topic and a quiz show only the shell first and open cold', async () => {
  for (const [hash, opened] of DEEP_LINKS) {
    for (const hold of [true, false]) {
      const { page, problems, context, release } = await open({ width: 360, height: 640, hold });
      await page.goto(app.server.base + hash, { waitUntil: 'domcontentloaded' });
      if (hold) {
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        // A fresh profile's review shows its first card (tests/e2e/early-card.test.mjs), any other page the shell.
        const first = hash === '#/review' ? '.prerendered[data-route="review"][lang="ru"] .review-card' : '.prerendered:not([data-route])[lang="ru"] .bar';
        assert.ok(await page.locator(first).isVisible(), `${hash}: ${first} shows`);
        await release();
      }
      await appReady(page);
      await opened(page);
      assert.equal(new URL(page.url()).hash, hash);
      await assertNoHomeShown(page, hash);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('deep links to a review, a topic and a quiz open offline once the worker has installed', async () => {
  const server = await serve();
  const { page, problems, context } = await openPage(app.browser, server.origin);
  await context.addInitScript(watchFrames);
  await page.goto(server.base);
  await appReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await server.close();
  await assert.rejects(fetch(server.base), 'the server is stopped');
  for (const [hash, opened] of DEEP_LINKS) {
    await page.goto('about:blank');
    await page.goto(server.base + hash);
    await appReady(page);
    await opened(page);
    await assertNoHomeShown(page, hash);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
