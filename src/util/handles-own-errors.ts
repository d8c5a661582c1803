import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { forEachChild } from './walk.js';

export type FunctionLike = FunctionNode;

/**
 * Whether the function handles its own errors: its whole body is one `try` with a `catch` that does not
 * rethrow. Nothing it does can then reject its promise (or throw to its caller), short of the `catch` or
 * `finally` failing themselves.
 */
export function functionHandlesOwnErrors(fn: FunctionLike): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = fn.body.body;
  if (statements.length !== 1) return false;
  const only = statements[0]!;
  return only.type === AST_NODE_TYPES.TryStatement && only.handler !== null && !catchRethrows(only.handler);
}

/**
 * Whether a `catch` can throw on purpose: a `throw` in its body that no inner `try … catch` intercepts
 * (nested functions run later and do not count), or a `return` of `Promise.reject(…)` in an async function.
 */
export function catchRethrows(catchClause: TSESTree.CatchClause): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseReject(node.argument)) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.TryStatement) {
      // A throw inside an inner try block with a catch lands in that catch, which is checked on its own.
      if (!node.handler) visit(node.block);
      else visit(node.handler.body);
      if (node.finalizer) visit(node.finalizer);
      return;
    }
    forEachChild(node, visit);
  };
  visit(catchClause.body);
  return found;
}

function isPromiseReject(node: TSESTree.Expression): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Promise' &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === 'reject'
  );
}
