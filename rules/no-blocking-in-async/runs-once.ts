import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, isInside, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { getPrivateFunctionVariable } from '../../src/util/resolve-function.js';
import { walkDescendants } from '../../src/util/walk.js';
import { isIterationCallback } from '../../src/util/data-loop.js';
import { createClassMethodCalls, createStopsItsServer, isSchemaMigrationMethod, isSingletonInit } from './one-time-roles.js';

/** Promise-chain methods: their callbacks run once, after the promise they are chained to. */
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Start-up code: functions that run once, while the program starts and nothing else is in flight.
 * A function runs once when it is
 * - an IIFE (`(async () => { … })()`) whose call runs once;
 * - a callback of a promise chain (`main().then(…)`), an array iteration method or `new Promise`
 *   whose call runs once;
 * - a named function of this file, not exported and never reassigned, whose every use is a call (or a
 *   callback given to `.then`/`.catch`/`.finally`) made where code runs once.
 * - a function whose role makes it run once (`one-time-roles.ts`): a schema-patching method of a
 *   database class, the `init()` of a module's singleton object, a handler that shuts down its own server;
 * - a method of a class whose every call in the file is `this.m(…)` (or `ClassName.m(…)`) made where
 *   code runs once: the helpers of a schema-patching method;
 * - the body of a named one-time migration (`migrate('rename-column', async () => { … })`).
 * Code runs once at the top level of the module (outside classes) and inside a function that runs once.
 * Route handlers, listeners and any other callback are not: they run later, any number of times.
 */
export function createRunsOnce(sourceCode: TSESLint.SourceCode): (fn: FunctionNode) => boolean {
  const memo = new Map<FunctionNode, boolean>();
  const findClassMethodCalls = createClassMethodCalls(sourceCode);
  const stopsItsServer = createStopsItsServer(sourceCode);

  return runsOnce;

  function runsOnce(fn: FunctionNode): boolean {
    let known = memo.get(fn);
    if (known === undefined) {
      // In progress: a cycle proves nothing, so it answers no.
      memo.set(fn, false);
      known = decide(fn);
      memo.set(fn, known);
    }
    return known;
  }

  function decide(fn: FunctionNode): boolean {
    if (isSchemaMigrationMethod(fn) || isSingletonInit(fn)) return true;
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return runsOnceAt(parent);
    if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === fn &&
      (getStaticPropertyName(parent) === 'call' || getStaticPropertyName(parent) === 'apply') &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      return runsOnceAt(parent.parent);
    }
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && (parent.arguments as readonly TSESTree.Node[]).includes(fn)) {
      const immediate =
        (parent.type === AST_NODE_TYPES.NewExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise') ||
        isChainCall(parent) ||
        isIterationCallback(fn);
      return (immediate && runsOnceAt(parent)) || isMigrationBody(parent, fn) || stopsItsServer(fn);
    }
    const methodCalls = findClassMethodCalls(fn);
    if (methodCalls) return methodCalls.some((call) => !isInside(call, fn)) && methodCalls.every((call) => isInside(call, fn) || runsOnceAt(call));
    const variable = getPrivateFunctionVariable(sourceCode, fn);
    if (!variable) return false;
    let called = false;
    for (const reference of variable.references) {
      if (reference.init) continue;
      if ((reference as { isValueReference?: boolean }).isValueReference === false) continue;
      const id = reference.identifier;
      if (isInside(id, fn)) continue;
      const use = id.parent;
      const isCall = use?.type === AST_NODE_TYPES.CallExpression && use.callee === id;
      const isChainCallback = use?.type === AST_NODE_TYPES.CallExpression && use.arguments.includes(id as TSESTree.Identifier) && isChainCall(use);
      if (!(isCall || isChainCallback) || !runsOnceAt(use)) return false;
      called = true;
    }
    return called;
  }

  /** Whether code at `node` runs once: at the top level, or in a function that runs once. */
  function runsOnceAt(node: TSESTree.Node): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (isFunctionNode(current)) return runsOnce(current);
      if (
        current.type === AST_NODE_TYPES.ClassBody ||
        current.type === AST_NODE_TYPES.StaticBlock ||
        current.type === AST_NODE_TYPES.TSModuleBlock
      ) {
        return false;
      }
    }
    return true;
  }
}

/**
 * The body of a named, one-time migration: `migrate('rename-baseurl-column', async () => { … })`. A
 * migration runner runs each id once and records it; the id must be written out in the code.
 */
function isMigrationBody(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: FunctionNode): boolean {
  const callee = skipExpressionWrappers(call.callee as TSESTree.Expression);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (name !== 'migrate' && name !== 'runMigration') return false;
  const [id] = call.arguments;
  return id !== undefined && id !== fn && id.type === AST_NODE_TYPES.Literal && typeof id.value === 'string' && id.value !== '';
}

function isChainCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipExpressionWrappers(call.callee as TSESTree.Expression);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(callee);
  return name !== null && CHAIN_METHODS.has(name);
}

/**
 * Start-up code of a server: `node` comes before a `.listen(…)` call in the body of `fn` (not inside a
 * nested function), as in `async function start() { const key = readFileSync(…); server.listen(443); }`.
 */
export function isBeforeListen(node: TSESTree.Node, fn: FunctionNode): boolean {
  let found = false;
  walkDescendants(fn.body, (child) => {
    if (found) return false;
    if (isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.CallExpression && child.range[0] >= node.range[1]) {
      const callee = skipExpressionWrappers(child.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'listen') found = true;
    }
    return !found;
  });
  return found;
}
