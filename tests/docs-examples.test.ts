import { readFileSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { rules } from '../src/rules.js';

/**
 * Every fenced example in a rule's doc that follows a ❌ line must be reported by that rule, and every one
 * after a ✅ line must not be. `js` blocks are parsed by espree (ESLint's default for .js files), `ts`/`tsx`
 * by typescript-eslint's parser, both without type information. `<!-- options: {...} -->` on the line
 * before a fence sets the rule's options.
 */
interface Example {
  line: number;
  expectation: 'reported' | 'clean';
  language: string;
  code: string;
  options: unknown[];
}

function extractExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let expectation: Example['expectation'] | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const fence = /^```(\w+)\s*$/.exec(line);
    if (fence) {
      const start = index;
      const body: string[] = [];
      for (index += 1; index < lines.length && !lines[index]!.startsWith('```'); index += 1) body.push(lines[index]!);
      const optionsMatch = /^<!--\s*options:\s*(.*?)\s*-->$/.exec(lines[start - 1] ?? '');
      if (expectation && /^(js|jsx|ts|tsx|mjs|cjs)$/.test(fence[1]!)) {
        examples.push({
          line: start + 1,
          expectation,
          language: fence[1]!,
          code: body.join('\n'),
          options: optionsMatch ? [JSON.parse(optionsMatch[1]!)] : [],
        });
      }
      continue;
    }
    if (line.startsWith('#')) expectation = null;
    else if (line.includes('❌')) expectation = 'reported';
    else if (line.includes('✅')) expectation = 'clean';
  }
  return examples;
}

function lint(id: string, example: Example): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const typescript = example.language === 'ts' || example.language === 'tsx';
  const config: Linter.Config = {
    // `**/*` alone only extends configs that match a file by its extension: without these, .ts files get none.
    files: ['**/*', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    plugins: { 'async-pitfalls': plugin as never },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: example.language === 'cjs' ? 'commonjs' : 'module',
      ...(typescript ? { parser: tsParser as never } : {}),
      parserOptions: { ecmaFeatures: { jsx: example.language.endsWith('x') } },
    },
    rules: { [`async-pitfalls/${id}`]: ['error', ...example.options] as Linter.RuleEntry },
  };
  return linter.verify(example.code, config, { filename: `example.${example.language}` });
}

describe.each(Object.keys(rules))('docs/rules/%s.md examples', (id) => {
  const examples = extractExamples(readFileSync(new URL(`../docs/rules/${id}.md`, import.meta.url), 'utf8'));

  it('has both incorrect and correct examples', () => {
    expect(examples.some((example) => example.expectation === 'reported')).toBe(true);
    expect(examples.some((example) => example.expectation === 'clean')).toBe(true);
  });

  for (const example of examples) {
    it(`line ${example.line}: ${example.expectation === 'reported' ? '❌ is reported' : '✅ is clean'}`, () => {
      const messages = lint(id, example);
      const fatal = messages.filter((message) => message.fatal);
      expect(fatal, 'the example parses').toEqual([]);
      const reported = messages.filter((message) => message.ruleId === `async-pitfalls/${id}`);
      if (example.expectation === 'reported') expect(reported.length).toBeGreaterThan(0);
      else expect(reported).toEqual([]);
    });
  }
});
