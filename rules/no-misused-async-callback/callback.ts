import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isIntrinsicAnyType, isIntrinsicErrorType } from '../../src/util/typescript.js';
import type * as ts from 'typescript';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { catchRethrows } from '../../src/util/handles-own-errors.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { isPromiseReturningFunction, typeHasThenable, type PromiseDetector } from '../../src/util/is-promise.js';
import { resolveIdentifierFunction, resolveMemberFunction, type ResolvedFunction } from '../../src/util/resolve-function.js';
import type { SafeAwaitJudge } from '../../src/util/safe-await.js';
import { forEachChild } from '../../src/util/walk.js';
import { loadTypeScript } from '../../src/util/typescript.js';

/**
 * A callback that hands its caller a promise: an async function, a function that only returns an
 * async call, or a reference to a function known (same file, or by type) to return a promise.
 */
export interface AsyncCallback {
  /** The argument as written. */
  node: TSESTree.Node;
  /** The function whose body runs, when we can see it: the argument itself or the same-file declaration. */
  fn: FunctionNode | null;
  /** Whether `fn` is the argument itself (then fixes may rewrite it). */
  direct: boolean;
  /** Known only through the type checker: an API that declares it takes promises back may clear it. */
  byType: boolean;
}

/** Decides whether a `catch` clause deals with the error (the default: it does not rethrow). */
export type CatchHandles = (catchClause: TSESTree.CatchClause) => boolean;

export const catchDoesNotRethrow: CatchHandles = (catchClause) => !catchRethrows(catchClause);

export function getAsyncCallback(
  sourceCode: TSESLint.SourceCode,
  detector: PromiseDetector,
  argument: TSESTree.Node,
): AsyncCallback | null {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const node = skipExpressionWrappers(argument as TSESTree.Expression);
  if (isFunctionNode(node)) {
    if (node.generator) return null;
    if (node.async) return { node: argument, fn: node, direct: true, byType: false };
    const returned = getOnlyReturnedCall(node);
    if (returned && detector.isPromiseSyntactically(returned)) return { node: argument, fn: node, direct: true, byType: false };
    if (returned && detector.isPromise(returned)) return { node: argument, fn: node, direct: true, byType: true };
    return null;
  }
  // `this.handle.bind(this)` runs `this.handle`.
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (getStaticPropertyName(node.callee) === 'bind') {
      const inner = getAsyncCallback(sourceCode, detector, node.callee.object);
      return inner && { ...inner, node: argument, direct: false };
    }
  }
  let resolved: ResolvedFunction | null = null;
  if (node.type === AST_NODE_TYPES.Identifier) resolved = resolveIdentifierFunction(sourceCode, node);
  else if (node.type === AST_NODE_TYPES.MemberExpression) resolved = resolveMemberFunction(sourceCode, node);
  if (resolved) {
    if (resolved.fn?.generator) return null;
    return isPromiseReturningFunction(resolved) ? { node: argument, fn: resolved.fn, direct: false, byType: false } : null;
  }
  if (
    (node.type === AST_NODE_TYPES.Identifier ||
      node.type === AST_NODE_TYPES.MemberExpression ||
      node.type === AST_NODE_TYPES.CallExpression) &&
    detector.typeServices &&
    typeReturnsOnlyThenables(detector.typeServices.checker, detector.typeServices.getTsNode(node))
  ) {
    return { node: argument, fn: null, direct: false, byType: true };
  }
  return null;
}

/** The call in `() => save(x)` or `() => { return save(x); }`, the only thing the function does. */
function getOnlyReturnedCall(fn: FunctionNode): TSESTree.CallExpression | null {
  let returned: TSESTree.Expression | null | undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else if (fn.body.body.length === 1 && fn.body.body[0]!.type === AST_NODE_TYPES.ReturnStatement) returned = fn.body.body[0]!.argument;
  if (!returned) return null;
  const inner = skipExpressionWrappers(returned);
  return inner.type === AST_NODE_TYPES.CallExpression ? inner : null;
}

/** A value whose every call signature returns a thenable (an async function held in a variable typed so). */
function typeReturnsOnlyThenables(checker: ts.TypeChecker, tsNode: ts.Node | undefined): boolean {
  if (!tsNode) return false;
  try {
    const type = checker.getTypeAtLocation(tsNode);
    if (isIntrinsicAnyType(type) || isIntrinsicErrorType(type)) return false;
    const signatures = type.getCallSignatures();
    return (
      signatures.length > 0 &&
      signatures.every((signature) => typeHasThenable(checker, tsNode, checker.getReturnTypeOfSignature(signature)))
    );
  } catch {
    return false;
  }
}

