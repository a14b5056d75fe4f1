// Flashcard review and the progress store in the release build: keyboard-only review that survives a
// reload, undo, corrupt storage kept aside, bad imports refused, exports, and two tabs grading in turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, appReady, axeViolations, shippedTopics, storedProgress, waitForStoredReviews } from './harness.mjs';

const KEY = 'interview-trainer.progress';
const app = useApp();
const topic = shippedTopics()[0];

async function open(hash, context) {
  const opened = context ? { context, page: await context.newPage(), problems: [] } : await openPage(app.browser, app.server.origin);
  await opened.page.goto(app.server.base + hash);
  await appReady(opened.page);
  return opened;
}

/** Waits until a review card is shown and the page heading has taken the focus from the last page. */
async function reviewReady(page) {
  await page.locator('#review-question').waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

/**
 * Opens a review in a fresh context whose storage `breakStorage` (an init script given the progress key)
 * sabotages, grades one card Easy and checks that the app says progress is not being saved.
 */
async function gradeWithBrokenStorage(breakStorage) {
  const context = await app.browser.newContext();
  await context.addInitScript(breakStorage, KEY);
  const page = await context.newPage();
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await appReady(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  assert.match(await page.getByRole('alert').innerText(), /не сохраняется/);
  return { page, context };
}

const stored = storedProgress;
/**
 * Every localStorage entry, to see that nothing changed; but the content kept for the next review
 * (src/at_hand.rs), which is written a frame after a card is shown.
 */
const everything = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k !== 'interview-trainer.at-hand').sort()));
/** Replaces what is stored by `progress` as a version-2 document (the layout before 3), which the next load migrates. */
const putVersion2 = (page, progress) => page.evaluate(([key, json]) => {
  for (const k of Object.keys(localStorage)) if (k.startsWith('interview-trainer.v3.')) localStorage.removeItem(k);
  localStorage.setItem(key, json);
}, [KEY, JSON.stringify(progress)]);
const question = (page) => page.locator('#review-question').innerText();
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

