import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';
import { typeHasThenable } from '../../src/util/is-promise.js';
import { isNeverReassigned, resolveIdentifierFunction } from '../../src/util/resolve-function.js';
import { findProperty, getBound, getElementType, getReturnedExpressions, isUnknownish } from '../../src/util/collection-bound.js';
import { isCodeCollection, startsNoWork } from './code-collections.js';
import { invokesElement, isHandedIn, isInfrastructureCollection, releasesElement } from './deliberate-shapes.js';
import { analyzeFilledArray } from './filled-arrays.js';
import { isLimitedCallback } from './limiter-detection.js';
import { isProgramCollection } from './program-files.js';
import { callsElementQueryMethod, isQueryBatch, isQueryResult, skipsModelHooks } from './query-results.js';
import { classifyCallback, type OperationKind } from './operation-kind.js';
import { describeExpression, isArrayFrom, isGeneratorCall } from './syntax.js';
import { MAX_DEPTH, type Analysis, type Finding, type MappedCollection } from './types.js';

const MAPPING_METHODS = new Set(['map', 'flatMap']);
/** Methods after a `.map()` that keep every promise it made: `xs.map(f).filter(Boolean)`. */
const PASS_THROUGH_METHODS = new Set(['filter', 'flat', 'reverse', 'toReversed', 'concat']);

/**
 * What the combinator's argument holds, when that is a collection of promises whose size run-time data
 * decides (or a known size above the maximum). `forAwait`: the argument of `for await`, where only
 * mapped promises count (a plain array there is an ordinary iteration).
 */
export function analyzeCollection(analysis: Analysis, raw: TSESTree.Expression, forAwait = false, depth = 0): Finding | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipExpressionWrappers(raw);
  const { sourceCode } = analysis;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const mapped = getMappedCollection(node);
    if (mapped) return analyzeMapped(analysis, mapped, forAwait);
    if (forAwait) return null;
    const callee = skipExpressionWrappers(node.callee);
    // `xs.map(f).filter(Boolean)`: every promise the map made is still there.
    if (callee.type === AST_NODE_TYPES.MemberExpression && PASS_THROUGH_METHODS.has(getStaticPropertyName(callee) ?? '')) {
      const inner = analyzeCollection(analysis, callee.object as TSESTree.Expression, false, depth + 1);
      return inner ? { ...inner, map: undefined } : null;
    }
    // `Promise.all(tasks())` / `Array.from(tasks())` over a generator that starts an operation per step.
    if (isArrayFrom(callee) && node.arguments.length === 1) {
      const source = node.arguments[0]!;
      return source.type === AST_NODE_TYPES.SpreadElement ? null : analyzeGeneratorCall(analysis, source);
    }
    return analyzeGeneratorCall(analysis, node);
  }
  if (forAwait) return null;
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    let count = 0;
    for (const element of node.elements) {
      if (element?.type !== AST_NODE_TYPES.SpreadElement) {
        count += 1;
        continue;
      }
      const argument = skipExpressionWrappers(element.argument);
      if (isGeneratorCall(sourceCode, argument)) return analyzeGeneratorCall(analysis, argument);
      const inner = analyzeCollection(analysis, argument, false, depth + 1);
      if (inner) return { ...inner, map: undefined };
    }
    return count > analysis.maxConcurrency ? { kind: 'tooMany', collection: 'the array literal', count } : null;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    const init = def.node.init && skipExpressionWrappers(def.node.init);
    if (!init) return null;
    if (init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0) {
      return analyzeFilledArray(analysis, variable, node);
    }
    if (!isNeverReassigned(variable)) return null;
    const inner = analyzeCollection(analysis, init, false, depth + 1);
    // The rewrites work on the call itself; through a variable, only the report.
    return inner ? { ...inner, map: undefined } : null;
  }
  return null;
}

function getMappedCollection(call: TSESTree.CallExpression): MappedCollection | null {
  const callee = skipExpressionWrappers(call.callee);
  const callback = call.arguments[call.arguments.length === 0 ? 0 : isArrayFrom(callee) ? 1 : 0];
  if (!callback) return null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (isArrayFrom(callee)) {
    const receiver = call.arguments[0]!;
    return receiver.type === AST_NODE_TYPES.SpreadElement ? null : { call, method: 'from', receiver, callback };
  }
  const method = getStaticPropertyName(callee);
  if (method === null || !MAPPING_METHODS.has(method) || callee.object.type === AST_NODE_TYPES.Super) return null;
  return { call, method: method as 'map' | 'flatMap', receiver: callee.object, callback };
}

