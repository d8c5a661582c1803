import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

/**
 * "Never crash": every rule, with its default options, over unusual-but-valid syntax and over real
 * code (this repository's own sources and the examples), parsed the ways users parse it — espree for
 * .js, typescript-eslint without types, and with types through the project service. A rule that
 * throws fails here with the file it threw on.
 */
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const weird = path.join(root, 'tests/fixtures/weird');

function listSources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : listSources(full);
    return /\.(c|m)?(j|t)sx?$/.test(name) ? [full] : [];
  });
}

const files = [
  ...listSources(weird),
  ...listSources(path.join(root, 'src')),
  ...listSources(path.join(root, 'rules')),
  ...listSources(path.join(root, 'examples')),
];

function lint(file: string, mode: 'plain' | 'typed'): Linter.LintMessage[] {
  const typescript = /\.(c|m)?tsx?$/.test(file);
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config = {
    // `**/*` alone only extends configs that match a file by its extension: without these, .ts files get none.
    files: ['**/*', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    ...plugin.configs.all,
    plugins: { 'async-pitfalls': plugin as never },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: file.endsWith('.cjs') || file.endsWith('syntax.js') ? 'commonjs' : 'module',
      ...(typescript || mode === 'typed' ? { parser: tsParser as never } : {}),
      parserOptions: {
        ecmaFeatures: { jsx: /x$/.test(file) },
        ...(mode === 'typed' ? { projectService: { allowDefaultProject: ['tests/fixtures/weird/*'] }, tsconfigRootDir: root } : {}),
      },
    },
  } as Linter.Config;
  return linter.verify(readFileSync(file, 'utf8'), config, { filename: file });
}

describe.each(['plain', 'typed'] as const)('every rule on real and unusual code (%s)', (mode) => {
  it.each(files.map((file) => path.relative(root, file)))('%s', (relative) => {
    const messages = lint(path.join(root, relative), mode);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  });
});
