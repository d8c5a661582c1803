import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isIntrinsicAnyType, isIntrinsicVoidType, isVagueType, unionConstituents } from '../src/util/typescript.js';
import type * as ts from 'typescript';

import { LISTENER_ADD_METHODS, LISTENER_ONCE_METHODS, MICROTASK_APIS, TIMER_APIS } from '../src/knowledge/timers.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { getKeyName, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { isFunctionNode, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { catchRethrows } from '../src/util/handles-own-errors.js';
import { fileSpellsPromise, getPromiseDetector, typeHasThenable } from '../src/util/is-promise.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { anyPackageJsonListsDependency, findNearestDependency, getDependencyMajor } from '../src/util/read-package-json.js';
import { findApiReferences, type ApiTarget } from '../src/util/resolve-import.js';
import { getSafeAwaitJudge } from '../src/util/safe-await.js';
import { forEachChild, walkDescendants } from '../src/util/walk.js';
import { isGlobalReference } from '../src/util/resolve-function.js';
import {
  awaitsAnything,
  collectRejectionSites,
  endsProcess,
  getAsyncCallback,
  hasUnhandledRejection,
  type AsyncCallback,
  type CatchHandles,
} from './no-misused-async-callback/callback.js';
import {
  DESCRIBE_NAMES,
  EXPRESS_ROUTE_METHODS,
  STREAM_CLASS_METHODS,
  STREAM_OPTION_METHODS,
  TEST_RUNNER_PACKAGES,
  callsAnyOf,
  capturesRejections,
  classCapturesRejections,
  extendsStreamClass,
  fileEnablesCaptureRejections,
  getReceiverInit,
  getStreamOptions,
  getSuiteRoot,
  getSyncSuiteRunner,
  getThisReceiverClass,
  isExpressReceiver,
  mayHaveExpressReceiver,
} from './no-misused-async-callback/frameworks.js';
import { suggestFilterFlags, suggestForOf, suggestTryCatch } from './no-misused-async-callback/suggestions.js';

export type Options = [
  {
    promiseAwareEmitters?: NamedEntry[];
  },
];

export type MessageId =
  | 'forEach'
  | 'predicate'
  | 'sort'
  | 'reduce'
  | 'listener'
  | 'timer'
  | 'expressHandler'
  | 'describe'
  | 'streamMethod'
  | 'promiseExecutor'
  | 'voidCallback'
  | 'useForOf'
  | 'computeFlagsFirst'
  | 'catchAndEmit'
  | 'catchAndLog';

