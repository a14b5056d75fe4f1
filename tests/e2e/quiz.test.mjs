// Quizzes, the weak-spots mode and the mock interview in the release build: a quiz taken by keyboard to the
// end with a score that matches its answers, the history kept after a reload, a shared link giving a fresh
// profile the same quiz, wrong answers sent back to review, and an interview whose grades feed mastery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, appReady, axeViolations, screenshot, shippedTopics, storedProgress } from './harness.mjs';

const app = useApp();
// Whatever notes/ holds (a fork's own notes too): three of its topics.
const topics = shippedTopics();
const [one, two, three] = [0, 1, 2].map((i) => topics[i % topics.length]);
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function open(hash, context) {
  const opened = context ? { context, page: await context.newPage(), problems: [] } : await openPage(app.browser, app.server.origin);
  await opened.page.goto(app.server.base + hash);
  await appReady(opened.page);
  return opened;
}

const stored = storedProgress;
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

/**
 * Waits for question `number` (1-based) with the focus on its first option or its text field (or, on
 * entering the page, on its heading).
 */
async function questionReady(page, number = 1) {
  await page.waitForFunction((n) => {
    const counter = document.querySelector('.session span')?.textContent ?? '';
    const focused = document.activeElement;
    return counter.startsWith(`Вопрос ${n} / `) && (['choice-0', 'typed'].includes(focused?.id) || focused?.tagName === 'H1');
  }, number);
}

/**
 * Answers the current question by keyboard: `answer(view)` returns a key to press (an option) or text to type.
 * Returns what was shown and the verdict.
 */
async function answerByKeyboard(page, answer) {
  const view = {
    prompt: await page.locator('#quiz-question').innerText(),
    options: await page.locator('.choice').allInnerTexts(),
    typed: await page.locator('#typed').count() > 0,
  };
  const given = answer(view);
  if (view.typed) {
    await page.locator('#typed').focus();
    await page.keyboard.type(given);
  } else {
    for (const key of [given].flat()) await page.keyboard.press(key);
  }
  await page.keyboard.press('Enter');
  await page.locator('#quiz-verdict').waitFor();
  const verdict = await page.locator('#quiz-verdict').innerText();
  const right = await page.locator('.choice.right').evaluateAll((labels) =>
    labels.map((label) => [...document.querySelectorAll('.choice')].indexOf(label)));
  const expected = view.typed ? await page.locator('.feedback strong').allInnerTexts() : [];
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-next'); // the focus waits on Next
  await page.keyboard.press('Enter');
  return { ...view, verdict, right, expected };
}

