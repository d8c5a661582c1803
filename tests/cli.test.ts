import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CliPlugin } from '../src/cli/create-eslint.js';
import { createProgramFileMatcher, findTsconfigDir } from '../src/cli/find-tsconfig.js';
import { runCli } from '../src/cli/run-cli.js';
import { buildConfigs } from '../src/configs.js';
import type { AsyncPitfallsRule } from '../src/rules.js';
import { createRule } from '../src/util/create-rule.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The registry may be empty on this branch, so the CLI is driven with a plugin of two test-only rules.
/** Reports every file once, saying whether it was linted with type information. */
const typeMode = createRule<[], 'mode'>({
  name: 'type-mode',
  meta: {
    type: 'problem',
    docs: { description: 'Report whether a file has type information', requiresTypeChecking: false, usesTypeInformation: true },
    messages: { mode: '{{mode}}' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Program(node) {
        const mode = context.sourceCode.parserServices?.program ? 'typed' : 'untyped';
        context.report({ node, messageId: 'mode', data: { mode } });
      },
    };
  },
});

/** Reports `floating();` statements and fixes them to `void floating();`. */
const noFloatingCall = createRule<[], 'floating'>({
  name: 'no-floating-call',
  meta: {
    type: 'problem',
    docs: { description: 'Report floating() calls', recommended: 'recommended', requiresTypeChecking: false, usesTypeInformation: false },
    fixable: 'code',
    messages: { floating: '`floating()` is never awaited' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      ExpressionStatement(node) {
        const call = node.expression;
        if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'floating') {
          context.report({ node: call, messageId: 'floating', fix: (fixer) => fixer.insertTextBefore(call, 'void ') });
        }
      },
    };
  },
});

const testRules = { 'no-floating-call': noFloatingCall, 'type-mode': typeMode } as unknown as Record<string, AsyncPitfallsRule>;
const testPlugin: CliPlugin = { configs: {} as CliPlugin['configs'] };
Object.assign(testPlugin.configs, buildConfigs({ rules: testRules } as unknown as TSESLint.FlatConfig.Plugin, testRules));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    cwd,
    plugin: testPlugin,
    // The test process's own peak memory says nothing about these small runs (tests/cli-setup.test.ts tests the note).
    memoryNoteBytes: Number.POSITIVE_INFINITY,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string | null; message: string; fatal?: boolean }[];
}

/** file (relative to `root`) → what the type-mode rule said about it, or the parse error. */
function modes(stdout: string, root: string): Record<string, string> {
  const results = JSON.parse(stdout) as JsonResult[];
  return Object.fromEntries(
    results.map((result) => [
      path.relative(root, result.filePath).split(path.sep).join('/'),
      result.messages.map((message) => (message.fatal ? `fatal: ${message.message}` : message.message)).join(', '),
    ]),
  );
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-cli-'));
  const tsconfig = { compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', types: [], noEmit: true }, include: ['src'] };
  write(path.join(tmp, 'proj/tsconfig.json'), JSON.stringify(tsconfig));
  write(path.join(tmp, 'proj/src/service.ts'), 'export async function save(): Promise<void> {}\n');
  write(path.join(tmp, 'proj/src/view.tsx'), 'export const View = () => <div />;\n');
  // Under the tsconfig's folder but not in its `include`, and JS without allowJs: outside the program.
  write(path.join(tmp, 'proj/scripts/release.ts'), 'const version: string = "1.0.0";\nexport { version };\n');
  write(path.join(tmp, 'proj/src/legacy.js'), 'module.exports = function legacy() {};\n');
  write(path.join(tmp, 'proj/node_modules/dep/index.js'), 'floating();\n');
  write(path.join(tmp, 'proj/dist/service.js'), 'floating();\n');
  write(path.join(tmp, 'proj/build/out.mjs'), 'floating();\n');
  write(path.join(tmp, 'plain/clean.mjs'), 'export const answer = 42;\n');
  write(path.join(tmp, 'plain/buggy.cts'), 'declare function floating(): Promise<void>;\nfloating();\n');
  write(path.join(tmp, 'plain/readme.md'), '# not linted\n');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('exits 0 when nothing is reported', async () => {
    const result = await run(['plain/clean.mjs'], tmp);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and prints the findings when errors are reported', async () => {
    const result = await run(['plain'], tmp);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('buggy.cts');
    expect(result.stdout).toContain('`floating()` is never awaited');
    expect(result.stdout).toContain('async-pitfalls/no-floating-call');
    expect(result.stderr).toBe('');
  });

  it('lints the working directory by default and skips node_modules, dist and build', async () => {
    const result = await run(['--format', 'json'], path.join(tmp, 'proj'));
    expect(result.code).toBe(0);
    expect(Object.keys(modes(result.stdout, path.join(tmp, 'proj'))).sort()).toEqual([
      'scripts/release.ts',
      'src/legacy.js',
      'src/service.ts',
      'src/view.tsx',
    ]);
  });

  it('exits 0 with a note when a folder has nothing to lint', async () => {
    mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    const result = await run(['empty'], tmp);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^async-pitfalls: no .* files to lint\n$/);
  });
});

