import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getConstantNumber, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { getBound, isConfiguredSize, isUnknownish, type Bound } from '../../src/util/collection-bound.js';
import { isCodeCollection } from './code-collections.js';
import { containsRelease, isElementInvocation, isHandedIn, isInfrastructureCollection } from './deliberate-shapes.js';
import { containsLimitingCall } from './limiter-detection.js';
import { isPlainValue, isReported } from './find-unbounded.js';
import { classifyExpression, type OperationKind } from './operation-kind.js';
import { isProgramCollection } from './program-files.js';
import { isQueryBatch, isQueryResult } from './query-results.js';
import { describeExpression, isWithin } from './syntax.js';
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
  let opens = false;
  let pool = false;
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
    let inUnboundedLoop = false;
    for (const loop of loops) {
      if (loopAwaits(loop.body)) return null;
      if (loop.hasLimiter || containsLimitingCall(analysis, loop.body)) return null;
      if (!loop.bound) {
        inUnboundedLoop = true;
        unbounded ??= loop.collection;
        continue;
      }
      count *= loop.bound.count;
    }
    const operation = write.value ? classifyWrite(analysis, write.value, loops) : 'unknown';
    if (!isReported(analysis, operation)) continue;
    if (operation === 'pool') {
      // Database fan-out counts only over the rows of a query without a limit.
      if (!loops.some((loop) => !loop.bound && loop.node && isQueryResult(analysis, loop.node) && !isQueryBatch(analysis, loop.node))) continue;
      pool = true;
    } else {
      opens = true;
    }
    if (!inUnboundedLoop) total += count;
  }
  if (!opens && !pool) return null;
  if (unbounded !== null) return { kind: 'loop', collection: unbounded, array: use.name, ...(pool && !opens ? { pool: true } : {}) };
  return total > analysis.maxConcurrency ? { kind: 'tooMany', collection: use.name, count: total } : null;
}

/**
 * What one pushed value starts. A promise read from elsewhere (a field, a parameter, a cache) is already
 * running: awaiting it starts nothing. Per loop element: freeing what the program holds, one item per part of
 * the infrastructure, and running the functions of a collection of code are deliberate.
 */
function classifyWrite(analysis: Analysis, raw: TSESTree.Expression, loops: readonly LoopInfo[]): OperationKind {
  let value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = getLoopLocalInit(analysis, value, loops);
    if (!init) return 'none';
    value = init;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) return 'none';
  for (const loop of loops) {
    if (!loop.node || !loop.element) continue;
    if (isInfrastructureCollection(analysis, loop.node)) return 'none';
    if (isCodeCollection(loop.node) && isElementInvocation(value, loop.element)) return 'none';
  }
  const operation = classifyExpression(analysis, value);
  if (operation !== 'opens') {
    for (const loop of loops) {
      if (loop.node && loop.element && containsRelease(value, loop.element) && !isHandedIn(analysis.sourceCode, loop.node)) return 'none';
    }
  }
  return operation;
}

/** `const p = fetch(u); tasks.push(p)` inside the loop: the call that made the pushed promise. */
function getLoopLocalInit(analysis: Analysis, id: TSESTree.Identifier, loops: readonly LoopInfo[]): TSESTree.Expression | null {
  const variable = ASTUtils.findVariable(analysis.sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  const declarator = def.node;
  return loops.some((loop) => isWithin(declarator, loop.body)) ? skipExpressionWrappers(declarator.init!) : null;
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
  /** The collection iterated, and the name of its element, when the loop has them. */
  node?: TSESTree.Node;
  element?: string | null;
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
      const param = current.params[0];
      const element = param?.type === AST_NODE_TYPES.Identifier ? param.name : null;
      loops.push({ body: current.body, hasLimiter: false, node: callee.object, element, ...iterationOf(analysis, callee.object) });
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (parent.body === current) {
          loops.push({ body: parent.body, hasLimiter: false, node: parent.right, element: getLoopElement(parent), ...iterationOf(analysis, parent.right) });
        }
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

/** `for (const x of xs)` → `x`. */
function getLoopElement(loop: TSESTree.ForOfStatement | TSESTree.ForInStatement): string | null {
  if (loop.type === AST_NODE_TYPES.ForInStatement) return null;
  const left = loop.left;
  if (left.type === AST_NODE_TYPES.Identifier) return left.name;
  if (left.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  const id = left.declarations[0]?.id;
  return id?.type === AST_NODE_TYPES.Identifier ? id.name : null;
}

function iterationOf(analysis: Analysis, collection: TSESTree.Node): { bound: Bound | null; collection: string } {
  // The program's own files and installed code are bounded by what was built or installed, not compared.
  const bound = getBound(analysis, collection, 0) ?? (isProgramCollection(analysis, collection) ? { count: 0 } : null);
  return { bound, collection: describeExpression(analysis.sourceCode, collection) };
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