test('review by keyboard alone; grades survive a reload', async () => {
  const { page, problems, context } = await open(`#/review/${topic.slug}`);
  assert.equal(await page.locator('.session span').innerText(), '0 / 20', 'a day starts with 20 new cards');
  const first = await question(page);
  await page.keyboard.press('Space');
  assert.ok(await page.locator('.review-card .a').isVisible(), 'Space shows the answer');
  assert.equal(await focusedId(page), 'grade-3', 'focus waits on Good');
  assert.ok(await page.getByRole('group', { name: 'Насколько хорошо вы вспомнили ответ' }).isVisible());
  const intervals = await page.locator('.grade-interval').allInnerTexts();
  assert.deepEqual(intervals.slice(0, 3), ['1 мин', '5 мин', '10 мин']);
  assert.match(intervals[3], /^\d+ дн$/);
  await page.keyboard.press('4');
  assert.equal(await page.locator('.session span').innerText(), '1 / 20');
  assert.notEqual(await question(page), first);
  assert.equal(await focusedId(page), 'reveal', 'focus returns to Show answer');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const log = (await stored(page)).log;
  assert.deepEqual(log.map((e) => e.grade), ['easy', 'good']);
  assert.ok(log.every((e) => e.phase === 'new' && e.answer_ms >= 0));
  assert.deepEqual(await axeViolations(page), []);

  await page.reload();
  await appReady(page);
  assert.equal((await stored(page)).log.length, 2);
  assert.notEqual(await question(page), first, 'the graded card is not new any more');
  await page.goto(`${app.server.base}#/progress`);
  await appReady(page);
  assert.equal(await page.locator('#review-count').innerText(), '2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('u undoes the last grade', async () => {
  const { page, context } = await open(`#/review/${topic.slug}`);
  const first = await question(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('1');
  assert.equal((await stored(page)).log.length, 1);
  await page.keyboard.press('u');
  assert.equal((await stored(page)).log.length, 0);
  assert.deepEqual((await stored(page)).cards, {});
  assert.equal(await question(page), first);
  assert.equal(await page.locator('.session span').innerText(), '0 / 20');
  await context.close();
});

test('corrupt storage is kept aside and reported; the app still works', async () => {
  const { page, context } = await open('');
  await page.evaluate((key) => localStorage.setItem(key, '{"version": 1, "cards": oops'), KEY);
  await page.reload();
  await appReady(page);
  const banner = page.getByRole('alert');
  assert.match(await banner.innerText(), /не удалось прочитать/);
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('backup')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(backups, ['{"version": 1, "cards": oops']);
  const download = page.waitForEvent('download');
  await banner.getByRole('button').click();
  assert.equal(fs.readFileSync(await (await download).path(), 'utf8'), '{"version": 1, "cards": oops');
  await page.goto(`${app.server.base}#/review`);
  await reviewReady(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  assert.equal((await stored(page)).log.length, 1, 'grading works and is saved');
  await context.close();
});

test('a bad import is refused with the reason and changes nothing; exports download', async () => {
  const { page, context } = await open(`#/review/${topic.slug}`);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  const before = await everything(page);
  await page.goto(`${app.server.base}#/progress`);
  await appReady(page);
  for (const [content, reason] of [['{"hello": 1}', /не принят.*not a progress file/], ['not json at all', /не принят.*not JSON/]]) {
    await page.locator('#import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
    await page.waitForFunction(() => document.querySelector('#import-result')?.textContent.length > 0);
    assert.match(await page.locator('#import-result').innerText(), reason);
    assert.equal(await everything(page), before);
  }
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: /Экспортировать прогресс/ }).click();
  const progress = JSON.parse(fs.readFileSync(await (await exported).path(), 'utf8'));
  assert.equal(progress.version, 3);
  assert.equal(progress.log.length, 1);
  const anki = page.waitForEvent('download');
  await page.getByRole('button', { name: /Anki/ }).click();
  const tsv = fs.readFileSync(await (await anki).path(), 'utf8');
  assert.ok(tsv.startsWith('#separator:tab\n#html:true\n#deck column:3\n#tags column:4\n'));
  assert.ok(tsv.split('\n').length > 300);

  // The exported file imports into a fresh profile and merges.
  const other = await open('#/progress');
  await other.page.locator('#import-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(progress)) });
  await other.page.waitForFunction(() => document.querySelector('#import-result')?.textContent.length > 0);
  assert.match(await other.page.locator('#import-result').innerText(), /Импорт выполнен.*1\./);
  assert.equal((await stored(other.page)).log.length, 1);
  await other.context.close();
  await context.close();
});

test('two tabs grading in turn keep every review', async () => {
  const { page: a, context } = await open(`#/review/${topic.slug}`);
  const { page: b } = await open(`#/review/${topic.slug}`, context);
  let graded = 0;
  for (let round = 0; round < 3; round++) {
    for (const [page, other] of [[a, b], [b, a]]) {
      await page.bringToFront();
      await page.keyboard.press('Space');
      await page.keyboard.press('3');
      graded += 1;
      // In turn, as a person switches tabs: the other tab has seen this grade before it grades. (Tabs in
      // separate renderer processes see each other's localStorage writes only after a moment.)
      await waitForStoredReviews(other, graded);
    }
  }
  await a.waitForTimeout(100);
  const log = (await stored(a)).log;
  assert.equal(log.length, 6, JSON.stringify(log.map((e) => e.card)));
  assert.equal(new Set(log.map((e) => `${e.card}@${e.at}`)).size, 6);
  await context.close();
});

test('settings limit new cards; the finished screen says when the next card is due', async () => {
  const { page, context } = await open('#/settings');
  await page.locator('#new-per-day').fill('1');
  await page.locator('#new-per-day').dispatchEvent('change');
  await page.locator('#retention').selectOption('0.85');
  const settings = (await stored(page)).settings;
  assert.deepEqual([settings.new_per_day, settings.desired_retention], [1, 0.85]);
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await reviewReady(page);
  assert.equal(await page.locator('.session span').innerText(), '0 / 1');
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await page.waitForFunction(() => document.activeElement?.id === 'finished');
  assert.match(await page.locator('.finished').innerText(), /Следующая карточка — через \d+ (ч|дн)/);
  await context.close();
});

test('bury and suspend hide a card; unsuspend brings it back; a leech links to its note', async () => {
  const { page, context } = await open(`#/review/${topic.slug}`);
  const first = await question(page);
  await page.getByRole('button', { name: 'Отложить до завтра' }).click();
  const second = await question(page);
  assert.notEqual(second, first);
  await page.getByRole('button', { name: 'Приостановить' }).click();
  assert.ok(![first, second].includes(await question(page)));
  const cards = (await stored(page)).cards;
  const states = Object.values(cards);
  assert.equal(states.filter((c) => c.buried_until > Date.now()).length, 1);
  assert.equal(states.filter((c) => c.suspended).length, 1);

  await page.goto(`${app.server.base}#/progress`);
  await page.getByRole('button', { name: 'Вернуть' }).click();
  assert.equal(Object.values((await stored(page)).cards).filter((c) => c.suspended).length, 0);

  // A card that lapsed 8 times is flagged and links to its place in the notes.
  const leeches = await stored(page);
  for (const card of Object.values(leeches.cards)) { card.buried_until = null; card.leech = true; card.memory.lapses = 8; }
  await putVersion2(page, leeches);
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await page.reload();
  await appReady(page);
  const leech = page.locator('.leech');
  assert.match(await leech.innerText(), /Пиявка/);
  await leech.getByRole('link').click();
  // The link lands on the card itself in the reader.
  await page.waitForFunction(() => location.hash.startsWith('#/note/card-') && document.activeElement?.id.startsWith('card-'));
  assert.equal(await page.locator('main h1').innerText(), topic.title);
  await context.close();
});

test('when storage refuses writes the session goes on in memory and says so', async () => {
  const { page, context } = await gradeWithBrokenStorage(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  assert.equal(await page.locator('.session span').innerText(), '1 / 20', 'the grade counts in memory');
  await page.getByRole('alert').getByRole('link').click();
  assert.equal(await page.locator('#review-count').innerText(), '1', 'and can be exported from the progress page');
  await context.close();
});

test('persistent storage is requested and its answer shown', async () => {
  const { page, context } = await open('#/progress');
  // Chromium answers at once (headless, no prompt): granted or refused, no longer waiting.
  await page.waitForFunction(() => /^браузер (обещал|может)/.test(document.querySelector('#persisted')?.textContent));
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('a section of the notes opens a review of just its cards', async () => {
  const { page, context } = await open(`#/topic/${topic.slug}`);
  const link = page.getByRole('link', { name: 'Повторять карточки раздела' }).nth(1);
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction(() => document.querySelector('#review-question'));
  assert.ok(href.startsWith(`#/review/${topic.slug}/`));
  const section = await page.locator('.review-card .crumbs').innerText();
  assert.equal(await page.locator('main > .crumbs').innerText(), section, 'the card comes from the chosen section');
  await context.close();
});

test('unreadable data that cannot be backed up is never overwritten', async () => {
  const { page, context } = await gradeWithBrokenStorage((key) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, 'garbage from another app');
      sessionStorage.setItem('seeded', '1');
    }
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.includes('backup')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), 'garbage from another app');
  await context.close();
});

/** A version-2 document of `reviews` reviews over 1,200 cards, as a season of use would leave it. */
function season(reviews) {
  const start = Date.UTC(2026, 7, 1);
  const cards = {};
  const log = [];
  for (let i = 0; i < reviews; i++) {
    const card = `${topic.slug}/section-${i % 15}/question-number-${(i * 7919) % 1200}`;
    const at = start + i * 97_000;
    log.push({ card, at, grade: ['again', 'hard', 'good', 'easy'][i % 4], elapsed_days: i % 30, scheduled_days: (i * 3) % 60,
      phase: ['new', 'learning', 'review', 'relearning'][(i >> 2) % 4], answer_ms: 1500 + (i % 9000) });
    cards[card] = { memory: { phase: 'review', due: at + 86_400_000 * 5, stability: 4.5 + (i % 10) / 7, difficulty: 5.25, elapsed_days: 3,
      scheduled_days: 5, reps: 1 + (i % 20), lapses: i % 3, last_review: at }, suspended: false, buried_until: null, leech: false,
      requeued: false, updated: at };
  }
  return { version: 2, settings: { new_per_day: 20, reviews_per_day: 200, desired_retention: 0.9 }, cards, log, quizzes: [], interviews: [] };
}

const keyOf = (e) => `${e.card}@${e.at}@${e.grade}@${e.phase}@${e.elapsed_days}@${e.scheduled_days}@${e.answer_ms}`;

async function exportedProgress(page) {
  await page.goto(`${app.server.base}#/progress`);
  await appReady(page);
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: /Экспортировать прогресс/ }).click();
  return JSON.parse(fs.readFileSync(await (await exported).path(), 'utf8'));
}

test('a version-2 document of 20,000 reviews migrates on load with every review kept; grading goes on', async () => {
  const { page, context } = await open('');
  const document = season(20_000);
  await putVersion2(page, document);
  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null, 'the old value is gone once migrated');
  const used = await page.evaluate(() => Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0));
  assert.ok(used < JSON.stringify(document).length / 10, `layout 3 takes ${used} characters for what took ${JSON.stringify(document).length}`);
  const exported = await exportedProgress(page);
  assert.equal(exported.log.length, 20_000);
  assert.deepEqual(exported.log.map(keyOf), document.log.map(keyOf), 'every review, unchanged and in order');
  assert.deepEqual(exported.cards, document.cards);
  assert.match(await page.locator('#storage-used').innerText(), /из 5\u00a0000\u00a0000 байт/);

  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await reviewReady(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await page.reload();
  await appReady(page);
  assert.equal((await stored(page)).log.length, 20_001, 'the grade after the migration persists');
  await context.close();
});

