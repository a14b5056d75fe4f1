// The release build served under a sub-path by a plain file server: home, topic reader and deep links work,
// by keyboard too, on a phone and in dark mode, with no console errors, no foreign requests and no axe
// violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chunksFetched, useApp, openPage, appReady, axeViolations, shippedTopics, screenshot, DIST } from './harness.mjs';

const app = useApp();
const topics = shippedTopics();
const first = topics[0];

/** Opens `hash` of the app in a fresh context; returns the page and its recorded problems. */
async function open(hash, options) {
  const opened = await openPage(app.browser, app.server.origin, options);
  await opened.page.goto(app.server.base + hash);
  await appReady(opened.page);
  return opened;
}

test('release build uses only relative asset URLs', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const absolute = [...html.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(absolute, []);
});

test('a topic opened by deep link shows its notes with highlighted code', async () => {
  const { page, problems, context } = await open(`#/topic/${first.slug}`);
  assert.equal(await page.locator('main h1').innerText(), first.title);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the page heading');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new page starts at its top');
  assert.match(await page.title(), new RegExp(first.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.ok(await page.locator('.toc li').count() >= 2, 'table of contents');
  assert.ok(await page.locator('.card .q').count() >= 5, 'cards with questions');
  assert.ok(await page.locator('pre span.k').count() >= 1, 'code highlighted at build time');
  assert.ok(await page.locator('.quiz-item details').count() >= 1, 'quiz items with folded answers');
  await page.locator('.quiz-item summary').first().click();
  assert.ok(await page.locator('.quiz-item details[open] .answers li').first().isVisible(), 'the answer unfolds');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a section deep link scrolls to and focuses its heading', async () => {
  const { page, context } = await open(`#/topic/${first.slug}`);
  const href = await page.locator('.toc a').nth(1).getAttribute('href');
  const section = href.split('/').pop();
  await context.close();

  const direct = await open(href);
  await direct.page.waitForFunction((id) => document.activeElement?.id === id, `s-${section}`);
  assert.ok(await direct.page.locator(`#s-${section}`).isVisible());
  assert.deepEqual(direct.problems, []);
  await direct.context.close();
});

test('home lists every topic with counts, and the keyboard opens one', async () => {
  const { page, problems, context } = await open('');
  const tiles = page.locator('.topic-tile');
  assert.equal(await tiles.count(), topics.length);
  for (const [index, topic] of topics.entries()) {
    const text = await tiles.nth(index).innerText();
    assert.ok(text.includes(topic.title), `${topic.slug} tile names its title`);
    assert.match(text, /\d+ карточ(ка|ки|ек) · \d+ вопрос(а|ов)? квиза/);
  }
  const firstLink = page.locator('.topic-tile a').first();
  for (let presses = 0; presses < 10 && !(await firstLink.evaluate((a) => a === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await firstLink.evaluate((a) => a === document.activeElement), 'Tab reaches the first topic');
  await page.keyboard.press('Enter');
  await page.waitForFunction((title) => document.querySelector('main h1')?.textContent === title, first.title);
  assert.equal(new URL(page.url()).hash, `#/topic/${first.slug}`);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('.topic-tile').length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown route says so and links home', async () => {
  const { page, context } = await open('#/no/such/page');
  assert.equal(await page.locator('main h1').innerText(), 'Страница не найдена');
  await page.getByRole('link', { name: 'Все темы' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.topic-tile').length > 0);
  await context.close();
});

test('the interface switches to English and back', async () => {
  const { page, context } = await open('');
  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  assert.equal(await page.locator('main h1').innerText(), 'Topics');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('main h1').innerText(), 'Topics', 'the choice survives a reload');
  await page.getByRole('button', { name: 'Переключить интерфейс на русский' }).click();
  assert.equal(await page.locator('main h1').innerText(), 'Темы');
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [360, 1280]) {
    test(`home and topic at ${width}px in ${colorScheme} mode fit the screen and pass axe`, async () => {
      const options = { viewport: { width, height: 800 }, colorScheme };
      for (const [name, hash] of [['home', ''], ['topic', `#/topic/${first.slug}`]]) {
        const { page, problems, context } = await open(hash, options);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} overflows by ${overflow}px at ${width}px`);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r, g, b] = background.match(/\d+/g).map(Number);
        assert.equal(r + g + b < 150, colorScheme === 'dark', `${name} background ${background} in ${colorScheme} mode`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
        await screenshot(page, `${name}-${width}-${colorScheme}`);
        assert.deepEqual(problems, []);
        await context.close();
      }
    });
  }
}

for (const colorScheme of ['light', 'dark']) {
  test(`every topic renders at 360px in ${colorScheme} mode without errors or overflow and passes axe`, async () => {
    const { page, problems, context } = await open('', { viewport: { width: 360, height: 800 }, colorScheme });
    for (const topic of topics) {
      await page.goto(`${app.server.base}#/topic/${topic.slug}`);
      await page.waitForFunction((title) => document.querySelector('main h1')?.textContent === title, topic.title);
      await appReady(page);
      assert.ok(await page.locator('.card').count() >= 10, `${topic.slug} shows its cards`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${topic.slug} overflows by ${overflow}px`);
      assert.deepEqual(await axeViolations(page), [], `axe on ${topic.slug}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a card opened by its own link can be shared from where it is', async () => {
  const { page, problems } = await openPage(app.browser, app.server.origin);
  await page.goto(`${app.server.base}#/topic/${topics[0].slug}`);
  await appReady(page);
  const card = await page.locator('.card').nth(2).getAttribute('id');
  await page.goto(`${app.server.base}#/note/${card}`);
  await appReady(page);
  const target = page.locator(`[id="${card}"]`);
  await page.waitForFunction((id) => document.activeElement?.id === id, card);
  assert.equal(await page.locator('.card .share button').count(), 1, 'only the linked card has a share button');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await target.locator('.share button').click();
  await target.getByRole('status').filter({ hasText: 'Ссылка скопирована' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${app.server.base}#/note/${card}`);
  assert.deepEqual(problems, []);
});

/** The deck files this page itself fetched, in order (the service worker's precache is not the page's). */
async function deckFilesFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => p.includes('/deck/')).map((p) => p.split('/').pop()));
}

test('home needs no notes; a topic fetches its own notes first, then the rest arrives in the background', async () => {
  const { page, problems, context } = await open('');
  assert.ok(await page.locator('.topic-tile').count() > 0);
  assert.deepEqual(await deckFilesFetched(page), [], 'the first page is drawn from the embedded outline alone');
  await page.locator(`.topic-tile a[href="#/topic/${first.slug}"]`).click();
  await appReady(page);
  assert.ok(await page.locator('.card .q').count() >= 5);
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/deck/')).length >= n,
    topics.length + 1);
  const fetched = await deckFilesFetched(page);
  assert.match(fetched[0], /^skeleton-[0-9a-f]{16}\.bin$/, 'the skeleton first, which every page but home needs');
  assert.match(fetched[1], new RegExp(`^${first.slug}-[0-9a-f]{16}\\.json$`), 'then the open topic');
  assert.equal(new Set(fetched).size, topics.length + 1, 'every topic once, and no search index before a search');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first review card is drawn before the other topics are requested', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
  await page.goto(`${app.server.base}#/review`);
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/deck/')).length >= n,
    topics.length + 1);
  const { shown, wasm, skeleton, starts } = await page.evaluate(() => ({
    shown: performance.getEntriesByName('card-shown')[0].startTime,
    wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm')).startTime,
    skeleton: performance.getEntriesByType('resource').find((e) => /\/deck\/skeleton-/.test(e.name)).startTime,
    starts: performance.getEntriesByType('resource').filter((e) => /\/deck\/.*\.json$/.test(e.name)).map((e) => e.startTime),
  }));
  assert.ok(skeleton < wasm, 'the page fetches the skeleton before the main module, not after it');
  assert.ok(starts[0] < shown, 'the card waits for its own topic');
  assert.ok(starts.slice(1).every((start) => start > shown), 'the background batch starts once the card is drawn');
  assert.deepEqual(problems, []);
  await context.close();
});

test('notes that fail to arrive are reported with a retry that then shows them', async () => {
  // No service worker, so that every fetch of the page meets the route below: the skeleton and the topic fail.
  const { page, problems, context } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
  await page.route('**/deck/*', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(`${app.server.base}#/topic/${first.slug}`);
  const alert = page.locator('main [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Не удалось загрузить заметки[\s\S]*HTTP 503/);
  assert.equal(await page.locator('.card').count(), 0);
  await page.unroute('**/deck/*');
  await alert.getByRole('button').click();
  await page.locator('.card .q').first().waitFor();
  assert.equal(await alert.count(), 0, 'the message goes once the notes are here');
  // The failed responses are the only console errors.
  assert.ok(problems.every((p) => p.includes('503')), problems.join('\n'));
  await context.close();
});

test('home needs no page code; each other page fetches its group\'s files once', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
  await page.goto(app.server.base);
  await appReady(page);
  assert.deepEqual(await chunksFetched(page), [], 'the main module holds the home page');
  // What opening `hash` fetched: its group's module alone among the groups' modules, and a few chunks.
  let seen = [];
  const open = async (hash, group) => {
    await page.evaluate((to) => { location.hash = to; }, hash);
    await page.locator(hash === '#/review' ? '.review-card .q' : 'main h1').first().waitFor();
    if (hash !== '#/review') await appReady(page);
    const all = await chunksFetched(page);
    const fetched = all.slice(seen.length);
    seen = all;
    if (group) {
      assert.deepEqual(fetched.filter((name) => name.startsWith('split_')), [`split_${group}.wasm`], `${hash}: ${fetched.join(' ')}`);
      assert.ok(fetched.length <= 8, `${hash}: its group and the chunks it shares, not a file per piece of shared code: ${fetched.join(' ')}`);
    }
    return fetched;
  };
  await open('#/stats', 'pages');
  assert.equal(await page.locator('main h1').innerText(), 'Статистика');
  assert.deepEqual(await open('#/settings'), [], 'another page of the group needs nothing more');
  await open('#/topic/python-core', 'reader');
  await open('#/review', 'review');
  await open('#/', null);
  assert.deepEqual(await open('#/stats'), [], 'a file is fetched once per session');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const hash of ['#/review', '#/plan/review']) {
  test(`a deep link to ${hash} fetches the review's chunks beside the main module, not after it`, async () => {
    const { page, problems, context } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
    await page.goto(`${app.server.base}${hash}`);
    await appReady(page);
    const timing = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ name: new URL(e.name).pathname.split('/').pop(), start: e.startTime, end: e.responseEnd })));
    const main = timing.find((e) => /^interview-trainer-[0-9a-f]+_bg\.wasm$/.test(e.name));
    const review = timing.filter((e) => /^(split_review|chunk_\d+)\.wasm$/.test(e.name));
    assert.ok(review.some((e) => e.name === 'split_review.wasm'), timing.map((e) => e.name).join(' '));
    // Requested before the main module had arrived (so before it ran and asked for them), each once.
    for (const chunk of review) assert.ok(chunk.start < main.end, `${chunk.name} at ${chunk.start} ms, the main module done at ${main.end} ms`);
    assert.equal(new Set(review.map((e) => e.name)).size, review.length, 'no chunk fetched twice');
    // The bench's breakdown (src/marks.rs): the review's code runs once the app is mounted, before its card.
    await page.waitForFunction(() => performance.getEntriesByName('card-shown').length > 0);
    const marks = await page.evaluate(() => ['app-mounted', 'page-code', 'card-shown']
      .map((name) => performance.getEntriesByName(name).length && performance.getEntriesByName(name)[0].startTime));
    assert.ok(marks.every(Boolean) && marks[0] <= marks[1] && marks[1] <= marks[2], `mounted, page code, card shown: ${marks.join(', ')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The review's deep link compiles its files before the app runs (scripts/wasm-split.mjs): a failure there is the
// loader's to report, in place of the early card, and the retry fetches anew.
for (const [hash, shown] of [['#/stats', 'main h1'], ['#/review', '#review-question']]) {
  test(`a page whose code fails to arrive is reported with a retry that then shows it: ${hash}`, async () => {
    const { page, problems, context } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
    await page.route('**/split-*/*.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.goto(`${app.server.base}${hash}`);
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Не удалось загрузить эту страницу приложения/);
    await page.unroute('**/split-*/*.wasm');
    await alert.getByRole('button').click();
    await page.locator(shown).waitFor();
    assert.equal(await alert.count(), 0, 'the message goes once the page is here');
    if (hash === '#/stats') assert.equal(await page.locator('main h1').innerText(), 'Статистика');
    assert.ok(problems.length > 0 && problems.every((p) => /503|WebAssembly/.test(p)), problems.join('\n'));
    await context.close();
  });
}
