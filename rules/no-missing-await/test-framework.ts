import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';

/** Modules whose test functions the runner awaits (node:test's `test()` returns a promise that never rejects). */
const TEST_MODULES = new Set(['node:test', 'test', 'vitest', '@jest/globals', 'mocha', 'bun:test']);

const TEST_FUNCTIONS = new Set([
  'describe', 'it', 'test', 'suite', 'context', 'specify',
  'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll',
]);

/** `test.only(…)`, `it.skip(…)`, `describe.each(table)(…)`, `test.concurrent(…)`. */
const MODIFIERS = new Set(['only', 'skip', 'todo', 'each', 'concurrent', 'sequential', 'skipIf', 'runIf', 'fails', 'failing']);

/**
 * A call of a test framework's `describe` / `it` / `test` (node:test, vitest, jest, mocha, bun), global
 * or imported, or a subtest on a test's context (`t.test(…)` in node:test and tap): the runner collects
 * and awaits what it returns. typescript-eslint reports node:test's; we deliberately do not.
 */
export function isTestFrameworkCall(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  let callee = skipExpressionWrappers(call.callee);
  // `describe.each(table)(name, fn)`
  if (callee.type === AST_NODE_TYPES.CallExpression) callee = skipExpressionWrappers(callee.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression && MODIFIERS.has(getStaticPropertyName(callee) ?? '')) {
    callee = skipExpressionWrappers(callee.object);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return TEST_FUNCTIONS.has(callee.name) && isTestBinding(sourceCode, callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !TEST_FUNCTIONS.has(getStaticPropertyName(callee) ?? '')) return false;
  const object = skipExpressionWrappers(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && isTestContext(sourceCode, object, 0);
}

/** A global test function (no declaration in the file) or one imported or required from a test module. */
function isTestBinding(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  if (!variable || variable.defs.length === 0) return true;
  const def = variable.defs[0]!;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration && TEST_MODULES.has(String(declaration.source.value));
  }
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  let init = skipExpressionWrappers(def.node.init);
  if (init.type === AST_NODE_TYPES.MemberExpression) init = skipExpressionWrappers(init.object);
  return (
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    TEST_MODULES.has(String(init.arguments[0].value))
  );
}

/** `t` in `test('x', async (t) => { t.test(…) })`: the first parameter of a test function's callback. */
function isTestContext(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier, depth: number): boolean {
  if (depth > 8) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node) || def.node.params[0] !== def.name) return false;
  const fn = def.node;
  const owner = fn.parent;
  if (owner.type !== AST_NODE_TYPES.CallExpression || !(owner.arguments as readonly TSESTree.Node[]).includes(fn)) return false;
  if (isTestFrameworkCall(sourceCode, owner)) return true;
  // `t.test('inner', (t2) => { t2.test(…) })`
  const callee = skipExpressionWrappers(owner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  return TEST_FUNCTIONS.has(getStaticPropertyName(callee) ?? '') && object.type === AST_NODE_TYPES.Identifier && isTestContext(sourceCode, object, depth + 1);
}

/**
 * A type test: vitest's typecheck mode and tsd only type-check `*.test-d.ts` / `*.spec-d.ts` files and
 * never run them, so nothing in them floats at run time.
 */
export function isTypeTestFile(filename: string): boolean {
  return /\.(?:test|spec)-d\.[cm]?[jt]sx?$/u.test(filename);
}
