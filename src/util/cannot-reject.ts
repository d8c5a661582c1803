import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { forEachChild } from './walk.js';
import { loadTypeScript } from './typescript.js';

/**
 * "Can this promise reject?" Only the shapes that visibly cannot, and nothing else (the list is
 * deliberately closed; `Promise.resolve(x)` is not on it, because `x` may be a rejecting thenable):
 * - `Promise.allSettled(…)`;
 * - `Promise.resolve()` of no value or of a primitive literal (no thenable that could reject);
 * - `new Promise(executor)` whose executor never uses `reject` and never throws;
 * - a call of a function whose every return is such a promise; an `async` function counts only when its
 *   body visibly cannot throw (it only awaits or returns such promises);
 * - `.then(onFulfilled)` / `.finally(fn)` on one of these, when the callback visibly cannot throw.
 *
 * Pure AST helpers: the caller says whether `Promise` is the global one and which function a call
 * resolves to (same file, or a declaration the checker found).
 */
export interface CannotRejectOracle {
  /** Whether this identifier is the global `Promise` (not shadowed). */
  isGlobalPromise(node: TSESTree.Identifier): boolean;
  /** The function a call resolves to, if known. */
  resolveCall?(call: TSESTree.CallExpression): FunctionNode | null;
  /** The TypeScript declaration a call resolves to, when the same file cannot tell (typed runs). */
  resolveTsCall?(call: TSESTree.CallExpression): ts.Node | null;
  /** The initializer of the `const` an identifier names (`const done = new Promise(…)`), if any. */
  resolveConst?(id: TSESTree.Identifier): TSESTree.Expression | null;
}

/** How many calls deep a "function whose every return cannot reject" is followed. */
const MAX_DEPTH = 3;

export function cannotReject(node: TSESTree.Expression, oracle: CannotRejectOracle): boolean {
  return cannotRejectAt(node, oracle, 0, new Set());
}

function cannotRejectAt(node: TSESTree.Expression, oracle: CannotRejectOracle, depth: number, visiting: Set<TSESTree.Node>): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    // `const waitForStreams = new Promise(…); waitForStreams.finally(close);`
    const init = oracle.resolveConst?.(inner) ?? null;
    if (!init || visiting.has(init)) return false;
    visiting.add(init);
    const answer = cannotRejectAt(init, oracle, depth, visiting);
    visiting.delete(init);
    return answer;
  }
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    return inner.callee.type === AST_NODE_TYPES.Identifier && oracle.isGlobalPromise(inner.callee) && isResolveOnlyExecutor(inner.arguments[0]);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = getStaticPropertyName(callee);
    const object = skipExpressionWrappers(callee.object);
    if (method === 'allSettled' && object.type === AST_NODE_TYPES.Identifier) return oracle.isGlobalPromise(object);
    if (method === 'resolve' && object.type === AST_NODE_TYPES.Identifier && oracle.isGlobalPromise(object)) return isResolveOfNoThenable(inner);
    if (method === 'then' || method === 'finally') {
      const args = inner.arguments;
      if (args.length !== 1 || !isCallbackThatCannotThrow(args[0]!)) return false;
      return cannotRejectAt(callee.object, oracle, depth, visiting);
    }
  }
  if (depth >= MAX_DEPTH) return false;
  const fn = oracle.resolveCall?.(inner) ?? null;
  if (fn) {
    if (visiting.has(fn)) return false;
    visiting.add(fn);
    const answer = functionCannotReject(fn, oracle, depth + 1, visiting);
    visiting.delete(fn);
    return answer;
  }
  const declaration = oracle.resolveTsCall?.(inner);
  return declaration ? tsFunctionCannotReject(declaration, 0) : false;
}

/**
 * `Promise.resolve()` or `Promise.resolve(null)`: only a thenable argument can make `Promise.resolve(x)`
 * reject, and no value or a primitive literal is none.
 */