export default createRule<Options, MessageId>({
  name: 'no-misused-async-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async callbacks where the caller ignores or misreads the promise they return',
      recommended: 'recommended',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      forEach:
        '`{{method}}` does not wait for the promises its async callback returns: the caller moves on before the work is done and a rejection is unhandled; use a `for…of` loop that awaits each element.',
      predicate:
        '`{{method}}` reads the promise its async callback returns as the answer, and a promise is always truthy, so every element passes; await the answers first, then `{{method}}` on them.',
      sort: '`{{method}}` reads the promise its async comparator returns as a number, so the order it produces is arbitrary; compute the sort keys first, then sort with a synchronous comparator.',
      reduce:
        'This async `{{method}}` callback never awaits its accumulator, so every step starts at once and reads a promise instead of the previous result; await the accumulator first, or use a `for…of` loop.',
      listener:
        '`{{method}}` ignores the promise its async listener returns, so a rejection inside is unhandled (Node exits on it); catch errors inside the listener.',
      timer:
        '`{{method}}` ignores the promise its async callback returns, so a rejection inside is unhandled (Node exits on it); catch errors inside the callback.',
      expressHandler:
        'Express 4 ignores the promise an async handler returns: a rejection never reaches the error middleware and the request hangs; catch errors and pass them to `next(err)`, or move to Express 5.',
      describe:
        '`{{method}}` runs its body synchronously and ignores the promise it returns: tests declared after an `await` are never registered; keep the body synchronous and do the async work in hooks or tests.',
      streamMethod:
        'Node ignores the promise the async stream method `{{method}}` returns: a rejection is unhandled and the stream never errors or ends{{reentry}}; catch errors and pass them to the callback or `this.destroy(err)`.',
      promiseExecutor:
        'An async `Promise` executor loses its errors: a rejection inside it does not reject the promise, which then never settles; await outside the executor, or catch inside and call `reject`.',
      voidCallback:
        'The parameter this async callback is passed to is typed to return `void`, so its promise is ignored: the caller moves on before it finishes and a rejection is unhandled; type the parameter to return a promise and await it, or catch inside the callback.',
      useForOf: 'Replace with a `for…of` loop that awaits each element in turn.',
      computeFlagsFirst: 'Await the answers in a `for…of` loop first, then `{{method}}` on them.',
      catchAndEmit: "Wrap the body in `try/catch` and emit the error as the emitter's `'error'` event.",
      catchAndLog: 'Wrap the body in `try/catch` and log the error with `console.error`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          promiseAwareEmitters: namedEntryListSchema(
            'Emitters that handle the promises their listeners return: a receiver name (`bot`, `this.client`) or the class they are created from (`{ from: "telegraf", name: "Telegraf" }`).',
          ),
        },
      },
    ],
    defaultOptions: [{ promiseAwareEmitters: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Without types every report needs an async function or a promise by syntax: a file that spells
    // neither has nothing to report (issue 12 §4). Asked before the detector is made: most files fail it.
    if (!getTypeServices(context) && !fileSpellsPromise(sourceCode)) return {};
    const detector = getPromiseDetector(context);
    const types = detector.typeServices;
    const awareEmitters = partitionEntries(options.promiseAwareEmitters ?? []);
    const awareEmitterTargets: ApiTarget[] = awareEmitters.modules.map(({ from, path }) => ({ module: from, path, kind: 'construct' }));
    const timerCalls = (): ReadonlyMap<TSESTree.Node, unknown> => findApiReferences(sourceCode, TIMER_APIS);
    const microtaskCalls = (): ReadonlyMap<TSESTree.Node, unknown> => findApiReferences(sourceCode, MICROTASK_APIS);
    let expressMajor: number | null | undefined;
    let nearestRunner: string | null | undefined;
    let captureRejectionsInFile: boolean | undefined;
    /** Awaits of work that cannot reject or handles its own errors, wherever it is declared (shared with no-missing-await). */
    const safe = getSafeAwaitJudge(context);
    /** Arguments a family has already judged: the typed `() => void` check leaves them alone. */
    const judged = new WeakSet<TSESTree.Node>();

    return {
      CallExpression(call) {
        const callee = skipExpressionWrappers(call.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
        if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null) {
          if (checkArrayMethod(call, callee, method)) return;
          if (checkListener(call, callee, method)) return;
          if (checkExpressRoute(call, callee, method)) return;
        }
        if (checkTimer(call)) return;
        if (checkDescribe(call)) return;
        checkVoidParameters(call);
      },
      NewExpression(node) {
        if (checkPromiseExecutor(node)) return;
        const options = getStreamOptions(sourceCode, node);
        if (options) checkStreamOptions(options);
        else checkVoidParameters(node);
      },
      'ClassDeclaration, ClassExpression'(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression) {
        if (!extendsStreamClass(sourceCode, cls)) return;
        for (const member of cls.body.body) {
          if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static || member.computed) continue;
          const name = getKeyName(member.key);
          if (name !== null && STREAM_CLASS_METHODS.has(name) && member.value.type === AST_NODE_TYPES.FunctionExpression) {
            checkStreamMethod(member.value, member.key, name, THIS_ONLY);
          }
        }
      },
    };

    // ---------------------------------------------------------------------------------------------------
    // Arrays, Maps and Sets

    function checkArrayMethod(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): boolean {
      const family = ARRAY_METHODS.get(method);
      if (!family || call.arguments.length === 0) return false;
      if (isAsyncLibraryObject(callee.object)) return false;
      const argument = call.arguments[0]!;
      const callback = getAsyncCallback(sourceCode, detector, argument);
      if (!callback) return false;
      judged.add(argument);
      if (callback.byType && parameterAcceptsPromise(argument)) return true;
      switch (family) {
        case 'forEach': {
          // A body that awaits nothing and returns no promise does all its work synchronously.
          if (callback.fn && collectRejectionSites(detector, callback.fn).length === 0) return true;
          const suggestion = suggestForOf(context, detector, call, callback);
          context.report({
            node: argument,
            messageId: 'forEach',
            data: { method },
            suggest: suggestion ? [{ messageId: 'useForOf', fix: suggestion }] : [],
          });
          return true;
        }
        case 'predicate': {
          const suggestion = method === 'filter' ? suggestFilterFlags(context, detector, call, callback) : null;
          context.report({
            node: argument,
            messageId: 'predicate',
            data: { method },
            suggest: suggestion ? [{ messageId: 'computeFlagsFirst', data: { method }, fix: suggestion }] : [],
          });
          return true;
        }
        case 'sort':
          context.report({ node: argument, messageId: 'sort', data: { method } });
          return true;
        case 'reduce':
          if (callback.fn && !callback.fn.async) return true;
          if (callback.fn && awaitsAccumulator(callback.fn)) return true;
          context.report({ node: argument, messageId: 'reduce', data: { method } });
          return true;
      }
    }

    // ---------------------------------------------------------------------------------------------------
    // Event listeners

    function checkListener(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): boolean {
      if (!LISTENER_ADD_METHODS.has(method) && !LISTENER_ONCE_METHODS.has(method)) return false;
      if (call.arguments.length < 2) return false;
      const event = call.arguments[0]!;
      if (event.type === AST_NODE_TYPES.SpreadElement || isFunctionNode(event)) return false;
      const argument = call.arguments[1]!;
      const callback = getAsyncCallback(sourceCode, detector, argument);
      if (!callback) return false;
      judged.add(argument);
      if ((callback.byType && parameterAcceptsPromise(argument)) || emitterHandlesPromises(callee.object)) return true;
      // A DOM-style listener's own `throw` is as uncaught as a synchronous listener's would be.
      const countThrows = method !== 'addEventListener';
      if (!hasUnhandledRejection(detector, callback, { countThrows, safe }) || (callback.fn && endsProcess(callback.fn))) return true;
      const emitter = isEventName(event, 'error') ? null : emitterToEmitOn(callee.object);
      const suggestion = suggestTryCatch(context, callback, emitter);
      context.report({
        node: argument,
        messageId: 'listener',
        data: { method: describeMember(callee) },
        suggest: suggestion ? [{ messageId: emitter ? 'catchAndEmit' : 'catchAndLog', fix: suggestion }] : [],
      });
      return true;
    }

    function emitterHandlesPromises(receiver: TSESTree.Expression): boolean {
      captureRejectionsInFile ??= fileEnablesCaptureRejections(sourceCode);
      if (captureRejectionsInFile) return true;
      const init = getReceiverInit(sourceCode, receiver);
      if (capturesRejections(init)) return true;
      const cls = getThisReceiverClass(receiver);
      if (cls && classCapturesRejections(cls)) return true;
      const name = getSimpleName(skipExpressionWrappers(receiver));
      if (name !== null && (awareEmitters.names.has(name) || awareEmitters.names.has(sourceCode.getText(receiver)))) return true;
      return init !== null && awareEmitterTargets.length > 0 && findApiReferences(sourceCode, awareEmitterTargets).has(skipExpressionWrappers(init));
    }

    /**
     * The receiver to emit `'error'` on in the try/catch suggestion: only an emitter known to be a Node
     * EventEmitter (its 'error' event is the place errors go). A socket's `emit` would send the error to
     * the other side, so everything else logs.
     */
    function emitterToEmitOn(receiver: TSESTree.Expression): string | null {
      const node = skipExpressionWrappers(receiver);
      const text = sourceCode.getText(node);
      if (!/^[\w$.]+$/.test(text)) return null;
      const init = getReceiverInit(sourceCode, node);
      if (init?.type === AST_NODE_TYPES.NewExpression && findApiReferences(sourceCode, EVENT_EMITTER_CLASS).has(init)) return text;
      if (node.type === AST_NODE_TYPES.ThisExpression) {
        const cls = getThisReceiverClass(node);
        if (cls?.superClass && findApiReferences(sourceCode, EVENT_EMITTER_CLASS_READ).has(cls.superClass)) return text;
      }
      return null;
    }

    // ---------------------------------------------------------------------------------------------------
    // Timers and microtasks

    function checkTimer(call: TSESTree.CallExpression): boolean {
      if (!timerCalls().has(call) && !microtaskCalls().has(call)) return false;
      const argument = call.arguments[0];
      if (!argument) return true;
      const callback = getAsyncCallback(sourceCode, detector, argument);
      if (!callback) return true;
      judged.add(argument);
      // The callback's own `throw` would be just as uncaught in a synchronous callback: only awaited work counts.
      if (!hasUnhandledRejection(detector, callback, { countThrows: false, safe }) || (callback.fn && endsProcess(callback.fn))) return true;
      const suggestion = suggestTryCatch(context, callback, null);
      context.report({
        node: argument,
        messageId: 'timer',
        data: { method: sourceCode.getText(skipExpressionWrappers(call.callee)) },
        suggest: suggestion ? [{ messageId: 'catchAndLog', fix: suggestion }] : [],
      });
      return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Express 4

    function checkExpressRoute(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): boolean {
      if (!EXPRESS_ROUTE_METHODS.has(method) || !mayHaveExpressReceiver(sourceCode, types)) return false;
      const callbacks = call.arguments
        .map((argument) => ({ argument, callback: getAsyncCallback(sourceCode, detector, argument) }))
        .filter((entry) => entry.callback !== null);
      if (callbacks.length === 0 || !isExpressReceiver(sourceCode, types, callee.object)) return false;
      for (const { argument } of callbacks) judged.add(argument);
      if (expressMajor === undefined) {
        expressMajor = getDependencyMajor(context.filename, 'express');
        // express-async-errors patches Express 4's router to forward rejections to `next`.
        if (anyPackageJsonListsDependency(context.filename, 'express-async-errors')) expressMajor = null;
      }
      if (expressMajor === null || expressMajor > 4) return true;
      for (const { argument, callback } of callbacks) {
        if (!hasUnhandledRejection(detector, callback!, { safe })) continue;
        context.report({ node: argument, messageId: 'expressHandler' });
      }
      return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Test suites

    function checkDescribe(call: TSESTree.CallExpression): boolean {
      const root = getSuiteRoot(call.callee);
      if (!root || !DESCRIBE_NAMES.has(root.name)) return false;
      const argument = call.arguments.findLast((candidate) => isFunctionNode(skipExpressionWrappers(candidate as TSESTree.Expression)));
      if (!argument) return true;
      const fn = skipExpressionWrappers(argument as TSESTree.Expression) as FunctionNode;
      if (!fn.async || fn.generator) return true;
      judged.add(argument);
      const runner = getSyncSuiteRunner(sourceCode, root, () => (nearestRunner ??= findNearestDependency(context.filename, TEST_RUNNER_PACKAGES)));
      if (runner === null) return true;
      // Mocha registers the tests declared before the first `await`; jest rejects any promise.
      if (runner === 'mocha' && !awaitsAnything(fn)) return true;
      context.report({ node: argument, messageId: 'describe', data: { method: sourceCode.getText(call.callee) } });
      return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Streams

    function checkStreamOptions(options: TSESTree.ObjectExpression): void {
      const holder = options.parent.parent;
      const streamNames = new Set(['this']);
      if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) streamNames.add(holder.id.name);
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const name = getKeyName(property.key);
        const value = skipExpressionWrappers(property.value as TSESTree.Expression);
        if (name === null || !STREAM_OPTION_METHODS.has(name) || !isFunctionNode(value)) continue;
        checkStreamMethod(value, property.key, name, streamNames);
      }
    }

    function checkStreamMethod(fn: FunctionNode, key: TSESTree.Node, name: string, streamNames: ReadonlySet<string>): void {
      if (!fn.async || fn.generator) return;
      const isRead = name === 'read' || name === '_read';
      const callbackName = isRead ? null : lastParameterName(fn);
      const routes = new Set(callbackName ? [callbackName] : []);
      // A catch that routes the error handles it; so does one that logs and carries on when the method
      // calls its callback last anyway (`try { … } catch (err) { log(err); } cb();`).
      const endsWithCallback = routes.size > 0 && endsBySettling(fn, routes);
      const handles: CatchHandles = (catchClause) =>
        callsAnyOf(catchClause.body, routes, STREAM_ERROR_METHODS, streamNames) || (endsWithCallback && fallsThrough(catchClause));
      const callback: AsyncCallback = { node: fn, fn, direct: true, byType: false };
      const unhandled = hasUnhandledRejection(detector, callback, { handles, safe });
      const reentrant = isRead && awaitsAnything(fn) && mayAwaitAfterPush(fn, streamNames);
      if (!unhandled && !reentrant) return;
      context.report({
        node: key,
        messageId: 'streamMethod',
        data: { method: name, reentry: reentrant ? ', and `read()` is called again while the previous call still runs' : '' },
      });
    }

    // ---------------------------------------------------------------------------------------------------
    // new Promise(async …)

    function checkPromiseExecutor(node: TSESTree.NewExpression): boolean {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise' || !isGlobal(callee)) return false;
      const argument = node.arguments[0];
      const fn = argument && skipExpressionWrappers(argument as TSESTree.Expression);
      if (!fn || !isFunctionNode(fn) || !fn.async || fn.generator) return true;
      const settlers = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
      // A catch that settles the promise handles the error; so does one that swallows it when the
      // executor settles the promise after the try anyway (`try { … } catch {} resolve();`).
      const settlesAtEnd = endsBySettling(fn, settlers);
      const handles: CatchHandles = (catchClause) =>
        callsAnyOf(catchClause.body, settlers, EMPTY) || (settlesAtEnd && !catchRethrows(catchClause));
      if (!hasUnhandledRejection(detector, { node: fn, fn, direct: true, byType: false }, { handles, safe })) return true;
      context.report({ node: fn, messageId: 'promiseExecutor' });
      return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Typed: callbacks whose parameter the user's own code types as returning void

    function checkVoidParameters(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (!types) return;
      for (const argument of call.arguments) {
        if (judged.has(argument)) continue;
        const inner = skipExpressionWrappers(argument as TSESTree.Expression);
        if (!isFunctionNode(inner)) continue;
        const callback = getAsyncCallback(sourceCode, detector, argument);
        if (!callback || !parameterIsOwnVoidFunction(argument)) continue;
        if (!hasUnhandledRejection(detector, callback, { safe })) continue;
        context.report({ node: argument, messageId: 'voidCallback' });
      }
    }

    /** The parameter's type is a function type declared in the user's code (not a .d.ts, not node_modules) that returns `void`. */
    function parameterIsOwnVoidFunction(argument: TSESTree.Node): boolean {
      const signatures = contextualSignatures(argument);
      if (signatures.length === 0) return false;
      try {
        return signatures.every((signature) => {
          const declaration = signature.getDeclaration() as ts.Declaration | undefined;
          const file = declaration?.getSourceFile();
          if (!file || file.isDeclarationFile || /[\\/]node_modules[\\/]/.test(file.fileName)) return false;
          const returnType = signature.getReturnType();
          return unionConstituents(returnType).every((part) => isIntrinsicVoidType(part));
        });
      } catch {
        return false;
      }
    }

    /** Whether the API declares that it takes a promise back (`() => Promise<void> | void`, `Awaitable<void>`). */
    function parameterAcceptsPromise(argument: TSESTree.Node): boolean {
      if (!types) return false;
      const signatures = contextualSignatures(argument);
      try {
        return signatures.some((signature) => {
          const returnType = signature.getReturnType();
          if (isVagueType(returnType)) return false;
          return typeHasThenable(types.checker, types.getTsNode(argument), returnType);
        });
      } catch {
        return false;
      }
    }

    function contextualSignatures(argument: TSESTree.Node): readonly ts.Signature[] {
      if (!types) return [];
      try {
        const tsNode = types.getTsNode(argument);
        if (!tsNode) return [];
        const contextual = types.checker.getContextualType(tsNode as ts.Expression);
        if (!contextual || isIntrinsicAnyType(contextual)) return [];
        return unionConstituents(contextual).flatMap((part) => part.getCallSignatures());
      } catch {
        return [];
      }
    }

    // ---------------------------------------------------------------------------------------------------
    // Small helpers

    function isGlobal(id: TSESTree.Identifier): boolean {
      return isGlobalReference(sourceCode, id);
    }

    function isAsyncLibraryObject(object: TSESTree.Expression): boolean {
      const node = skipExpressionWrappers(object);
      return node.type === AST_NODE_TYPES.Identifier && ASYNC_LIBRARY_NAMES.has(node.name);
    }

    function describeMember(callee: TSESTree.MemberExpression): string {
      const text = sourceCode.getText(callee);
      return text.length <= 40 && !text.includes('\n') ? text : `….${getStaticPropertyName(callee) ?? 'on'}`;
    }
  },
});

