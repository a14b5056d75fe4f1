// What the post-build steps share: running an installed tool and shrinking wasm modules with binaryen.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `command`, naming it (and what to install) when it fails. */
export async function tool(step, command, args) {
  try {
    return await run(command, args, { maxBuffer: 64 << 20 });
  } catch (error) {
    const hint = error.code === 'ENOENT' ? ' (not installed: run `make setup`)' : `\n${error.stderr ?? ''}`;
    throw new Error(`${step}: ${command} failed${hint}`);
  }
}

/** `wasm-opt -Oz` on each file, keeping to the features Rust enables for wasm32-unknown-unknown. */
export async function shrink(files) {
  // binaryen warns of each chunk's name-section labels, which it drops anyway.
  const report = console.error;
  console.error = (...args) => /unknown name subsection/.test(args[0]) || report(...args);
  const { default: binaryen } = await import('binaryen');
  const { Features } = binaryen;
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  for (const file of files) {
    const module = binaryen.readBinary(fs.readFileSync(file));
    module.setFeatures(Features.BulkMemory | Features.BulkMemoryOpt | Features.CallIndirectOverlong | Features.Multivalue
      | Features.MutableGlobals | Features.NontrappingFPToInt | Features.ReferenceTypes | Features.SignExt);
    module.optimize();
    fs.writeFileSync(file, module.emitBinary());
    module.dispose();
  }
  console.error = report;
}