export function isResolveOfNoThenable(call: TSESTree.CallExpression): boolean {
  const args = call.arguments;
  if (args.length === 0) return true;
  if (args.length !== 1 || args[0]!.type === AST_NODE_TYPES.SpreadElement) return false;
  const value = skipExpressionWrappers(args[0]!);
  if (value.type === AST_NODE_TYPES.Literal) return !('regex' in value && value.regex);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 0;
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator !== 'delete' && value.argument.type === AST_NODE_TYPES.Literal;
}

function functionCannotReject(fn: FunctionNode, oracle: CannotRejectOracle, depth: number, visiting: Set<TSESTree.Node>): boolean {
  if (fn.generator) return false;
  const check = (value: TSESTree.Expression): boolean => cannotRejectAt(value, oracle, depth, visiting);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return check(fn.body);
  if (fn.async) return asyncBodyCannotThrow(fn.body, check);
  const returns = collectReturns(fn.body);
  return returns !== null && returns.length > 0 && returns.every((argument) => argument !== null && check(argument));
}

/**
 * An async body that visibly cannot throw: each statement awaits or returns a promise that cannot
 * reject. An empty body does not count: a stub stands for work still to be written.
 */
function asyncBodyCannotThrow(body: TSESTree.BlockStatement, check: (value: TSESTree.Expression) => boolean): boolean {
  if (body.body.length === 0) return false;
  return body.body.every((statement) => {
    if (statement.type === AST_NODE_TYPES.ReturnStatement) {
      if (!statement.argument) return true;
      const argument = skipExpressionWrappers(statement.argument);
      return check(argument.type === AST_NODE_TYPES.AwaitExpression ? argument.argument : argument);
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipExpressionWrappers(statement.expression);
    return expression.type === AST_NODE_TYPES.AwaitExpression && check(expression.argument);
  });
}

/** Every `return` argument of a function body (nested functions aside); null when one is a bare return. */
function collectReturns(body: TSESTree.BlockStatement): (TSESTree.Expression | null)[] | null {
  const found: (TSESTree.Expression | null)[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) found.push(node.argument);
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * `(resolve) => setTimeout(resolve, ms)`: an executor that never names `reject` nor throws. An `async`
 * executor counts too: it cannot throw into the constructor (its failures reject its own promise, which
 * the constructor ignores), so the promise it builds still only ever resolves. That such an executor
 * may leave the promise pending is a different pitfall (ESLint's `no-async-promise-executor`).
 */
function isResolveOnlyExecutor(argument: TSESTree.CallExpressionArgument | undefined): boolean {
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const executor = skipExpressionWrappers(argument);
  if (!isFunctionNode(executor) || executor.generator) return false;
  const params = executor.params;
  if (params.length > 2 || params.some((param) => param.type !== AST_NODE_TYPES.Identifier)) return false;
  const rejectName = params.length === 2 ? (params[1] as TSESTree.Identifier).name : null;
  let quiet = true;
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    if (!quiet) return;
    // A `throw` inside a nested callback happens later, outside the executor: not this promise's rejection.
    if (node.type === AST_NODE_TYPES.ThrowStatement && !nested) quiet = false;
    else if (node.type === AST_NODE_TYPES.Identifier && (node.name === rejectName || node.name === 'arguments')) quiet = false;
    if (!quiet) return;
    const inner = nested || (node !== executor && isFunctionNode(node));
    forEachChild(node, (child) => visit(child, inner));
  };
  visit(executor.body, false);
  return quiet;
}

/**
 * A fulfilment callback judged conservatively: no call, `new`, `throw`, `await`, `delete`, tagged
 * template, nor member access other than on `this` (reading a property of `undefined` throws), except
 * inside the block of a `try` whose `catch` (and `finally`) pass that same test:
 * `() => { try { controller.close(); } catch {} }`.
 */
function isCallbackThatCannotThrow(argument: TSESTree.CallExpressionArgument): boolean {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const callback = skipExpressionWrappers(argument);
  if (!isFunctionNode(callback) || callback.async || callback.generator) return false;
  if (callback.params.some((param) => param.type !== AST_NODE_TYPES.Identifier)) return false;
  return cannotThrow(callback.body);
}

function cannotThrow(body: TSESTree.Node): boolean {
  let quiet = true;
  const visit = (node: TSESTree.Node): void => {
    if (!quiet) return;
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.YieldExpression:
        quiet = false;
        return;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete') quiet = false;
        break;
      case AST_NODE_TYPES.MemberExpression:
        if (node.object.type !== AST_NODE_TYPES.ThisExpression) quiet = false;
        break;
      case AST_NODE_TYPES.TryStatement:
        // What the block throws, a catch that cannot throw itself takes.
        // A value returned from the block may itself be a promise that rejects: not covered.
        if (node.handler && !returnsValue(node.block) && cannotThrow(node.handler.body) && (!node.finalizer || cannotThrow(node.finalizer))) return;
        break;
      default:
        if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    }
    forEachChild(node, visit);
  };
  visit(body);
  return quiet;
}

/** A `return value;` in this block, nested functions aside. */
function returnsValue(block: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found = true;
    else forEachChild(node, visit);
  };
  visit(block);
  return found;
}

