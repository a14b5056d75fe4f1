// Trunk post_build step (run by scripts/post-build.mjs, before pwa-build.mjs): splits the wasm that Trunk built
// as one module, so the first load carries only the home and review pages.
// - wasm-split-cli (crate wasm_split_cli_support) reads Cargo's output, linked with relocations
//   (.cargo/config.toml), and cuts out each split page of src/pages.rs and the code pages share, as chunks.
// - wasm-bindgen then binds the main module as Trunk binds the whole one, keeping the function table
//   exported (the chunks add their functions to it), and binaryen (wasm-opt -Oz, in this process: 65 wasm-opt
//   processes took five times as long) shrinks every module in release builds.
// - The main module replaces Trunk's files of the same names; the chunks and their loader go in
//   split-<hash of every module>/, so no cache can pair a new main module with old chunks.
// - index.html: the new files' integrity attributes; the main module's compile starts in a script of its own
//   right after its preload (marking `wasm-compiled`), and Trunk's loader hands the compiled module to init().
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shrink, tool } from './wasm-tools.mjs';
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by Trunk as a post_build hook: TRUNK_STAGING_DIR is not set');
const release = process.env.TRUNK_PROFILE === 'release';
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(process.env.TRUNK_SOURCE_DIR ?? '.', 'target');
const input = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'interview-trainer.wasm');

const glue = fs.readdirSync(dir).find((name) => /^interview-trainer-[0-9a-f]+\.js$/.test(name));
if (!glue) throw new Error(`wasm-split: Trunk's interview-trainer-<hash>.js is not in ${dir}`);
const mainWasm = glue.replace(/\.js$/, '_bg.wasm');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-split-'));
try {
  await tool('wasm-split', 'wasm-split-cli', ['--target', 'web', '--out-name', 'interview-trainer', input, work]);
  await tool('wasm-split', 'wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', path.join(work, 'bound'),
    '--out-name', 'interview-trainer', path.join(work, 'interview-trainer.wasm')]);
  const chunks = fs.readdirSync(work).filter((name) => name.endsWith('.wasm') && name !== 'interview-trainer.wasm');
  const modules = [path.join(work, 'bound', 'interview-trainer_bg.wasm'), ...chunks.map((name) => path.join(work, name))];
  if (release) await shrink(modules);

  const main = fs.readFileSync(modules[0]);
  const digest = crypto.createHash('sha256');
  for (const file of modules) digest.update(fs.readFileSync(file));
  const splitDir = `split-${digest.digest('hex').slice(0, 16)}`;
  const replaceAll = (text, from, to) => {
    if (!text.includes(from)) throw new Error(`wasm-split: ${from} not found; the tools' output has changed`);
    return text.replaceAll(from, to);
  };
  fs.writeFileSync(path.join(dir, mainWasm), main);
  const bound = fs.readFileSync(path.join(work, 'bound', 'interview-trainer.js'), 'utf8');
  fs.writeFileSync(path.join(dir, glue), replaceAll(bound, 'from "./__wasm_split.js"', `from "./${splitDir}/__wasm_split.js"`));
  fs.mkdirSync(path.join(dir, splitDir));
  const loader = fs.readFileSync(path.join(work, '__wasm_split.js'), 'utf8');
  fs.writeFileSync(path.join(dir, splitDir, '__wasm_split.js'), replaceAll(loader, 'from "./interview-trainer.js"', `from "../${glue}"`));
  for (const name of chunks) fs.copyFileSync(path.join(work, name), path.join(dir, splitDir, name));

  // Trunk's integrity attributes name the files it wrote; these are new.
  const sri = (name) => `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, name))).digest('base64')}`;
  let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const name of [glue, mainWasm]) {
    const tag = new RegExp(`(href="\\./${name}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(html)) throw new Error(`wasm-split: no preload of ${name} with an integrity attribute in index.html`);
    html = html.replace(tag, `$1${sri(name)}$2`);
  }
  // Trunk's inline loader hands init() the URL, which compiles and instantiates in one step, and only once the
  // document is parsed and the glue with its imports has arrived. Instead a classic script right after the
  // module's preload starts compiling it at once (streaming, as the bytes come), so the compile overlaps the
  // parse and the glue's load; it marks `wasm-compiled` for the bench's breakdown, and the loader hands the
  // compiled module to init(). fetch() with the defaults asks as the preload does (crossorigin="anonymous":
  // cors, same-origin credentials; Chromium ignores integrity on a fetch preload), so it takes the preloaded
  // response. Streaming needs the application/wasm type; without it the bytes are compiled whole, as
  // wasm-bindgen's own loader falls back. The chunks' loader, which the glue imports, is preloaded beside the
  // glue, so it is not fetched only once the glue is read.
  html = replaceAll(html, `const wasm = await init({ module_or_path: './${mainWasm}' });`,
    'const wasm = await init({ module_or_path: await window.mainModule });');
  const preload = new RegExp(`<link rel="preload" href="\\./${mainWasm}"[^>]*>`);
  if (!preload.test(html)) throw new Error(`wasm-split: no preload of ${mainWasm} in index.html`);
  html = html.replace(preload, (tag) => [
    tag,
    `<link rel="modulepreload" href="./${splitDir}/__wasm_split.js" crossorigin="anonymous">`,
    '<script>',
    `window.mainModule = fetch('./${mainWasm}').then(function (response) {`,
    "  return response.headers.get('content-type') === 'application/wasm' ? WebAssembly.compileStreaming(response)",
    '    : response.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });',
    "}).then(function (module) { performance.mark('wasm-compiled'); return module; });",
    '</script>',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  console.log(`wasm-split: main module ${main.length} B, ${chunks.length} chunks in ${splitDir}/`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
