import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { installProject, packPlugin, readmeBlock, runNode, type Run } from './packed-project.js';

// The packed plugin, installed into temporary projects as users install it (issue 13): a JavaScript-only
// project without TypeScript, and a TypeScript project with the README's typed recipe.

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; message: string; fatal?: boolean }[];
}

/** `file:line rule` for every message, sorted; parse errors as `file:line fatal: message`. */
function findings(run: Run, root: string): string[] {
  const results = JSON.parse(run.stdout) as JsonResult[];
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const file = path.relative(root, result.filePath).split(path.sep).join('/');
        return `${file}:${message.line} ${message.fatal ? `fatal: ${message.message}` : message.ruleId}`;
      }),
    )
    .sort();
}

const PITFALL = 'async function save() {}\nexport async function handle() {\n  save();\n}\n';

let tmp: string;
let tarball: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-package-'));
  tarball = packPlugin(tmp);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('a JavaScript-only project without TypeScript', () => {
  let dir: string;
  const eslint = (args: string[]): Promise<Run> => runNode(['node_modules/eslint/bin/eslint.js', ...args], dir);
  const cli = (args: string[]): Promise<Run> => runNode(['node_modules/eslint-plugin-async-pitfalls/dist/src/cli/bin.js', ...args], dir);

  beforeAll(async () => {
    dir = path.join(tmp, 'js-only');
    // A rule of this test's own counts the files ESLint really lints, for the cache test.
    const countingConfig = `${readmeBlock('plugin-only').replace(
      /\];\s*$/,
      `  { plugins: { count: { rules: { files: { create: (context) => ({ Program: () => appendFileSync('linted.log', context.filename + '\\n') }) } } } }, rules: { 'count/files': 'error' } },\n];\n`,
    )}`;
    await installProject(dir, {
      tarball,
      packages: ['eslint'],
      legacyPeerDeps: true,
      files: {
        'eslint.config.js': readmeBlock('plugin-only'),
        'eslint.config.cjs': readmeBlock('commonjs'),
        'counting.config.js': `import { appendFileSync } from 'node:fs';\n${countingConfig}`,
        'src/handler.js': PITFALL,
        'src/view.jsx': 'export const View = () => <main />;\n',
        'src/comments.js': [
          '// eslint-disable-next-line no-console -- obeyed by another linter',
          'console.log("ready");',
          '',
        ].join('\n'),
        'lib/tool.cjs': 'const fs = require("node:fs");\nasync function run() {\n  return fs.readFileSync("x", "utf8");\n}\nmodule.exports = { run };\n',
      },
    });
  }, 120_000);

  it('has no typescript to load', () => {
    expect(existsSync(path.join(dir, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/eslint-plugin-async-pitfalls/dist/src/index.js'))).toBe(true);
  });

  it('lints .js files through the README’s plugin-only flat config', async () => {
    const run = await eslint(['-f', 'json', 'src', 'lib']);
    expect(run.stderr).toBe('');
    expect(findings(run, dir)).toEqual(['lib/tool.cjs:3 async-pitfalls/no-blocking-in-async', 'src/handler.js:3 async-pitfalls/no-missing-await']);
  });

  it('leaves other tools’ disable comments alone under --fix', async () => {
    const before = readFileSync(path.join(dir, 'src/comments.js'), 'utf8');
    await eslint(['--fix', 'src/comments.js']);
    expect(readFileSync(path.join(dir, 'src/comments.js'), 'utf8')).toBe(before);
  });

  it('lints through the README’s CommonJS config', async () => {
    const run = await eslint(['-c', 'eslint.config.cjs', '-f', 'json', 'src/handler.js']);
    expect(findings(run, dir)).toEqual(['src/handler.js:3 async-pitfalls/no-missing-await']);
  });

  it('lints .js files with the CLI', async () => {
    const run = await cli(['-f', 'json', 'src', 'lib']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    expect(findings(run, dir)).toEqual(['lib/tool.cjs:3 async-pitfalls/no-blocking-in-async', 'src/handler.js:3 async-pitfalls/no-missing-await']);
  });

  it('prints SARIF from the installed package', async () => {
    const run = await cli(['--format', 'sarif', 'src/handler.js']);
    const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((result) => result.ruleId)).toEqual(['async-pitfalls/no-missing-await']);
  });

  it('says in one line which ESLint it found when it is too old', async () => {
    const manifest = path.join(dir, 'node_modules/eslint/package.json');
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, JSON.stringify({ ...(JSON.parse(original) as object), version: '8.14.0' }));
    try {
      expect(await cli(['src'])).toEqual({ code: 2, stdout: '', stderr: 'async-pitfalls needs ESLint 9 or 10; found 8.14.0 in ./node_modules/eslint\n' });
    } finally {
      writeFileSync(manifest, original);
    }
  });

  it('--concurrency finds what a single thread finds, and --cache re-lints nothing the second time', async () => {
    const log = path.join(dir, 'linted.log');
    const lint = (extra: string[]): Promise<Run> => eslint(['-c', 'counting.config.js', '-f', 'json', ...extra, 'src', 'lib']);
    const linted = (): string[] =>
      existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((file) => path.relative(dir, file).split(path.sep).join('/')).sort() : [];

    const single = findings(await lint([]), dir);
    expect(single).toContain('src/handler.js:3 async-pitfalls/no-missing-await');
    expect(findings(await lint(['--concurrency', '2']), dir)).toEqual(single);

    rmSync(log, { force: true });
    const cached = ['--cache', '--cache-location', path.join(dir, '.eslintcache')];
    expect(findings(await lint(cached), dir)).toEqual(single);
    // ESLint's default file patterns: .js, .mjs and .cjs (not view.jsx).
    expect(linted()).toEqual(['lib/tool.cjs', 'src/comments.js', 'src/handler.js']);
    rmSync(log);
    expect(findings(await lint([...cached, '--concurrency', '2']), dir)).toEqual(single);
    expect(linted()).toEqual([]);
  });
});

describe('a TypeScript project with the README’s typed recipe', () => {
  let dir: string;

  beforeAll(async () => {
    dir = path.join(tmp, 'typed');
    await installProject(dir, {
      tarball,
      packages: ['eslint', 'typescript', '@typescript-eslint/parser'],
      files: {
        'eslint.config.js': readmeBlock('typed'),
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', noEmit: true, types: [] }, include: ['src'] }),
        // Only the checker knows that `persist()`, imported from another file, returns a promise.
        'src/db.ts': 'export async function persist(): Promise<void> {}\n',
        'src/app.ts': "import { persist } from './db.js';\n\nexport async function handle(): Promise<void> {\n  persist();\n}\n",
        // Outside the tsconfig, nested: linted without type information, never a parse error.
        'scripts/nested/migrate.js': PITFALL,
        'scripts/seed.ts': 'async function seed(): Promise<void> {}\nexport async function main(): Promise<void> {\n  seed();\n}\n',
      },
    });
  }, 120_000);

  it('lints the tsconfig’s files with types and the nested scripts without, with no parse errors', async () => {
    const run = await runNode(['node_modules/eslint/bin/eslint.js', '-f', 'json', '.'], dir);
    expect(run.stderr).toBe('');
    expect(findings(run, dir)).toEqual([
      'scripts/nested/migrate.js:3 async-pitfalls/no-missing-await',
      'scripts/seed.ts:3 async-pitfalls/no-missing-await',
      'src/app.ts:4 async-pitfalls/no-missing-await',
    ]);
  });

  it('the CLI finds the same', async () => {
    const run = await runNode(['node_modules/eslint-plugin-async-pitfalls/dist/src/cli/bin.js', '-c', 'strict', '-f', 'json', 'src', 'scripts'], dir);
    expect(findings(run, dir)).toEqual([
      'scripts/nested/migrate.js:3 async-pitfalls/no-missing-await',
      'scripts/seed.ts:3 async-pitfalls/no-missing-await',
      'src/app.ts:4 async-pitfalls/no-missing-await',
    ]);
  });
});
