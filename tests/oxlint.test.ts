import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// oxlint's JS-plugin host (`jsPlugins` in .oxlintrc.json) runs our rules without type information. On
// examples/ it must report exactly what ESLint reports untyped: same rules, places and messages (issue 13).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const oxlintBin = path.join(repoRoot, 'node_modules/oxlint/bin/oxlint');
const builtPlugin = path.join(repoRoot, 'dist/src/index.js');

interface OxlintDiagnostic {
  message: string;
  code: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}

let tmp: string;
let plugin: { rules: Record<string, unknown>; configs: { all: Linter.Config } };

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-oxlint-'));
  plugin = ((await import(pathToFileURL(builtPlugin).href)) as { default: typeof plugin }).default;
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// oxlint is a devDependency: its binary ships inside its npm package, so it is always here after npm ci.
describe('oxlint jsPlugins', () => {
  it('reports on examples/ exactly what ESLint reports without type information', async () => {
    const config = path.join(tmp, '.oxlintrc.json');
    const rules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`async-pitfalls/${id}`, 'error']));
    // No built-in oxlint rules: only ours.
    writeFileSync(config, JSON.stringify({ plugins: [], categories: { correctness: 'off' }, jsPlugins: [builtPlugin], rules }));
    const { stdout } = await promisify(execFile)(process.execPath, [oxlintBin, '-c', config, '-f', 'json', 'examples'], { cwd: repoRoot }).catch(
      (failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }),
    );
    const fromOxlint = (JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] }).diagnostics
      .map((diagnostic) => {
        const { line, column } = diagnostic.labels[0]!.span;
        const rule = /^async-pitfalls\((.+)\)$/.exec(diagnostic.code)?.[1] ?? diagnostic.code;
        return `${path.basename(diagnostic.filename)}:${line}:${column} ${rule} ${diagnostic.message}`;
      })
      .sort();

    const eslint = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.all] as Linter.Config[],
    });
    const fromESLint = (await eslint.lintFiles(['examples/*.ts']))
      .flatMap((result) =>
        result.messages.map((message) => `${path.basename(result.filePath)}:${message.line}:${message.column} ${message.ruleId?.replace('async-pitfalls/', '') ?? 'fatal'} ${message.message}`),
      )
      .sort();

    expect(fromESLint.length).toBeGreaterThan(20);
    expect(fromOxlint).toEqual(fromESLint);
  });
});
