// Phones: a one-line top bar and a tab bar at the bottom, the page's own content at the top of the screen,
// every destination a tap or a few Tab presses away, and a review with the grade buttons under the thumb.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, appReady, axeViolations, shippedTopics, screenshot, storedProgress } from './harness.mjs';

const app = useApp();
const topic = shippedTopics()[0];
const PHONES = [[360, 640], [390, 844]];
const TABS = ['#/review', '#/quiz', '#/interview', '#/search', '#/more'];
// Page → the tab marked current on it (none on home and the reader, which the title in the top bar leads to).
const PAGES = [
  ['', null], [`#/topic/${topic.slug}`, null], ['#/quiz', '#/quiz'], ['#/interview', '#/interview'],
  ['#/search?q=gil', '#/search'], ['#/more', '#/more'], ['#/stats', '#/more'], ['#/progress', '#/more'],
  ['#/settings', '#/more'],
];

async function phone([width, height], theme = 'light') {
  const opened = await openPage(app.browser, app.server.origin, {
    viewport: { width, height }, isMobile: true, hasTouch: true, colorScheme: theme,
  });
  await opened.page.goto(app.server.base);
  await appReady(opened.page);
  return opened;
}

/** Where the page's own content starts (its first element, below the top bar), and the tab bar's links. */
const layout = (page) => page.evaluate(() => {
  const box = (element) => { const r = element.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; };
  const tabs = [...document.querySelectorAll('.tabs a')].filter((a) => a.offsetParent !== null);
  return {
    contentTop: document.querySelector('main').firstElementChild.getBoundingClientRect().top,
    headerLinks: [...document.querySelectorAll('.bar .links a')].filter((a) => a.offsetParent !== null).length,
    tabs: tabs.map((a) => ({ href: a.getAttribute('href'), current: a.getAttribute('aria-current'), ...box(a) })),
    viewport: innerHeight,
  };
});

