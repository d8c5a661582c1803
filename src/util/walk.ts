import type { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { isFunctionNode } from './get-enclosing-function.js';

/**
 * The node's children in source order, by the parser's visitor keys (ESTree, JSX and TypeScript
 * nodes alike; espree's trees use a subset of the same keys).
 */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

/**
 * Visits `root` and its descendants depth-first in source order; `visit` returns false to skip a
 * node's children. Iterative, so a deeply nested file cannot overflow the stack.
 */
export function walkDescendants(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!visit(node)) continue;
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    // The children go on the stack in source order, then that stretch is reversed so the first pops
    // first: no closure or array per node (every rule's walks run through here, issue 12 §4).
    const start = stack.length;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
    for (let low = start, high = stack.length - 1; low < high; low += 1, high -= 1) {
      const child = stack[low]!;
      stack[low] = stack[high]!;
      stack[high] = child;
    }
  }
}

/**
 * Whether a node of one of `types` lies in `root`, functions aside (a nested function's code runs
 * apart from the code around it): `containsOutsideFunctions(body, new Set([AST_NODE_TYPES.ContinueStatement]))`.
 */
export function containsOutsideFunctions(root: TSESTree.Node, types: ReadonlySet<AST_NODE_TYPES>): boolean {
  let found = false;
  walkDescendants(root, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (types.has(node.type)) found = true;
    return !found;
  });
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
