// The release build in Firefox and WebKit: what differs between engines, where the Chromium suite
// (tests/e2e/) is the full one. Loading, deep links with highlighted code, a quiz link, review by keyboard
// surviving a reload, the phone layout, the service worker (offline with the server stopped, a new build
// offered and taken on the learner's word), corrupt storage, and Safari's habits that WebKitGTK shares: no
// `beforeinstallprompt` (the "Add to Home Screen" hint instead) and storage that may be evicted (persistence
// asked, its answer shown). Every test serves the build on an origin of its own, so no test sees another's
// storage or service worker.
import { describe, before, after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, shippedTopics, decodeStoredProgress, nextBuild } from '../e2e/harness.mjs';
import { firefox, webkit, until } from './drivers.mjs';

const topics = shippedTopics();
const topic = topics[0];
const stored = (tab) => tab.evaluate(decodeStoredProgress);
const buildVersion = (tab) => tab.evaluate(() => document.querySelector('meta[name="build-version"]').content);
const focused = (tab) => tab.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

/**
 * Waits until the page has fetched every topic's notes (the first, then the rest in one background batch):
 * Firefox reports the fetches of a page left half-way as errors of their service worker.
 */
const allTopicsFetched = (tab) => until(() => tab.evaluate((count) => performance.getEntriesByType('resource')
  .filter((entry) => /\/deck\/(?!search-index).*\.json$/.test(entry.name)).length >= count, topics.length), 'every topic fetched');

/** Shows the answer with the space bar and grades Good with 3, `count` times. */
async function gradeByKeyboard(tab, count) {
  const before = (await stored(tab))?.log.length ?? 0;
  for (let i = 0; i < count; i++) {
    await until(async () => ['reveal', 'H1'].includes(await focused(tab)), 'the focus on the card');
    await tab.press(' ');
    await until(async () => (await focused(tab)) === 'grade-3', 'the grade buttons');
    await tab.press('3');
    await until(async () => (await stored(tab))?.log.length === before + i + 1, `review ${before + i + 1} stored`);
  }
}