test('a document near the quota migrates through sessionStorage and leaves other data alone', async () => {
  const { page, context } = await open('');
  const document = JSON.stringify(season(20_000));
  // With another app's data the store is nearly full: the new layout cannot be written beside the old one.
  const filler = 'x'.repeat(5_150_000 - document.length);
  await page.evaluate(([key, json, filler]) => { localStorage.setItem('another-app', filler); localStorage.setItem(key, json); }, [KEY, document, filler]);
  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('another-app')?.length), filler.length);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the session copy is dropped once the layout reads back');
  assert.equal((await stored(page)).log.length, 20_000);
  await context.close();
});

test('the store warns above 80 % full and offers the export', async () => {
  const { page, context } = await open(`#/review/${topic.slug}`);
  assert.equal(await page.locator('#storage-nearly-full').count(), 0);
  await page.evaluate(() => localStorage.setItem('another-app', 'x'.repeat(4_100_000)));
  await page.reload();
  await reviewReady(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  const banner = page.locator('#storage-nearly-full');
  assert.match(await banner.innerText(), /почти заполнено/);
  const exported = page.waitForEvent('download');
  await banner.getByRole('button').click();
  assert.equal(JSON.parse(fs.readFileSync(await (await exported).path(), 'utf8')).log.length, 1);
  await page.goto(`${app.server.base}#/progress`);
  await appReady(page);
  assert.match(await page.locator('#storage-used').innerText(), /\(8\d\.\d %\)/);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
