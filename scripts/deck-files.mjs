// Trunk post_build step (run by scripts/post-build.mjs before the prerender, which opens pages that read the
// deck): the deck's skeleton, HTML per topic and search index, copied from where build.rs wrote them next to the
// wasm it compiled, and the skeleton's hashed name written into index.html's early fetch of it.
import fs from 'node:fs';
import path from 'node:path';
import { stagingDir as dir, wasmTargetDir } from './trunk-step.mjs';

const deckData = path.join(wasmTargetDir, 'deck-data');
if (!fs.existsSync(deckData)) {
  throw new Error(`deck-files: ${deckData} is missing; build.rs writes it (a cargo clean and a new build restore it)`);
}
fs.cpSync(deckData, dir, { recursive: true });

const skeleton = fs.readdirSync(path.join(dir, 'deck')).filter((name) => /^skeleton-[0-9a-f]{16}\.bin$/.test(name));
if (skeleton.length !== 1) throw new Error(`deck-files: one deck/skeleton-HASH.bin expected, found ${skeleton.length}`);
const file = path.join(dir, 'index.html');
const html = fs.readFileSync(file, 'utf8');
if (!html.includes("'deck/skeleton.bin'")) throw new Error("deck-files: index.html has no 'deck/skeleton.bin' to name");
fs.writeFileSync(file, html.replace("'deck/skeleton.bin'", `'deck/${skeleton[0]}'`));
