import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getCalleeName, getOuterExpression, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { walkDescendants } from '../../src/util/walk.js';

/**
 * Callbacks that a call at start-up runs once: `client.connect(cb)`, `server.listen(port, cb)`,
 * `emitter.once('ready', cb)`, `main().then(cb)`. (`.on(…)` is not one: it may fire again, on every reconnect.)
 */
const ONE_SHOT_CALLEES: ReadonlySet<string> = new Set(['connect', 'listen', 'once', 'then', 'ready']);

/**
 * Timers armed once for the life of the process, like those at module top level: inside an IIFE or a
 * one-shot callback of a top-level call, or in a start-up function (declared at top level, not exported,
 * called once from top level) of a program that ends with an explicit `process.exit()` on its normal path.
 */
export function createStartUpAnalysis(sourceCode: TSESLint.SourceCode) {
  let exitsNormally: boolean | undefined;
  return { isArmedOnceAtStartUp };

  function isArmedOnceAtStartUp(node: TSESTree.Node, depth = 0): boolean {
    if (depth > 4) return false;
    for (let current = node.parent; current; current = current.parent) {
      // A field initialiser runs once per instance.
      if ((current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) && !current.static) return false;
      if (!isFunctionNode(current)) continue;
      const fn = current;
      if (isImmediatelyInvoked(fn) || isOneShotCallback(fn)) continue;
      const call = findSingleTopLevelCall(fn);
      return call !== null && isArmedOnceAtStartUp(call, depth + 1) && programExitsNormally(fn);
    }
    return true;
  }

  /** `main()` is called once, from code that runs once; null for anything else (exported, called twice, a method). */
  function findSingleTopLevelCall(fn: FunctionNode): TSESTree.CallExpression | null {
    let id: TSESTree.Identifier | null = null;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.parent.type === AST_NODE_TYPES.Program) id = fn.id;
    else if (
      fn.parent.type === AST_NODE_TYPES.VariableDeclarator &&
      fn.parent.id.type === AST_NODE_TYPES.Identifier &&
      fn.parent.parent.parent.type === AST_NODE_TYPES.Program
    ) {
      id = fn.parent.id;
    }
    if (!id) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    const reads = variable?.references.filter((reference) => !reference.init) ?? [];
    if (reads.length !== 1) return null;
    const read = reads[0]!.identifier as TSESTree.Node;
    const call = read.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === read ? call : null;
  }

  /** A `process.exit()` on the program's normal path: at top level, in the start-up function, or in `.then()`/`.finally()` after it. */
  function programExitsNormally(startUp: FunctionNode): boolean {
    if (exitsNormally === undefined) {
      exitsNormally = false;
      walkDescendants(sourceCode.ast, (node) => {
        if (exitsNormally) return false;
        if (node.type === AST_NODE_TYPES.CallExpression && isProcessExit(node) && isNormalPath(node, startUp)) exitsNormally = true;
        return true;
      });
    }
    return exitsNormally;
  }
}

function isProcessExit(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(callee) === 'exit' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'process'
  );
}

function isNormalPath(node: TSESTree.Node, startUp: FunctionNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return false;
    if (!isFunctionNode(current)) continue;
    if (current === startUp) continue;
    const parent = current.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.Expression)) return false;
    const name = getCalleeName(parent);
    if (name === 'finally' || (name === 'then' && parent.arguments[0] === current)) continue;
    return false;
  }
  return true;
}

function isImmediatelyInvoked(fn: FunctionNode): boolean {
  const outer = getOuterExpression(fn);
  return outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer;
}

function isOneShotCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.Expression)) return false;
  const name = getCalleeName(parent);
  return name !== null && ONE_SHOT_CALLEES.has(name);
}
