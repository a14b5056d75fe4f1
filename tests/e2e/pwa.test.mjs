// The installable, offline app: the manifest and service worker, the app working with its server stopped,
// a new build offered and taken only on the learner's word, the install button, sharing, and the head's
// link-preview tags and Content-Security-Policy. Servers here are stopped and restarted on the same port
// (same origin), since Playwright's setOffline does not stop a service worker's fetches in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, serve, openPage, appReady, axeViolations, shippedTopics, screenshot, DIST, storedProgress, nextBuild } from './harness.mjs';

const app = useApp();
const topic = shippedTopics()[0];

const stored = storedProgress;
const buildVersion = (page) => page.locator('meta[name="build-version"]').getAttribute('content');
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

/** Opens `hash` on `server` in a fresh context and waits until the service worker controls the page. */
async function openControlled(server, hash = '') {
  const opened = await openPage(app.browser, server.origin);
  await opened.page.goto(server.base + hash);
  await appReady(opened.page);
  await opened.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  return opened;
}

/** Loads `hash` as a new document (not a same-page hash change), so the page itself comes through the worker. */
async function load(page, base, hash) {
  await page.goto('about:blank');
  await page.goto(base + hash);
  await appReady(page);
}

async function gradeOneCard(page) {
  await page.locator('#review-question').waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
}

async function assertServerDown(server) {
  await assert.rejects(fetch(server.base), 'the server is stopped');
}

test('the manifest has what installation needs; the worker controls the first page and caches the whole build', async () => {
  const { page, problems, context } = await openControlled(app.server);
  const manifestUrl = new URL(await page.locator('link[rel="manifest"]').getAttribute('href'), page.url()).href;
  const manifest = await (await fetch(manifestUrl)).json();
  for (const field of ['name', 'short_name', 'description', 'start_url', 'scope', 'background_color', 'theme_color']) {
    assert.ok(manifest[field], `manifest.${field}`);
  }
  assert.equal(manifest.display, 'standalone');
  assert.equal(new URL(manifest.start_url, manifestUrl).href, app.server.base, 'start_url is the app folder');
  assert.equal(new URL(manifest.scope, manifestUrl).href, app.server.base, 'scope is the app folder');
  const icons = [];
  for (const icon of manifest.icons) {
    const response = await fetch(new URL(icon.src, manifestUrl));
    assert.equal(response.headers.get('content-type'), 'image/png', icon.src);
    const [width, height] = pngSize(Buffer.from(await response.arrayBuffer()));
    assert.equal(`${width}x${height}`, icon.sizes, icon.src);
    icons.push(`${icon.sizes} ${icon.purpose}`);
  }
  assert.deepEqual(icons.sort(), ['192x192 any', '512x512 any', '512x512 maskable']);

  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const cacheNames = await caches.keys();
    const cached = await (await caches.open(cacheNames[0])).keys();
    return { scope: registration.scope, script: navigator.serviceWorker.controller.scriptURL, cacheNames, urls: cached.map((r) => r.url) };
  });
  assert.equal(worker.scope, app.server.base, 'the worker\'s scope is the sub-path');
  assert.equal(worker.script, `${app.server.base}sw.js`);
  assert.deepEqual(worker.cacheNames, [`interview-trainer-${await buildVersion(page)}`]);
  // The deck's HTML per topic and the search index sit in deck/: the precache takes them too.
  const files = fs.readdirSync(DIST, { recursive: true })
    .filter((name) => fs.statSync(path.join(DIST, name)).isFile() && !['index.html', 'sw.js', 'og-image.png'].includes(name));
  assert.ok(files.some((name) => name.startsWith('deck/')), 'the deck files are part of the build');
  assert.deepEqual(worker.urls.sort(), [app.server.base, ...files.map((name) => app.server.base + name)].sort(),
    'every file of dist/ but the link-preview image is cached by its hashed name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the server stopped, the app, a topic, a review and a quiz link open, and offline grades are saved', async () => {
  const server = await serve();
  const { page, problems, context } = await openControlled(server);
  await server.close();
  await assertServerDown(server);

  await page.reload();
  await appReady(page);
  assert.ok(await page.locator('.topic-tile').count() > 0, 'home');
  await load(page, server.base, `#/topic/${topic.slug}`);
  assert.equal(await page.locator('main h1').innerText(), topic.title, 'a topic by deep link');
  await load(page, server.base, `#/review/${topic.slug}`);
  await gradeOneCard(page);
  assert.equal((await stored(page)).log.length, 1, 'the offline grade is stored');
  await load(page, server.base, `#/review/${topic.slug}`);
  assert.equal((await stored(page)).log.length, 1, 'and still there after a reload');
  // A quiz link with its seed opens offline, and its result is saved.
  const quiz = `#/quiz/run?t=${topic.slug}&n=1&seed=2a`;
  await load(page, server.base, quiz);
  assert.equal(new URL(page.url()).hash, quiz);
  await page.locator('#quiz-question').waitFor();
  await (await page.locator('#typed').count() ? page.locator('#typed').fill('x') : page.keyboard.press('1'));
  await page.keyboard.press('Enter');
  await page.locator('#quiz-next').click();
  await page.locator('#quiz-results').waitFor();
  assert.equal((await stored(page)).quizzes.length, 1, 'the offline quiz is stored');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new build is offered, taken only when the learner agrees, and keeps the progress', async () => {
  let server = await serve();
  const { page, problems, context } = await openControlled(server, `#/review/${topic.slug}`);
  await gradeOneCard(page);
  const first = await buildVersion(page);
  const otherTab = await context.newPage();
  await otherTab.goto(server.base);
  await appReady(otherTab);
  const { dir, next } = nextBuild(first);
  await server.close();
  server = await serve(dir, '/trainer/', server.port);

  // The next visit still shows this build, and offers the new one; so does the tab left open.
  await page.reload();
  await appReady(page);
  const offerIn = (tab) => tab.getByRole('status').filter({ hasText: 'Доступна новая версия' });
  await offerIn(page).waitFor();
  await offerIn(otherTab).waitFor();
  assert.equal(await buildVersion(page), first, 'nothing changes before the learner agrees');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'update-offer');

  /** Presses Update by keyboard in `tab` and waits until it has reloaded. */
  async function acceptIn(tab) {
    await offerIn(tab).getByRole('button', { name: 'Обновить' }).focus();
    const reloaded = tab.waitForEvent('load');
    await tab.keyboard.press('Enter');
    await reloaded;
    await appReady(tab);
  }
  await acceptIn(page);
  assert.equal(await buildVersion(page), next, 'the page reloaded into the new build');
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`interview-trainer-${next}`], 'the old cache is gone');
  assert.equal((await stored(page)).log.length, 1, 'progress survived the update');
  assert.equal(await offerIn(page).count(), 0);
  assert.equal(await buildVersion(otherTab), first, 'the other tab reloads only when asked');
  await acceptIn(otherTab);
  assert.equal(await buildVersion(otherTab), next);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('an install button appears when the browser offers installation and opens its dialog', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.origin);
  await page.goto(app.server.base);
  await appReady(page);
  const install = page.getByRole('button', { name: 'Установить приложение' });
  assert.equal(await install.count(), 0, 'no button without an offer');
  // Headless Chromium never offers installation: fire the event the browser would.
  const deferred = await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    offer.prompt = () => { window.installPromptShown = true; return Promise.resolve(); };
    window.dispatchEvent(offer);
    return offer.defaultPrevented;
  });
  assert.ok(deferred, 'the browser\'s own banner is deferred to the button');
  await install.focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => window.installPromptShown));
  assert.equal(await install.count(), 0, 'an offer is used once');
  assert.deepEqual(problems, []);
  await context.close();
});

