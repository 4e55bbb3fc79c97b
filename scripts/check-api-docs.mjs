#!/usr/bin/env node
// Builds the typedoc API reference (docs/api) and checks it:
// - typedoc itself reports no warning (broken links, exports that are used but not exported);
// - every public export of every package has a TSDoc `@example`;
// - every `ts` code block of those examples, of the package READMEs, the README and the guides in
//   docs/guide type-checks against the packages' sources.
//
// Examples may leave the reader's own values undeclared (`records`, `save(…)`): "Cannot find
// name" is allowed, and so is an import from the reader's own files (`./fixtures`); every other
// compiler error fails the check. An import of a name that a package does not export, a misspelt
// option or a wrong argument type all fail.
//
// Usage: node scripts/check-api-docs.mjs [--only <package dir>]…
//   --only client   check one package and its README (repeatable); the HTML reference is then not
//                   written.
// Exit code 1 when a check fails; each line names the package, the export and the problem.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
// Compiler errors an example may have: names it leaves to the reader.
const ALLOWED_ERRORS = new Set([2304, 2552, 18004]);

const only = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--only' && args[i + 1]) only.push(args[++i]);
  else {
    process.stderr.write(`check-api-docs: unknown argument '${args[i]}'. Usage: [--only <package dir>]…\n`);
    process.exit(2);
  }
}

const cacheDir = join(root, 'node_modules', '.cache', 'tukar-api-docs', only.length ? only.join('+') : 'all');
rmSync(cacheDir, { recursive: true, force: true });
mkdirSync(cacheDir, { recursive: true });
const jsonPath = join(cacheDir, 'api.json');

// 1. typedoc: the JSON model always, the HTML reference when checking every package.
const typedocArgs = ['--json', jsonPath, '--treatWarningsAsErrors'];
if (only.length) {
  typedocArgs.push('--out', join(cacheDir, 'html'), '--readme', 'none');
  for (const dir of only) typedocArgs.push('--entryPoints', `packages/${dir}`);
}
process.stdout.write(`typedoc${only.length ? ` (${only.join(', ')})` : ' → docs/api'}…\n`);
const typedoc = spawnSync(bin('typedoc'), only.length ? typedocArgs : [...typedocArgs, '--out', 'docs/api'], {
  cwd: root,
  encoding: 'utf8',
});
if (typedoc.status !== 0) {
  process.stdout.write(`${typedoc.stdout}${typedoc.stderr}`);
  process.stderr.write('typedoc reported problems (above): the API reference must build without warnings.\n');
  process.exit(1);
}

// 2. Every export has an @example; collect the examples' code.
const model = JSON.parse(readFileSync(jsonPath, 'utf8'));
const MODULE_KIND = 2;
const examplesOf = (reflection) =>
  [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)]
    .flatMap((comment) => comment?.blockTags ?? [])
    .filter((tag) => tag.tag === '@example')
    .map((tag) => tag.content.map((part) => part.text).join(''));

const missing = [];
let exportCount = 0;
const exampleFiles = []; // { file, label }
const cleaned = new Set();
let fileCounter = 0; // file names unique regardless of case (mockHub / MockHub)
const packageDirOf = (moduleName) => moduleName.replace(/^@tukar\//, '').split('/')[0];

/**
 * Writes each `ts` block of `text` to a file under `home`'s node_modules, so that it resolves that
 * package's dependencies; `labelOf(n, offset)` names the n-th block (at `offset` in `text`) in errors.
 */
function addCodeBlocks(text, home, labelOf) {
  const dir = join(root, home, 'node_modules', '.cache', 'tukar-api-docs');
  if (!cleaned.has(dir)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cleaned.add(dir);
  }
  let n = 0;
  for (const match of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)) {
    const label = labelOf(++n, match.index);
    const file = join(dir, `${++fileCounter}__${label.replace(/\W+/g, '_').slice(0, 80)}.ts`);
    writeFileSync(file, `${match[1]}\nexport {};\n`);
    exampleFiles.push({ file, label });
  }
}

