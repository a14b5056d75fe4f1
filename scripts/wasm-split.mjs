// Trunk post_build step (run by scripts/post-build.mjs, before pwa-build.mjs): splits the wasm that Trunk built
// as one module, so the first load carries only the home page.
// - wasm-split-cli (crate wasm_split_cli_support) reads Cargo's output, linked with relocations
//   (.cargo/config.toml), and cuts out each split module of src/pages.rs (the split points named alike) and
//   the code several of them share, as chunks.
// - wasm-bindgen then binds the main module as Trunk binds the whole one, keeping the function table
//   exported (the chunks add their functions to it), and binaryen (wasm-opt -Oz, in this process: 65 wasm-opt
//   processes took five times as long) shrinks every module in release builds.
// - The main module replaces Trunk's files of the same names; the chunks and their loader go in
//   split-<hash of every module>/, so no cache can pair a new main module with old chunks.
// - index.html: the new files' integrity attributes; the main module's compile starts in a script of its own
//   right after its preload (marking `wasm-compiled`), and Trunk's loader hands the compiled module to init();
//   on the review's deep links the same script compiles the review's files too, which the chunks' loader (its
//   loads rewritten) takes, so they are ready with the main module.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { release, stagingDir as dir, wasmTargetDir } from './trunk-step.mjs';
import { shrink, tool } from './wasm-tools.mjs';
const input = path.join(wasmTargetDir, 'interview-trainer.wasm');

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
  // Each module's load compiles what index.html's script has started compiling for it (the review's, on its
  // deep links: `window.splitModules`, taken once, so a retry fetches anew), else fetches and compiles it as
  // wasm-split's loader did; then instantiates it once its chunks are.
  const load = /const src = fetch\(new URL\("\.\/([\w.]+)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;
  if ((loader.match(load) ?? []).length !== chunks.length) throw new Error('wasm-split: not every module\'s load in __wasm_split.js has the known form; the tools\' output has changed');
  const compiling = loader.replace(load, (_, name) => [
    `const module = started("${name}") ?? WebAssembly.compileStreaming(fetch(new URL("./${name}", import.meta.url)));`,
    'module.catch(() => {});',
    'return async (imports) => WebAssembly.instantiate(await module, imports);',
  ].join('\n    '));
  const taking = 'function started(name) {\n    const module = self.splitModules?.[name];\n    if (module) delete self.splitModules[name];\n    return module;\n}\n';
  fs.writeFileSync(path.join(dir, splitDir, '__wasm_split.js'),
    replaceAll(compiling, 'from "./interview-trainer.js";\n', `from "../${glue}";\n${taking}`));
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
  // document is parsed and the glue with its imports has arrived; its preloads start at once. Instead a classic
  // script starts the main module's compile itself (streaming, as the bytes come), so the compile overlaps the
  // parse and the glue's load, and marks `wasm-compiled` for the bench's breakdown; the loader imports the glue
  // and hands it the compiled module. Streaming needs the application/wasm type; without it the bytes are
  // compiled whole, as wasm-bindgen's own loader falls back. The glue and the chunks' loader it imports are
  // preloaded by the script too (Trunk's tags, moved), so neither waits for the other.
  // When: on a deep link at once, as the page waits for the app; on home, whose prerendered copy is already
  // the page and works by its links, once it is loaded and painted, so that nothing competes with the first
  // paint (and Lighthouse, which counts every request started before the largest paint as one it waited for,
  // measures the page the learner sees: started one or two frames after load, 1 or 2 runs of 5 still had them
  // before a headless paint, and the app's copy of the paragraph became the largest paint).
  const modulePreload = new RegExp(`<link rel="modulepreload" href="\\./${glue}"[^>]*>`);
  const preload = new RegExp(`<link rel="preload" href="\\./${mainWasm}"[^>]*>`);
  if (!modulePreload.test(html) || !preload.test(html)) throw new Error(`wasm-split: no preloads of ${glue} and ${mainWasm} in index.html`);
  const preloads = [html.match(modulePreload)[0], `<link rel="modulepreload" href="./${splitDir}/__wasm_split.js" crossorigin="anonymous">`];
  // The review's files: its split module and the chunks it shares with the other split modules.
  const reviewLoad = /__wasm_split_load_review = [^]*?new URL\("\.\/([\w.]+)"[^]*?, \[([^\]]*)\]\)\);/.exec(loader);
  if (!reviewLoad) throw new Error('wasm-split: the review\'s loader is not in __wasm_split.js; the tools\' output has changed');
  const reviewFiles = [reviewLoad[1], ...reviewLoad[2].split(',').map((dep) => dep.trim()).filter(Boolean).map((dep) => `${dep.replace(/^__/, '')}.wasm`)];
  for (const name of reviewFiles) if (!chunks.includes(name)) throw new Error(`wasm-split: the review's ${name} was not written`);
  html = html.replace(modulePreload, '').replace(preload, () => [
    '<script>',
    '(function () {',
    '  function compile(url) {',
    '    return fetch(url).then(function (response) {',
    "      return response.headers.get('content-type') === 'application/wasm' ? WebAssembly.compileStreaming(response)",
    '        : response.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });',
    '    });',
    '  }',
    '  function start() {',
    `    document.head.insertAdjacentHTML('beforeend', ${JSON.stringify(preloads.join(''))});`,
    `    var module = compile('./${mainWasm}').then(function (module) { performance.mark('wasm-compiled'); return module; });`,
    // The review's files, on its deep links, compiled beside the main module for the chunks' loader to take.
    "    if (/^#\\/(plan\\/)?review(\\/|$)/.test(location.hash)) {",
    '      window.splitModules = {};',
    `      ${JSON.stringify(reviewFiles)}.forEach(function (name) {`,
    `        var module = window.splitModules[name] = compile('./${splitDir}/' + name);`,
    '        module.catch(function () {}); // the loader reports a failure when it takes it',
    '      });',
    '    }',
    '    return module;',
    '  }',
    '  // Home: once it is loaded and its main content is on screen (a largest-contentful-paint entry is reported',
    '  // once its frame has been presented; a second at most, as a hidden tab reports none), or two frames later',
    '  // where the entry type is unknown.',
    '  function painted(resolve) {',
    "    if ((PerformanceObserver.supportedEntryTypes || []).indexOf('largest-contentful-paint') < 0) {",
    '      requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(resolve); }); });',
    '      return;',
    '    }',
    '    setTimeout(resolve, 1000);',
    '    new PerformanceObserver(function (list) {',
    "      if (list.getEntries().some(function (entry) { return entry.element && entry.element.closest('main'); })) setTimeout(resolve);",
    "    }).observe({ type: 'largest-contentful-paint', buffered: true });",
    '  }',
    '  window.mainModule = /^#?\\/*(\\?.*)?$/.test(location.hash)',
    "    ? new Promise(function (resolve) { addEventListener('load', function () { painted(resolve); }); }).then(start)",
    '    : start();',
    '})();',
    '</script>',
  ].join('\n'));
  html = replaceAll(html, `import init, * as bindings from './${glue}';\nconst wasm = await init({ module_or_path: './${mainWasm}' });`,
    `const [bindings, module] = await Promise.all([import('./${glue}'), window.mainModule]);\nconst init = bindings.default;\nconst wasm = await init({ module_or_path: module });`);
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  console.log(`wasm-split: main module ${main.length} B, ${chunks.length} chunks in ${splitDir}/`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
