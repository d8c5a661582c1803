import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { TIMER_CLEAR_FUNCTIONS } from '../../src/knowledge/timers.js';
import { describeCall, getCalleeName, getOuterExpression, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, isInside, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { walkDescendants } from '../../src/util/walk.js';

/** Array methods take callbacks but do no I/O. */
const SYNC_CALLBACK_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'sort', 'flatMap']);

/**
 * A retry interval: its callback does I/O (awaits, chains `.then`, or passes a callback to a call) and the
 * only `clearInterval` of its handle sits on that I/O's success path (after the `await` in the `try`, in
 * `.then(…)`, in the callback's no-error branch). With no clear on failure, no deadline or attempt cap and
 * no abort, it retries forever when the service never comes up. Returns the call it retries, or null.
 */
export function createRetryIntervalAnalysis(sourceCode: TSESLint.SourceCode) {
  return { findEndlessRetry };

  function findEndlessRetry(interval: TSESTree.CallExpression, handleReads: readonly TSESTree.Node[]): string | null {
    const callback = interval.arguments[0];
    if (!callback || !isFunctionNode(callback) || handleReads.length === 0) return null;
    // Every use of the handle is a clear inside the callback: nothing else can stop the interval.
    for (const read of handleReads) {
      const outer = getOuterExpression(read);
      const call = outer.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== outer || !isInside(call, callback.body)) return null;
      const name = getCalleeName(call);
      if (name === null || !TIMER_CLEAR_FUNCTIONS.has(name)) return null;
      if (!isOnSuccessPathOnly(call, callback)) return null;
    }
    if (mentionsAbort(callback.body)) return null;
    const io = findIo(callback);
    return io ? describeCall(sourceCode, io) : null;
  }
}

/** The first call in the callback that does I/O: an awaited call, one chained with `.then`, or one given a callback. */
function findIo(callback: FunctionNode): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  walkDescendants(callback.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) {
      const argument = skipExpressionWrappers(node.argument);
      if (argument.type === AST_NODE_TYPES.CallExpression) found = argument;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      const name = getCalleeName(node);
      if (callee.type === AST_NODE_TYPES.MemberExpression && name === 'then') {
        const inner = skipExpressionWrappers(callee.object);
        found = inner.type === AST_NODE_TYPES.CallExpression ? inner : node;
      } else if (name !== null && !SYNC_CALLBACK_METHODS.has(name) && !TIMER_CLEAR_FUNCTIONS.has(name) && node.arguments.some((argument) => isFunctionNode(argument) && hasErrorFirstParam(argument))) {
        found = node;
      }
    }
    return !found;
  });
  return found;
}

/**
 * Whether the clear runs only when the I/O succeeded: after an `await` in the same function, in a
 * `.then(onFulfilled)`, or in an error-first callback outside its `if (err)` branch; and never on a path
 * that failed (a `catch`, `.catch()`, `if (err)`), in a `finally`, or under a deadline or attempt test.
 */
function isOnSuccessPathOnly(clear: TSESTree.CallExpression, callback: FunctionNode): boolean {
  let success = false;
  let child: TSESTree.Node = clear;
  for (let current: TSESTree.Node | undefined = clear.parent; current && current !== callback; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.CatchClause:
        return false;
      case AST_NODE_TYPES.TryStatement:
        if (current.finalizer === child) return false;
        if (current.block === child && awaitsBefore(current.block, clear)) success = true;
        break;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression: {
        if (current.test === child) break;
        const mentionsError = testMentionsError(current.test);
        if (mentionsError && current.consequent === child) return false;
        if (mentionsError && current.alternate === child) success = true;
        if (isDeadlineOrCap(current.test)) return false;
        break;
      }
      case AST_NODE_TYPES.BlockStatement:
        if (!success && awaitsBefore(current, clear)) success = true;
        break;
      default:
        if (isFunctionNode(current)) {
          const call: TSESTree.Node | undefined = current.parent;
          if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.Expression)) return false;
          const name = getCalleeName(call);
          if (name === 'catch' || name === 'finally' || (name === 'then' && call.arguments[0] !== current)) return false;
          if (name === 'then' || hasErrorFirstParam(current)) success = true;
        }
    }
  }
  return success;
}

/** An `await` in the block before `node` (in the same function). */
function awaitsBefore(block: TSESTree.Node, node: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(block, (inner) => {
    if (found || isFunctionNode(inner) || inner.range[0] >= node.range[0]) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression && inner.range[1] <= node.range[0]) found = true;
    return !found;
  });
  return found;
}

const ERROR_NAMES = /^(?:err|error|e|ex|failure)$/u;

function hasErrorFirstParam(fn: TSESTree.Node): boolean {
  if (!isFunctionNode(fn)) return false;
  const first = fn.params[0];
  return first?.type === AST_NODE_TYPES.Identifier && ERROR_NAMES.test(first.name);
}

function testMentionsError(test: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(test, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Identifier && ERROR_NAMES.test(node.name)) found = true;
    return !found;
  });
  return found;
}

/** `attempts > 10`, `Date.now() - start > timeout`: a test that gives up at some point. */
function isDeadlineOrCap(test: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(test, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['<', '>', '<=', '>='].includes(node.operator)) found = true;
    if (node.type === AST_NODE_TYPES.Identifier && /attempt|retr(?:y|ies)|tries|count/iu.test(node.name)) found = true;
    if (node.type === AST_NODE_TYPES.CallExpression && getSimpleName(skipExpressionWrappers(node.callee)) === 'now') found = true;
    return !found;
  });
  return found;
}

function mentionsAbort(body: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Identifier && /signal|abort/iu.test(node.name)) found = true;
    if (node.type === AST_NODE_TYPES.MemberExpression && /^(?:aborted|signal)$/u.test(getStaticPropertyName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}
