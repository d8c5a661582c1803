import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { formatSarif } from '../src/cli/sarif-formatter.js';
import { VERSION } from '../src/package-info.js';

// The SARIF log GitHub code scanning reads: its fixed shapes, checked field by field.

const RULE = 'async-pitfalls/no-missing-await';
const rulesMeta = { [RULE]: { docs: { description: 'Require promises to be awaited', url: 'https://example.test/no-missing-await' } } };

function message(overrides: Partial<Linter.LintMessage>): Linter.LintMessage {
  return { ruleId: RULE, severity: 2, message: 'not awaited', line: 3, column: 3, endLine: 3, endColumn: 9, ...overrides } as Linter.LintMessage;
}

function result(filePath: string, messages: Linter.LintMessage[], suppressedMessages: Linter.SuppressedLintMessage[] = []): ESLint.LintResult {
  return { filePath, messages, suppressedMessages, errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] } as unknown as ESLint.LintResult;
}

function parse(text: string) {
  return JSON.parse(text) as {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: unknown[] } };
      artifacts: unknown[];
      results: Record<string, unknown>[];
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    }[];
  };
}

describe('formatSarif', () => {
  it('lists each rule once and points every result at its rule and file by index', () => {
    const log = parse(formatSarif([result('/p/a.js', [message({}), message({ line: 7, column: 1, endLine: undefined, endColumn: undefined, severity: 1 })]), result('/p/clean.js', []), result('/p/b.js', [message({})])], { cwd: '/p', rulesMeta }));
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run?.tool.driver).toMatchObject({ name: 'async-pitfalls', version: VERSION });
    expect(run?.tool.driver.rules).toEqual([{ id: RULE, shortDescription: { text: 'Require promises to be awaited' }, helpUri: 'https://example.test/no-missing-await' }]);
    expect(run?.artifacts).toEqual([{ location: { uri: pathToFileURL('/p/a.js').href } }, { location: { uri: pathToFileURL('/p/b.js').href } }]);
    expect(run?.results).toEqual([
      {
        ruleId: RULE,
        ruleIndex: 0,
        level: 'error',
        message: { text: 'not awaited' },
        locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL('/p/a.js').href, index: 0 }, region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 } } }],
      },
      {
        ruleId: RULE,
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'not awaited' },
        locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL('/p/a.js').href, index: 0 }, region: { startLine: 7, startColumn: 1 } } }],
      },
      expect.objectContaining({ ruleIndex: 0, locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: { uri: pathToFileURL('/p/b.js').href, index: 1 } }) })] }),
    ]);
    expect(run?.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('keeps findings silenced in the source as suppressed results, with the justification', () => {
    const suppressed = { ...message({}), suppressions: [{ kind: 'directive', justification: 'fire-and-forget by design' }] } as Linter.SuppressedLintMessage;
    const log = parse(formatSarif([result('/p/a.js', [], [suppressed])], { cwd: '/p', rulesMeta }));
    expect(log.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: RULE, suppressions: [{ kind: 'inSource', justification: 'fire-and-forget by design' }] })]);
  });

  it('records a file that could not be parsed as a failure of the run, not as a finding', () => {
    const fatal = message({ ruleId: null, fatal: true, message: 'Parsing error: Unexpected token', line: 2, column: 5, endLine: undefined, endColumn: undefined });
    const log = parse(formatSarif([result('/p/broken.js', [fatal])], { cwd: '/p', rulesMeta: {} }));
    const [run] = log.runs;
    expect(run?.results).toEqual([]);
    expect(run?.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'Parsing error: Unexpected token' }, locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL('/p/broken.js').href, index: 0 }, region: { startLine: 2, startColumn: 5 } } }] },
        ],
      },
    ]);
  });
});
