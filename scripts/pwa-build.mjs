// Trunk post_build hook (see Trunk.toml): finishes the build in $TRUNK_STAGING_DIR, so `trunk build` and
// `trunk serve` both produce it.
// - index.html: the Content-Security-Policy gets the sha256 of each inline script (Trunk's wasm loader), so
//   the policy needs no 'unsafe-inline'; the page is stamped with the build's version.
// - sw.js: gets that version and every file of the build but the link-preview image, listed here so the
//   precache can never miss one.
// - With SITE_URL set (e.g. https://user.github.io/repo/), the preview image URL becomes absolute, as link
//   preview crawlers want.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stagingDir as dir } from './trunk-step.mjs';

const file = (name) => path.join(dir, name);

/** `text` with `placeholder` replaced; a missing placeholder means index.html or sw.js drifted from this script. */
function fill(text, placeholder, value) {
  if (!text.includes(placeholder)) throw new Error(`pwa-build: placeholder ${placeholder} not found`);
  return text.replace(placeholder, value);
}

const names = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();

let html = fs.readFileSync(file('index.html'), 'utf8');
const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
const scriptHashes = inlineScripts.map((code) => `'sha256-${crypto.createHash('sha256').update(code).digest('base64')}'`);
html = fill(html, "'inline-script-hashes'", scriptHashes.join(' '));
if (process.env.SITE_URL) {
  html = fill(html, 'content="og-image.png"', `content="${new URL('og-image.png', process.env.SITE_URL)}"`);
}

// The version covers every byte of the build, so any change at all makes a new service worker.
const digest = crypto.createHash('sha256');
for (const name of names) {
  digest.update(name).update('\0').update(name === 'index.html' ? html : fs.readFileSync(file(name))).update('\0');
}
const version = digest.digest('hex').slice(0, 16);
fs.writeFileSync(file('index.html'), fill(html, 'content="build-version"', `content="${version}"`));

// The link-preview image is fetched by crawlers from the host, never by the app: not worth a visitor's bytes.
const precache = ['./', ...names.filter((name) => !['index.html', 'og-image.png'].includes(name))];
const worker = fs.readFileSync(file('sw.js'), 'utf8');
fs.writeFileSync(file('sw.js'), fill(worker, "const BUILD = { version: 'dev', files: [] };",
  `const BUILD = ${JSON.stringify({ version, files: precache })};`));
console.log(`pwa-build: build ${version}, ${precache.length} files precached, ${scriptHashes.length} inline script(s) hashed`);
