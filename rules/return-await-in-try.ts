import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { describeCall, getStaticPropertyName, haveSameTokens, skipExpressionWrappers } from '../src/util/ast.js';
import { cannotReject, type CannotRejectOracle } from '../src/util/cannot-reject.js';
import { createRule } from '../src/util/create-rule.js';
import { prefixWithUnary } from '../src/util/fix.js';
import { getEnclosingFunction, isFunctionNode, isInside, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { fileSpellsPromise, getPromiseDetector } from '../src/util/is-promise.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { walkDescendants } from '../src/util/walk.js';
import { isGlobalReference } from '../src/util/resolve-function.js';

export type Options = [];
export type MessageId = 'skipsCatch' | 'finallyRunsEarly' | 'skipsCatchAndFinally' | 'makeAsyncAndAwait';

/** What returning the promise unawaited breaks, from the `try` statements around the `return`. */
interface Exposure {
  catch: boolean;
  finally: boolean;
  /** The outermost `try` whose `catch` the returned promise would skip. */
  catchingTry: TSESTree.TryStatement | null;
}

export default createRule<Options, MessageId>({
  name: 'return-await-in-try',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require awaiting a promise returned from inside a `try` whose `catch` or `finally` must see it settle',
      recommended: 'strict',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      skipsCatch:
        '`{{name}}` is returned from a `try` block without `await`, so its rejection skips the `catch` and reaches the caller unhandled by it; await it before returning.',
      finallyRunsEarly:
        '`{{name}}` is returned without `await` where a `finally` follows, so the `finally` runs while its work is still going (a lock released, a connection closed too early); await it before returning.',
      skipsCatchAndFinally:
        '`{{name}}` is returned from a `try` block without `await`, so its rejection skips the `catch` and the `finally` runs while its work is still going; await it before returning.',
      makeAsyncAndAwait: 'Make the function async and return `await {{name}}`.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // Only a `return` inside `try` can skip its `catch` or `finally`: no `try`, nothing to report (issue 12 §4).
    if (!sourceCode.text.includes('try')) return {};
    // Without types only a promise by syntax can be returned unawaited (issue 12 §4); asked before the
    // detector is made.
    if (!getTypeServices(context) && !fileSpellsPromise(sourceCode)) return {};
    const detector = getPromiseDetector(context);

    return {
      ReturnStatement(node) {
        const argument = node.argument;
        if (!argument) return;
        const fn = getEnclosingFunction(node);
        if (!fn || fn.generator) return;
        const exposure = getExposure(node, fn);
        if (!exposure.catch && !exposure.finally) return;
        const value = skipExpressionWrappers(argument);
        if (value.type === AST_NODE_TYPES.AwaitExpression) return;
        if (!detector.isPromise(argument)) return;
        if (isSettledValue(value) || isReplyObject(value, fn) || wasAwaitedBefore(value, node, fn)) return;
        // A chain that ends in `.catch()` handles its own rejection, a promise that cannot reject has
        // none, and a retry that calls this very function again has already run it through this same
        // `catch`: only the `finally` can still tell.
        if (
          handlesOwnRejection(value) ||
          cannotRejectHere(value) ||
          isOwnRetry(value, fn, exposure.catchingTry) ||
          isCatchFallback(value, exposure.catchingTry)
        ) {
          exposure.catch = false;
        }
        if (!exposure.catch && !exposure.finally) return;
        const messageId = exposure.catch && exposure.finally ? 'skipsCatchAndFinally' : exposure.catch ? 'skipsCatch' : 'finallyRunsEarly';
        const name = describeValue(value);
        if (fn.async) {
          context.report({
            node: argument,
            messageId,
            data: { name },
            fix: (fixer) => fixer.replaceText(argument, prefixWithUnary(sourceCode, argument, 'await')),
          });
          return;
        }
        const asyncPlace = findAsyncKeywordPlace(fn);
        context.report({
          node: argument,
          messageId,
          data: { name },
          suggest: asyncPlace
            ? [
                {
                  messageId: 'makeAsyncAndAwait',
                  data: { name },
                  fix: (fixer) => [
                    fixer.insertTextBefore(asyncPlace, 'async '),
                    fixer.replaceText(argument, prefixWithUnary(sourceCode, argument, 'await')),
                  ],
                },
              ]
            : [],
        });
      },
    };

    /**
     * Walks from the `return` up to its function and records what the `try` statements on the way can
     * observe: a `catch` that does more than rethrow (for a `return` in the `try` block), and a `finally`
     * that does something whose order matters (for a `return` in the `try` block or the `catch`).
     */
    function getExposure(node: TSESTree.ReturnStatement, fn: FunctionNode): Exposure {
      const exposure: Exposure = { catch: false, finally: false, catchingTry: null };
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.TryStatement) continue;
        if (child === current.block && current.handler && !isTransparentCatch(current.handler)) {
          exposure.catch = true;
          exposure.catchingTry = current;
        }
        if ((child === current.block || child === current.handler) && current.finalizer && isOrderDependent(current.finalizer)) {
          exposure.finally = true;
        }
      }
      return exposure;
    }

    /**
     * A promise that visibly cannot reject (`src/util/cannot-reject.ts`: a `new Promise` whose executor
     * only resolves, `Promise.allSettled`, a same-file function returning only those): the `catch` has
     * nothing to miss.
     */
    function cannotRejectHere(value: TSESTree.Expression): boolean {
      const oracle: CannotRejectOracle = {
        isGlobalPromise: (id) => id.name === 'Promise' && isGlobalReference(sourceCode, id),
        resolveCall: (call) => detector.resolveCallee(call)?.fn ?? null,
      };
      return cannotReject(value, oracle);
    }

    /**
     * `return this.send(message, true)` inside `send`'s own `try`: a retry that calls the enclosing
     * function again. The retried call runs its errors through the same `catch` (authors leave it
     * unawaited so that the `catch` does not run twice). Only when every `await` of the function sits in
     * that `try`, so the retry cannot reject from code the `catch` does not cover, other than the
     * synchronous guards this call already passed.
     */
    function isOwnRetry(value: TSESTree.Expression, fn: FunctionNode, catchingTry: TSESTree.TryStatement | null): boolean {
      if (!catchingTry || value.type !== AST_NODE_TYPES.CallExpression || detector.resolveCallee(value)?.fn !== fn) return false;
      let awaitsOutside = false;
      walkDescendants(fn.body, (node) => {
        if (awaitsOutside || node === catchingTry || isFunctionNode(node)) return false;
        if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) awaitsOutside = true;
        return !awaitsOutside;
      });
      return !awaitsOutside;
    }

    /**
     * `try { …; return buildIndex(cwd); } catch { return buildIndex(cwd); }`: the `catch` falls back to the
     * very call the `try` returns. Awaiting it would only run that call a second time after it failed, so
     * its rejection going to the caller is what the `catch` would have led to anyway.
     */
    function isCatchFallback(value: TSESTree.Expression, catchingTry: TSESTree.TryStatement | null): boolean {
      const statements = catchingTry?.handler?.body.body;
      if (statements?.length !== 1 || statements[0]!.type !== AST_NODE_TYPES.ReturnStatement) return false;
      const fallback = statements[0].argument ? skipExpressionWrappers(statements[0].argument) : null;
      if (!fallback) return false;
      const call = fallback.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(fallback.argument) : fallback;
      return call.type === AST_NODE_TYPES.CallExpression && value.type === AST_NODE_TYPES.CallExpression && haveSameTokens(sourceCode, call, value);
    }


    /** `reply.send(data)`, `reply.code(201).send()`, or `reply` after `reply.send(…)`: a framework's reply, not work. */
    function isReplyObject(value: TSESTree.Expression, fn: FunctionNode): boolean {
      for (let current: TSESTree.Expression = value; ; ) {
        current = skipExpressionWrappers(current);
        if (current.type !== AST_NODE_TYPES.CallExpression) break;
        const callee = skipExpressionWrappers(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
        if (REPLY_METHODS.has(getStaticPropertyName(callee) ?? '')) return true;
        current = callee.object;
      }
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      return (
        variable?.references.some((reference) => {
          const id = reference.identifier;
          if (id.range[0] >= value.range[0] || !isInside(id, fn)) return false;
          let member: TSESTree.Node = id;
          while (member.parent?.type === AST_NODE_TYPES.MemberExpression && member.parent.object === member) {
            const parent: TSESTree.MemberExpression = member.parent;
            if (REPLY_METHODS.has(getStaticPropertyName(parent) ?? '') && parent.parent.type === AST_NODE_TYPES.CallExpression) return true;
            member = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent : parent;
          }
          return false;
        }) ?? false
      );
    }

    /** `const p = load(); …; await p; … return p;`: the promise has settled, returning it changes nothing. */
    function wasAwaitedBefore(value: TSESTree.Expression, node: TSESTree.ReturnStatement, fn: FunctionNode): boolean {
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      if (!variable) return false;
      return variable.references.some((reference) => {
        const id = reference.identifier as TSESTree.Node;
        if (id.range[1] > node.range[0] || !isInside(id, fn) || !reference.isRead()) return false;
        return isAwaitedDirectly(id) || isAwaitedInCombinator(id);
      });
    }

    function describeValue(value: TSESTree.Expression): string {
      if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) return describeCall(sourceCode, value);
      const text = sourceCode.getText(value);
      return text.length <= 40 && !text.includes('\n') ? text : 'this promise';
    }

    /** Where `async ` goes to make the function async; null where it cannot be (accessors, constructors, other return types). */
    function findAsyncKeywordPlace(fn: FunctionNode): TSESTree.Node | TSESLint.AST.Token | null {
      const returnType = fn.returnType?.typeAnnotation;
      if (returnType && !isPromiseTypeReference(returnType)) return null;
      const parent = fn.parent;
      if (parent.type === AST_NODE_TYPES.MethodDefinition || (parent.type === AST_NODE_TYPES.Property && (parent.method || parent.kind !== 'init'))) {
        if (parent.kind !== 'method' && parent.kind !== 'init') return null;
        // `async` goes right before the name: after `static`, accessibility and `override` modifiers.
        return parent.computed ? sourceCode.getTokenBefore(parent.key)! : parent.key;
      }
      return sourceCode.getFirstToken(fn);
    }
  },
});

