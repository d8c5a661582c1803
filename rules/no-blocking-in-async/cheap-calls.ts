import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import type { BlockingCallInfo } from '../../src/knowledge/blocking-calls.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';

/** Which of the cheap metadata calls the options ask to report everywhere (else only inside loops). */
export interface CheapCallOptions {
  checkExistsSync: boolean;
  checkMetadataCalls: boolean;
}

/**
 * Whether this call is a cheap metadata call the options leave to loops: an existence check, a
 * `stat`/`mkdir`/`unlink`-like call on one path, or a removal whose options do not ask for a
 * recursive walk (`rmSync(p, { recursive: true })` walks a tree and stays reported).
 */
export function isExemptCheapCall(call: TSESTree.CallExpression, info: BlockingCallInfo, options: CheapCallOptions): boolean {
  switch (info.cost) {
    case 'exists':
      return !options.checkExistsSync;
    case 'metadata':
      return !options.checkMetadataCalls;
    case 'unless-recursive':
      return !options.checkMetadataCalls && !mayBeRecursive(call);
    default:
      return false;
  }
}

/** The options argument is absent, or written out without a `recursive` that may be true. */
function mayBeRecursive(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  if (!options) return false;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return options.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return true;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    if (key !== 'recursive') return false;
    return !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false);
  });
}

/** Array methods whose callback runs once per element, synchronously. */
export const ITERATION_METHODS = new Set([
  'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'map', 'reduce',
  'reduceRight', 'some', 'sort', 'toSorted',
]);

/**
 * Whether `node` runs once per iteration of a loop that lies inside `boundary` (the function whose
 * run is being judged): a loop statement's body, test or update, or the callback of an array
 * iteration method (`files.map((f) => statSync(f))`).
 */
export function isInLoop(node: TSESTree.Node, boundary: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== boundary; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.ForStatement:
        if (child !== current.init) return true;
        break;
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        if (child === current.body) return true;
        break;
      default:
        if (isFunctionNode(current) && isIterationCallback(current)) return true;
    }
  }
  return false;
}

export function isIterationCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(callee);
  return name !== null && ITERATION_METHODS.has(name);
}