test('sharing a topic copies its link where Web Share is missing and uses Web Share where present', async () => {
  const { page, problems, context } = await openPage(app.browser, app.server.origin);
  await context.addInitScript(() => { delete Navigator.prototype.share; });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  const link = `${app.server.base}#/topic/${topic.slug}`;
  await page.goto(link);
  await appReady(page);
  const share = page.getByRole('button', { name: 'Поделиться' });
  await share.click();
  await page.getByRole('status').filter({ hasText: 'Ссылка скопирована' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  await page.evaluate(() => { navigator.share = async (data) => { window.shared = data; }; });
  await share.click();
  await page.waitForFunction(() => window.shared);
  assert.deepEqual(await page.evaluate(() => window.shared), { title: `${topic.title} — Тренажёр собеседований`, url: link });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the head has link-preview tags and a CSP that admits only this origin and the build\'s own inline scripts', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = (attribute, name) => new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];
  for (const property of ['og:type', 'og:title', 'og:description', 'og:image', 'og:image:alt']) {
    assert.ok(meta('property', property), property);
  }
  assert.equal(meta('name', 'twitter:card'), 'summary_large_image');
  assert.ok(meta('name', 'description'));
  // Relative, or absolute under SITE_URL when the build was made for a known address (the Pages workflow).
  const image = meta('property', 'og:image');
  const site = process.env.SITE_URL;
  assert.ok(site ? image === new URL('og-image.png', site).href : image === 'og-image.png', image);
  assert.deepEqual(pngSize(fs.readFileSync(path.join(DIST, 'og-image.png'))), [1200, 630]);

  const policy = Object.fromEntries(meta('http-equiv', 'Content-Security-Policy').split(';')
    .map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(policy['default-src'], ["'self'"]);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => `'sha256-${crypto.createHash('sha256').update(match[1]).digest('base64')}'`);
  assert.equal(inline.length, 5, 'the inline scripts are the theme before first paint, the skeleton\'s early fetch, the main module\'s early compile, Trunk\'s loader and the review\'s early card');
  assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'", ...inline]);
  for (const [name, values] of Object.entries(policy)) {
    assert.ok(values.every((value) => !/^(https?:|\*|'unsafe-inline'|'unsafe-eval')/.test(value)), `${name}: ${values}`);
  }
  assert.deepEqual([...html.matchAll(/(?:src|href)="(https?:[^"]*)"/g)].map((m) => m[1]), [], 'no other host');
});
