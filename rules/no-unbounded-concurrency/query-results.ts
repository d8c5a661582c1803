/**
 * Where a collection came from, for database fan-out: a pool only fails when the collection is as large as a
 * table (the rows of a query without a limit), not for the ids of one document or the items of one request.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { QUERY_METHODS } from '../../src/knowledge/scarce-operations.js';
import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { classifyExpression } from './operation-kind.js';
import { MAX_DEPTH, type Analysis } from './types.js';

/** Methods that derive one collection from another, element for element or fewer. */
const DERIVING_METHODS = new Set(['map', 'filter', 'slice', 'flat', 'flatMap', 'concat', 'toSorted', 'sort', 'reverse', 'values', 'keys', 'entries']);
/** Methods of an ORM row that run a query on it. */
const ROW_QUERY_METHODS = new Set(['save', 'destroy', 'update', 'reload', 'increment', 'decrement', 'remove', 'delete', 'restore']);

/** Whether the collection holds the rows of a database query (through variables, destructuring and derived arrays). */
export function isQueryResult(analysis: Analysis, raw: TSESTree.Node): boolean {
  return findQueryCall(analysis, raw, 0) !== null;
}

/**
 * Whether the collection is one batch of rows: a query that sets a limit, whatever its value
 * (`findAll({ where, limit })` with the batch size a scheduler hands in). The pool fails only over every row
 * of a table; a batch the code sized is not that. (A literal limit is also compared with `maxConcurrency`
 * by the bound shapes, for every kind of operation.)
 */
export function isQueryBatch(analysis: Analysis, raw: TSESTree.Node): boolean {
  const query = findQueryCall(analysis, raw, 0);
  return query !== null && setsLimit(query);
}

/** The query call whose rows the collection holds, or null. */
function findQueryCall(analysis: Analysis, raw: TSESTree.Node, depth: number): TSESTree.CallExpression | null {
  if (depth > MAX_DEPTH) return null;
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression: {
      const argument = skipExpressionWrappers(node.argument);
      return argument.type === AST_NODE_TYPES.CallExpression && classifyExpression(analysis, argument) === 'pool' ? argument : null;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(analysis.sourceCode.getScope(node), node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
      return findQueryCall(analysis, def.node.init, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression:
      // `result.rows`, `(await q).data`.
      return node.computed ? null : findQueryCall(analysis, node.object, depth + 1);
    case AST_NODE_TYPES.ArrayExpression: {
      const only = node.elements.length === 1 ? node.elements[0] : null;
      return only ? findQueryCall(analysis, only, depth + 1) : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const object = skipExpressionWrappers(callee.object);
      // `Object.values(rows)`, `Array.from(rows)`.
      if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
        const first = node.arguments[0];
        return first === undefined ? null : findQueryCall(analysis, first, depth + 1);
      }
      return DERIVING_METHODS.has(getStaticPropertyName(callee) ?? '') ? findQueryCall(analysis, object, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** Limit options and methods that size a batch (not `count`/`size`, which often mean something else). */
const BATCH_LIMIT_NAMES = new Set(['limit', 'take', 'pageSize', 'page_size', 'perPage', 'per_page', 'batchLimit', 'batchSize', 'maxResults', 'MaxKeys', 'maxKeys']);

/** `findAll({ limit })`, `findMany({ take: n })`, `knex('t').where(…).limit(size)`: the query caps its rows. */
function setsLimit(query: TSESTree.CallExpression): boolean {
  let node: TSESTree.Expression = query;
  for (let step = 0; step < 16 && node.type === AST_NODE_TYPES.CallExpression; step += 1) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    const first = node.arguments[0];
    if (method !== null && BATCH_LIMIT_NAMES.has(method) && first && isLimitValue(first)) return true;
    for (const argument of node.arguments) {
      if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of argument.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        if (BATCH_LIMIT_NAMES.has(getKeyName(property.key) ?? '') && isLimitValue(property.value)) return true;
      }
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    node = skipExpressionWrappers(callee.object);
  }
  return false;
}

/** A value that can be a row count: not `undefined`, `null`, a boolean or a string. */
function isLimitValue(raw: TSESTree.Node): boolean {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return false;
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== 'undefined';
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number';
  return node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.BinaryExpression;
}

/**
 * `(op) => op.save({ hooks: false })`: every query method the callback calls on the element turns the model's
 * hooks off, so each call is its one query. A row method with hooks on may do more (a `destroy` hook that
 * deletes the row's file from storage).
 */
export function skipsModelHooks(fn: FunctionNode): boolean {
  const calls = elementQueryCalls(fn);
  return calls.length > 0 && calls.every((call) => call.arguments.some(turnsHooksOff));
}

function turnsHooksOff(argument: TSESTree.CallExpressionArgument): boolean {
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return argument.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      getKeyName(property.key) === 'hooks' &&
      property.value.type === AST_NODE_TYPES.Literal &&
      property.value.value === false,
  );
}

/** `(row) => row.save()`, `async (a) => { await a.destroy(); }`: the callback runs a query method of the element. */
export function callsElementQueryMethod(fn: FunctionNode): boolean {
  return elementQueryCalls(fn).length > 0;
}

/** The calls in `fn` of a query or row method on its first parameter (`row.save(…)`, `a.destroy()`). */
function elementQueryCalls(fn: FunctionNode): TSESTree.CallExpression[] {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return [];
  const calls: TSESTree.CallExpression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticPropertyName(callee) ?? '';
        const object = skipExpressionWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === param.name && (ROW_QUERY_METHODS.has(method) || QUERY_METHODS.has(method))) {
          calls.push(node);
        }
      }
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return calls;
}