function analyzeMapped(analysis: Analysis, mapped: MappedCollection, forAwait: boolean): Finding | null {
  const { sourceCode } = analysis;
  const callback = mapped.callback;
  if (callback.type === AST_NODE_TYPES.SpreadElement) return null;
  if (!mayMakePromises(analysis, mapped, forAwait)) return null;
  const receiver = mapped.receiver as TSESTree.Expression;
  if (isFunctionNode(callback)) {
    if (startsNoWork(callback)) return null;
    // A collection of code is quiet only when the callback runs the element; one used as data is not.
    if (isCodeCollection(receiver) && invokesElement(callback)) return null;
  }
  // Every check here only ever makes the call quiet, so their order changes no report: the operation comes
  // first because most callbacks start nothing reported, and that settles them before the limiter, bound
  // and infrastructure look-ups (issue 12 §4).
  let operation = classifyCallback(analysis, callback);
  // `rows.map((row) => row.save())` over the rows of a query: an ORM instance method runs a query, and
  // whatever the model's hooks do unless the call turns them off.
  let rowMethod = false;
  if (operation === 'unknown' && isFunctionNode(callback) && callsElementQueryMethod(callback) && isQueryResult(analysis, receiver)) {
    operation = 'pool';
    rowMethod = !skipsModelHooks(callback);
  }
  if (!isReported(analysis, operation)) return null;
  if (isLimitedCallback(analysis, callback)) return null;
  const bound = getBound(analysis, receiver, 0);
  if (bound !== null && bound.count <= analysis.maxConcurrency) return null;
  if (bound === null && isInfrastructureCollection(analysis, receiver)) return null;
  // Database fan-out fails only over collections as large as a table: the rows of a query without a limit.
  if (operation === 'pool' && !isQueryResult(analysis, receiver)) return null;
  if (operation === 'pool' && !rowMethod && isQueryBatch(analysis, receiver)) return null;
  // The program's own files, shipped lists and installed code: their number is fixed when it is built or installed.
  if (bound === null && isProgramCollection(analysis, receiver)) return null;
  // Freeing what the program holds (pooled clients, child processes, sockets) is cleanup, not fan-out.
  if (operation !== 'opens' && isFunctionNode(callback) && releasesElement(callback) && !isHandedIn(sourceCode, receiver)) return null;
  // `Array.from({ length: n }, …)` is as long as `n`.
  const length = receiver.type === AST_NODE_TYPES.ObjectExpression ? findProperty(receiver, 'length') : null;
  const collection = describeExpression(sourceCode, length ?? receiver);
  if (bound === null) return { kind: 'collection', collection, map: mapped, ...(operation === 'pool' ? { pool: true } : {}) };
  return { kind: 'tooMany', collection, count: bound.count, map: mapped };
}

/** Whether an operation of this kind is reported: what opens something, a pool query, and (by option) the unseen. */
export function isReported(analysis: Analysis, operation: OperationKind): boolean {
  return operation === 'opens' || operation === 'pool' || (operation === 'unknown' && analysis.reportUnknown);
}

/** A call of a same-file generator whose steps start operations that are reported. */
function analyzeGeneratorCall(analysis: Analysis, node: TSESTree.Node): Finding | null {
  if (!isGeneratorCall(analysis.sourceCode, node)) return null;
  const call = skipExpressionWrappers(node as TSESTree.Expression) as TSESTree.CallExpression;
  const operation = classifyCallback(analysis, call.callee);
  // A generator's steps are not checked against the pool's bound shapes: only what opens (or, by option, the unseen).
  if (operation === 'pool' || !isReported(analysis, operation)) return null;
  return { kind: 'iterable', collection: describeExpression(analysis.sourceCode, node) };
}

/**
 * Whether the mapped callback may return promises. Without types, only callbacks that visibly return plain
 * values (`x => x * 2`, `x => ({ id: x })`) are ruled out; with types, an element type with no thenable.
 * Under `for await` the callback must visibly make promises: iterating plain values there is ordinary.
 */
function mayMakePromises(analysis: Analysis, mapped: MappedCollection, forAwait: boolean): boolean {
  const callback = mapped.callback as TSESTree.Expression;
  const { services } = analysis;
  if (services) {
    const type = services.getType(mapped.call);
    const element = getElementType(services, type);
    if (element && !isUnknownish(element)) {
      const tsNode = services.getTsNode(mapped.call);
      const elements = mapped.method === 'flatMap' ? [element, getElementType(services, element) ?? element] : [element];
      return elements.some((part) => typeHasThenable(services.checker, tsNode, part));
    }
  }
  if (isFunctionNode(callback)) {
    if (callback.async) return !callback.generator;
    if (callback.generator) return false;
    let returned = getReturnedExpressions(callback);
    // `flatMap((x) => [a(x), b(x)])`: the promises are the array's elements.
    if (mapped.method === 'flatMap') {
      returned = returned.flatMap((expression) => {
        const inner = skipExpressionWrappers(expression);
        return inner.type === AST_NODE_TYPES.ArrayExpression
          ? inner.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement)
          : [expression];
      });
    }
    if (forAwait) return returned.length > 0 && returned.every((expression) => analysis.isPromise(expression));
    return returned.length === 0 ? false : !returned.every(isPlainValue);
  }
  if (forAwait) {
    if (callback.type !== AST_NODE_TYPES.Identifier) return false;
    const resolved = resolveIdentifierFunction(analysis.sourceCode, callback);
    return resolved?.fn?.async === true && !resolved.fn.generator;
  }
  return true;
}


/** Values that are visibly not promises. */
export function isPlainValue(raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return isPlainValue(node.consequent) && isPlainValue(node.alternate);
    default:
      return false;
  }
}