type ArrayFamily = 'forEach' | 'predicate' | 'sort' | 'reduce';

const ARRAY_METHODS = new Map<string, ArrayFamily>([
  ['forEach', 'forEach'],
  ['filter', 'predicate'],
  ['some', 'predicate'],
  ['every', 'predicate'],
  ['find', 'predicate'],
  ['findIndex', 'predicate'],
  ['findLast', 'predicate'],
  ['findLastIndex', 'predicate'],
  ['sort', 'sort'],
  ['toSorted', 'sort'],
  ['reduce', 'reduce'],
  ['reduceRight', 'reduce'],
]);

/** Libraries whose collection methods await async callbacks (`async.forEach`, Bluebird's `Promise.filter`). */
const ASYNC_LIBRARY_NAMES = new Set(['async', 'asyncLib', 'Bluebird', 'bluebird', 'BPromise', 'pIteration']);

const STREAM_ERROR_METHODS: ReadonlySet<string> = new Set(['destroy', 'emit']);
const THIS_ONLY: ReadonlySet<string> = new Set(['this']);
const EMPTY: ReadonlySet<string> = new Set();

const EVENT_EMITTER_CLASS: readonly ApiTarget[] = [
  { module: 'events', path: [], kind: 'construct' },
  { module: 'events', path: ['EventEmitter'], kind: 'construct' },
  { module: 'events', path: ['default'], kind: 'construct' },
  { module: 'events', path: ['default', 'EventEmitter'], kind: 'construct' },
];

