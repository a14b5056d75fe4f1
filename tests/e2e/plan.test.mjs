// The interview day in the release build: a date and topics give the plan and the readiness forecast, grades
// move the forecast, the plan survives a reload and an export/import, a limit too low is raised only by the
// learner, the final review asks the weakest cards first, after the date the learner says how it went; and
// answers recorded aloud in the mock interview with Chromium's fake microphone (played back, still listed
// after a reload, deleted), a denied microphone that leaves the interview as it was, axe on every new screen
// in both themes; the optional answer timer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, openPage, appReady, chunksFetched, axeViolations, shippedTopics, storedProgress } from './harness.mjs';

const app = useApp(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);
const topic = shippedTopics()[0];
const LEGACY_KEY = 'interview-trainer.progress';
const THEME_KEY = 'interview-trainer.theme';
const DAY = 86_400_000;

async function open(hash, { theme, init, viewport } = {}) {
  const opened = await openPage(app.browser, app.server.origin, viewport ? { viewport } : {});
  if (theme) await opened.context.addInitScript(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, theme]);
  if (init) await opened.context.addInitScript(init);
  await opened.page.goto(app.server.base + hash);
  await appReady(opened.page);
  return opened;
}

/** The local date `days` from today as `YYYY-MM-DD`, in the page's time zone. */
const dateIn = (page, days) => page.evaluate((d) => {
  const date = new Date();
  date.setDate(date.getDate() + d);
  return date.toLocaleDateString('sv-SE');
}, days);

async function setDate(page, date, topics = []) {
  await page.goto(app.server.base + '#/plan');
  await appReady(page);
  await page.locator('#interview-date').fill(date);
  for (const slug of topics) await page.locator(`input[name="plan-topic"][value="${slug}"]`).check();
  await page.locator('#plan-save').click();
  await page.waitForFunction(() => document.querySelector('#plan-status')?.textContent.length > 0);
}

const percent = async (locator) => Number((await locator.innerText()).match(/(\d+) %/)[1]);

/** Replaces what is stored by `progress` under the version-2 key, which the next load migrates. */
const putDocument = (page, progress) => page.evaluate(([key, json]) => {
  for (const k of Object.keys(localStorage)) if (k.startsWith('interview-trainer.v3.')) localStorage.removeItem(k);
  localStorage.setItem(key, json);
}, [LEGACY_KEY, JSON.stringify(progress)]);

test('a date and topics give the plan and the forecast; grades move it; it survives a reload and an export/import', async () => {
  const { page, problems, context } = await open('#/');
  assert.equal(await page.locator('#plan-link').innerText(), 'Указать дату собеседования');
  const date = await dateIn(page, 20);
  await setDate(page, date, [topic.slug]);
  assert.equal(await page.locator('#plan-status').innerText(), 'Сохранено');
  assert.equal(await page.locator('#days-left').innerText(), 'До собеседования 20 дней');
  assert.equal(await percent(page.locator('#readiness-overall')), 0, 'nothing seen: nothing recalled');
  assert.match(await page.locator('#readiness-lead').innerText(), /прогноз.*FSRS.*как 0/is);
  const unseen = Number(await page.locator('#plan-facts dd').first().innerText());
  assert.ok(unseen > 0);
  assert.equal(Number(await page.locator('#plan-needed').innerText()), Math.ceil(unseen / 18), 'new cards end 3 days before');
  assert.equal(await page.locator('.readiness-topic').count(), 1, 'only the chosen topic');
  assert.equal(await page.locator('.readiness-topic svg[role="img"]').count(), 1);

  await page.locator('#plan-study').click();
  await page.locator('#review-question').waitFor();
  assert.equal(await page.locator('#review-scope').innerText(), 'Дата собеседования');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Space');
    await page.locator('#grade-3').waitFor();
    await page.keyboard.press('3');
  }
  await page.goto(app.server.base + '#/plan');
  await appReady(page);
  const moved = await percent(page.locator('#readiness-overall'));
  assert.ok(moved > 0, `three cards seen move the forecast (${moved} %)`);
  assert.ok(await percent(page.locator(`.readiness-topic[data-topic="${topic.slug}"] .readiness-figures`)) > 0);

  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('#days-left').innerText(), 'До собеседования 20 дней');
  assert.equal(await page.locator('#interview-date').inputValue(), date);
  assert.ok(await page.locator(`input[name="plan-topic"][value="${topic.slug}"]`).isChecked());
  await page.goto(app.server.base + '#/');
  await appReady(page);
  assert.equal(await page.locator('#days-left').innerText(), 'До собеседования 20 дней', 'home leads with the days left');
  assert.match(await page.locator('#plan-today').innerText(), /^Сегодня по плану: \d+ нов(ая|ых) · \d+ повторени[еяй]$/);

  await page.goto(app.server.base + '#/progress');
  await appReady(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Экспортировать прогресс/ }).click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.version, 3);
  assert.deepEqual([exported.interview_day.date, exported.interview_day.topics], [date, [topic.slug]]);

  const other = await open('#/progress');
  await other.page.locator('#import-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await other.page.waitForFunction(() => document.querySelector('#import-result')?.textContent.length > 0);
  await other.page.goto(app.server.base + '#/plan');
  await appReady(other.page);
  assert.equal(await other.page.locator('#days-left').innerText(), 'До собеседования 20 дней', 'the import brings the date');
  assert.equal(await percent(other.page.locator('#readiness-overall')), moved);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await context.close();
  await other.context.close();
});

