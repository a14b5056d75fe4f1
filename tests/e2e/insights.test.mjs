// Search, statistics and settings in the release build: search by keyboard with ё/е folded, stats after a
// few reviews, a theme that survives a reload, a reset that asks first and offers an export, and every
// screen in both themes at 360 px, 1280 px and 200 % zoom without overflow or axe violations (the phone's
// own layout: phone.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, appReady, axeViolations, shippedTopics, screenshot, storedProgress } from './harness.mjs';

const THEME_KEY = 'interview-trainer.theme';
const app = useApp();
const topic = shippedTopics()[0];

async function open(hash, options, theme) {
  const opened = await openPage(app.browser, app.server.origin, options);
  if (theme) await opened.context.addInitScript(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, theme]);
  await opened.page.goto(app.server.base + hash);
  await appReady(opened.page);
  return opened;
}

const stored = storedProgress;
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

/** Grades the next cards of the first topic: Space shows the answer, the digit grades. */
async function grade(page, digits) {
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await page.locator('#review-question').waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  for (const digit of digits) {
    await page.keyboard.press('Space');
    await page.keyboard.press(digit);
  }
}

test('search from the keyboard: / focuses, ё and е match, results grouped, Enter lands on the place', async () => {
  const { page, problems, context } = await open(`#/topic/${topic.slug}`);
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.id === 'search-input');
  assert.equal(new URL(page.url()).hash, '#/search');
  await page.keyboard.type('распределенная блок');
  await page.locator('.result-group').first().waitFor();
  assert.match(await page.locator('#search-status').innerText(), /Найдено: \d+/);
  // The URL follows once typing pauses.
  await page.waitForFunction(() => decodeURIComponent(location.hash) === '#/search?q=распределенная блок');
  const groups = await page.locator('.result-group h2').allInnerTexts();
  assert.equal(new Set(groups).size, groups.length, 'one group per topic');
  const section = page.locator('a.hit', { hasText: 'Распределённая блокировка' }).first();
  assert.deepEqual(await section.locator('mark').allInnerTexts(), ['Распределённая', 'блокировка']);

  await page.keyboard.press('ArrowDown');
  const first = page.locator('a.hit').first();
  assert.ok(await first.evaluate((a) => a === document.activeElement), 'the arrow moves to the first result');
  const href = await first.getAttribute('href');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => location.hash === h, href);
  const target = href.startsWith('#/note/') ? decodeURIComponent(href.slice('#/note/'.length)) : `s-${href.split('/').pop()}`;
  await page.waitForFunction((id) => document.activeElement?.id === id, target);
  assert.ok(await page.locator(`[id="${target}"]`).isVisible());

  // Back returns to the search as it was typed.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#search-input')?.value === 'распределенная блок');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a search link opens with its query; a card links to its own place', async () => {
  const { page, context } = await open('#/search?q=%D0%B8%D0%BD%D0%B4%D0%B5%D0%BA%D1%81');
  assert.equal(await page.locator('#search-input').inputValue(), 'индекс');
  await page.locator('a.hit').first().waitFor();
  assert.ok(await page.locator('.result-group').count() >= 2);
  assert.equal(await page.locator('mark').first().evaluate((m) => m.textContent.toLowerCase().startsWith('индекс')), true);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => p.includes('/deck/')).map((p) => p.split('/').pop().replace(/-[0-9a-f]{16}\.(json|bin)$/, '')));
  assert.deepEqual(fetched, ['skeleton', 'search-index'], 'the index holds its own text: search needs no notes');
  assert.match(await page.locator('#search-status').innerText(), /^Найдено: \d+ \(показаны первые 10\)$/);
  assert.equal(await page.locator('a.hit').count(), 10);
  await page.getByRole('button', { name: 'Показать ещё' }).click();
  assert.equal(await page.locator('a.hit').count(), 20);
  assert.match(await page.locator('#search-status').innerText(), /показаны первые 20/);
  await page.locator('#search-input').fill('нетакогословаточно');
  await page.waitForFunction(() => document.querySelector('#search-status')?.textContent.startsWith('Ничего не найдено'));

  await page.goto(`${app.server.base}#/topic/${topic.slug}`);
  await appReady(page);
  const permalink = page.locator('.card .permalink').nth(3);
  const cardId = await permalink.evaluate((a) => a.closest('.card').id);
  await permalink.click();
  await page.waitForFunction((id) => document.activeElement?.id === id, cardId);
  assert.match(new URL(page.url()).hash, /^#\/note\/card-/);
  await context.close();
});