/**
 * The places in a function where its promise can reject: each `await`, `for await`, `throw`, and each
 * promise it returns (an async function's `return save()`, an arrow's `() => save()`). Nested functions
 * run on their own and are left out.
 */
export function collectRejectionSites(detector: PromiseDetector, fn: FunctionNode): TSESTree.Node[] {
  const sites: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    if (fn.async ? containsAwait(fn.body) || isPromiseExpression(detector, fn.body) : isPromiseExpression(detector, fn.body)) {
      sites.push(fn.body);
    }
    return sites;
  }
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ThrowStatement:
        sites.push(node);
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) sites.push(node);
        break;
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument && isPromiseExpression(detector, node.argument)) sites.push(node);
        break;
      default:
        break;
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return sites;
}

function containsAwait(root: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression) found = true;
    else forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function isPromiseExpression(detector: PromiseDetector, node: TSESTree.Expression): boolean {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.CallExpression && detector.isPromise(inner);
}

/**
 * Whether a rejection at `site` is dealt with inside `fn`: the site sits in the block of a `try` whose
 * `catch` handles it, or the awaited promise already carries its own `.catch()` (or cannot reject:
 * `Promise.allSettled`).
 */
export function isSiteCovered(site: TSESTree.Node, fn: FunctionNode, handles: CatchHandles): boolean {
  const value =
    site.type === AST_NODE_TYPES.AwaitExpression
      ? site.argument
      : site.type === AST_NODE_TYPES.ReturnStatement
        ? site.argument
        : site.type === AST_NODE_TYPES.ThrowStatement || site.type === AST_NODE_TYPES.ForOfStatement
          ? null
          : (site as TSESTree.Expression);
  if (value && handlesItsOwnRejection(value)) return true;
  for (let child: TSESTree.Node = site, current = site.parent; current && child !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler && handles(current.handler)) return true;
  }
  return false;
}

function handlesItsOwnRejection(node: TSESTree.Expression): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return handlesItsOwnRejection(inner.argument);
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(inner.callee);
  if (method === 'catch') return true;
  if (method === 'then' && inner.arguments.length >= 2) return true;
  return (
    method === 'allSettled' &&
    inner.callee.object.type === AST_NODE_TYPES.Identifier &&
    inner.callee.object.name === 'Promise'
  );
}

/**
 * Whether the callback can reject without anyone seeing it. An unseen body (a callback known only by
 * its type) counts as unhandled; a body with no rejection site has nothing to lose. `countThrows: false`
 * leaves out the callback's own `throw` statements, for callers where a synchronous callback's throw
 * would be just as uncaught (timers, DOM listeners): there `async` adds nothing to lose.
 */
export function hasUnhandledRejection(detector: PromiseDetector, callback: AsyncCallback, options: RejectionOptions = {}): boolean {
  const { handles = catchDoesNotRethrow, countThrows = true, safe } = options;
  const fn = callback.fn;
  if (!fn) return !(callback.byType && detector.typeServices && declarationsHandleTheirErrors(detector.typeServices, callback.node));
  return collectRejectionSites(detector, fn).some(
    (site) =>
      (countThrows || site.type !== AST_NODE_TYPES.ThrowStatement) &&
      !isSiteCovered(site, fn, handles) &&
      !isCoveredReturnedCall(detector, site, handles, callback.byType) &&
      !isSafeSite(site, safe),
  );
}

export interface RejectionOptions {
  /** Whether a `catch` around a site deals with the error (default: it does not rethrow). */
  handles?: CatchHandles;
  /** False leaves out the callback's own `throw` statements (see `hasUnhandledRejection`). */
  countThrows?: boolean;
  /**
   * The shared safe-await question (`src/util/safe-await.ts`): an awaited or returned value that cannot
   * reject, or a call of a function that handles its own errors (in this file, in another file of the
   * program with types, in a sibling module without), passes no rejection on.
   */
  safe?: SafeAwaitJudge;
}

/** `await detector.subscribe()` (or `return …`) where the value cannot pass a rejection on. */
function isSafeSite(site: TSESTree.Node, safe: SafeAwaitJudge | undefined): boolean {
  if (!safe || site.type === AST_NODE_TYPES.ThrowStatement || site.type === AST_NODE_TYPES.ForOfStatement) return false;
  const value = site.type === AST_NODE_TYPES.AwaitExpression || site.type === AST_NODE_TYPES.ReturnStatement ? site.argument : site;
  return value !== null && safe.isSafeAwait(value as TSESTree.Expression);
}