// ---- declarations in other files of the program (TypeScript's tree) -------------------------------

/**
 * The typed twin for an imported function: a plain function (or arrow) whose every return is
 * `new Promise(resolve-only executor)` or `Promise.allSettled(…)`. Async functions and further calls
 * are not followed across files.
 */
export function tsFunctionCannotReject(declaration: ts.Node, depth: number): boolean {
  const ts = loadTypeScript();
  if (depth > 0) return false;
  let fn: ts.Node = declaration;
  if (ts.isVariableDeclaration(fn) && fn.initializer) fn = fn.initializer;
  while (ts.isParenthesizedExpression(fn)) fn = fn.expression;
  if (!ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn) && !ts.isMethodDeclaration(fn)) return false;
  if (fn.asteriskToken || !fn.body || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0) return false;
  if (!ts.isBlock(fn.body)) return isTsNonRejectingPromise(fn.body);
  const returns: (ts.Expression | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) returns.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return returns.length > 0 && returns.every((value) => value !== undefined && isTsNonRejectingPromise(value));
}

/**
 * `Promise.allSettled(…)`, `Promise.resolve()` of no value or a primitive literal, or
 * `new Promise(resolve-only executor)` in TypeScript's tree.
 */
export function isTsNonRejectingPromise(node: ts.Expression): boolean {
  const ts = loadTypeScript();
  let inner = node;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  if (ts.isCallExpression(inner)) {
    const callee = inner.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise') return false;
    if (callee.name.text === 'resolve') return isTsResolveOfNoThenable(inner);
    return callee.name.text === 'allSettled';
  }
  if (!ts.isNewExpression(inner) || !ts.isIdentifier(inner.expression) || inner.expression.text !== 'Promise') return false;
  const executor = inner.arguments?.[0];
  // An async executor counts, as in `isResolveOnlyExecutor`: it cannot throw into the constructor.
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) || executor.asteriskToken) return false;
  const params = executor.parameters;
  if (params.length > 2 || params.some((param) => !ts.isIdentifier(param.name))) return false;
  const rejectName = params.length === 2 ? (params[1]!.name as ts.Identifier).text : null;
  const loud = (child: ts.Node, nested: boolean): boolean => {
    if (ts.isThrowStatement(child) && !nested) return true;
    if (ts.isIdentifier(child) && (child.text === rejectName || child.text === 'arguments')) return true;
    const inner = nested || ts.isFunctionLike(child);
    return ts.forEachChild(child, (grandchild) => (loud(grandchild, inner) ? true : undefined)) === true;
  };
  return !loud(executor.body, false);
}

/** `isResolveOfNoThenable` on TypeScript's tree. */
function isTsResolveOfNoThenable(call: ts.CallExpression): boolean {
  const ts = loadTypeScript();
  if (call.arguments.length === 0) return true;
  const argument = call.arguments[0]!;
  if (call.arguments.length !== 1 || ts.isSpreadElement(argument)) return false;
  let value: ts.Expression = argument;
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
  if (ts.isPrefixUnaryExpression(value)) value = value.operand;
  if (ts.isRegularExpressionLiteral(value)) return false;
  return (
    ts.isLiteralExpression(value) ||
    ts.isNoSubstitutionTemplateLiteral(value) ||
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword
  );
}
