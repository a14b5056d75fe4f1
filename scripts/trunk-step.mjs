// What every Trunk post_build step (scripts/post-build.mjs) reads from its environment: the staging folder it
// finishes, the profile, and where Cargo writes the wasm it compiles (and build.rs the deck's files beside it).
import path from 'node:path';

export const stagingDir = process.env.TRUNK_STAGING_DIR;
if (!stagingDir) throw new Error('run by Trunk as a post_build hook: TRUNK_STAGING_DIR is not set');
export const release = process.env.TRUNK_PROFILE === 'release';
export const sourceDir = process.env.TRUNK_SOURCE_DIR ?? '.';
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(sourceDir, 'target');
/** Cargo's output folder for wasm32 in this profile. */
export const wasmTargetDir = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug');