const EVENT_EMITTER_CLASS_READ: readonly ApiTarget[] = EVENT_EMITTER_CLASS.map((target) => ({ ...target, kind: 'read' }));

function isEventName(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === name;
}

/** The function's last statement calls one of `settlers`: an executor's `resolve(…)`, a stream method's `callback()`. */
function endsBySettling(fn: FunctionNode, settlers: ReadonlySet<string>): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ExpressionStatement || last.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = last.expression.callee;
  return callee.type === AST_NODE_TYPES.Identifier && settlers.has(callee.name);
}

/** A `catch` that neither rethrows nor returns: control goes on to what follows its `try`. */
function fallsThrough(catchClause: TSESTree.CatchClause): boolean {
  if (catchRethrows(catchClause)) return false;
  let returns = false;
  walkDescendants(catchClause.body, (node) => {
    if (returns || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) returns = true;
    return !returns;
  });
  return !returns;
}

function lastParameterName(fn: FunctionNode): string | null {
  const last = fn.params.at(-1);
  return last?.type === AST_NODE_TYPES.Identifier ? last.name : null;
}

/** The reducer's first parameter is awaited somewhere in its own body (`await acc`, `(await acc).concat(…)`). */
function awaitsAccumulator(fn: FunctionNode): boolean {
  const accumulator = fn.params[0];
  if (accumulator?.type !== AST_NODE_TYPES.Identifier) return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn.body && isFunctionNode(node))) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression && mentions(node.argument, accumulator.name)) found = true;
    else forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