/** Methods that finish a framework reply and return the reply (Fastify's is thenable). */
const REPLY_METHODS = new Set(['send', 'redirect']);

/** Calls whose only effect is a log line: their order against the returned work does not matter. */
const LOG_METHODS = new Set(['debug', 'error', 'fatal', 'info', 'log', 'trace', 'verbose', 'warn']);
const LOGGER_NAMES = /^(?:console|debug|logger|log|_logger|_log)$/u;

/**
 * A `catch` that cannot tell a rejection caught here from one passed to the caller:
 * - `catch (e) { throw e; }` (or `return Promise.reject(e)`), the error rethrown unchanged;
 * - one error type handled and the rest rethrown unchanged:
 *   `catch (e) { if (e instanceof SyntaxError) return null; throw e; }`,
 *   `catch (e) { if (!(e instanceof NotFound)) throw e; return null; }`.
 * The handled type is taken to be one the code before the `return` throws (parsing, validation): the
 * author wrote the `catch` for it, and the returned work's errors pass through as they would anyway.
 */
function isTransparentCatch(handler: TSESTree.CatchClause): boolean {
  const param = handler.param;
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const name = param.name;
  const body = handler.body.body;
  if (body.length === 1) return isRethrow(body[0]!, name);
  if (body.length !== 2) return false;
  const [first, second] = body as [TSESTree.Statement, TSESTree.Statement];
  if (first.type !== AST_NODE_TYPES.IfStatement || first.alternate || !mentions(first.test, name)) return false;
  // `if (isX(e)) handle; throw e;` or `if (!isX(e)) throw e; handle;`
  return isRethrow(second, name) || isRethrow(first.consequent, name);
}

