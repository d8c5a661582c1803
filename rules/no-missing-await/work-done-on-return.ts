import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { isNoThenableByKind } from '../../src/util/is-surely-not-promise.js';
import { forEachChild } from '../../src/util/walk.js';
import { loadTypeScript } from '../../src/util/typescript.js';

/**
 * An `async` function that does all its work before it returns: it awaits nothing (no `await`, no
 * `for await`), throws nothing itself and returns no value that could be a promise (every `return` is
 * bare or a value whose syntax, or with types whose type, is no thenable). Its promise is already
 * settled when the call returns, so floating it loses no work, and its only possible rejection is an
 * unexpected exception from a call inside, which the same body without `async` would throw uncaught
 * as well: `async clear() { for (const w of this.workers) w.terminate(); this.workers.clear(); }`.
 *
 * An explicit `throw` (outside a `try` that catches it) keeps the function reported: there the
 * rejection is how it reports a failure (`async function validate(x) { if (!x) throw … }`). A body that
 * does nothing (no call, `new`, assignment or update: `{}`, `{ try {} catch {} }`) does not count either:
 * a stub stands for work still to be written (as in `cannot-reject.ts`).
 * `isNoThenable` answers, with types, whether a returned expression's type holds no thenable.
 */
export function doesWorkBeforeReturn(fn: FunctionNode, isNoThenable?: (value: TSESTree.Expression) => boolean): boolean {
  if (!fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement || fn.body.body.length === 0) return false;
  let quiet = true;
  let works = false;
  const visit = (node: TSESTree.Node, caught: boolean): void => {
    if (!quiet || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
        works = true;
        break;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
        quiet = false;
        return;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) quiet = false;
        break;
      case AST_NODE_TYPES.ThrowStatement:
        if (!caught) quiet = false;
        return;
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument && !isPlainValue(node.argument) && isNoThenable?.(node.argument) !== true) quiet = false;
        break;
      case AST_NODE_TYPES.TryStatement:
        // A `throw` in the block lands in the catch, which is judged on its own.
        if (node.handler) {
          visit(node.block, true);
          visit(node.handler, caught);
          if (node.finalizer) visit(node.finalizer, caught);
          return;
        }
        break;
      default:
        break;
    }
    forEachChild(node, (child) => visit(child, caught));
  };
  for (const statement of fn.body.body) visit(statement, false);
  return quiet && works;
}

/**
 * A value syntax proves is no thenable on every branch: a literal, a template, an operator's
 * primitive, an array or object literal without a `then`, a function.
 */
function isPlainValue(node: TSESTree.Expression): boolean {
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return isPlainValue(inner.consequent) && isPlainValue(inner.alternate);
    case AST_NODE_TYPES.Identifier:
      return inner.name === 'undefined';
    default:
      return isNoThenableByKind(inner);
  }
}

/**
 * The same question on the declaration of a function or method in another file of the program.
 * `isNoThenable` answers whether a returned expression's type holds no thenable.
 */
export function tsDoesWorkBeforeReturn(declaration: ts.Node, isNoThenable: (value: ts.Expression) => boolean): boolean {
  const ts = loadTypeScript();
  let fn: ts.Node = declaration;
  if ((ts.isPropertyDeclaration(fn) || ts.isVariableDeclaration(fn)) && fn.initializer) fn = fn.initializer;
  while (ts.isParenthesizedExpression(fn)) fn = fn.expression;
  if (!ts.isMethodDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionDeclaration(fn)) return false;
  if (fn.asteriskToken || !fn.body || !ts.isBlock(fn.body) || fn.body.statements.length === 0) return false;
  if ((ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) === 0) return false;
  let works = false;
  const loud = (node: ts.Node, caught: boolean): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isPostfixUnaryExpression(node)) works = true;
    if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) works = true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) works = true;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) return true;
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    if (ts.isThrowStatement(node)) return !caught;
    if (ts.isReturnStatement(node) && node.expression && !isNoThenable(node.expression)) return true;
    if (ts.isTryStatement(node) && node.catchClause) {
      return loud(node.tryBlock, true) || loud(node.catchClause, caught) || (node.finallyBlock !== undefined && loud(node.finallyBlock, caught));
    }
    return ts.forEachChild(node, (child) => (loud(child, caught) ? true : undefined)) === true;
  };
  return !fn.body.statements.some((statement) => loud(statement, false)) && works;
}