for (const size of PHONES) {
  const [width, height] = size;
  test(`${width}×${height}: every page starts in the top tenth, with the tab bar at the bottom`, async () => {
    const { page, problems, context } = await phone(size);
    for (const [hash, current] of PAGES) {
      await page.goto(app.server.base + hash);
      await appReady(page);
      const seen = await layout(page);
      assert.ok(seen.contentTop <= height * 0.1, `${hash || 'home'}: content starts at ${seen.contentTop}px of ${height}`);
      assert.equal(seen.headerLinks, 0, 'the header keeps only the title and the language switch');
      assert.deepEqual(seen.tabs.map((t) => t.href), TABS);
      for (const tab of seen.tabs) {
        assert.ok(tab.height >= 48, `${tab.href} is ${tab.height}px tall`);
        assert.ok(tab.bottom <= height && tab.bottom >= height - 90, `${tab.href} sits at the bottom (${tab.bottom}px)`);
      }
      assert.deepEqual(seen.tabs.filter((t) => t.current === 'page').map((t) => t.href), current ? [current] : [], hash);
    }
    await screenshot(page, `phone-${width}-settings`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${width}×${height}: every destination is a tap away`, async () => {
    const { page, problems, context } = await phone(size);
    for (const href of TABS) {
      await page.locator(`.tabs a[href="${href}"]`).tap();
      await page.waitForFunction((want) => location.hash.startsWith(want), href);
      await appReady(page);
      if (href !== '#/review') assert.equal(await page.locator(`.tabs a[href="${href}"]`).getAttribute('aria-current'), 'page');
      await page.goto(app.server.base + '#/more');
      await appReady(page);
    }
    for (const href of ['#/stats', '#/progress', '#/settings', '#/']) {
      await page.goto(app.server.base + '#/more');
      await appReady(page);
      await page.locator(`.more-links a[href="${href}"]`).tap();
      await page.waitForFunction((want) => location.hash === want, href);
      await appReady(page);
    }
    await page.goto(app.server.base + '#/quiz');
    await appReady(page);
    await page.locator('.bar .brand').tap();
    await page.waitForFunction(() => location.hash === '#/');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('390×844: the tab bar is in the keyboard order, and Enter on a tab opens it', async () => {
  const { page, problems, context } = await phone(PHONES[1]);
  const reached = [];
  for (let press = 0; press < 200 && reached.length < TABS.length; press++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.closest('.tabs') && document.activeElement.getAttribute('href'));
    if (href && !reached.includes(href)) reached.push(href);
  }
  assert.deepEqual(reached, TABS);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#/interview');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/interview');
  await appReady(page);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'the new page takes the focus');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const size of PHONES) {
  const [width, height] = size;
  test(`${width}×${height}: a review gives the screen to the card, with the grades under the thumb`, async () => {
    const { page, problems, context } = await phone(size);
    await page.goto(`${app.server.base}#/review/${topic.slug}`);
    await page.locator('#review-question').waitFor();
    assert.equal(await page.locator('.tabs').count(), 0, 'no tab bar during a review');
    const reveal = await page.locator('#reveal').boundingBox();
    assert.ok(reveal.y + reveal.height <= height && reveal.y >= height * 0.6, `"show answer" at ${reveal.y}px of ${height}`);
    await page.locator('#reveal').tap();
    await page.locator('#grade-3').waitFor();
    await page.waitForTimeout(300); // the answer scrolls into view on the next frame
    const seen = await page.evaluate(() => {
      const grades = document.querySelector('.grades').getBoundingClientRect();
      const answer = document.querySelector('.review-card .a').getBoundingClientRect();
      return { gradesTop: grades.top, gradesBottom: grades.bottom, answerTop: answer.top };
    });
    assert.ok(seen.gradesBottom <= height && seen.gradesTop >= height * 0.5, `grades at ${seen.gradesTop}–${seen.gradesBottom}px of ${height}`);
    assert.ok(seen.answerTop >= 0 && seen.answerTop < seen.gradesTop, `the answer starts at ${seen.answerTop}px, above the grades`);
    for (const key of [1, 2, 3, 4]) {
      assert.ok((await page.locator(`#grade-${key}`).boundingBox()).height >= 48, `grade ${key} is a large target`);
    }
    await screenshot(page, `phone-${width}-review-answer`);
    await page.locator('#grade-3').tap();
    await page.locator('#reveal').waitFor();
    await page.reload();
    await page.locator('#review-question').waitFor();
    assert.equal((await storedProgress(page)).log.length, 1, 'the tapped grade is stored');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a phone held sideways (640×360): the revealed answer scrolls into view above the grades', async () => {
  const { page, problems, context } = await phone([640, 360]);
  await page.goto(`${app.server.base}#/review/${topic.slug}`);
  await page.locator('#review-question').waitFor();
  await page.locator('#reveal').tap();
  await page.locator('#grade-3').waitFor();
  await page.waitForFunction(() => scrollY > 0); // the card scrolls on the frame after the answer is drawn
  const seen = await page.evaluate(() => {
    const grades = document.querySelector('.grades').getBoundingClientRect();
    const answer = document.querySelector('.review-card .a').getBoundingClientRect();
    return { gradesTop: grades.top, answerTop: answer.top, answerInPage: answer.top + scrollY };
  });
  assert.ok(seen.answerInPage > seen.gradesTop, `unscrolled, the answer (${seen.answerInPage}px) would start under the grades (${seen.gradesTop}px)`);
  assert.ok(seen.answerTop >= 0 && seen.answerTop < seen.gradesTop, `the answer starts at ${seen.answerTop}px, above the grades`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const theme of ['light', 'dark']) {
  test(`390×844 in the ${theme} theme: home, review and "More" pass axe`, async () => {
    const { page, problems, context } = await phone(PHONES[1], theme);
    for (const hash of ['', '#/more', `#/review/${topic.slug}`]) {
      await page.goto(app.server.base + hash);
      await appReady(page);
      assert.deepEqual(await axeViolations(page), [], `axe on ${hash || 'home'} (${theme})`);
    }
    await page.locator('#reveal').tap();
    await page.locator('#grade-3').waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe on a shown answer (${theme})`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('1280 px: the header keeps every link, marks the current one, and there is no tab bar', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.origin, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${app.server.base}#/quiz/run?t=${topic.slug}&n=3&seed=1`);
  await appReady(page);
  assert.equal(await page.locator('.bar .links a:visible').count(), 7);
  assert.equal(await page.locator('.bar .links a[aria-current="page"]').getAttribute('href'), '#/quiz');
  assert.equal(await page.locator('.tabs').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"More" says how to install where the browser offers no install dialog', async () => {
  const { page, problems, context } = await phone(PHONES[0]);
  await page.goto(app.server.base + '#/more');
  await appReady(page);
  // Headless Chromium fires no `beforeinstallprompt`, as Safari and Firefox never do.
  assert.match(await page.locator('#install-state').textContent(), /На экран „Домой“/);
  assert.equal(await page.locator('main button').count(), 0, 'no install button without the browser\'s offer');
  assert.deepEqual(problems, []);
  await context.close();
});