for (const [name, start] of [['Firefox', firefox], ['WebKit', webkit]]) {
  describe(name, () => {
    let engine;
    let server;
    let tab;
    before(async () => {
      engine = await start();
    });
    after(async () => {
      await engine?.stop();
    });

    /** A fresh profile on a fresh origin, closed after the test whatever its outcome. */
    async function open(hash = '', viewport) {
      server = await serve();
      tab = await engine.open(viewport);
      await tab.goto(server.base + hash);
      await tab.ready(60_000);
      return tab;
    }
    afterEach(async () => {
      await tab?.close();
      await server?.close();
      tab = server = null;
    });

    /** The end of a test: nothing went wrong in the page along the way. */
    async function noProblems() {
      assert.deepEqual(await tab.problems(), [], 'no errors in the page');
    }

    test('home, a topic by deep link with highlighted code, a quiz link, and how to install', async () => {
      await open();
      assert.equal(await tab.evaluate(() => document.querySelectorAll('.topic-tile').length), topics.length);
      const withCode = topics.find((t) => t.slug === 'python-core') ?? topic;
      await tab.goto(`${server.base}#/topic/${withCode.slug}`);
      await tab.ready();
      assert.equal(await tab.text('main h1'), withCode.title);
      assert.ok(await tab.evaluate(() => document.querySelectorAll('pre .k').length > 0), 'code is highlighted');
      await tab.goto(`${server.base}#/quiz/run?t=${topic.slug}&n=3&seed=1`);
      await tab.ready();
      await tab.waitFor('#quiz-question');
      assert.match(await tab.text('.session span'), /^Вопрос 1 \/ 3/);
      await tab.goto(`${server.base}#/more`);
      await tab.ready();
      // Neither engine fires `beforeinstallprompt`: the page says how to add the app by hand.
      assert.match(await tab.text('#install-state'), /На экран „Домой“/);
      assert.equal(await tab.evaluate(() => document.querySelectorAll('main button, .bar .install').length), 0);
      await noProblems();
    });

    test('on a 390 × 844 phone the page starts at the top and the tab bar sits at the bottom', async () => {
      await open('', { width: 390, height: 844 });
      const layout = await tab.evaluate(() => ({
        width: innerWidth,
        height: innerHeight,
        top: document.querySelector('main').firstElementChild.getBoundingClientRect().top,
        tabs: [...document.querySelectorAll('.tabs a')].map((a) => a.getBoundingClientRect()).map((r) => [r.height, r.bottom]),
      }));
      // MiniBrowser's window cannot be made narrower than about 450 px: still a phone's layout (below 40rem).
      assert.ok(layout.width < 640, `width ${layout.width}`);
      assert.ok(layout.top <= layout.height * 0.1, `content starts at ${layout.top}px of ${layout.height}`);
      assert.equal(layout.tabs.length, 5);
      for (const [height, bottom] of layout.tabs) {
        assert.ok(height >= 48 && Math.abs(bottom - layout.height) <= 1, `a tab ${height}px tall ending at ${bottom}px`);
      }
      await noProblems();
    });

    test('review by keyboard; grades survive a reload', async () => {
      await open(`#/review/${topic.slug}`);
      await tab.waitFor('#review-question');
      await gradeByKeyboard(tab, 3);
      await tab.goto(`${server.base}#/progress`);
      await tab.ready();
      await tab.reload();
      await tab.ready();
      assert.equal((await stored(tab)).log.length, 3);
      await until(async () => (await tab.text('#review-count')) === '3', 'the progress page counting 3 reviews');
      await noProblems();
    });

    test('with the server stopped the app works; a new build is offered and taken on the learner\'s word', async () => {
      await open(`#/review/${topic.slug}`);
      await tab.controlled();
      await gradeByKeyboard(tab, 1);
      const first = await buildVersion(tab);
      const port = server.port;
      await server.close();
      await assert.rejects(fetch(server.base), 'the server is stopped');
      for (const hash of [`#/topic/${topics[1].slug}`, `#/quiz/run?t=${topics[1].slug}&n=3&seed=2`]) {
        await tab.goto('about:blank');
        await tab.goto(server.base + hash);
        await tab.ready();
        await allTopicsFetched(tab);
      }
      await tab.goto(`${server.base}#/review`);
      await tab.waitFor('#review-question');
      await gradeByKeyboard(tab, 1); // stored offline as the second review

      const { dir, next } = nextBuild(first, `next-build-${name}`);
      server = await serve(dir, '/trainer/', port);
      await tab.reload();
      await tab.ready();
      await until(() => tab.evaluate(() => !!document.querySelector('[role="status"] .banner button')), 'the update offer', 60_000);
      assert.equal(await buildVersion(tab), first, 'nothing changes before the learner agrees');
      await tab.evaluate(() => document.querySelector('[role="status"] .banner button').focus());
      await tab.press('Enter');
      await until(async () => (await buildVersion(tab).catch(() => null)) === next, 'the page reloaded into the new build', 60_000);
      await tab.ready();
      assert.equal((await stored(tab)).log.length, 2, 'progress survived the update');
      await noProblems();
    });

    test('corrupt storage is kept aside and reported; the app goes on; persistence is asked', async () => {
      await open();
      await tab.evaluate(() => localStorage.setItem('interview-trainer.progress', '{"version": 1, "cards": oops'));
      await tab.reload();
      await tab.ready();
      assert.match(await tab.text('[role="alert"]'), /не удалось прочитать/);
      const backups = await tab.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('backup')).map((k) => localStorage.getItem(k)));
      assert.deepEqual(backups, ['{"version": 1, "cards": oops']);
      await tab.goto(`${server.base}#/review`);
      await tab.waitFor('#review-question');
      await gradeByKeyboard(tab, 1);
      await tab.goto(`${server.base}#/progress`);
      await tab.ready();
      // Safari and WebKitGTK may evict a site's storage: the page asks to keep it and says what the browser answered.
      // Firefox asks the learner first (a prompt nobody answers here); MiniBrowser has no Storage API at all.
      const answer = name === 'Firefox' ? /^ждём ответа браузера/ : /^браузер не обещает хранить данные/;
      await until(async () => answer.test(await tab.text('#persisted')), `the persistence shown as ${answer}`);
      await noProblems();
    });
  });
}
