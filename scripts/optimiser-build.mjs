// Trunk post_build step (run by scripts/post-build.mjs after wasm-split.mjs, before pwa-build.mjs): builds the
// FSRS optimiser (crates/optimiser) as a wasm module of its own, binds it with wasm-bindgen for the web,
// shrinks it like the app's modules and puts it with its worker (public/optimiser-worker.js) in
// optimiser-<hash of the three files>/; index.html names that folder in <meta name="optimiser">, which
// src/optimiser.rs reads. The page fetches none of it until the learner fits parameters; pwa-build.mjs
// precaches it with every other file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { release, sourceDir as source, stagingDir as dir, wasmTargetDir } from './trunk-step.mjs';
import { shrink, tool } from './wasm-tools.mjs';

await tool('optimiser-build', 'cargo', ['build', '--offline', '--locked', '--target', 'wasm32-unknown-unknown',
  '--manifest-path', path.join(source, 'Cargo.toml'), '-p', 'trainer-optimiser', ...(release ? ['--release'] : [])]);
const input = path.join(wasmTargetDir, 'trainer_optimiser.wasm');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'optimiser-'));
try {
  await tool('optimiser-build', 'wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', 'optimiser', input]);
  const wasm = path.join(work, 'optimiser_bg.wasm');
  if (release) await shrink([wasm]);
  fs.copyFileSync(path.join(source, 'public', 'optimiser-worker.js'), path.join(work, 'worker.js'));
  const files = ['worker.js', 'optimiser.js', 'optimiser_bg.wasm'];
  const digest = crypto.createHash('sha256');
  for (const name of files) digest.update(fs.readFileSync(path.join(work, name)));
  const folder = `optimiser-${digest.digest('hex').slice(0, 16)}`;
  fs.mkdirSync(path.join(dir, folder));
  for (const name of files) fs.copyFileSync(path.join(work, name), path.join(dir, folder, name));

  const page = path.join(dir, 'index.html');
  const html = fs.readFileSync(page, 'utf8');
  const placeholder = '<meta name="optimiser" content="">';
  if (!html.includes(placeholder)) throw new Error(`optimiser-build: ${placeholder} not found in index.html`);
  fs.writeFileSync(page, html.replace(placeholder, `<meta name="optimiser" content="${folder}/worker.js">`));
  console.log(`optimiser-build: ${fs.statSync(wasm).size} B of wasm in ${folder}/`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
