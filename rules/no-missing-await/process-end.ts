import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';

/**
 * Whether the statement holding a floating promise is followed, before anything is awaited, by the end
 * of the process (`process.exit()` in the same block) or by the return of a serverless handler. There a
 * promise that cannot reject still loses its work: the process ends, or the runtime freezes it, before
 * the promise settles.
 */
export function endsBeforeSettling(statement: TSESTree.Statement): boolean {
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return false;
  const body = block.body as TSESTree.Node[];
  const following = body.slice(body.indexOf(statement) + 1);
  for (const next of following) {
    if (isProcessExit(next)) return true;
    if (containsAwait(next)) return false;
  }
  if (block.type !== AST_NODE_TYPES.BlockStatement) return false;
  const fn = block.parent;
  return fn !== undefined && isFunctionNode(fn) && isServerlessHandler(fn);
}

function isProcessExit(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = skipExpressionWrappers(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'process' &&
    getStaticPropertyName(callee) === 'exit'
  );
}

function containsAwait(root: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) {
      found = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * A function exported as a serverless entry point: `export const handler = async (event) => …`,
 * `export async function handler(…)`, `exports.handler = …`, `module.exports.handler = …`.
 */
function isServerlessHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id?.name === 'handler' && parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
    return (
      parent.id.type === AST_NODE_TYPES.Identifier &&
      parent.id.name === 'handler' &&
      parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
    );
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const target = parent.left;
    if (getStaticPropertyName(target) !== 'handler') return false;
    const object = target.object;
    if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'exports';
    return (
      object.type === AST_NODE_TYPES.MemberExpression &&
      object.object.type === AST_NODE_TYPES.Identifier &&
      object.object.name === 'module' &&
      getStaticPropertyName(object) === 'exports'
    );
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    // `module.exports = { handler: async () => … }`
    return getKeyName(parent.key) === 'handler' && isModuleExportsValue(parent.parent);
  }
  return false;
}

function isModuleExportsValue(node: TSESTree.ObjectExpression): boolean {
  const parent = node.parent;
  if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = parent.left;
  return target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module' && getStaticPropertyName(target) === 'exports';
}