test('statistics show the reviews just given', async () => {
  const { page, problems, context } = await open('');
  await grade(page, ['4', '3', '1']);
  await page.goto(`${app.server.base}#/stats`);
  await appReady(page);
  const heatmap = await page.locator('svg.heatmap').getAttribute('aria-label');
  assert.equal(heatmap, 'Повторений за 365 дней: 3. Текущая серия: 1 день. Самая длинная серия: 1 день.');
  assert.equal(await page.locator('svg.heatmap rect').count(), 365);
  const states = await page.locator('#states-title + svg').getAttribute('aria-label');
  assert.match(states, /^Новые: \d+, Изучаемые: 2, Молодые \(интервал < 21 дн\): 1, Зрелые \(интервал ≥ 21 дн\): 0, Приостановленные: 0$/);
  assert.match(await page.locator('.chart', { hasText: 'Прогноз' }).innerText(), /Карточек к повторению за 30 дней\s+3/);
  assert.match(await page.locator('.chart', { hasText: 'Кнопки ответа' }).locator('tbody tr').first().innerText(), /Изучение\s+1 \(33 %\)\s+0 \(0 %\)\s+1 \(33 %\)\s+1 \(33 %\)/);
  assert.match(await page.locator('.chart', { hasText: 'Истинное удержание' }).innerText(), /пока нет повторений выученных карточек[\s\S]*Желаемое удержание\s+90 %/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('settings: the dark theme survives a reload; the language choice persists', async () => {
  const { page, context } = await open('#/settings', { colorScheme: 'light' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await page.getByRole('radio', { name: 'Тёмная' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const [r, g, b] = (await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, 'the page is dark after the reload');
  assert.ok(await page.getByRole('radio', { name: 'Тёмная' }).isChecked());
  await page.getByRole('radio', { name: 'English' }).check();
  assert.equal(await page.locator('main h1').innerText(), 'Settings');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('main h1').innerText(), 'Settings');
  await page.getByRole('radio', { name: 'As the system' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'the system is light here');
  await context.close();
});

test('reset asks first, offers an export, then clears progress but keeps settings', async () => {
  const { page, context } = await open('');
  await grade(page, ['3', '3']);
  await page.goto(`${app.server.base}#/settings`);
  await appReady(page);
  await page.locator('#new-per-day').fill('7');
  await page.locator('#new-per-day').dispatchEvent('change');
  await page.getByRole('button', { name: 'Сбросить прогресс…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Сбросить прогресс' });
  assert.ok(await dialog.isVisible());
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  assert.ok(!(await dialog.isVisible()));
  assert.equal((await stored(page)).log.length, 2, 'cancel keeps everything');

  await page.getByRole('button', { name: 'Сбросить прогресс…' }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /Экспортировать прогресс/ }).click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.log.length, 2, 'the export offered in the dialog holds the progress');
  await dialog.getByRole('button', { name: 'Сбросить', exact: true }).click();
  assert.match(await page.getByRole('status').last().innerText(), /Прогресс сброшен/);
  const after = await stored(page);
  assert.deepEqual([after.log.length, Object.keys(after.cards).length, after.settings.new_per_day], [0, 0, 7]);
  await context.close();
});

/** Every screen, a card opened by its own link among them (the first card of `topic`, read from the page). */
async function screensOf(page) {
  await page.goto(`${app.server.base}#/topic/${topic.slug}`);
  await appReady(page);
  const card = await page.locator('.card').first().getAttribute('id');
  return [...screens, ['card', `#/note/${card}`]];
}

const screens = [
  ['home', ''],
  ['topic', `#/topic/${topic.slug}`],
  ['review', `#/review/${topic.slug}`],
  ['progress', '#/progress'],
  ['stats', '#/stats'],
  ['settings', '#/settings'],
  ['more', '#/more'],
  ['search', '#/search?q=%D0%B8%D0%BD%D0%B4%D0%B5%D0%BA%D1%81'],
  ['quiz-setup', '#/quiz'],
  ['quiz', `#/quiz/run?t=${topic.slug}&n=10&seed=1`],
  ['interview', '#/interview'],
  ['plan', '#/plan'],
  ['not-found', '#/no/such/page'],
];

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const theme of ['light', 'dark']) {
  for (const width of [360, 1280]) {
    test(`every screen at ${width}px in the ${theme} theme fits and passes axe`, async () => {
      const { page, problems, context } = await open('', { viewport: { width, height: 800 } }, theme);
      await grade(page, ['4', '3']);
      for (const [name, hash] of await screensOf(page)) {
        await page.goto(`${app.server.base}${hash}`);
        await page.reload();
        await appReady(page);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
        assert.ok((await overflow(page)) <= 0, `${name} overflows at ${width}px`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${name} (${theme}, ${width}px)`);
        await screenshot(page, `screen-${name}-${width}-${theme}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('every screen at 200 % zoom (640 CSS px at device scale 2) fits the width and passes axe', async () => {
  const { page, context } = await open('', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  for (const [name, hash] of await screensOf(page)) {
    await page.goto(`${app.server.base}${hash}`);
    await page.reload();
    await appReady(page);
    assert.ok((await overflow(page)) <= 0, `${name} overflows at 200 % zoom`);
    assert.deepEqual(await axeViolations(page), [], `axe on ${name} at 200 % zoom`);
  }
  await context.close();
});
