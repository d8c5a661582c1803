import { readFileSync, writeFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { rules } from '../src/rules.js';
import {
  HEADER_BEGIN,
  HEADER_END,
  RULES_LIST_BEGIN,
  RULES_LIST_END,
  renderRuleHeader,
  renderRulesTable,
  replaceBetween,
} from './docs/generate.js';

// `npm run docs` sets UPDATE_DOCS=1: the same comparison then writes the generated text instead.
const update = process.env.UPDATE_DOCS === '1';
const root = new URL('../', import.meta.url);

function checkOrWrite(path: URL, current: string, expected: string): void {
  if (update && current !== expected) writeFileSync(path, expected);
  else expect(current, `${path.pathname} is out of date: run \`npm run docs\``).toBe(expected);
}

describe('generated docs', () => {
  it('README rules table matches the rules meta', () => {
    const path = new URL('README.md', root);
    const current = readFileSync(path, 'utf8');
    checkOrWrite(path, current, replaceBetween(current, RULES_LIST_BEGIN, RULES_LIST_END, renderRulesTable(rules)));
  });

  for (const [id, rule] of Object.entries(rules)) {
    it(`docs/rules/${id}.md header matches the rule meta`, () => {
      const path = new URL(`docs/rules/${id}.md`, root);
      const current = readFileSync(path, 'utf8');
      expect(current.startsWith(`# async-pitfalls/${id}\n`), 'the doc starts with the rule name as its title').toBe(true);
      checkOrWrite(path, current, replaceBetween(current, HEADER_BEGIN, HEADER_END, renderRuleHeader(rule)));
    });
  }
});
