import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { path } from '../../src/util/host.js';

/**
 * Files whose code runs once, with nothing else in flight: tests, database migrations and seeds,
 * one-off scripts. Recognised by path conventions and by what the file contains:
 * - test files: `*.test.*`, `*.spec.*`, a `test`, `e2e`, `__tests__` or `__mocks__` directory, a file
 *   that imports a test framework or assertion library, or one that calls `describe`, `it`, `test` or
 *   `suite` (also as a method: tap's `t.test`) with a title and a function at its top level;
 * - migrations and seeds: a `migrations`, `migration`, `seeds`, `seeders` directory, or a module that
 *   exports both `up` and `down` (knex, Sequelize, umzug, db-migrate) or a class with both methods (TypeORM);
 * - scripts and command-line tools: a `scripts`, `script`, `bin` or `cli` directory, or a file that
 *   starts with a `#!` line.
 * Directories are read from the path relative to the working directory.
 */
export function isOneOffFile(sourceCode: TSESLint.SourceCode, filename: string, cwd: string): boolean {
  const relative = path.relative(cwd, filename);
  const shown = (relative.startsWith('..') || path.isAbsolute(relative) ? filename : relative).split(path.sep).join('/');
  if (ONE_OFF_PATH.test(shown)) return true;
  if (sourceCode.text.startsWith('#!')) return true;
  return hasTopLevelTests(sourceCode.ast) || importsTestFramework(sourceCode.ast) || exportsMigration(sourceCode.ast);
}

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

const ONE_OFF_PATH = /(?:^|\/)(?:__tests__|__mocks__|test|e2e|migrations?|seeds|seeders|scripts?|bin|cli)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
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

function exportsMigration(program: TSESTree.Program): boolean {
  const names = new Set<string>();
  for (const statement of program.body) {
    const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (!node) continue;
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      for (const specifier of statement.specifiers) names.add(getKeyName(specifier.exported) ?? '');
    }
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id && statement !== node) names.add(node.id.name);
    if (node.type === AST_NODE_TYPES.VariableDeclaration && statement !== node) {
      for (const declarator of node.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
    }
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      const methods = new Set(node.body.body.map((member) => (member.type === AST_NODE_TYPES.MethodDefinition && !member.computed ? getKeyName(member.key) : null)));
      if (methods.has('up') && methods.has('down')) return true;
    }
    if (node.type === AST_NODE_TYPES.ExpressionStatement && node.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = node.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const object = left.object;
      const isModuleExports =
        object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && getStaticPropertyName(left) === 'exports';
      if (isModuleExports && right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of right.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed) names.add(getKeyName(property.key) ?? '');
      }
      const isExportsMember =
        (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ||
        (object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'module' && getStaticPropertyName(object) === 'exports');
      if (isExportsMember) names.add(getStaticPropertyName(left) ?? '');
    }
  }
  return (names.has('up') && names.has('down')) || names.has('seed');
}

const DEVELOPMENT_FLAG = /^(?:is|in)(?:Dev|Development|Test|Testing|E2E|E2e)(?:Mode|Env)?$/;

/**
 * Code that only runs in development or tests: inside `if (isDev) { … }` (also `isTest`, `isE2E`,
 * `inDevelopment`), or `if (process.env.NODE_ENV === 'development' | 'test')`.
 */
export function isDevelopmentOnly(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && isDevelopmentTest(current.test)) return true;
  }
  return false;
}

function isDevelopmentTest(test: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return isDevelopmentTest(node.left) || isDevelopmentTest(node.right);
  if (node.type === AST_NODE_TYPES.Identifier) return DEVELOPMENT_FLAG.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return DEVELOPMENT_FLAG.test(getStaticPropertyName(node) ?? '');
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return false;
  const [value, other] = node.right.type === AST_NODE_TYPES.Literal ? [node.right, node.left] : [node.left, node.right];
  return (
    value.type === AST_NODE_TYPES.Literal &&
    (value.value === 'development' || value.value === 'test') &&
    other.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(other) === 'NODE_ENV'
  );
}