/** Takes the quiz on the page to its end; returns every step. */
async function takeQuiz(page, answer) {
  const steps = [];
  while (await page.locator('#quiz-results').count() === 0) {
    await questionReady(page, steps.length + 1);
    steps.push(await answerByKeyboard(page, answer));
    await page.waitForFunction((n) => document.querySelector('#quiz-results')
      || !(document.querySelector('.session span')?.textContent ?? '').startsWith(`Вопрос ${n} / `), steps.length);
  }
  return steps;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

test('a quiz by keyboard to the end: the score matches the answers, retaking right scores all, history survives a reload', async () => {
  const { page, problems } = await open(`#/quiz/run?t=${one.slug},${two.slug}&n=10&seed=5eed`);
  const steps = await takeQuiz(page, (view) => (view.typed ? 'не знаю' : '1'));
  assert.equal(steps.length, 10);
  const rightCount = steps.filter((s) => s.verdict === 'Верно').length;
  assert.equal(await page.locator('#quiz-score').innerText(), `Верных ответов: ${rightCount} / 10 (${rightCount * 10} %)`);
  assert.equal(await page.locator('.results-list > li').count(), 10);
  assert.equal(await page.locator('.results-list > li.wrong').count(), 10 - rightCount);
  assert.ok(steps.some((s) => s.typed) || steps.some((s) => s.options.length > 0));
  assert.equal(await focusedId(page), 'quiz-results');
  await screenshot(page, 'quiz-results-1280');
  assert.deepEqual(await axeViolations(page), []);

  // The same questions again, now answered with what the feedback showed was right: all ten are right.
  await page.locator('#retake').click();
  const again = await takeQuiz(page, (view) => {
    const step = steps.find((s) => s.prompt === view.prompt);
    return view.typed ? step.expected[0] : step.right.map((i) => KEYS[i]);
  });
  assert.deepEqual(again.map((s) => s.prompt), steps.map((s) => s.prompt), 'a retake asks the same questions in order');
  assert.deepEqual(again.map((s) => s.verdict), Array(10).fill('Верно'));
  assert.equal(await page.locator('#quiz-score').innerText(), 'Верных ответов: 10 / 10 (100 %)');

  const progress = await stored(page);
  assert.equal(progress.quizzes.length, 2);
  assert.equal(progress.quizzes[0].answers.filter((a) => a.correct).length, rightCount);
  assert.match(progress.quizzes[0].link, /seed=5eed/);
  await page.goto(app.server.base + '#/quiz');
  await page.reload();
  await appReady(page);
  const history = await page.locator('.history li').allInnerTexts();
  assert.equal(history.length, 2);
  assert.match(history[0], /10 \/ 10/);
  assert.match(history[1], new RegExp(`${rightCount} / 10`));
  // Statistics show per-topic mastery (now with history behind it) and the same quiz history.
  await page.goto(app.server.base + '#/stats');
  await appReady(page);
  const mastery = await page.locator('[aria-labelledby="mastery-title"] svg').getAttribute('aria-label');
  assert.match(mastery, new RegExp(`${escaped(one.title)}: \\d+ %;`));
  assert.equal(await page.locator('.history li').count(), 2);
  // The quizzed sections show their mastery in the topic's table of contents.
  await page.goto(`${app.server.base}#/topic/${one.slug}`);
  await appReady(page);
  assert.ok(await page.locator('.toc .mastery').count() > 0);
  assert.match(await page.locator('.toc .mastery').first().innerText(), /^ · \d+ %$/);
  assert.deepEqual(problems, []);
});

test('a shared quiz link opens the same items in the same order in a fresh profile', async () => {
  const first = await open(`#/quiz/run?t=${two.slug},${three.slug}&n=8`);
  await questionReady(first.page);
  const link = first.page.url();
  assert.match(link, new RegExp(`#/quiz/run\\?t=${two.slug},${three.slug}&n=8&seed=[0-9a-f]+$`), 'opening a link without a seed gives it one');
  const mine = await takeQuiz(first.page, () => '1');
  const other = await open(link.slice(link.indexOf('#')));
  assert.equal(await stored(other.page), null, 'a fresh profile');
  const theirs = await takeQuiz(other.page, () => '1');
  const shown = (steps) => steps.map(({ prompt, options, typed }) => ({ prompt, options, typed }));
  assert.equal(mine.length, 8);
  assert.deepEqual(shown(theirs), shown(mine));
  assert.deepEqual(other.problems, []);
});

test('choosing a quiz, multiple answers by letter, and wrong answers sent back to review', async () => {
  const { page, problems } = await open('#/quiz');
  await page.locator('#quiz-start').click();
  assert.equal(await page.getByRole('alert').innerText(), 'Выберите хотя бы одну тему.');
  await page.locator('#topic-db-transactions').check();
  await page.locator('label[for="length-20"]').click();
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#quiz-start').click();
  await questionReady(page);
  assert.match(page.url(), /t=db-transactions&n=20&seed=/);
  await screenshot(page, 'quiz-question-1280');
  // Letters pick by key position; on a multiple-answer item each letter toggles its option.
  const steps = await takeQuiz(page, (view) => (view.typed ? 'x' : ['KeyB', 'KeyA', 'KeyB']));
  assert.equal(steps.length, 20);
  const wrong = steps.filter((s) => s.verdict !== 'Верно').length;
  assert.ok(wrong > 0, 'picking A every time gets some wrong');
  await page.locator('#add-to-review').click();
  const status = await page.locator('#requeued').innerText();
  const requeued = Object.values((await stored(page)).cards).filter((c) => c.requeued).length;
  assert.ok(requeued > 0);
  assert.match(status, new RegExp(`^Теперь к повторению: ${requeued} карточ`));
  assert.ok(await page.locator('#add-to-review').isDisabled(), 'added once');

  await page.locator('#retry-wrong').click();
  await questionReady(page);
  assert.equal(await page.locator('.session span').first().innerText(), `Вопрос 1 / ${wrong}`);

  await page.goto(app.server.base + '#/review/db-transactions');
  await page.locator('#review-question').waitFor();
  assert.ok(Number((await page.locator('.session span').innerText()).split(' / ')[1]) >= Math.min(requeued, 1));
  assert.deepEqual(problems, []);
});

test('home shows the weakest topics; the weak-spots quiz and the interview work by keyboard and feed mastery', async () => {
  const { page, problems } = await open('#/');
  const weakest = await page.locator('#weakest-topics li').allInnerTexts();
  assert.equal(weakest.length, 3);
  assert.ok(weakest.every((line) => /пока без истории/.test(line)), 'no history yet: the interviewer\'s verdict orders them');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('link', { name: 'Тест по слабым местам' }).first().click();
  await questionReady(page);
  assert.match(page.url(), /weak&n=10&seed=/);
  await takeQuiz(page, (view) => (view.typed ? 'нет' : '1'));

  await page.goto(app.server.base + '#/interview');
  await appReady(page);
  await page.locator('label[for="interview-length-8"]').click();
  await page.locator('#interview-start').focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 8; i++) {
    await page.locator('#interview-question').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'interview-answer');
    assert.match(await page.locator('.timer').innerText(), /^На вопрос \d+:\d\d · Всего \d+:\d\d$/);
    await page.keyboard.type('Ответ своими словами.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.model-answer').waitFor();
    if (i === 0) {
      await screenshot(page, 'interview-answer-1280');
      assert.deepEqual(await axeViolations(page), []);
    }
    await page.waitForFunction(() => document.activeElement?.id === 'self-grade-1');
    await page.keyboard.press(String((i % 3) + 1));
  }
  await page.locator('#interview-report').waitFor();
  const groups = await page.locator('.results h3').allInnerTexts();
  assert.deepEqual(groups, ['Не знал (3)', 'Частично (3)', 'Знал (2)']);
  assert.equal(await page.locator('.report-list a').count(), 8);
  assert.deepEqual(await axeViolations(page), []);
  const progress = await stored(page);
  assert.equal(progress.interviews.length, 1);
  assert.deepEqual(progress.interviews[0].answers.map((a) => a.grade), ['missed', 'partial', 'knew', 'missed', 'partial', 'knew', 'missed', 'partial']);

  await page.goto(app.server.base + '#/');
  await appReady(page);
  const withHistory = await page.locator('.topic-tile .mastery').allInnerTexts();
  assert.ok(withHistory.some((line) => /\d+ %/.test(line)), 'the grades now show as mastery');
  assert.deepEqual(problems, []);
});

test('a quiz and an interview fit a 360 px phone in dark mode, with no axe violations', async () => {
  const { page, problems } = await openPage(app.browser, app.server.origin, { viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto(`${app.server.base}#/quiz/run?t=${one.slug},${two.slug}&n=3&seed=77`);
  await questionReady(page);
  assert.ok(await fits(), 'a question fits');
  const steps = await takeQuiz(page, (view) => (view.typed ? 'x' : '2'));
  assert.equal(steps.length, 3);
  assert.ok(await fits(), 'the results fit');
  await screenshot(page, 'quiz-results-360-dark');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(app.server.base + '#/quiz');
  await appReady(page);
  assert.ok(await fits(), 'the quiz chooser fits');
  await screenshot(page, 'quiz-setup-360-dark');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(app.server.base + '#/interview');
  await appReady(page);
  await page.locator('#interview-start').click();
  await page.locator('#show-model-answer').click();
  await page.locator('.model-answer').waitFor();
  assert.ok(await fits(), 'an interview question with its model answer fits');
  await screenshot(page, 'interview-360-dark');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});
