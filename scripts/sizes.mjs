// Sizes of a release build, shared by `make test` (the size guard) and `make bench`.
//
// First load = index.html plus every file its <link>/<script> tags name (the CSS, the favicon, the web manifest),
// every `./FILE` its inline scripts load (the JS glue and the main wasm module with the deck's outline, which
// home starts after its first frame) and the split pages' loader that the glue imports, brotli-compressed at
// quality 11: what a first visit must download before the app can start.
// Left out: the page chunks (fetched when their page first opens, or the review's with the main module on its
// deep links), `apple-touch-icon` (only iOS fetches it),
// og:image (only link previews), the deck's skeleton, HTML and search index (deck/*, fetched when a page needs
// them) and what the service worker precaches after start (the bench measures that visit separately).
//
//   node scripts/sizes.mjs check [DIST]   fail if first load > 1.05 × the figure in bench/size-baseline.json
//   node scripts/sizes.mjs record [DIST]  write the current figure there (after a size reduction)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BASELINE = path.join(ROOT, 'bench/size-baseline.json');
const TOLERANCE = 1.05;

export function brotli(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

export function gzip(bytes) {
  return zlib.gzipSync(bytes, { level: 9 });
}

/** Every file of `dist` (the deck's files under deck/ too) with its raw, gzip and brotli size, largest first. */
export function fileSizes(dist) {
  const files = fs.readdirSync(dist, { recursive: true }).filter((name) => fs.statSync(path.join(dist, name)).isFile());
  return files.sort().map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    return { name, raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
  }).sort((a, b) => b.raw - a.raw);
}

/** The files a first visit loads before the app starts (see the top of this file), index.html first. */
export function firstLoadFiles(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(link|script)\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => !/rel="apple-touch-icon"/.test(tag))
    .map((tag) => /\b(?:href|src)="\.?\/?([^"/?#]+)"/.exec(tag)?.[1])
    .filter((name) => name && fs.existsSync(path.join(dist, name)));
  // From the scripts: './NAME' in quotes (an escaped quote in the preloads' markup too).
  // The page code is left out: the review's, which its deep links compile beside the main module, too.
  named.push(...[...html.matchAll(/["']\.\/([\w.-]+(?:\/[\w.-]+)*)/g)].map((m) => m[1])
    .filter((name) => !/^split-[0-9a-f]+\/.*\.wasm$/.test(name))
    .filter((name) => fs.statSync(path.join(dist, name), { throwIfNoEntry: false })?.isFile()));
  const imported = named.filter((name) => name.endsWith('.js'))
    .flatMap((name) => [...fs.readFileSync(path.join(dist, name), 'utf8').matchAll(/\bfrom "\.\/([^"]+)"/g)].map((m) => m[1]));
  return ['index.html', ...new Set([...named, ...imported])];
}

export function firstLoad(dist) {
  const files = firstLoadFiles(dist).map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    return { name, raw: bytes.length, brotli: brotli(bytes).length };
  });
  return { files, brotli: files.reduce((sum, f) => sum + f.brotli, 0) };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function main(command, dist) {
  const { files, brotli: total } = firstLoad(dist);
  for (const f of files) console.log(`  ${f.name.padEnd(48)} ${String(f.raw).padStart(9)} raw ${String(f.brotli).padStart(8)} br`);
  // A loader written otherwise would drop the app from the count unseen.
  if (!['.wasm', '.js', '.css'].every((ext) => files.some((f) => f.name.endsWith(ext)))) {
    console.error('FAIL size: index.html names no main module, glue or CSS that this script can find; see firstLoadFiles');
    process.exit(1);
  }
  if (command === 'record') {
    fs.writeFileSync(BASELINE, JSON.stringify({ first_load_brotli_bytes: total, files: Object.fromEntries(files.map((f) => [f.name.replace(/-[0-9a-f]{16}/, ''), f.brotli])) }, null, 2) + '\n');
    console.log(`size: first load ${total} B (${kb(total)}) brotli recorded in ${path.relative(ROOT, BASELINE)}`);
    return;
  }
  const recorded = JSON.parse(fs.readFileSync(BASELINE, 'utf8')).first_load_brotli_bytes;
  const limit = Math.floor(recorded * TOLERANCE);
  const change = ((total / recorded - 1) * 100).toFixed(1);
  if (total > limit) {
    console.error(`FAIL size: first load is ${total} B (${kb(total)}) brotli, ${change} % over the recorded ${recorded} B;`);
    console.error(`  the limit is ${limit} B (+5 %). Shrink it, or if the growth is wanted run \`node scripts/sizes.mjs record\`.`);
    process.exit(1);
  }
  console.log(`ok size: first load ${total} B (${kb(total)}) brotli, ${change} % against the recorded ${recorded} B (limit ${limit} B)`);
  if (total < recorded / TOLERANCE) console.log('  it shrank by more than 5 %: lower the record with `node scripts/sizes.mjs record`');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [command = 'check', dist = path.join(ROOT, 'dist')] = process.argv.slice(2);
  if (!['check', 'record'].includes(command)) {
    console.error('usage: node scripts/sizes.mjs check|record [DIST]');
    process.exit(2);
  }
  main(command, path.resolve(dist));
}