describe('usage errors: exit 2 and one line on stderr', () => {
  it.each([
    [['--nope'], "async-pitfalls: unknown option '--nope' (see --help)\n"],
    [['-x', 'plain'], "async-pitfalls: unknown option '-x' (see --help)\n"],
    [['missing/dir'], "async-pitfalls: no such file or directory: 'missing/dir'\n"],
    [['plain', 'missing.ts'], "async-pitfalls: no such file or directory: 'missing.ts'\n"],
    [['--config', 'loose'], "async-pitfalls: unknown --config 'loose': use one of recommended, strict, all\n"],
    [['--format'], "async-pitfalls: option '--format' needs a value (see --help)\n"],
    [['--fix=yes'], "async-pitfalls: option '--fix' takes no value (see --help)\n"],
    [
      ['--format', 'no-such-formatter', 'plain'],
      "async-pitfalls: cannot load formatter 'no-such-formatter' (try stylish, json, json-with-metadata, html or sarif)\n",
    ],
  ])('%j', async (argv, stderr) => {
    expect(await run(argv, tmp)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('help and version', () => {
  it('prints usage', async () => {
    const result = await run(['--help'], tmp);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: async-pitfalls [paths...] [options]');
    expect(result.stdout).toContain('--config NAME');
  });

  it('prints the package and ESLint versions', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const result = await run(['--version'], tmp);
    expect(result).toEqual({ code: 0, stdout: expect.stringContaining(`eslint-plugin-async-pitfalls v${version} (ESLint v`), stderr: '' });
  });
});

describe('type information', () => {
  it('is used for files in the tsconfig found above the path, and not for files outside every tsconfig', async () => {
    const result = await run(['--config', 'all', '--format', 'json', 'proj', 'plain'], tmp);
    expect(modes(result.stdout, tmp)).toEqual({
      'plain/buggy.cts': 'untyped, `floating()` is never awaited',
      'plain/clean.mjs': 'untyped',
      // Outside the tsconfig's `include` (and JS without allowJs): linted untyped, never a parse error.
      'proj/scripts/release.ts': 'untyped',
      'proj/src/legacy.js': 'untyped',
      'proj/src/service.ts': 'typed',
      'proj/src/view.tsx': 'typed',
    });
  });

  it('finds the tsconfig above a file given directly, from another working directory', async () => {
    const result = await run(['--config', 'all', '--format', 'json', path.join(tmp, 'proj/src/service.ts')], path.join(tmp, 'plain'));
    expect(modes(result.stdout, tmp)).toEqual({ 'proj/src/service.ts': 'typed' });
  });

  it('lints a file outside the tsconfig untyped when it is given alone', async () => {
    const result = await run(['--config', 'all', '--format', 'json', 'scripts/release.ts'], path.join(tmp, 'proj'));
    expect(result.code).toBe(1);
    expect(modes(result.stdout, path.join(tmp, 'proj'))).toEqual({ 'scripts/release.ts': 'untyped' });
  });

  it('finds the tsconfig of each package below a folder that has none above it (a monorepo)', async () => {
    const tsconfig = { compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', types: [], noEmit: true }, include: ['src'] };
    write(path.join(tmp, 'mono/packages/api/tsconfig.json'), JSON.stringify(tsconfig));
    write(path.join(tmp, 'mono/packages/api/src/server.ts'), 'export async function serve(): Promise<void> {}\n');
    write(path.join(tmp, 'mono/scripts/seed.js'), 'module.exports = function seed() {};\n');
    const result = await run(['--config', 'all', '--format', 'json', 'mono'], tmp);
    expect(modes(result.stdout, tmp)).toEqual({
      'mono/packages/api/src/server.ts': 'typed',
      // Under no tsconfig at all: untyped, as before.
      'mono/scripts/seed.js': 'untyped',
    });
  });

  it('still reports a real syntax error', async () => {
    write(path.join(tmp, 'broken/proj/tsconfig.json'), JSON.stringify({ compilerOptions: { types: [] } }));
    write(path.join(tmp, 'broken/proj/bad.ts'), 'const = ;\n');
    const result = await run(['--format', 'json', 'broken/proj/bad.ts'], tmp);
    expect(result.code).toBe(1);
    expect(modes(result.stdout, tmp)['broken/proj/bad.ts']).toMatch(/^fatal: Parsing error: Variable declaration expected/);
  });
});

describe('which files are typed', () => {
  it('finds the nearest tsconfig.json at or above a path', () => {
    expect(findTsconfigDir(path.join(tmp, 'proj/src/service.ts'))).toBe(path.join(tmp, 'proj'));
    expect(findTsconfigDir(path.join(tmp, 'proj'))).toBe(path.join(tmp, 'proj'));
    expect(findTsconfigDir(path.join(tmp, 'plain'))).toBeUndefined();
  });

  it("asks each file's nearest tsconfig, following project references", () => {
    const root = path.join(tmp, 'solution');
    write(path.join(root, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: './packages/api' }] }));
    write(path.join(root, 'packages/api/tsconfig.json'), JSON.stringify({ compilerOptions: { composite: true, allowJs: true }, include: ['src'] }));
    write(path.join(root, 'packages/api/src/index.ts'), 'export {};\n');
    write(path.join(root, 'packages/api/src/legacy.js'), 'export {};\n');
    write(path.join(root, 'packages/api/test/index.test.ts'), 'export {};\n');
    write(path.join(root, 'tools/gen.ts'), 'export {};\n');
    write(path.join(root, 'packages/web/tsconfig.json'), '{ "include": [ broken');
    write(path.join(root, 'packages/web/main.ts'), 'export {};\n');
    const isProgramFile = createProgramFileMatcher();
    expect(
      ['packages/api/src/index.ts', 'packages/api/src/legacy.js', 'packages/api/test/index.test.ts', 'tools/gen.ts', 'packages/web/main.ts'].map(
        (file) => [file, isProgramFile(path.join(root, file))],
      ),
    ).toEqual([
      ['packages/api/src/index.ts', true],
      ['packages/api/src/legacy.js', true],
      ['packages/api/test/index.test.ts', false],
      ['tools/gen.ts', false],
      // A tsconfig TypeScript cannot read: linted untyped rather than failing to parse.
      ['packages/web/main.ts', false],
    ]);
  });
});

describe("other tools' comments", () => {
  it('ignores disable comments for rules of plugins it does not load, and rules switched on inline', async () => {
    write(
      path.join(tmp, 'comments/app.ts'),
      [
        '/* eslint semi: "error", no-var: "error" */',
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any, import/no-unresolved',
        'export const value: any = 1',
        'var legacy = 2 // eslint-disable-line unicorn/no-null',
        'export { legacy }',
        '',
      ].join('\n'),
    );
    const before = readFileSync(path.join(tmp, 'comments/app.ts'), 'utf8');
    expect(await run(['--fix', 'comments'], tmp)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(tmp, 'comments/app.ts'), 'utf8')).toBe(before);
  });

  it('still honours disable comments for its own rules', async () => {
    write(path.join(tmp, 'disabled/job.ts'), 'declare function floating(): Promise<void>;\n// eslint-disable-next-line async-pitfalls/no-floating-call -- fire and forget\nfloating();\n');
    expect(await run(['disabled'], tmp)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--fix and --format', () => {
  it('writes the fixes to the files and exits 0 when nothing is left', async () => {
    write(path.join(tmp, 'fix/job.ts'), 'declare function floating(): Promise<void>;\nexport async function job() {\n  floating(); // keep me\n}\n');
    const result = await run(['--fix', 'fix'], tmp);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(tmp, 'fix/job.ts'), 'utf8')).toBe(
      'declare function floating(): Promise<void>;\nexport async function job() {\n  void floating(); // keep me\n}\n',
    );
  });

  it('writes fixes in typed files and in files the tsconfig leaves out', async () => {
    write(path.join(tmp, 'fixproj/tsconfig.json'), JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }));
    write(path.join(tmp, 'fixproj/src/a.ts'), 'declare function floating(): Promise<void>;\nfloating();\n');
    write(path.join(tmp, 'fixproj/scripts/b.ts'), 'declare function floating(): Promise<void>;\nfloating();\n');
    const result = await run(['--fix', '--config', 'all', '--format', 'json', 'fixproj'], tmp);
    expect(modes(result.stdout, tmp)).toEqual({ 'fixproj/scripts/b.ts': 'untyped', 'fixproj/src/a.ts': 'typed' });
    for (const file of ['fixproj/src/a.ts', 'fixproj/scripts/b.ts']) {
      expect(readFileSync(path.join(tmp, file), 'utf8')).toBe('declare function floating(): Promise<void>;\nvoid floating();\n');
    }
  });

  it('leaves files alone without --fix', async () => {
    write(path.join(tmp, 'nofix/job.ts'), 'declare function floating(): Promise<void>;\nfloating();\n');
    expect((await run(['nofix'], tmp)).code).toBe(1);
    expect(readFileSync(path.join(tmp, 'nofix/job.ts'), 'utf8')).toBe('declare function floating(): Promise<void>;\nfloating();\n');
  });

  it('prints ESLint JSON', async () => {
    const result = await run(['--format', 'json', 'plain/buggy.cts'], tmp);
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.stdout) as JsonResult[];
    expect(report).toMatchObject({
      filePath: path.join(tmp, 'plain/buggy.cts'),
      errorCount: 1,
      messages: [{ ruleId: 'async-pitfalls/no-floating-call', message: '`floating()` is never awaited', line: 2, column: 1 }],
    });
  });
});

describe('the built bin', () => {
  const bin = path.join(repoRoot, 'dist/src/cli/bin.js');
  const exec = promisify(execFile);

  beforeAll(async () => {
    await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot });
  }, 120_000);

  it('starts with a hashbang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('exits 2 with one line on a usage error, without a stack trace', async () => {
    const error = await exec(process.execPath, [bin, '--nope'], { cwd: tmp }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 2, stdout: '', stderr: "async-pitfalls: unknown option '--nope' (see --help)\n" });
  });

  it('exits 0 on a clean file with the real plugin', async () => {
    const { stdout, stderr } = await exec(process.execPath, [bin, 'plain/clean.mjs'], { cwd: tmp });
    expect({ stdout, stderr }).toEqual({ stdout: '', stderr: '' });
  });
});
