import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkEnvironment } from '../src/cli/check-environment.js';
import type { CliPlugin } from '../src/cli/create-eslint.js';
import { parseCliArgs } from '../src/cli/parse-args.js';
import { runCli, type RunCliOptions } from '../src/cli/run-cli.js';
import { buildConfigs } from '../src/configs.js';
import type { AsyncPitfallsRule } from '../src/rules.js';
import { createRule, getDocsUrl } from '../src/util/create-rule.js';

// First-run set-up of the CLI (issue 13): version checks, the flags people type by habit, linting without
// TypeScript, the memory note, SARIF.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Reports every file once, saying whether it was linted with type information. */
const typeMode = createRule<[], 'mode'>({
  name: 'type-mode',
  meta: {
    type: 'problem',
    docs: { description: 'Report whether a file has type information', recommended: 'recommended', requiresTypeChecking: false, usesTypeInformation: true },
    messages: { mode: '{{mode}}' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Program(node) {
        context.report({ node, messageId: 'mode', data: { mode: context.sourceCode.parserServices?.program ? 'typed' : 'untyped' } });
      },
    };
  },
});
const testRules = { 'type-mode': typeMode } as unknown as Record<string, AsyncPitfallsRule>;
const testPlugin: CliPlugin = { configs: {} as CliPlugin['configs'] };
Object.assign(testPlugin.configs, buildConfigs({ rules: testRules } as unknown as TSESLint.FlatConfig.Plugin, testRules));

async function run(argv: string[], options: Partial<RunCliOptions> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    cwd: tmp,
    plugin: testPlugin,
    memoryNoteBytes: Number.POSITIVE_INFINITY,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...options,
  });
  return { code, stdout, stderr };
}