test('a limit too low is said, and only the learner raises it, for this plan alone', async () => {
  const { page, problems, context } = await open('#/');
  await setDate(page, await dateIn(page, 4));
  assert.equal(await page.locator('#days-left').innerText(), 'До собеседования 4 дня');
  assert.equal(await page.locator('#plan-too-low').innerText(), 'Лимит слишком мал, чтобы увидеть все карточки к сроку.');
  const needed = Number(await page.locator('#plan-needed').innerText());
  assert.equal(Number(await page.locator('#plan-limit').innerText()), 20);
  assert.ok(needed > 20);
  assert.equal((await storedProgress(page)).interview_day.new_per_day, null, 'nothing raised silently');
  await page.locator('#plan-raise').click();
  await page.locator('#plan-raised').waitFor();
  assert.equal(Number(await page.locator('#plan-limit').innerText()), needed);
  assert.equal(await page.locator('#plan-too-low').count(), 0);
  const progress = await storedProgress(page);
  assert.deepEqual([progress.interview_day.new_per_day, progress.settings.new_per_day], [needed, 20], 'the setting stays');
  await page.goto(app.server.base + '#/plan/review');
  await page.locator('#review-question').waitFor();
  assert.equal(await page.locator('.session span').innerText(), `0 / ${needed}`, 'the plan\'s new cards are offered');
  await page.goto(app.server.base + '#/plan');
  await appReady(page);
  await page.locator('#plan-restore').click();
  await page.locator('#plan-too-low').waitFor();
  assert.equal(Number(await page.locator('#plan-limit').innerText()), 20);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Three cards of the first topic, seen five days ago with the given stabilities (days), due or not. */
async function seenCards(page) {
  await page.goto(app.server.base + `#/review/${topic.slug}`);
  await page.locator('#review-question').waitFor();
  const ids = [];
  while (ids.length < 3) {
    const href = await page.locator('.card-actions a').getAttribute('href');
    const id = decodeURIComponent(href.slice('#/note/card-'.length));
    await page.keyboard.press('Space');
    await page.locator('#grade-3').waitFor();
    await page.keyboard.press('3');
    if (!ids.includes(id)) ids.push(id);
    await page.waitForFunction((shown) => !document.querySelector('.card-actions a')?.getAttribute('href').endsWith(shown), encodeURIComponent(id).replaceAll('%2F', '/'));
  }
  return ids;
}

test('the final review asks the cards weakest on the day first, due or not, and logs normal reviews', async () => {
  const { page, problems, context } = await open('#/');
  const [strong, weak, middle] = await seenCards(page);
  const now = Date.now();
  const state = (stability, due) => ({
    memory: { phase: 'review', due, stability, difficulty: 5, elapsed_days: 3, scheduled_days: 3, reps: 3, lapses: 0, last_review: now - 5 * DAY },
    suspended: false, buried_until: null, leech: false, requeued: false, updated: now - 5 * DAY,
  });
  const doc = {
    version: 3, settings: { new_per_day: 20, reviews_per_day: 200, desired_retention: 0.9 },
    cards: { [strong]: state(60, now + 40 * DAY), [weak]: state(1, now - DAY), [middle]: state(8, now + 3 * DAY) },
    log: [], quizzes: [], interviews: [],
    interview_day: { date: await dateIn(page, 1), topics: [topic.slug], new_per_day: null, outcome: null, updated: now },
  };
  await putDocument(page, doc);
  await page.goto(app.server.base + '#/');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('#days-left').innerText(), 'До собеседования 1 день');
  const banner = await chunksFetched(page);
  assert.ok(banner.includes('split_banner.wasm') && !banner.includes('split_pages.wasm'), `the day's banner brings only its own code to home: ${banner.join(' ')}`);
  await page.getByRole('link', { name: 'Финальное повторение' }).click();
  await page.locator('#review-question').waitFor();
  assert.equal(await page.locator('#review-scope').innerText(), 'Финальное повторение');
  const shown = async () => decodeURIComponent((await page.locator('.card-actions a').getAttribute('href')).slice('#/note/card-'.length));
  const order = [];
  for (let i = 0; i < 3; i++) {
    order.push(await shown());
    await page.keyboard.press('Space');
    await page.locator('#grade-3').waitFor();
    await page.keyboard.press('3');
    await page.waitForFunction((n) => document.querySelector('.session span')?.textContent.startsWith(`${n} /`), i + 1);
  }
  assert.deepEqual(order, [weak, middle, strong], 'lowest predicted recall on the day first; the strong card was not due');
  const log = (await storedProgress(page)).log;
  assert.deepEqual(log.map((e) => [e.card, e.phase]), [[weak, 'review'], [middle, 'review'], [strong, 'review']], 'logged as reviews');
  assert.deepEqual(problems, []);
  await context.close();
});

test('after the date: how it went, a new date, back to the normal schedule', async () => {
  const { page, problems, context } = await open('#/');
  const yesterday = await dateIn(page, -1);
  await putDocument(page, {
    version: 3, settings: { new_per_day: 20, reviews_per_day: 200, desired_retention: 0.9 }, cards: {}, log: [], quizzes: [], interviews: [],
    interview_day: { date: yesterday, topics: [], new_per_day: 50, outcome: null, updated: Date.now() },
  });
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('#days-left').innerText(), 'Дата собеседования прошла');
  assert.equal(await page.getByRole('link', { name: 'Новая дата' }).getAttribute('href'), '#/plan');
  await page.getByRole('button', { name: 'Хорошо' }).click();
  await page.waitForFunction(() => document.querySelector('[aria-pressed="true"]')?.textContent === 'Хорошо');
  assert.equal((await storedProgress(page)).interview_day.outcome, 'well');
  await page.goto(app.server.base + '#/review');
  await page.locator('#review-question').waitFor();
  assert.equal(await page.locator('.session span').innerText(), '0 / 20', 'the plan\'s raised limit ended with its date');
  await page.goto(app.server.base + '#/');
  await appReady(page);
  await page.locator('#plan-done').click();
  await page.locator('#plan-link').waitFor();
  assert.equal((await storedProgress(page)).interview_day, null);
  assert.deepEqual(problems, []);
  await context.close();
});

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the new screens have no axe violations in either theme, and fit a 360 px phone', async () => {
  for (const [theme, width] of [['light', 1280], ['dark', 360]]) {
    const { page, problems, context } = await open('#/', { theme, viewport: { width, height: 800 } });
    await setDate(page, await dateIn(page, 10), [topic.slug]);
    assert.deepEqual(await axeViolations(page), [], `plan, ${theme}`);
    assert.ok((await overflow(page)) <= 0, `the plan fits ${width} px`);
    await page.goto(app.server.base + '#/');
    await page.locator('#days-left').waitFor();
    assert.deepEqual(await axeViolations(page), [], `home with a date, ${theme}`);
    assert.ok((await overflow(page)) <= 0, `home fits ${width} px`);
    await setDate(page, await dateIn(page, 2), [topic.slug]);
    await page.goto(app.server.base + '#/plan/review');
    await page.locator('#review-question').waitFor();
    assert.deepEqual(await axeViolations(page), [], `plan review, ${theme}`);
    await page.goto(app.server.base + '#/interview');
    await appReady(page);
    await page.locator('#interview-start').click();
    await page.locator('#record-start').click();
    await page.locator('#record-stop').waitFor();
    await page.waitForTimeout(500);
    await page.locator('#show-model-answer').click();
    await page.locator('#playback').waitFor();
    assert.deepEqual(await axeViolations(page), [], `interview with a recording, ${theme}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

const storedRecordings = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const request = indexedDB.open('interview-trainer-recordings', 1);
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const count = request.result.transaction('recordings').objectStore('recordings').count();
    count.onsuccess = () => { resolve(count.result); request.result.close(); };
  };
}));

test('an answer recorded with the fake microphone plays back, stays listed after a reload, and is deleted', async () => {
  const { page, problems, context } = await open('#/interview');
  assert.equal(await page.locator('#no-recordings').innerText(), 'Записей пока нет.');
  assert.match(await page.locator('.recordings .hint').innerText(), /только на этом устройстве.*самые старые/);
  await page.locator('label[for="interview-length-8"]').click();
  await page.locator('#interview-start').click();
  await page.locator('#interview-question').waitFor();
  await page.locator('#record-start').click();
  await page.locator('#record-stop').waitFor();
  assert.equal(await page.locator('#record-status').innerText(), 'Идёт запись…');
  await page.waitForTimeout(1200);
  await page.locator('#record-stop').click();
  await page.locator('#record-start').waitFor();
  await page.locator('#show-model-answer').click();
  await page.locator('#playback').waitFor();
  assert.ok(await page.locator('.model-answer').isVisible(), 'beside the model answer');
  assert.match(await page.locator('#playback').getAttribute('src'), /^blob:/);
  const played = await page.evaluate(async () => {
    const audio = document.querySelector('#playback');
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return audio.currentTime > 0;
  });
  assert.ok(played, 'the recording plays');
  for (let i = 0; i < 8; i++) {
    await page.locator('#self-grade-1').waitFor();
    if (i > 0) assert.equal(await page.locator('#playback').count(), 0, 'a question not recorded offers no recording');
    await page.keyboard.press('2');
    if (i < 7) {
      await page.waitForFunction((n) => document.querySelector('.session span')?.textContent === `Вопрос ${n} / 8`, i + 2);
      await page.locator('#show-model-answer').click();
    }
  }
  await page.locator('#interview-report').waitFor();
  await page.locator('#recording-list li').first().waitFor();
  assert.equal(await page.locator('#recording-list li').count(), 1, 'listed in the report');
  assert.equal(await storedRecordings(page), 1);

  await page.reload();
  await appReady(page);
  await page.locator('#recording-list li').first().waitFor();
  assert.equal(await page.locator('#recording-list li').count(), 1, 'still listed after a reload');
  await page.locator('#recording-list li button').click();
  await page.locator('#no-recordings').waitFor();
  assert.equal(await storedRecordings(page), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a denied microphone says so and the interview goes on as before', async () => {
  const init = () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  };
  const { page, problems, context } = await open('#/interview', { init });
  await page.locator('#interview-start').click();
  await page.locator('#interview-question').waitFor();
  await page.locator('#record-start').click();
  await page.locator('#record-unavailable').waitFor();
  assert.match(await page.locator('#record-unavailable').innerText(), /Микрофон недоступен.*собеседование идёт как обычно/);
  assert.ok(await page.locator('#record-start').isDisabled());
  await page.locator('#interview-answer').focus();
  await page.keyboard.type('Письменный ответ.');
  await page.keyboard.press('Control+Enter');
  await page.locator('.model-answer').waitFor();
  assert.equal(await page.locator('#playback').count(), 0);
  // The grades take the focus a frame after the model answer shows; a key before that would go to the answer box.
  await page.waitForFunction(() => document.activeElement?.id === 'self-grade-1');
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.activeElement?.id === 'interview-answer');
  assert.match(await page.locator('.session span').first().innerText(), /2 \/ 10/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the optional answer timer counts two minutes down', async () => {
  const { page, problems, context } = await open('#/interview');
  await page.locator('#interview-countdown').check();
  await page.locator('#interview-start').click();
  await page.locator('#interview-question').waitFor();
  assert.match(await page.locator('.timer').innerText(), /^Осталось (2:00|1:5\d) · Всего 0:0\d$/);
  await page.waitForFunction(() => /^Осталось 1:5\d/.test(document.querySelector('.timer')?.textContent), null, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});
