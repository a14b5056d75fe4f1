// Checks Dockerfiles for tests/content.rs: reads a JSON array of [place, code] pairs on stdin and prints one line
// `place (+line): message` per error, nothing when every Dockerfile is valid.
//
// dockerfile-utils' validate() (the linter of the Docker language server, built on dockerfile-ast) reports unknown
// instructions, missing or malformed arguments, a Dockerfile without FROM, bad flags and the like. Only diagnostics
// of severity Error fail; Warnings and below (lower-case instructions, a relative WORKDIR, a JSON array in single
// quotes, several CMDs in a stage, ...) are style advice and pass.
//
// One error validate() lets through is added here: an argument that opens like the exec form (`[`) but is not a
// JSON array of strings, e.g. `CMD ["app",]`. Docker then silently runs the text through `/bin/sh -c`.
import { validate } from 'dockerfile-utils';
import { DockerfileParser } from 'dockerfile-ast';

/** DiagnosticSeverity.Error of the Language Server Protocol (Warning is 2, Information 3, Hint 4). */
const ERROR = 1;
const EXEC_FORM = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'HEALTHCHECK']);

/** Errors of one Dockerfile as [zero-based line, message]. */
export function dockerfileErrors(code) {
  const errors = validate(code)
    .filter((d) => d.severity === ERROR)
    .map((d) => [d.range.start.line, d.message]);
  for (const instruction of DockerfileParser.parse(code).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    let args = (instruction.getArgumentsContent() ?? '').trim();
    if (keyword === 'HEALTHCHECK') args = args.replace(/^CMD\s+/i, '');
    if (!EXEC_FORM.has(keyword) || !args.startsWith('[')) continue;
    let json;
    try {
      json = JSON.parse(args);
    } catch {
      json = null;
    }
    if (!Array.isArray(json) || !json.every((s) => typeof s === 'string')) {
      errors.push([
        instruction.getRange().start.line,
        `${keyword} opens like the exec form but is not a JSON array of strings (Docker would run it through a shell)`,
      ]);
    }
  }
  return errors.sort((a, b) => a[0] - b[0]);
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const failures = [];
for (const [place, code] of JSON.parse(input)) {
  for (const [line, message] of dockerfileErrors(code)) failures.push(`${place} (+${line + 1}): ${message}`);
}
console.log(failures.join('\n'));