function mentions(root: TSESTree.Node, name: string): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) found = true;
    else forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * Whether an async `read()` can still await after it pushed: Node may call `read()` again as soon as
 * data is pushed, so a call that goes on awaiting runs alongside the next one (duplicate or reordered
 * data). A push followed only by more pushes and a `return` (or the end of the function) is fine.
 */
function mayAwaitAfterPush(fn: FunctionNode, streamNames: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn.body && isFunctionNode(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      getStaticPropertyName(node.callee) === 'push' &&
      streamNames.has(node.callee.object.type === AST_NODE_TYPES.ThisExpression ? 'this' : getSimpleName(node.callee.object) ?? '')
    ) {
      // `if (!this.push(chunk)) return;`: what runs after the push is what follows its statement.
      if (!exitsWithoutAwait(enclosingStatement(node), fn)) found = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** The statement a push call belongs to; an `if` whose test pushes counts as its own consequent's start. */
function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !current.parent.type.endsWith('Statement') && current.parent.type !== AST_NODE_TYPES.VariableDeclaration) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement && parent.test === current) return parent;
  return parent ?? current;
}

/** From `statement` on, the function returns (or ends) before any `await` can run. */
function exitsWithoutAwait(statement: TSESTree.Node, fn: FunctionNode): boolean {
  let current: TSESTree.Node = statement;
  while (current !== fn.body) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      const siblings = parent.body;
      for (const sibling of siblings.slice(siblings.indexOf(current as TSESTree.Statement) + 1)) {
        if (sibling.type === AST_NODE_TYPES.ReturnStatement || sibling.type === AST_NODE_TYPES.ThrowStatement) return !containsAwaitOrLoop(sibling);
        if (containsAwaitOrLoop(sibling)) return false;
      }
    } else if (LOOP_TYPES.has(parent.type) && containsAwaitOrLoop(parent)) {
      // The loop goes round again, to its await.
      return false;
    }
    current = parent;
  }
  return true;
}

function containsAwaitOrLoop(root: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== root && isFunctionNode(node))) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) found = true;
    else forEachChild(node, visit);
  };
  visit(root);
  return found;
}

const LOOP_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);
