// Trunk post_build step (run by scripts/post-build.mjs after the wasm split and the optimiser's build, and
// before pwa-build.mjs, which hashes the inline scripts and stamps the version over every byte): the home
// screen and `#/review` with its first card, as a fresh profile sees them, rendered by the app itself in
// headless Chromium and written into index.html's <body> once in Russian and once in English, so the first
// paint needs no wasm. The head's inline script and public/app.css show the home in the stored language (only
// its header and tab bar away from home); the body's script shows the review (filled with the card kept for a
// returning learner); src/prerendered.rs removes them all when the app takes over. Rendering the real app
// rather than keeping a template means the copies cannot drift from the pages they stand for.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch } from './chromium.mjs';
import { stagingDir as dir } from './trunk-step.mjs';

/** The UI language key of src/storage.rs, and the codes `Lang::from_code` reads; Russian is the default. */
const LANG_KEY = 'interview-trainer.lang';
const LANGS = ['ru', 'en'];
/** What is rendered: each route's hash and what shows that its page is complete. */
const ROUTES = {
  // Home renders from the outline in the wasm at mount.
  home: { hash: '#/', done: () => document.querySelector('main .topics > li') },
  // The first new card, once its topic has arrived.
  review: { hash: '#/review', done: () => document.querySelector('main .review-card .q:not(:empty)') && document.querySelector('main #reveal') },
};

const started = performance.now();
const server = await serve(dir, '/prerender/');
let browser;
try {
  browser = await launch().catch((error) => {
    throw new Error(`prerender: the home is rendered into index.html by Chromium, which did not start (${error.message})`);
  });
  const copies = [];
  for (const route of Object.keys(ROUTES)) {
    for (const lang of LANGS) copies.push(await render(route, lang));
  }
  const file = path.join(dir, 'index.html');
  const html = fs.readFileSync(file, 'utf8');
  const body = /<\/head>\s*<body>/;
  if (!body.test(html)) throw new Error('prerender: no <body> right after </head> in index.html');
  fs.writeFileSync(file, html.replace(body, (tags) => tags + copies.join('')));
  const bytes = copies.reduce((sum, copy) => sum + Buffer.byteLength(copy), 0);
  console.log(`prerender: ${Object.keys(ROUTES).join(' and ')} in ${LANGS.join(' and ')} (${bytes} B) in ${Math.round(performance.now() - started)} ms`);
} finally {
  await browser?.close();
  await server.close();
}

/** The app's `route` in `lang` from a fresh profile, as the markup of one `.prerendered` wrapper. */
async function render(route, lang) {
  // pwa-build.mjs writes the CSP's script hashes after this step, so the policy would refuse Trunk's loader
  // here; the snapshot is checked below for what the policy would refuse instead. No service worker: sw.js
  // gets its file list later too.
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
  try {
    await context.addInitScript(([key, code]) => localStorage.setItem(key, code), [LANG_KEY, lang]);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => { if (!response.ok()) problems.push(`${response.status()} ${response.url()}`); });
    await page.goto(`${server.base}${ROUTES[route].hash}`);
    // Wait for the page, anything it fetches and its focus.
    await page.waitForFunction(`(${ROUTES[route].done})() && !document.querySelector('[aria-busy="true"]')`).catch(async (error) => {
      const main = await page.evaluate(() => document.querySelector('main')?.outerHTML.slice(0, 500) ?? 'no <main>');
      throw new Error(`prerender: ${route} in ${lang} was not drawn (${error.message}); its main: ${main}; ${problems.join('; ')}`);
    });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if (problems.length) throw new Error(`prerender: ${route} in ${lang} had errors:\n${problems.join('\n')}`);
    return await page.evaluate(snapshot, [route, lang]);
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page: the body's app nodes in a `.prerendered` wrapper for `route` (home has no data-route) and
 * `lang`. Ids get the route and language as a suffix (references too), so no two copies share one; live
 * regions are the app's to announce, so they go; the renderer's marker comments go.
 */
function snapshot([route, lang]) {
  const copy = document.createElement('div');
  copy.className = 'prerendered';
  copy.lang = lang;
  if (route !== 'home') copy.dataset.route = route;
  copy.dataset.title = document.title; // index.html's body script puts it on the tab
  for (const node of document.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.localName !== 'script') copy.append(node.cloneNode(true));
  }
  copy.querySelectorAll('[role="status"], [role="alert"], [aria-live]').forEach((region) => region.remove());
  const nodes = (filter) => {
    const walker = document.createTreeWalker(copy, filter);
    const found = [];
    while (walker.nextNode()) found.push(walker.currentNode);
    return found;
  };
  nodes(NodeFilter.SHOW_COMMENT).forEach((comment) => comment.remove());
  // Text the app wrote as separate nodes ("Search", " ") is shaped separately; parsed as one node it would be a
  // hundredth of a pixel wider. An empty comment keeps them apart.
  for (const text of nodes(NodeFilter.SHOW_TEXT)) {
    if (text.previousSibling?.nodeType === Node.TEXT_NODE) text.before(document.createComment(''));
  }
  const rename = (id) => (route === 'home' ? `${id}-${lang}` : `${id}-${route}-${lang}`);
  for (const element of copy.querySelectorAll('[id]')) element.id = rename(element.id);
  for (const attribute of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns']) {
    for (const element of copy.querySelectorAll(`[${attribute}]`)) {
      element.setAttribute(attribute, element.getAttribute(attribute).split(/\s+/).map(rename).join(' '));
    }
  }
  // The CSP (style-src 'self') refuses inline styles: the copy would lay out otherwise than the app.
  const styled = copy.querySelector('[style]');
  if (styled) throw new Error(`prerender: an inline style the CSP refuses: ${styled.outerHTML.slice(0, 200)}`);
  if (!copy.querySelector('main h1')) throw new Error('prerender: no main heading in the snapshot');
  return copy.outerHTML;
}