function isRethrow(statement: TSESTree.Statement, name: string): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return isName(statement.argument, name);
  if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) {
    // `return Promise.reject(e)`: the same error, as a rejection.
    const value = skipExpressionWrappers(statement.argument);
    return (
      value.type === AST_NODE_TYPES.CallExpression &&
      value.callee.type === AST_NODE_TYPES.MemberExpression &&
      value.callee.object.type === AST_NODE_TYPES.Identifier &&
      value.callee.object.name === 'Promise' &&
      getStaticPropertyName(value.callee) === 'reject' &&
      value.arguments.length === 1 &&
      isName(value.arguments[0]!, name)
    );
  }
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.length === 1 && isRethrow(statement.body[0]!, name);
  return false;
}

function isName(node: TSESTree.Node, name: string): boolean {
  const inner = node.type === AST_NODE_TYPES.Identifier ? node : skipExpressionWrappers(node as TSESTree.Expression);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}

function mentions(root: TSESTree.Node, name: string): boolean {
  let found = false;
  walkDescendants(root, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) found = true;
    return !found;
  });
  return found;
}

/**
 * Whether a `finally` does something whose order against the returned work matters. Only an empty block
 * and log lines (`console.*`, `logger.*`, `debug(…)`) do not: releasing a lock, closing a connection,
 * clearing a timer, resetting a flag or ending a timing span all do.
 */
function isOrderDependent(finalizer: TSESTree.BlockStatement): boolean {
  return !finalizer.body.every(isLogStatement);
}

function isLogStatement(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.EmptyStatement) return true;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = skipExpressionWrappers(statement.expression);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(expression.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'debug';
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !LOG_METHODS.has(getStaticPropertyName(callee) ?? '')) return false;
  const object = skipExpressionWrappers(callee.object);
  const objectName =
    object.type === AST_NODE_TYPES.Identifier
      ? object.name
      : object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.ThisExpression
        ? getStaticPropertyName(object)
        : null;
  return objectName !== null && LOGGER_NAMES.test(objectName);
}

/** `Promise.resolve(x)` and `Promise.reject(e)`: already settled, the code means to hand them on as they are. */
function isSettledValue(value: TSESTree.Expression): boolean {
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(value.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    (getStaticPropertyName(callee) === 'resolve' || getStaticPropertyName(callee) === 'reject')
  );
}

/** `load().catch(handle)` or `load().then(use, handle)`: the chain handles its own rejection. */
function handlesOwnRejection(value: TSESTree.Expression): boolean {
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  return method === 'catch' || (method === 'then' && value.arguments.length >= 2);
}

function isAwaitedDirectly(id: TSESTree.Node): boolean {
  let current = id;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    current = current.parent;
  }
  return current.parent?.type === AST_NODE_TYPES.AwaitExpression;
}

/** `await Promise.all([a, b])` or `allSettled`: every element has settled afterwards. */
function isAwaitedInCombinator(id: TSESTree.Node): boolean {
  const array = id.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const call = array.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method !== 'all' && method !== 'allSettled') return false;
  return call.parent.type === AST_NODE_TYPES.AwaitExpression;
}

function isPromiseTypeReference(type: TSESTree.TypeNode): boolean {
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise';
}
