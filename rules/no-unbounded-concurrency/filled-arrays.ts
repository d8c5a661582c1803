import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { getBound, isConfiguredSize, isUnknownish, type Bound } from './bounded-collection.js';
import { isPlainValue } from './find-unbounded.js';
import { containsLimitingCall } from './limiter-detection.js';
import { describeExpression, getConstantNumber, isWithin } from './syntax.js';
import type { Analysis, Finding } from './types.js';

/**
 * `const tasks = []; for (const x of xs) tasks.push(save(x)); await Promise.all(tasks);`: reported when every
 * use of `tasks` is a push (or index write) or this combinator, and some push sits in a loop whose length
 * run-time data decides. A loop that awaits, or reads `tasks` (`tasks.length >= 10`), is throttling by hand.
 */
export function analyzeFilledArray(analysis: Analysis, variable: TSESLint.Scope.Variable, use: TSESTree.Identifier): Finding | null {
  const declaration = variable.defs[0]!.node as TSESTree.VariableDeclarator;
  const home = getEnclosingFunction(declaration);
  let unbounded: string | null = null;
  let total = 0;
  for (const reference of variable.references) {
    const id = reference.identifier as TSESTree.Identifier;
    if (id === use || reference.init) continue;
    if (id.range[0] > use.range[0]) continue;
    const write = getArrayWrite(id);
    if (!write) return null;
    if (write.value && !mayBePromise(analysis, write.value)) return null;
    const loops = getLoopsBetween(analysis, write.node, declaration, home);
    if (loops === null) return null;
    let count = write.count;
    for (const loop of loops) {
      if (loopAwaits(loop.body)) return null;
      if (loop.hasLimiter || containsLimitingCall(analysis, loop.body)) return null;
      if (!loop.bound) {
        unbounded ??= loop.collection;
        continue;
      }
      count *= loop.bound.count;
    }
    total += count;
  }
  if (unbounded !== null) return { kind: 'loop', collection: unbounded, array: use.name };
  return total > analysis.maxConcurrency ? { kind: 'tooMany', collection: use.name, count: total } : null;
}

interface ArrayWrite {
  node: TSESTree.Node;
  value: TSESTree.Expression | null;
  count: number;
}

function getArrayWrite(id: TSESTree.Identifier): ArrayWrite | null {
  const member = id.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) return null;
  const parent = member.parent;
  const method = getStaticPropertyName(member);
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member && (method === 'push' || method === 'unshift')) {
    if (parent.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
    const value = parent.arguments.length === 1 ? (parent.arguments[0] as TSESTree.Expression) : null;
    return { node: parent, value, count: parent.arguments.length };
  }
  if (member.computed && parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=') {
    return { node: parent, value: parent.right, count: 1 };
  }
  return null;
}

function mayBePromise(analysis: Analysis, raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression || isPlainValue(node)) return false;
  if (analysis.isPromise(node)) return true;
  if (analysis.services) {
    const type = analysis.services.getType(node);
    return isUnknownish(type);
  }
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.Identifier;
}

interface LoopInfo {
  body: TSESTree.Node;
  bound: Bound | null;
  collection: string;
  hasLimiter: boolean;
}

/**
 * The loops around `node` up to the array's declaration, or null when a function that is not an
 * iteration callback (`xs.forEach(x => …)`) lies between: its body runs when someone else decides.
 */
function getLoopsBetween(
  analysis: Analysis,
  node: TSESTree.Node,
  declaration: TSESTree.Node,
  home: FunctionNode | null,
): LoopInfo[] | null {
  const loops: LoopInfo[] = [];
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (current === home || isWithin(declaration, current)) break;
    if (isFunctionNode(current)) {
      const call = current.parent;
      const callee = call.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(call.callee) : null;
      if (
        call.type !== AST_NODE_TYPES.CallExpression ||
        call.arguments[0] !== current ||
        callee?.type !== AST_NODE_TYPES.MemberExpression ||
        !['forEach', 'map', 'flatMap', 'filter'].includes(getStaticPropertyName(callee) ?? '')
      ) {
        return null;
      }
      loops.push({ body: current.body, hasLimiter: false, ...iterationOf(analysis, callee.object) });
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (parent.body === current) loops.push({ body: parent.body, hasLimiter: false, ...iterationOf(analysis, parent.right) });
        break;
      case AST_NODE_TYPES.ForStatement:
        if (parent.body === current) loops.push({ body: parent.body, hasLimiter: false, ...forLoopIteration(analysis, parent) });
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (parent.body === current) {
          loops.push({ body: parent.body, hasLimiter: false, bound: null, collection: describeExpression(analysis.sourceCode, parent.test) });
        }
        break;
      default:
        break;
    }
  }
  return loops;
}

function iterationOf(analysis: Analysis, collection: TSESTree.Node): { bound: Bound | null; collection: string } {
  return { bound: getBound(analysis, collection, 0), collection: describeExpression(analysis.sourceCode, collection) };
}

function forLoopIteration(analysis: Analysis, loop: TSESTree.ForStatement): { bound: Bound | null; collection: string } {
  const test = loop.test && skipExpressionWrappers(loop.test);
  if (test?.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<' || test.operator === '<=')) {
    const limit = skipExpressionWrappers(test.right);
    const value = getConstantNumber(analysis.sourceCode, limit);
    if (value !== null) return { bound: { count: value + (test.operator === '<=' ? 1 : 0) }, collection: String(value) };
    if (limit.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(limit) === 'length') {
      return iterationOf(analysis, limit.object);
    }
    if (isConfiguredSize(limit)) return { bound: { count: 0 }, collection: '' };
    return { bound: null, collection: describeExpression(analysis.sourceCode, limit) };
  }
  return { bound: null, collection: loop.test ? describeExpression(analysis.sourceCode, loop.test) : 'the loop' };
}

/** An `await` or `yield` in the loop's own body: it paces itself. */
function loopAwaits(body: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) {
      found = true;
      return;
    }
    if (isFunctionNode(node)) return;
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}
