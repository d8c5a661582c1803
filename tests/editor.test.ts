import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

// Editors drive ESLint's Node API: `lintText` with the buffer and its `filePath`, then offer each message's
// suggestions as quick fixes. Every suggestion of every message, applied alone, must leave code that parses
// where it lands (issue 13).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(repoRoot, 'examples');
const exampleFiles = readdirSync(examplesDir).filter((file) => /\.[cm]?[jt]sx?$/.test(file) && !file.endsWith('.d.ts'));

function createEditorESLint(typed: boolean): ESLint {
  return new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{js,cjs,mjs,ts,cts,mts,tsx}'],
        languageOptions: {
          parser: tsParser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: examplesDir } : {},
        },
      },
      plugin.configs.all,
    ] as Linter.Config[],
  });
}

/** Parse errors in `text`, parsed as Node would run it: TypeScript as a module, `.cjs` and CommonJS `.js` as scripts. */
function parseErrors(text: string, filePath: string, sourceType: 'module' | 'commonjs'): string[] {
  const config: Linter.Config = path.extname(filePath).endsWith('ts')
    ? { files: ['**/*'], languageOptions: { parser: tsParser, sourceType } }
    : { files: ['**/*'], languageOptions: { sourceType } };
  return new Linter()
    .verify(text, config, filePath)
    .filter((message) => message.fatal)
    .map((message) => `${message.line}:${message.column} ${message.message}`);
}

interface Applied {
  where: string;
  suggestion: string;
  errors: string[];
}

async function applyEverySuggestion(eslint: ESLint, text: string, filePath: string, sourceType: 'module' | 'commonjs'): Promise<{ suggestions: number; failures: Applied[]; descs: string[] }> {
  const [result] = await eslint.lintText(text, { filePath });
  expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
  const failures: Applied[] = [];
  const descs: string[] = [];
  let suggestions = 0;
  for (const message of result?.messages ?? []) {
    for (const suggestion of message.suggestions ?? []) {
      suggestions += 1;
      descs.push(`${message.line}: ${suggestion.desc}`);
      const [start, end] = suggestion.fix.range;
      const output = text.slice(0, start) + suggestion.fix.text + text.slice(end);
      const errors = parseErrors(output, filePath, sourceType);
      if (errors.length > 0) failures.push({ where: `${path.basename(filePath)}:${message.line} ${message.ruleId}`, suggestion: suggestion.desc, errors });
    }
  }
  return { suggestions, failures, descs };
}

describe('editor quick fixes', () => {
  const typed = createEditorESLint(true);

  it.each(exampleFiles)('examples/%s: every suggestion leaves code that parses', async (file) => {
    const filePath = path.join(examplesDir, file);
    const { suggestions, failures } = await applyEverySuggestion(typed, readFileSync(filePath, 'utf8'), filePath, 'module');
    expect(failures).toEqual([]);
    expect(suggestions).toBeGreaterThan(0);
  });

  it('offers no `await` at the top level of a CommonJS .js file, and every suggestion there parses', async () => {
    const text = [
      "const { writeFile } = require('node:fs/promises');",
      '',
      'async function main() {',
      "  await writeFile('out.txt', 'done');",
      '}',
      '',
      'main();',
      '',
      'module.exports = { main };',
      '',
    ].join('\n');
    const filePath = path.join(repoRoot, 'tests/fixtures/editor/worker.js');
    const { failures, descs } = await applyEverySuggestion(createEditorESLint(false), text, filePath, 'commonjs');
    expect(failures).toEqual([]);
    expect(descs.length).toBeGreaterThan(0);
    expect(descs.filter((desc) => /\bawait\b/i.test(desc))).toEqual([]);
  });
});
