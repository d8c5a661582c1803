/**
 * Where a collection came from, for database fan-out: a pool only fails when the collection is as large as a
 * table (the rows of a query without a limit), not for the ids of one document or the items of one request.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { QUERY_METHODS } from '../../src/knowledge/scarce-operations.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { classifyExpression } from './operation-kind.js';
import { MAX_DEPTH, type Analysis } from './types.js';

/** Methods that derive one collection from another, element for element or fewer. */
const DERIVING_METHODS = new Set(['map', 'filter', 'slice', 'flat', 'flatMap', 'concat', 'toSorted', 'sort', 'reverse', 'values', 'keys', 'entries']);
/** Methods of an ORM row that run a query on it. */
const ROW_QUERY_METHODS = new Set(['save', 'destroy', 'update', 'reload', 'increment', 'decrement', 'remove', 'delete', 'restore']);

/** Whether the collection holds the rows of a database query (through variables, destructuring and derived arrays). */
export function isQueryResult(analysis: Analysis, raw: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return isQueryCall(analysis, skipExpressionWrappers(node.argument));
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(analysis.sourceCode.getScope(node), node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
      return isQueryResult(analysis, def.node.init, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression:
      // `result.rows`, `(await q).data`.
      return !node.computed && isQueryResult(analysis, node.object, depth + 1);
    case AST_NODE_TYPES.ArrayExpression: {
      const only = node.elements.length === 1 ? node.elements[0] : null;
      return only ? isQueryResult(analysis, only, depth + 1) : false;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = skipExpressionWrappers(callee.object);
      // `Object.values(rows)`, `Array.from(rows)`.
      if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
        const first = node.arguments[0];
        return first !== undefined && isQueryResult(analysis, first, depth + 1);
      }
      return DERIVING_METHODS.has(getStaticPropertyName(callee) ?? '') && isQueryResult(analysis, object, depth + 1);
    }
    default:
      return false;
  }
}

function isQueryCall(analysis: Analysis, node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  return classifyExpression(analysis, node) === 'pool';
}

/** `(row) => row.save()`, `async (a) => { await a.destroy(); }`: the callback runs a query method of the element. */
export function callsElementQueryMethod(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticPropertyName(callee) ?? '';
        const object = skipExpressionWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === param.name && (ROW_QUERY_METHODS.has(method) || QUERY_METHODS.has(method))) {
          found = true;
          return;
        }
      }
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}
