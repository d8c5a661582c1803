import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { path } from './host.js';

/**
 * Whether a file is test code. Code there runs once per test, against objects and servers that live for
 * one test, and the test runner's own timeout bounds every wait in it. Recognised by path conventions and
 * by what the file contains:
 * - `*.test.*`, `*.spec.*`, or a file under a `test`, `e2e`, `__tests__` or `__mocks__` folder (a `tests`
 *   folder is not enough on its own: it also holds fixtures that are not tests, and its test files import
 *   a framework or call `describe` / `it`, as below);
 * - a file that imports a test framework or assertion library (vitest, jest, mocha, node:test, tap, chai,
 *   supertest, nock, …);
 * - a file that calls `describe`, `it`, `test` or `suite` (also as a method: tap's `t.test`) with a title
 *   and a function at its top level.
 * Folders are read from the path relative to the working directory, so a checkout that itself lives
 * under a `test` folder is not all test code.
 */
export function isTestFile(sourceCode: TSESLint.SourceCode, filename: string, cwd: string): boolean {
  return TEST_PATH.test(getShownPath(filename, cwd)) || hasTopLevelTests(sourceCode.ast) || importsTestFramework(sourceCode.ast);
}

/** The path as the user sees it: relative to the working directory when the file is inside it, with `/` separators. */
export function getShownPath(filename: string, cwd: string): string {
  const relative = path.relative(cwd, filename);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? filename : relative).split(path.sep).join('/');
}

const TEST_PATH = /(?:^|\/)(?:__tests__|__mocks__|test|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/u;

const TEST_MODULES = new Set([
  '@jest/globals', '@playwright/test', 'ava', 'chai', 'jest', 'mocha', 'nock', 'node:test', 'sinon', 'supertest', 'tap', 'tape', 'uvu', 'vitest',
]);

function importsTestFramework(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) return TEST_MODULES.has(statement.source.value);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return statement.declarations.some((declarator) => {
      let init = declarator.init && skipExpressionWrappers(declarator.init);
      // `require('tap').test`, `require('chai').expect`
      while (init?.type === AST_NODE_TYPES.MemberExpression) init = skipExpressionWrappers(init.object);
      return (
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        TEST_MODULES.has(String(init.arguments[0].value))
      );
    });
  });
}

const TEST_FUNCTIONS = new Set(['describe', 'it', 'test', 'suite']);

function hasTopLevelTests(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const call = skipExpressionWrappers(statement.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2) return false;
    let callee: TSESTree.Node = skipExpressionWrappers(call.callee);
    // `describe.each(table)('title', fn)`, `test.skip('title', fn)`
    if (callee.type === AST_NODE_TYPES.CallExpression) callee = skipExpressionWrappers(callee.callee);
    // `t.test('title', fn)` (tap), `suite.test(…)`, and `test.skip(…)`, `describe.only(…)`
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = getStaticPropertyName(callee);
      callee = method !== null && TEST_FUNCTIONS.has(method) ? callee.property : skipExpressionWrappers(callee.object);
    }
    if (callee.type !== AST_NODE_TYPES.Identifier || !TEST_FUNCTIONS.has(callee.name)) return false;
    const fn = call.arguments[1];
    return fn?.type === AST_NODE_TYPES.ArrowFunctionExpression || fn?.type === AST_NODE_TYPES.FunctionExpression;
  });
}
