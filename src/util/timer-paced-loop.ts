import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { PROMISE_TIMER_APIS } from '../knowledge/timers.js';
import { skipExpressionWrappers } from './ast.js';
import { isFunctionNode } from './get-enclosing-function.js';
import { findApiReferences } from './resolve-import.js';
import { isGlobalReference, resolveCalledFunction } from './resolve-function.js';
import { containsOutsideFunctions } from './walk.js';

/*
 * Loops paced by a timer: a poll or retry loop that waits on a timer every time round
 * (`while (!tryLock()) await delay(25)`). Whatever else a turn runs, the event loop is free between two
 * turns for at least the timer's delay, so sync work in the loop blocks for one turn's worth at a time,
 * however many turns there are. Only a timer is sure to yield that way: an awaited call may settle
 * from a cache in a microtask, which lets no I/O callback or other request run in between.
 */

type Loop =
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement;

/**
 * Whether every turn of the loop awaits a timer: a statement of the loop's own block (not a branch) is
 * `await` of one (see `isTimerWait`), and nothing in the body (`continue`, `break`) can start the next
 * turn or leave for an outer loop before it.
 */
export function isTimerPacedLoop(sourceCode: TSESLint.SourceCode, loop: Loop): boolean {
  if (loop.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const waits = loop.body.body.some((statement) => {
    const expression =
      statement.type === AST_NODE_TYPES.ExpressionStatement
        ? statement.expression
        : statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1
          ? statement.declarations[0]!.init
          : null;
    const awaited = expression ? skipExpressionWrappers(expression) : null;
    return awaited?.type === AST_NODE_TYPES.AwaitExpression && isTimerWait(sourceCode, awaited.argument);
  });
  return waits && !containsOutsideFunctions(loop.body, JUMPS);
}

/**
 * A promise that settles only when a timer fires: `setTimeout(ms)` from `timers/promises`, `new
 * Promise((resolve) => setTimeout(resolve, ms))`, or a call of a function of this file whose body is
 * only `return` of one of those (`const sleep = (ms) => new Promise((r) => setTimeout(r, ms))`).
 */
function isTimerWait(sourceCode: TSESLint.SourceCode, raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  if (isDirectTimerWait(sourceCode, node)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const fn = resolveCalledFunction(sourceCode, node)?.fn;
  if (!fn) return false;
  const returned = getOnlyReturned(fn);
  return returned !== null && isDirectTimerWait(sourceCode, skipExpressionWrappers(returned));
}

function isDirectTimerWait(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    return findApiReferences(sourceCode, PROMISE_TIMER_APIS).get(node)?.target.info?.kind === 'timeout';
  }
  return node.type === AST_NODE_TYPES.NewExpression && isTimerPromise(sourceCode, node);
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`, or with `() => resolve()` as the timer's callback. */
function isTimerPromise(sourceCode: TSESLint.SourceCode, node: TSESTree.NewExpression): boolean {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise' || !isGlobalReference(sourceCode, node.callee)) return false;
  const executor = node.arguments[0];
  if (!executor || (executor.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor.type !== AST_NODE_TYPES.FunctionExpression)) return false;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
  const body = getOnlyReturned(executor) ?? getOnlyStatementExpression(executor);
  const timer = body ? skipExpressionWrappers(body) : null;
  if (timer?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(timer.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'setTimeout' || !isGlobalReference(sourceCode, callee)) return false;
  const callback = timer.arguments[0];
  if (callback?.type === AST_NODE_TYPES.Identifier) return callback.name === resolve.name;
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const inner = callback.body.type === AST_NODE_TYPES.BlockStatement ? null : skipExpressionWrappers(callback.body);
  return inner?.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === resolve.name;
}

/** The expression a function only returns: an arrow's expression body, or a body of one `return x;`. */
function getOnlyReturned(fn: TSESTree.Node): TSESTree.Expression | null {
  if (!isFunctionNode(fn)) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only, ...rest] = fn.body.body;
  return rest.length === 0 && only?.type === AST_NODE_TYPES.ReturnStatement ? only.argument : null;
}

/** An executor written `(resolve) => { setTimeout(resolve, ms); }`. */
function getOnlyStatementExpression(fn: TSESTree.Node): TSESTree.Expression | null {
  if (!isFunctionNode(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const [only, ...rest] = fn.body.body;
  return rest.length === 0 && only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : null;
}

/** A `continue` or `break` anywhere in the body (nested functions aside) may skip the timer. */
const JUMPS: ReadonlySet<AST_NODE_TYPES> = new Set([AST_NODE_TYPES.ContinueStatement, AST_NODE_TYPES.BreakStatement]);
