// FSRS parameters fitted in the browser: a generated history of a few thousand reviews imported from a file,
// the optimiser's worker started from the settings, its progress shown, one run cancelled, reviews graded
// while the next one runs, the evaluation against the defaults, the fit applied and undone, and the workload
// at a few retentions. The worker's wasm module is held back at the network until the test lets it through, so
// the runs are slow enough to watch whatever the machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, appReady, axeViolations, shippedTopics, storedProgress, waitForStoredReviews, fsrsHistory } from './harness.mjs';

const app = useApp();

/** Holds the requests for the optimiser's wasm from `close()` until `release()`; counts them. */
async function holdOptimiser(context) {
  const hold = { count: 0, held: true, waiting: [] };
  hold.close = () => { hold.held = true; };
  hold.release = () => {
    hold.held = false;
    hold.waiting.splice(0).forEach((resolve) => resolve());
  };
  await context.route('**/optimiser_bg.wasm', async (route) => {
    hold.count += 1;
    if (hold.held) await new Promise((resolve) => hold.waiting.push(resolve));
    // The request of a cancelled run died with its worker.
    await route.continue().catch(() => {});
  });
  return hold;
}

test('fit FSRS parameters in a worker: progress, cancel, reviews meanwhile, evaluation, apply, workload', async () => {
  // No service worker: it would answer the worker's fetch from its cache, past the hold.
  const { page, context, problems } = await openPage(app.browser, app.server.origin, { serviceWorkers: 'block' });
  // Every text the fit's status shows, in order, across page changes.
  await context.addInitScript(() => {
    window.fitStatuses = [];
    new MutationObserver(() => {
      const text = document.getElementById('fsrs-status')?.innerText.trim();
      if (text && window.fitStatuses.at(-1) !== text) window.fitStatuses.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const hold = await holdOptimiser(context);
  await page.goto(`${app.server.base}#/progress`);
  await appReady(page);
  const file = fsrsHistory(300, 14);
  await page.locator('#import-file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByText(`Импорт выполнен, повторений в журнале: ${file.log.length}.`).waitFor();

  await page.goto(`${app.server.base}#/settings`);
  await appReady(page);
  // Every review but each card's first comes a day or more after the one before: all are usable.
  assert.equal(await page.locator('#fsrs-usable').innerText(), String(300 * 13));
  const fit = page.getByRole('button', { name: 'Подобрать параметры' });
  const status = page.locator('#fsrs-status');

  // First run: the worker starts and waits for its module; cancel it.
  await fit.click();
  await status.getByText('Загружаю оптимизатор…').waitFor();
  assert.equal(await fit.isDisabled(), true, 'one fit at a time');
  await page.getByRole('button', { name: 'Отмена' }).click();
  await status.getByText('Подбор отменён.').waitFor();
  hold.release();

  // Second run: reviews go on while the worker holds the job.
  hold.close();
  await fit.click();
  await status.getByText('Загружаю оптимизатор…').waitFor();
  const topic = shippedTopics()[0];
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await page.locator('#review-question').waitFor();
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await waitForStoredReviews(page, file.log.length + 1);
  await page.goto(`${app.server.base}#/settings`);
  await appReady(page);
  await status.getByText('Загружаю оптимизатор…').waitFor();
  hold.release();

  // Progress through the steps to the evaluation.
  const table = status.locator('table.evaluation');
  await table.waitFor({ timeout: 30_000 });
  const statuses = await page.evaluate(() => window.fitStatuses);
  const steps = ['Оцениваю параметры по умолчанию…', 'Подбираю параметры…', 'Оцениваю подобранные параметры…'];
  assert.deepEqual(statuses.filter((s) => steps.includes(s)), steps, statuses.join(' | '));
  assert.equal(hold.count, 2, 'the module was fetched once per run, and only for a fit');
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText)));
  assert.deepEqual(rows.map((r) => r[0]), ['По умолчанию (FSRS-6)', 'Подобранные']);
  const [defaults, fitted] = rows.map((r) => Number(r[1]));
  assert.ok(fitted < defaults, `the fit predicts this learner better: ${rows}`);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Использовать подобранные' }).click();
  await status.getByText('Подобранные параметры используются.').waitFor();
  let stored = await storedProgress(page);
  assert.equal(stored.settings.fits.list.length, 1);
  assert.equal(stored.settings.fits.active, 0);
  assert.equal(stored.settings.fits.list[0].reviews, 300 * 13);
  assert.equal(stored.settings.fits.list[0].parameters.length, 21);

  // The older choice is one click away.
  await page.getByRole('radio', { name: 'По умолчанию (FSRS-6)' }).check();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('interview-trainer.v3.meta')).settings.fits.active === null);
  stored = await storedProgress(page);
  assert.equal(stored.settings.fits.active, null);
  assert.equal(stored.settings.fits.list.length, 1, 'the fit is kept');

  // The workload at a few retentions, from the simulator in the same worker.
  await page.getByRole('button', { name: 'Оценить нагрузку' }).click();
  const workload = status.locator('table.workload');
  await workload.waitFor({ timeout: 30_000 });
  const perDay = await workload.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].innerText, Number(tr.cells[1].innerText)]));
  assert.deepEqual(perDay.map((r) => r[0]), ['80 %', '85 %', '90 %', '95 %']);
  assert.ok(perDay.every((r, i) => i === 0 || r[1] > perDay[i - 1][1]), `more retention, more reviews: ${perDay}`);
  assert.deepEqual(problems, []);
  await context.close();
});