/** `() => this.refresh()` where `refresh` (same file) deals with its own errors. */
function isCoveredReturnedCall(detector: PromiseDetector, site: TSESTree.Node, handles: CatchHandles, byType: boolean): boolean {
  const value =
    site.type === AST_NODE_TYPES.ReturnStatement || site.type === AST_NODE_TYPES.AwaitExpression ? site.argument : site;
  if (!value || value.type === AST_NODE_TYPES.ThrowStatement || value.type === AST_NODE_TYPES.ForOfStatement) return false;
  const inner = skipExpressionWrappers(value as TSESTree.Expression);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = detector.resolveCallee(inner)?.fn ?? resolveStaticThisCall(inner);
  // A callback only the checker sees as async may be cleared by what the checker sees of its callee.
  if (!callee && byType && detector.typeServices) return declarationsHandleTheirErrors(detector.typeServices, inner.callee);
  if (!callee?.async) return false;
  return collectRejectionSites(detector, callee).every((inside) => isSiteCovered(inside, callee, handles));
}

/** Whether the function's own body (not nested functions) awaits anything. */
export function awaitsAnything(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn && isFunctionNode(node)) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) found = true;
    else forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** `this.check()` inside a static method: the class's static `check` (the shared resolver follows instance `this` only). */
function resolveStaticThisCall(call: TSESTree.CallExpression): FunctionNode | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = getStaticPropertyName(callee);
  let method: TSESTree.MethodDefinition | null = null;
  for (let current: TSESTree.Node | undefined = callee.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      if (current.parent.type === AST_NODE_TYPES.MethodDefinition && current.parent.static) method = current.parent;
      break;
    }
  }
  if (!method || name === null) return null;
  for (const member of method.parent.body) {
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.static &&
      member.kind === 'method' &&
      !member.computed &&
      getKeyName(member.key) === name &&
      member.value.type === AST_NODE_TYPES.FunctionExpression
    ) {
      return member.value;
    }
  }
  return null;
}

/**
 * The callback ends the process (`process.exit()` is its last statement): a shutdown or crash handler. A
 * rejection on the way ends the process too, with the error printed, which is all the callback meant to do.
 */
export function endsProcess(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  // `try { await work(); } finally { process.exit(); }` ends the process whatever happens.
  if (last?.type === AST_NODE_TYPES.TryStatement && last.finalizer) return last.finalizer.body.some(isProcessExitStatement);
  return last !== undefined && isProcessExitStatement(last);
}

function isProcessExitStatement(last: TSESTree.Statement): boolean {
  if (last.type !== AST_NODE_TYPES.ExpressionStatement || last.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = last.expression.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'process' &&
    getStaticPropertyName(callee) === 'exit'
  );
}

/**
 * Typed, for a callback whose body is in another file: every declaration behind its call signatures
 * handles its own errors (the whole body one `try` whose `catch` does not throw) or ends the process
 * (`process.exit()` last, or in the `finally` of a whole-body `try`).
 */
function declarationsHandleTheirErrors(types: TypeServices, node: TSESTree.Node): boolean {
  const ts = loadTypeScript();
  try {
    const tsNode = types.getTsNode(node);
    if (!tsNode) return false;
    const signatures = types.checker.getTypeAtLocation(tsNode).getCallSignatures();
    return (
      signatures.length > 0 &&
      signatures.every((signature) => {
        const declaration = signature.getDeclaration() as ts.Declaration | undefined;
        if (!declaration || !ts.isFunctionLike(declaration)) return false;
        const body = (declaration as ts.FunctionLikeDeclaration).body;
        if (!body || !ts.isBlock(body)) return false;
        const statements = body.statements;
        const last = statements.at(-1);
        if (last && (isProcessExit(last) || (ts.isTryStatement(last) && last.finallyBlock?.statements.some(isProcessExit)))) return true;
        const only = statements.length === 1 ? statements[0] : undefined;
        if (!only || !ts.isTryStatement(only)) return false;
        if (only.finallyBlock?.statements.some(isProcessExit)) return true;
        return only.catchClause !== undefined && !containsThrow(only.catchClause.block);
      })
    );
  } catch {
    return false;
  }
}

function isProcessExit(statement: ts.Statement): boolean {
  const ts = loadTypeScript();
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const callee = statement.expression.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && callee.name.text === 'exit';
}

function containsThrow(root: ts.Node): boolean {
  const ts = loadTypeScript();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isThrowStatement(node)) found = true;
    else if (ts.isTryStatement(node) && node.catchClause) {
      visit(node.catchClause.block);
      if (node.finallyBlock) visit(node.finallyBlock);
    } else ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}