function visit(module, label) {
  for (const child of module.children ?? []) {
    if (child.kind === MODULE_KIND) {
      visit(child, `${label}/${child.name}`.replace(/\/index$/, ''));
      continue;
    }
    exportCount++;
    const examples = examplesOf(child);
    if (examples.length === 0) {
      missing.push(`${label} › ${child.name}`);
      continue;
    }
    if (!examples.some((text) => /```/.test(text))) {
      missing.push(`${label} › ${child.name} (its @example has no code block)`);
    }
    collectExamples(child, label, child.name);
  }
}

// The `ts` blocks of an export's examples and of its members' examples.
function collectExamples(reflection, label, name) {
  const home = `packages/${packageDirOf(label)}`;
  let n = 0;
  for (const text of examplesOf(reflection))
    addCodeBlocks(text, home, () => `${label} › ${name} (example ${++n})`);
  for (const member of reflection.children ?? []) collectExamples(member, label, `${name}.${member.name}`);
}

// Several packages: one module per package. A single package (--only) is the root itself.
if ((model.children ?? []).some((c) => c.kind === MODULE_KIND && c.name.startsWith('@tukar/'))) {
  for (const pkg of model.children) visit(pkg, pkg.name);
} else visit(model, model.name);

// The `ts` blocks of the package READMEs (with --only, of those packages), and of the README and the
// guides when checking everything. A package README's blocks resolve that package's dependencies; the
// guides' blocks those of the example OPD application.
{
  const pages = [
    // spec's README uses openapi-fetch as its readers do; the client is the package that depends on it.
    ...readdirSync(join(root, 'packages'))
      .filter((dir) => !only.length || only.includes(dir))
      .map((dir) => [`packages/${dir}/README.md`, dir === 'spec' ? 'packages/client' : `packages/${dir}`]),
  ];
  if (!only.length) {
    pages.push(['README.md', 'examples/opd-simpus']);
    for (const file of readdirSync(join(root, 'docs/guide')).filter((name) => name.endsWith('.md'))) {
      pages.push([`docs/guide/${file}`, 'examples/opd-simpus']);
    }
  }
  for (const [page, home] of pages) {
    if (!existsSync(join(root, page))) continue;
    const markdown = readFileSync(join(root, page), 'utf8');
    addCodeBlocks(markdown, home, (n, offset) => {
      const line = markdown.slice(0, offset).split('\n').length + 1;
      return `${page}:${line} (code block ${n})`;
    });
  }
}

let failed = 0;
if (missing.length) {
  failed += missing.length;
  process.stdout.write(`${missing.length} public export(s) without a TSDoc @example:\n`);
  for (const name of missing) process.stdout.write(`  ${name}\n`);
}

// 3. The examples type-check against the sources (root tsconfig paths map @tukar/* to src).
const tsconfigPath = join(cacheDir, 'tsconfig.json');
writeFileSync(
  tsconfigPath,
  JSON.stringify({
    extends: relative(cacheDir, join(root, 'tsconfig.json')),
    include: [],
    files: exampleFiles.map((e) => e.file),
  }),
);
const tsc = spawnSync(bin('tsc'), ['-p', tsconfigPath, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
const labelOf = new Map(exampleFiles.map((e) => [e.file, e.label]));
const typeErrors = [];
for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n')) {
  const m = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(line);
  if (!m) {
    // An error without a location (a clash of file names, a bad option) stops tsc from checking the rest.
    if (/error TS\d+/.test(line)) typeErrors.push(`  ${line}`);
    continue;
  }
  const [, file, row, col, code, message] = m;
  if (ALLOWED_ERRORS.has(Number(code))) continue;
  // An import of the reader's own file (`./fixtures`) is theirs to write.
  if (code === '2307' && /Cannot find module '\.{1,2}\//.test(message)) continue;
  const absolute = file.startsWith('/') ? file : join(root, file);
  const label = labelOf.get(absolute);
  typeErrors.push(
    label
      ? `  ${label}, line ${row}:${col}: TS${code} ${message}`
      : `  ${relative(root, absolute)}(${row},${col}): TS${code} ${message}`,
  );
}
if (tsc.status !== 0 && typeErrors.length === 0 && !/error TS\d+/.test(`${tsc.stdout}${tsc.stderr}`)) {
  process.stdout.write(`${tsc.stdout}${tsc.stderr}`);
  typeErrors.push('  tsc failed without a type error (output above)');
}
if (typeErrors.length) {
  failed += typeErrors.length;
  process.stdout.write(`${typeErrors.length} type error(s) in @example code:\n${typeErrors.join('\n')}\n`);
}

if (failed) {
  process.stderr.write('API docs check failed: add or fix the examples named above.\n');
  process.exit(1);
}
process.stdout.write(
  `ok   ${exportCount} public exports documented with examples; ${exampleFiles.length} code blocks (examples, READMEs, guides) type-check\n`,
);
