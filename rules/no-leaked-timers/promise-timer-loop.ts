import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getOuterExpression } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';
import { walkDescendants } from '../../src/util/walk.js';
import { isLoopStatement } from '../../src/util/data-loop.js';

/** `for await (const tick of setInterval(ms))` from `timers/promises`: the loop that iterates it, and whether it can end. */
export function createPromiseTimerLoops(sourceCode: TSESLint.SourceCode) {
  return { findIteratingLoop };

  function findIteratingLoop(call: TSESTree.CallExpression): TSESTree.ForOfStatement | null {
    const outer = getOuterExpression(call);
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === outer) return parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
      const reads = variable?.references.filter((reference) => !reference.init) ?? [];
      if (reads.length !== 1) return null;
      const read = getOuterExpression(reads[0]!.identifier);
      const loop = read.parent;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.right === read) return loop;
    }
    return null;
  }
}

/** Whether a `for await` over the iterator can end: a `break`, `return`, `throw` or `yield` in its body. */
export function loopCanExit(loop: TSESTree.ForOfStatement): boolean {
  let found = false;
  const walk = (node: TSESTree.Node, nestedBreakable: boolean): void => {
    if (found || isFunctionNode(node)) return;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.YieldExpression:
        found = true;
        return;
      case AST_NODE_TYPES.BreakStatement:
        // A labelled break leaves this loop or an outer one; a bare one leaves the innermost loop or switch.
        if (node.label || !nestedBreakable) found = true;
        return;
      default:
        break;
    }
    const breakable = nestedBreakable || isLoopStatement(node) || node.type === AST_NODE_TYPES.SwitchStatement;
    walkDescendants(node, (child) => {
      if (child === node) return true;
      walk(child, breakable);
      return false;
    });
  };
  walk(loop.body, false);
  return found;
}