/** file name → the messages reported for it. */
function messagesByFile(stdout: string): Record<string, string[]> {
  const results = JSON.parse(stdout) as { filePath: string; messages: { message: string }[] }[];
  return Object.fromEntries(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => message.message)]));
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-cli-setup-'));
  write(path.join(tmp, 'proj/tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }));
  write(path.join(tmp, 'proj/src/service.ts'), 'export async function save(): Promise<void> {}\n');
  write(path.join(tmp, 'js/app.jsx'), 'export const App = () => <main>{load()}</main>;\n');
  write(path.join(tmp, 'js/server.js'), 'export const port = 8080;\n');
  write(path.join(tmp, 'js/types.ts'), 'export type Port = number;\n');
  write(path.join(tmp, 'sarif/handler.mjs'), 'async function save() {}\nexport async function handle() {\n  save();\n}\n');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('checkEnvironment', () => {
  /** A project folder holding fake `node_modules/<name>/package.json` files with these versions. */
  function project(versions: Record<string, string>): { cwd: string; from: URL } {
    const cwd = mkdtempSync(path.join(tmp, 'env-'));
    for (const [name, version] of Object.entries(versions)) {
      write(path.join(cwd, 'node_modules', name, 'package.json'), JSON.stringify({ name, version, exports: { './package.json': './package.json' } }));
    }
    return { cwd, from: pathToFileURL(path.join(cwd, 'cli.js')) };
  }

  it('names an old ESLint, where it is and what is needed, in one line', () => {
    expect(checkEnvironment(project({ eslint: '8.14.0' }))).toEqual([
      { message: 'async-pitfalls needs ESLint 9 or 10; found 8.14.0 in ./node_modules/eslint', fatal: true },
    ]);
  });

  it('says when there is no ESLint at all', () => {
    expect(checkEnvironment(project({}))).toEqual([
      { message: 'async-pitfalls needs ESLint 9 or 10; found none (npm install --save-dev eslint)', fatal: true },
    ]);
  });

  it('accepts ESLint 9 and 10 with no TypeScript, or a supported one', () => {
    expect(checkEnvironment(project({ eslint: '9.0.0' }))).toEqual([]);
    expect(checkEnvironment(project({ eslint: '10.15.0', typescript: '5.4.5' }))).toEqual([]);
    expect(checkEnvironment(project({ eslint: '10.15.0', typescript: '6.0.3' }))).toEqual([]);
  });

  it('stops on a TypeScript older than the peer range', () => {
    expect(checkEnvironment(project({ eslint: '10.15.0', typescript: '4.9.5' }))).toEqual([
      { message: 'async-pitfalls needs TypeScript 5.4 to 6.0 (or none, for JavaScript); found 4.9.5 in ./node_modules/typescript', fatal: true },
    ]);
  });

  it('goes on, with a note, on a TypeScript newer than we test', () => {
    expect(checkEnvironment(project({ eslint: '9.39.0', typescript: '6.1.0' }))).toEqual([
      { message: 'async-pitfalls is tested with TypeScript 5.4 to 6.0; found 6.1.0 in ./node_modules/typescript, going on', fatal: false },
    ]);
  });

  it('finds nothing wrong with what this repository installs', () => {
    expect(checkEnvironment({ cwd: repoRoot })).toEqual([]);
  });
});

describe('flags typed by habit', () => {
  it('-f, -c and --no-types', () => {
    expect(parseCliArgs(['-f', 'json', '-c', 'strict', '--no-types', 'src'])).toMatchObject({
      paths: ['src'],
      format: 'json',
      config: 'strict',
      noTypes: true,
    });
    expect(parseCliArgs([])).toMatchObject({ format: 'stylish', config: 'recommended', noTypes: false });
  });

  it('explains that -c names a config of ours, not a config file', () => {
    expect(() => parseCliArgs(['-c', 'eslint.config.js'])).toThrow(
      "unknown --config 'eslint.config.js': use one of recommended, strict, all (this CLI uses its own config; to lint with your eslint.config.js, run eslint)",
    );
  });

  it('--help says what type information costs', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('48 s and 2.6 GB of memory typed against 7 s and 0.45 GB with --no-types');
    expect(stdout).toMatch(/^ {2}-f, --format NAME/m);
    expect(stdout).toMatch(/^ {2}-c, --config NAME/m);
  });

  it('--no-types lints files under a tsconfig without type information', async () => {
    expect(messagesByFile((await run(['-f', 'json', 'proj'])).stdout)).toEqual({ 'service.ts': ['typed'] });
    expect(messagesByFile((await run(['-f', 'json', '--no-types', 'proj'])).stdout)).toEqual({ 'service.ts': ['untyped'] });
  });
});

describe('memory note', () => {
  it('a typed run past the threshold says, in one line, that --no-types exists', async () => {
    const { stderr } = await run(['-f', 'json', 'proj'], { memoryNoteBytes: 0 });
    expect(stderr).toMatch(/^async-pitfalls: type information took \d+\.\d GB of memory; --no-types lints without it, in a fraction of the time and memory\n$/);
  });

  it('an untyped run never prints it', async () => {
    expect((await run(['-f', 'json', '--no-types', 'proj'], { memoryNoteBytes: 0 })).stderr).toBe('');
  });
});

describe('without TypeScript', () => {
  it('lints JavaScript (JSX too) with ESLint’s parser and counts the TypeScript files it leaves out', async () => {
    const result = await run(['-f', 'json', 'js'], { hasTypeScript: () => false });
    expect(messagesByFile(result.stdout)).toEqual({ 'app.jsx': ['untyped'], 'server.js': ['untyped'] });
    expect(result.stderr).toBe('async-pitfalls: TypeScript is not installed, so 1 TypeScript file was not linted (npm install --save-dev typescript)\n');
    expect(result.code).toBe(1);
  });
});

describe('--format sarif', () => {
  it('prints SARIF 2.1 with rule ids, help URIs and locations', async () => {
    const { code, stdout } = await run(['--format', 'sarif', 'sarif'], { plugin: undefined });
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver.rules).toEqual([expect.objectContaining({ id: 'async-pitfalls/no-missing-await', helpUri: getDocsUrl('no-missing-await') })]);
    expect(sarifRun?.results).toEqual([
      expect.objectContaining({
        ruleId: 'async-pitfalls/no-missing-await',
        level: 'error',
        locations: [
          {
            physicalLocation: {
              artifactLocation: expect.objectContaining({ uri: pathToFileURL(path.join(tmp, 'sarif/handler.mjs')).href }) as unknown,
              region: expect.objectContaining({ startLine: 3, startColumn: 3 }) as unknown,
            },
          },
        ],
      }),
    ]);
  });
});
