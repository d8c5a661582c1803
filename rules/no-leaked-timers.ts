import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { PROMISE_COMBINATORS, PROMISE_RETURNING_APIS } from '../src/knowledge/promise-apis.js';
import {
  CLEANUP_RETURNING_HOOKS,
  LISTENER_ADD_METHODS,
  LISTENER_REMOVE_METHODS,
  PROMISE_TIMER_APIS,
  TEARDOWN_METHOD_NAMES,
  TIMER_APIS,
  TIMER_CLOSE_METHODS,
  TIMER_READ_METHODS,
  TIMER_UNREF_METHOD,
  type TimerInfo,
} from '../src/knowledge/timers.js';
import { chooseFreeName } from '../src/util/add-import.js';
import { describeCall, getCalleeName, getOuterExpression, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getEnclosingFunction, isCallbackArgument, isFunctionNode, isInside, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { getThisClass } from '../src/util/resolve-function.js';
import { findApiReferences } from '../src/util/resolve-import.js';
import { walkDescendants } from '../src/util/walk.js';

export type Options = [
  {
    allowUnref?: boolean;
    checkTopLevel?: boolean;
    checkAbortListeners?: boolean;
  },
];

export type MessageId =
  | 'intervalDiscarded'
  | 'intervalNeverCleared'
  | 'classTimerNeverCleared'
  | 'raceTimeoutNotCleared'
  | 'iteratorNeverStops'
  | 'abortListenerNotRemoved'
  | 'listenerInLoop'
  | 'returnStopFunction'
  | 'storeOnThis'
  | 'clearInFinally'
  | 'clearWithFinallyCall'
  | 'useAbortSignalTimeout';

export default createRule<Options, MessageId>({
  name: 'no-leaked-timers',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow timers, intervals and listeners that nothing can clear or remove',
      recommended: 'recommended',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      intervalDiscarded:
        'The handle of this `{{callee}}` is thrown away, so nothing can ever clear the interval: it runs forever, keeps the process from exiting and its callback in memory; keep the handle and clear it when the work ends (return a stop function, or clear it in a `stop()` method).',
      intervalNeverCleared:
        'The interval in `{{name}}` is never cleared, returned or handed on: it runs forever, keeps the process from exiting and its callback in memory; pass `{{name}}` to `clearInterval()` when the work ends, or return it to the caller.',
      classTimerNeverCleared:
        '`{{where}}` schedules {{what}} that no method of `{{className}}` clears: it outlives the instance, keeping the process from exiting and the instance in memory; keep the handle on `this` and clear it in a `stop()` or `close()` method.',
      raceTimeoutNotCleared:
        'This `{{callee}}` guards a race but nothing clears it: when the work wins, the timer stays armed for its full delay, holding the process open and its closure in memory (one timer per call under load); keep the handle and clear it in `finally`, or cancel with `AbortSignal.timeout()`.',
      iteratorNeverStops:
        'This loop over `{{callee}}` from `timers/promises` has no `break`, `return` or signal: the interval ticks forever and keeps the process from exiting; pass `{ signal }` as the third argument or break out of the loop.',
      abortListenerNotRemoved:
        'This `\'abort\'` listener on `{{signal}}`, a signal this function did not create, is never removed: every call leaves a listener and its closure on the signal (MaxListenersExceededWarning); pass `{ once: true }` and remove it when the work ends, or use `events.addAbortListener()`.',
      listenerInLoop:
        '`{{callee}}` adds a listener for `{{event}}` on every pass of this loop and nothing removes it: listeners and their closures pile up (MaxListenersExceededWarning); add it once before the loop, or remove it at the end of each pass.',
      returnStopFunction: 'Keep the handle in `{{name}}` and return a function that clears it.',
      storeOnThis: 'Keep the handle in `this.{{name}}` and clear it in `{{method}}()`.',
      clearInFinally: 'Keep the handle in `{{name}}` and clear it in `finally` around `return await Promise.race(…)`.',
      clearWithFinallyCall: 'Keep the handle in `{{name}}` and clear it in `.finally()` on the awaited race.',
      useAbortSignalTimeout: 'Replace the race with `fetch(…, { signal: AbortSignal.timeout(…) })`, which cancels the request and its timer.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowUnref: {
            type: 'boolean',
            description: 'Accept timers whose handle is `.unref()`ed: they no longer keep the process alive.',
          },
          checkTopLevel: {
            type: 'boolean',
            description: 'Also check timers and abort listeners at module top level (which usually run for the life of the process).',
          },
          checkAbortListeners: {
            type: 'boolean',
            description:
              'Report `\'abort\'` listeners on signals the function did not create that are never removed, and listeners added on every pass of a loop.',
          },
        },
      },
    ],
    defaultOptions: [{ allowUnref: true, checkTopLevel: false, checkAbortListeners: true }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const allowUnref = options.allowUnref !== false;
    const checkTopLevel = options.checkTopLevel === true;
    const checkAbortListeners = options.checkAbortListeners !== false;
    const text = sourceCode.text;
    const mayHaveTimers = /\bset(?:Timeout|Interval|Immediate)\b/u.test(text);
    if (!mayHaveTimers && !checkAbortListeners) return {};
    const isTypeScript = /\.[cm]?tsx?$/u.test(context.filename);

    const timerCalls: TSESTree.CallExpression[] = [];
    const listenerCalls: TSESTree.CallExpression[] = [];
    const removalCalls: TSESTree.CallExpression[] = [];
    const membersByName = new Map<string, TSESTree.MemberExpression[]>();
    const classesWithDynamicThis = new Set<TSESTree.Node>();
    const namesDestructuredFromThis = new Set<string>();

    return {
      CallExpression(node) {
        const callee = skipExpressionWrappers(node.callee);
        if (mayHaveTimers && (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression)) {
          timerCalls.push(node);
        }
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = getStaticPropertyName(callee);
        if (method === null) return;
        if (LISTENER_ADD_METHODS.has(method)) listenerCalls.push(node);
        else if (LISTENER_REMOVE_METHODS.has(method)) removalCalls.push(node);
      },
      MemberExpression(node) {
        if (!mayHaveTimers) return;
        const name = getStaticPropertyName(node);
        if (name === null) {
          if (node.object.type === AST_NODE_TYPES.ThisExpression) {
            const cls = getThisClass(node.object);
            if (cls) classesWithDynamicThis.add(cls);
          }
          return;
        }
        let list = membersByName.get(name);
        if (!list) membersByName.set(name, (list = []));
        list.push(node);
      },
      ObjectPattern(node) {
        // `const { timer } = this`: the field is read through a name we do not follow.
        const parent = node.parent;
        const source =
          parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.init : parent.type === AST_NODE_TYPES.AssignmentExpression ? parent.right : null;
        if (source?.type !== AST_NODE_TYPES.ThisExpression) return;
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) namesDestructuredFromThis.add('*');
          else {
            const key = property.computed ? null : keyName(property.key);
            namesDestructuredFromThis.add(key ?? '*');
          }
        }
      },
      'Program:exit'() {
        if (mayHaveTimers) {
          const timers = findApiReferences(sourceCode, TIMER_APIS);
          const promiseTimers = findApiReferences(sourceCode, PROMISE_TIMER_APIS);
          for (const call of timerCalls) {
            const timer = timers.get(call);
            if (timer?.target.info) checkTimer(call, timer.target.info);
            else {
              const promiseTimer = promiseTimers.get(call);
              if (promiseTimer?.target.info) checkPromiseTimer(call, promiseTimer.target.info.kind, promiseTimer.target.info.optionsIndex);
            }
          }
        }
        if (checkAbortListeners) for (const call of listenerCalls) checkListener(call);
      },
    };

    // ---------------------------------------------------------------- timers

    function checkTimer(call: TSESTree.CallExpression, info: TimerInfo): void {
      if (info.kind === 'immediate') return;
      if (!checkTopLevel && isAtTopLevel(call)) return;
      const fate = getHandleFate(call);
      if (fate.kind === 'unref' || fate.kind === 'escapes') return;
      if (fate.kind === 'variable' || fate.kind === 'field') {
        const use = fate.kind === 'variable' ? summarizeVariableUses(fate.variable) : summarizeFieldUses(fate.cls, fate.name);
        if (use === 'released' || use === 'unref') return;
      }
      const callee = describeCall(sourceCode, call);
      if (info.kind === 'timeout') {
        const race = findRace(call);
        if (race) {
          reportRace(call, race, fate, callee);
          return;
        }
        if (fate.kind === 'field' && findTeardownMethod(fate.cls) !== null) {
          reportClassTimer(call, fate.cls, 'a timeout', []);
        }
        return;
      }
      // An interval.
      if (fate.kind === 'field') {
        reportClassTimer(call, fate.cls, 'an interval', []);
        return;
      }
      if (fate.kind === 'variable') {
        context.report({ node: call, messageId: 'intervalNeverCleared', data: { name: fate.variable.name } });
        return;
      }
      const cls = getThisClass(call);
      if (cls) {
        reportClassTimer(call, cls, 'an interval', buildStoreOnThisSuggestion(call, fate, cls));
        return;
      }
      context.report({ node: call, messageId: 'intervalDiscarded', data: { callee }, suggest: buildReturnStopSuggestion(call, fate) });
    }

    function reportClassTimer(
      call: TSESTree.CallExpression,
      cls: ClassNode,
      what: string,
      suggest: TSESLint.SuggestionReportDescriptor<MessageId>[],
    ): void {
      const holder = cls.parent;
      const className =
        cls.id?.name ??
        (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : '(anonymous class)');
      const member = findClassElement(call, cls);
      let where = `${className}`;
      // Constructors and field initialisers run on `new`.
      if (
        (member?.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') ||
        (member?.type === AST_NODE_TYPES.PropertyDefinition && isInside(call, member.value))
      ) {
        where = `new ${className}()`;
      }
      else if (member) {
        const name = member.computed ? null : keyName(member.key);
        where = name === null ? `${className}[${shorten(sourceCode.getText(member.key))}]()` : `${className}.${name}()`;
      }
      context.report({ node: call, messageId: 'classTimerNeverCleared', data: { where, what, className }, suggest });
    }

    /** `timers/promises`: a `for await` over `setInterval()` that never breaks and has no signal. */
    function checkPromiseTimer(call: TSESTree.CallExpression, kind: 'timeout' | 'interval', optionsIndex: number): void {
      if (!checkTopLevel && isAtTopLevel(call)) return;
      if (call.arguments.length > optionsIndex || call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
      if (kind === 'timeout') {
        // `Promise.race([work, setTimeout(ms)])`: the losing timer promise stays pending for its full delay.
        if (isRaceElement(getOuterExpression(call))) {
          context.report({ node: call, messageId: 'raceTimeoutNotCleared', data: { callee: describeCall(sourceCode, call) } });
        }
        return;
      }
      const loop = findIteratingLoop(call);
      if (!loop || loopCanExit(loop)) return;
      context.report({ node: call, messageId: 'iteratorNeverStops', data: { callee: describeCall(sourceCode, call) } });
    }

    function findIteratingLoop(call: TSESTree.CallExpression): TSESTree.ForOfStatement | null {
      const outer = getOuterExpression(call);
      const parent = outer.parent;
      if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === outer) return parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
        const reads = variable?.references.filter((reference) => !reference.init) ?? [];
        if (reads.length !== 1) return null;
        const read = getOuterExpression(reads[0]!.identifier);
        const loop = read.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.right === read) return loop;
      }
      return null;
    }

    // ---------------------------------------------------------------- handle fate

    function getHandleFate(call: TSESTree.CallExpression | TSESTree.Node): HandleFate {
      const outer = getOuterExpression(call);
      const parent = outer.parent;
      if (!parent) return { kind: 'escapes' };
      switch (parent.type) {
        case AST_NODE_TYPES.ExpressionStatement:
          return { kind: 'discarded', statement: parent };
        case AST_NODE_TYPES.UnaryExpression:
          return parent.operator === 'void' ? { kind: 'discarded', statement: null } : { kind: 'escapes' };
        case AST_NODE_TYPES.SequenceExpression:
          return parent.expressions.at(-1) === outer ? { kind: 'escapes' } : { kind: 'discarded', statement: null };
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== outer) return { kind: 'escapes' };
          const method = getStaticPropertyName(parent);
          const methodCall = getOuterExpression(parent).parent;
          if (methodCall?.type !== AST_NODE_TYPES.CallExpression || methodCall.callee !== getOuterExpression(parent)) return { kind: 'escapes' };
          if (method === TIMER_UNREF_METHOD) return allowUnref ? { kind: 'unref' } : getHandleFate(methodCall);
          // `ref()` and `refresh()` return the timer itself.
          if (method === 'ref' || method === 'refresh') return getHandleFate(methodCall);
          return { kind: 'escapes' };
        }
        case AST_NODE_TYPES.VariableDeclarator: {
          if (parent.init !== outer || parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'escapes' };
          const declaration = parent.parent;
          if (declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'escapes' };
          if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return { kind: 'escapes' };
          const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
          return variable ? { kind: 'variable', variable } : { kind: 'escapes' };
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          if (parent.right !== outer || parent.operator !== '=') return { kind: 'escapes' };
          // `a = b = setInterval()`: the value flows on.
          if (parent.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { kind: 'escapes' };
          const left = parent.left;
          if (left.type === AST_NODE_TYPES.Identifier) {
            const variable = ASTUtils.findVariable(sourceCode.getScope(left), left);
            return variable && variable.defs.length > 0 ? { kind: 'variable', variable } : { kind: 'escapes' };
          }
          if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression) {
            const name = getStaticPropertyName(left);
            const cls = getThisClass(left.object);
            if (name !== null && cls) return { kind: 'field', cls, name };
          }
          return { kind: 'escapes' };
        }
        case AST_NODE_TYPES.ArrowFunctionExpression:
          // `new Promise((r) => setTimeout(r, ms))`: the executor's return value is ignored.
          return parent.body === outer && isPromiseExecutor(parent) ? { kind: 'discarded', statement: null } : { kind: 'escapes' };
        case AST_NODE_TYPES.PropertyDefinition: {
          // `timer = setInterval(…)` as a class field: one per instance.
          if (parent.value !== outer || parent.static || parent.computed) return { kind: 'escapes' };
          const name = keyName(parent.key);
          const cls = parent.parent.parent;
          return name !== null ? { kind: 'field', cls, name } : { kind: 'escapes' };
        }
        default:
          return { kind: 'escapes' };
      }
    }

    function summarizeVariableUses(variable: TSESLint.Scope.Variable): UseSummary {
      let summary: UseSummary = 'unused';
      for (const reference of variable.references) {
        if (reference.init) continue;
        if (reference.isWrite()) {
          if (reference.isRead()) return 'released';
          continue;
        }
        const use = classifyUse(reference.identifier as TSESTree.Identifier);
        if (use === 'release') return 'released';
        if (use === 'unref' && allowUnref) summary = 'unref';
      }
      return summary;
    }

    function summarizeFieldUses(cls: ClassNode, name: string): UseSummary {
      if (classesWithDynamicThis.has(cls) || namesDestructuredFromThis.has(name) || namesDestructuredFromThis.has('*')) return 'released';
      let summary: UseSummary = 'unused';
      for (const member of membersByName.get(name) ?? []) {
        if (member.object.type === AST_NODE_TYPES.ThisExpression) {
          const owner = getThisClass(member.object);
          if (owner && owner !== cls && !areRelatedClasses(owner, cls)) continue;
        }
        const outer = getOuterExpression(member);
        const parent = outer.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer && parent.operator === '=') continue;
        const use = classifyUse(member);
        if (use === 'release') return 'released';
        if (use === 'unref' && allowUnref) summary = 'unref';
      }
      return summary;
    }

    function areRelatedClasses(a: ClassNode, b: ClassNode): boolean {
      const extendsByName = (sub: ClassNode, base: ClassNode): boolean =>
        sub.superClass?.type === AST_NODE_TYPES.Identifier && base.id !== null && sub.superClass.name === base.id.name;
      return extendsByName(a, b) || extendsByName(b, a);
    }

    /** What a read of the handle does with it: only reads that neither clear nor hand it on are `read`. */
    function classifyUse(node: TSESTree.Node): Use {
      const outer = getOuterExpression(node);
      const parent = outer.parent;
      if (!parent) return 'release';
      switch (parent.type) {
        case AST_NODE_TYPES.CallExpression:
          if (parent.callee === outer) return 'release';
          return isLoggingCall(parent) ? 'read' : 'release';
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== outer) return 'release';
          const name = getStaticPropertyName(parent);
          const methodCall = getOuterExpression(parent).parent;
          const isCalled = methodCall?.type === AST_NODE_TYPES.CallExpression && methodCall.callee === getOuterExpression(parent);
          if (name === TIMER_UNREF_METHOD && isCalled) return 'unref';
          if (name !== null && TIMER_READ_METHODS.has(name)) return 'read';
          if (name !== null && TIMER_CLOSE_METHODS.has(name)) return 'release';
          return 'release';
        }
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.TemplateLiteral:
        case AST_NODE_TYPES.ExpressionStatement:
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.ForStatement:
        case AST_NODE_TYPES.SwitchStatement:
        case AST_NODE_TYPES.SwitchCase:
          return 'read';
        case AST_NODE_TYPES.ConditionalExpression:
          return parent.test === outer ? 'read' : classifyUse(parent);
        case AST_NODE_TYPES.LogicalExpression:
          return parent.left === outer && isTestPosition(parent) ? 'read' : classifyUse(parent);
        case AST_NODE_TYPES.SequenceExpression:
          return parent.expressions.at(-1) === outer ? classifyUse(parent) : 'read';
        default:
          return 'release';
      }
    }

    function isTestPosition(node: TSESTree.Node): boolean {
      const outer = getOuterExpression(node);
      const parent = outer.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
      if (
        (parent.type === AST_NODE_TYPES.IfStatement ||
          parent.type === AST_NODE_TYPES.WhileStatement ||
          parent.type === AST_NODE_TYPES.DoWhileStatement ||
          parent.type === AST_NODE_TYPES.ConditionalExpression) &&
        parent.test === outer
      ) {
        return true;
      }
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
      return parent.type === AST_NODE_TYPES.LogicalExpression && isTestPosition(parent);
    }

    // ---------------------------------------------------------------- races

    function findRace(call: TSESTree.CallExpression): RaceInfo | null {
      const executor = getEnclosingFunction(call);
      if (!executor || !isPromiseExecutor(executor)) return null;
      const settlers = executor.params
        .slice(0, 2)
        .filter((param): param is TSESTree.Identifier => param.type === AST_NODE_TYPES.Identifier)
        .map((param) => ASTUtils.findVariable(sourceCode.getScope(param), param))
        .filter((variable): variable is TSESLint.Scope.Variable => variable != null);
      const references = settlers.flatMap((variable) => variable.references.filter((reference) => !reference.init));
      const inTimer = references.filter((reference) => isInside(reference.identifier, call));
      if (inTimer.length === 0) return null;
      const newPromise = executor.parent as TSESTree.NewExpression;
      const outer = getOuterExpression(newPromise);
      const raceCall = isRaceElement(outer);
      if (raceCall) return { executor, raceCall, promise: outer, declaration: null };
      const declaration = getConstDeclaration(outer);
      if (declaration) {
        for (const reference of declaration.variable.references) {
          if (reference.init) continue;
          const race = isRaceElement(getOuterExpression(reference.identifier));
          if (race) return { executor, raceCall: race, promise: outer, declaration: declaration.statement };
        }
      }
      // The executor also settles from a callback or hands resolve/reject on: the timer races that work.
      const competing = references.some((reference) => {
        const id = reference.identifier;
        if (isInside(id, call)) return false;
        if (getEnclosingFunction(id) !== executor) return true;
        const idOuter = getOuterExpression(id);
        return idOuter.parent?.type === AST_NODE_TYPES.CallExpression && idOuter.parent.callee !== idOuter;
      });
      return competing ? { executor, raceCall: null, promise: outer, declaration: null } : null;
    }

    function isPromiseExecutor(fn: FunctionNode): boolean {
      const parent = fn.parent;
      return (
        parent.type === AST_NODE_TYPES.NewExpression &&
        parent.arguments[0] === fn &&
        parent.callee.type === AST_NODE_TYPES.Identifier &&
        parent.callee.name === 'Promise' &&
        isGlobalName(parent.callee)
      );
    }

    /** The `Promise.race([…])` / `Promise.any([…])` call whose array holds `node`. */
    function isRaceElement(node: TSESTree.Node): TSESTree.CallExpression | null {
      const array = node.parent;
      if (array?.type !== AST_NODE_TYPES.ArrayExpression) return null;
      const call = array.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array) return null;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const method = getStaticPropertyName(callee);
      if (method === null || !PROMISE_COMBINATORS.has(method) || (method !== 'race' && method !== 'any')) return null;
      const object = skipExpressionWrappers(callee.object);
      return object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && isGlobalName(object) ? call : null;
    }

    function getConstDeclaration(node: TSESTree.Node): { variable: TSESLint.Scope.Variable; statement: TSESTree.VariableDeclaration } | null {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return null;
      if (parent.parent.kind !== 'const') return null;
      const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
      return variable ? { variable, statement: parent.parent } : null;
    }

    function reportRace(call: TSESTree.CallExpression, race: RaceInfo, fate: HandleFate, callee: string): void {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (race.raceCall && fate.kind === 'discarded') {
        const signal = buildAbortSignalSuggestion(call, race);
        if (signal) suggest.push(signal);
        const finallyFix = buildClearInFinallySuggestion(call, race, fate) ?? buildFinallyCallSuggestion(call, race, fate);
        if (finallyFix) suggest.push(finallyFix);
      }
      context.report({ node: call, messageId: 'raceTimeoutNotCleared', data: { callee }, suggest });
    }

    // ---------------------------------------------------------------- listeners

    function checkListener(call: TSESTree.CallExpression): void {
      const callee = skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
      const method = getStaticPropertyName(callee);
      const [event, listener, listenerOptions] = call.arguments;
      if (!event || !listener || call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
      if (listenerOptions && !isLeakyListenerOptions(listenerOptions)) return;
      const receiver = skipExpressionWrappers(callee.object);
      const loop = findRepeatingLoop(call);
      if (loop && isLoopInvariant(receiver, loop) && isLoopInvariant(event, loop)) {
        // In a loop even `{ once: true }` would not help a signal that never aborts: report the pile-up.
        const eventName = getStaticString(event) ?? sourceCode.getText(event);
        if (isRemovedSomewhere(receiver, eventName, null) || isFollowedByExit(call, loop)) return;
        context.report({
          node: call,
          messageId: 'listenerInLoop',
          data: { callee: describeCall(sourceCode, call), event: shorten(eventName) },
        });
        return;
      }
      if (method === 'addEventListener' && getStaticString(event) === 'abort') {
        if (!checkTopLevel && isAtTopLevel(call)) return;
        if (!isSignal(receiver) || isCreatedLocally(receiver, call)) return;
        if (isRemovedSomewhere(receiver, 'abort', listener)) return;
        context.report({
          node: call,
          messageId: 'abortListenerNotRemoved',
          data: { signal: shorten(sourceCode.getText(receiver)) },
          fix: buildOnceFix(call, listenerOptions),
        });
        return;
      }
    }

    /** `{ once: true }`, `{ signal }` or options we cannot read remove the listener on their own, as far as we know. */
    function isLeakyListenerOptions(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'boolean';
      if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return node.properties.every((property) => {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
        const key = keyName(property.key);
        if (key === 'signal') return false;
        if (key === 'once') return property.value.type === AST_NODE_TYPES.Literal && property.value.value === false;
        return true;
      });
    }

    function isSignal(receiver: TSESTree.Node): boolean {
      const name = getSimpleName(receiver);
      if (name !== null && /signal$/iu.test(name)) return true;
      const services = getTypeServices(context);
      if (!services) return false;
      const type = services.getType(receiver);
      const parts = type.isUnion() ? type.types : [type];
      return parts.some((part) => (part.getSymbol() ?? part.aliasSymbol)?.getName() === 'AbortSignal');
    }

    /**
     * A signal made by this function or one around it (`new AbortController()`, `AbortSignal.timeout()`,
     * `controller.signal`): it lives as long as the operation that made it, and its listeners with it.
     */
    function isCreatedLocally(receiver: TSESTree.Node, call: TSESTree.CallExpression, depth = 0): boolean {
      let root: TSESTree.Node = receiver;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def || def.type !== 'Variable') return false;
      const owner = getEnclosingFunction(def.node);
      if (!owner || !isInside(call, owner)) return false;
      const init = def.node.init ? skipExpressionWrappers(def.node.init) : null;
      if (!init) return false;
      if (init.type === AST_NODE_TYPES.NewExpression) return true;
      if (init.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipExpressionWrappers(init.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(callee.object) === 'AbortSignal';
      }
      return isCreatedLocally(init, call, depth + 1);
    }

    function isRemovedSomewhere(receiver: TSESTree.Node, event: string, listener: TSESTree.Node | null): boolean {
      const receiverText = sourceCode.getText(receiver);
      const listenerText =
        listener && (listener.type === AST_NODE_TYPES.Identifier || listener.type === AST_NODE_TYPES.MemberExpression)
          ? sourceCode.getText(listener)
          : null;
      if (listener && listenerText === null) return false;
      return removalCalls.some((removal) => {
        const callee = skipExpressionWrappers(removal.callee) as TSESTree.MemberExpression;
        const [removedEvent, removedListener] = removal.arguments;
        const eventMatches =
          removedEvent === undefined || (getStaticString(removedEvent) ?? sourceCode.getText(removedEvent)) === event;
        if (!eventMatches) return false;
        if (listenerText !== null) return removedListener !== undefined && sourceCode.getText(removedListener) === listenerText;
        return sourceCode.getText(skipExpressionWrappers(callee.object)) === receiverText;
      });
    }

    /** A loop that repeats over time (it awaits, or iterates an async source), around `call` in the same function. */
    function findRepeatingLoop(call: TSESTree.CallExpression): LoopNode | null {
      for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
        if (isFunctionNode(current)) return null;
        if (!isLoop(current)) continue;
        if (isInside(call, loopHead(current))) continue;
        const test = current.type === AST_NODE_TYPES.ForInStatement || current.type === AST_NODE_TYPES.ForOfStatement ? null : current.test;
        if ((current.type === AST_NODE_TYPES.ForOfStatement && current.await) || containsAwait(current.body) || (test && containsAwait(test))) {
          return current;
        }
      }
      return null;
    }

    /** Whether `node` means the same thing on every pass: it reads no variable declared or written in the loop. */
    function isLoopInvariant(node: TSESTree.Node, loop: LoopNode): boolean {
      let invariant = true;
      walkDescendants(node, (inner) => {
        if (!invariant) return false;
        if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression || isFunctionNode(inner)) {
          invariant = false;
          return false;
        }
        if (inner.type === AST_NODE_TYPES.Identifier && isReadIdentifier(inner)) {
          const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
          if (!variable) return true;
          if (variable.defs.some((def) => isInside(def.name, loop))) invariant = false;
          else if (variable.references.some((reference) => reference.isWrite() && isInside(reference.identifier, loop))) invariant = false;
        }
        if (inner.type === AST_NODE_TYPES.MemberExpression && isMemberWrittenIn(inner, loop)) invariant = false;
        return true;
      });
      return invariant;
    }

    function isMemberWrittenIn(member: TSESTree.MemberExpression, loop: LoopNode): boolean {
      const name = getStaticPropertyName(member);
      const text = sourceCode.getText(member);
      const candidates = name === null ? [] : (membersByName.get(name) ?? []);
      return candidates.some((other) => {
        if (!isInside(other, loop)) return false;
        const parent = other.parent;
        return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === other && sourceCode.getText(other) === text;
      });
    }

    /** `emitter.on(…); break;` in the same block: the listener is added once, on the way out. */
    function isFollowedByExit(call: TSESTree.CallExpression, loop: LoopNode): boolean {
      let statement: TSESTree.Node = call;
      while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent !== loop) statement = statement.parent;
      const block = statement.parent;
      if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
      const index = block.body.indexOf(statement as TSESTree.Statement);
      return block.body
        .slice(index + 1)
        .some(
          (next) =>
            next.type === AST_NODE_TYPES.ReturnStatement ||
            next.type === AST_NODE_TYPES.BreakStatement ||
            next.type === AST_NODE_TYPES.ThrowStatement,
        );
    }

    function buildOnceFix(call: TSESTree.CallExpression, listenerOptions: TSESTree.Node | undefined): TSESLint.ReportFixFunction | null {
      if (!listenerOptions) {
        const closing = sourceCode.getLastToken(call)!;
        const previous = sourceCode.getTokenBefore(closing)!;
        if (ASTUtils.isCommaToken(previous)) return (fixer) => fixer.insertTextAfter(previous, ' { once: true }');
        return (fixer) => fixer.insertTextAfter(previous, ', { once: true }');
      }
      if (listenerOptions.type === AST_NODE_TYPES.Literal) {
        const replacement = listenerOptions.value === true ? '{ capture: true, once: true }' : '{ once: true }';
        return (fixer) => fixer.replaceText(listenerOptions, replacement);
      }
      if (listenerOptions.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const onceFalse = listenerOptions.properties.find(
        (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && keyName(property.key) === 'once',
      );
      if (onceFalse) {
        if (onceFalse.shorthand) return null;
        return (fixer) => fixer.replaceText(onceFalse.value, 'true');
      }
      const last = listenerOptions.properties.at(-1);
      if (!last) return (fixer) => fixer.replaceText(listenerOptions, '{ once: true }');
      return (fixer) => fixer.insertTextAfter(last, ', once: true');
    }

    // ---------------------------------------------------------------- suggestions

    function buildReturnStopSuggestion(call: TSESTree.CallExpression, fate: HandleFate): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (fate.kind !== 'discarded' || !fate.statement || getOuterExpression(call) !== fate.statement.expression) return [];
      const statement = fate.statement;
      const fn = getEnclosingFunction(call);
      if (!fn || fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement || statement.parent !== fn.body) return [];
      if (!isPlainFunction(fn)) return [];
      const returnType = fn.returnType?.typeAnnotation;
      if (returnType && returnType.type !== AST_NODE_TYPES.TSVoidKeyword) return [];
      if (hasReturnStatement(fn.body) || hasOverloads(fn)) return [];
      const clear = getClearFunction(call, 'clearInterval');
      if (!clear) return [];
      const name = chooseFreeName(sourceCode, 'timer');
      const body = fn.body;
      return [
        {
          messageId: 'returnStopFunction',
          data: { name },
          fix(fixer) {
            const fixes = [fixer.replaceText(statement, `const ${name} = ${sourceCode.getText(call)};`)];
            const closing = sourceCode.getLastToken(body)!;
            const before = sourceCode.getTokenBefore(closing, { includeComments: true })!;
            const returnText = `return () => ${clear}(${name});`;
            if (before.loc.end.line === closing.loc.start.line && body.loc.start.line === closing.loc.start.line) {
              fixes.push(fixer.insertTextAfter(before, ` ${returnText}`));
            } else {
              fixes.push(fixer.insertTextAfter(before, `\n${indentOf(statement)}${returnText}`));
            }
            if (returnType) fixes.push(fixer.replaceText(returnType, '() => void'));
            return fixes;
          },
        },
      ];
    }

    function buildStoreOnThisSuggestion(
      call: TSESTree.CallExpression,
      fate: HandleFate,
      cls: ClassNode,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (fate.kind !== 'discarded' || !fate.statement || getOuterExpression(call) !== fate.statement.expression) return [];
      const statement = fate.statement;
      const member = findClassElement(call, cls);
      if (!member || member.static) return [];
      for (let current: TSESTree.Node | undefined = statement.parent; current && current !== member; current = current.parent) {
        if (isLoop(current)) return [];
      }
      const clear = getClearFunction(call, 'clearInterval');
      if (!clear) return [];
      const memberNames = new Set(
        cls.body.body.map((element) =>
          (element.type === AST_NODE_TYPES.MethodDefinition ||
            element.type === AST_NODE_TYPES.PropertyDefinition ||
            element.type === AST_NODE_TYPES.AccessorProperty ||
            element.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
            element.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
            element.type === AST_NODE_TYPES.TSAbstractAccessorProperty) &&
          !element.computed
            ? keyName(element.key)
            : null,
        ),
      );
      let name = 'timer';
      for (let index = 2; memberNames.has(name) || membersByName.has(name); index += 1) name = `timer${index}`;
      const teardown = findTeardownMethod(cls);
      if (!teardown && (memberNames.has('stop') || cls.superClass)) return [];
      const methodName = teardown ? keyName(teardown.key)! : 'stop';
      const clearText = `${clear}(this.${name});`;
      const calleeText = getTypeofText(call);
      return [
        {
          messageId: 'storeOnThis',
          data: { name, method: methodName },
          fix(fixer) {
            const fixes = [fixer.replaceText(statement, `this.${name} = ${sourceCode.getText(call)};`)];
            const firstMember = cls.body.body[0]!;
            const memberIndent = indentOf(firstMember);
            if (isTypeScript) {
              fixes.push(
                fixer.insertTextBefore(firstMember, `private ${name}?: ReturnType<typeof ${calleeText}>;\n${memberIndent}`),
              );
            }
            if (teardown) {
              const body = teardown.value.body;
              const first = body.body[0];
              const open = sourceCode.getFirstToken(body)!;
              const indent = first && first.loc.start.line !== open.loc.start.line ? indentOf(first) : `${indentOf(teardown)}  `;
              fixes.push(fixer.insertTextAfter(open, `\n${indent}${clearText}`));
            } else {
              const lastMember = cls.body.body.at(-1)!;
              const signature = isTypeScript ? 'stop(): void' : 'stop()';
              fixes.push(
                fixer.insertTextAfter(
                  lastMember,
                  `\n\n${memberIndent}${signature} {\n${memberIndent}  ${clearText}\n${memberIndent}}`,
                ),
              );
            }
            return fixes;
          },
        },
      ];
    }

    function buildClearInFinallySuggestion(
      call: TSESTree.CallExpression,
      race: RaceInfo,
      fate: HandleFate & { kind: 'discarded' },
    ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      const raceCall = race.raceCall!;
      // Where the handle is assigned: the timer call is the executor's statement or its expression body.
      const callOuter = getOuterExpression(call);
      const isBodyExpression = race.executor.body === callOuter;
      if (!isBodyExpression && (!fate.statement || fate.statement.expression !== callOuter || fate.statement.parent !== race.executor.body)) {
        return null;
      }
      const fn = getEnclosingFunction(raceCall);
      if (!fn || fn.generator) return null;
      if (!fn.async && !canBecomeAsync(fn)) return null;
      if (race.declaration && getEnclosingFunction(race.declaration) !== fn) return null;
      // `return Promise.race(…)`, `return await Promise.race(…)`, or an arrow whose body is the race.
      let returned: TSESTree.Node = getOuterExpression(raceCall);
      if (returned.parent?.type === AST_NODE_TYPES.AwaitExpression) returned = getOuterExpression(returned.parent);
      const holder = returned.parent;
      const isReturn = holder?.type === AST_NODE_TYPES.ReturnStatement && holder.argument === returned;
      const isArrowBody = fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body === returned;
      if (!isReturn && !isArrowBody) return null;
      if (race.declaration && (!isReturn || !isInside(holder, race.declaration.parent))) return null;
      if (race.declaration && !isBlockLike(race.declaration.parent)) return null;
      const clear = getClearFunction(call, 'clearTimeout');
      if (!clear) return null;
      const name = chooseFreeName(sourceCode, 'timer');
      const declare = isTypeScript ? `let ${name}: ReturnType<typeof ${getTypeofText(call)}> | undefined;` : `let ${name};`;

      return {
        messageId: 'clearInFinally',
        data: { name },
        fix(fixer) {
          const fixes: TSESLint.RuleFix[] = [];
          // The race's text, with the executor now keeping the handle.
          const [raceStart, raceEnd] = raceCall.range;
          const assignment = isBodyExpression ? `{ ${name} = ${sourceCode.getText(call)}; }` : `${name} = ${sourceCode.getText(call)}`;
          const target = isBodyExpression ? expressionRange(callOuter) : callOuter.range;
          let raceText: string;
          if (race.declaration) {
            raceText = sourceCode.getText(raceCall);
            fixes.push(fixer.replaceTextRange(target, assignment));
            fixes.push(fixer.insertTextBefore(race.declaration, `${declare}\n${indentOf(race.declaration)}`));
          } else {
            raceText = text.slice(raceStart, target[0]) + assignment + text.slice(target[1], raceEnd);
          }
          const tryLines = (raceIndent: string): string[] => [
            'try {',
            `  return await ${reindent(raceText, raceCall, raceIndent)};`,
            '} finally {',
            `  ${clear}(${name});`,
            '}',
          ];
          if (isArrowBody) {
            // `(…) => Promise.race(…)` becomes `(…) => { …; try { return await Promise.race(…); } finally { … } }`.
            const inner = `${indentOf(fn)}  `;
            const lines = [...(race.declaration ? [] : [declare]), ...tryLines('    ')];
            const block = `{\n${lines.map((line) => `${inner}${line}`).join('\n')}\n${indentOf(fn)}}`;
            const arrow = sourceCode.getTokenBefore(fn.body, (token) => token.value === '=>')!;
            fixes.push(fixer.replaceTextRange([arrow.range[1], expressionRange(returned)[1]], ` ${block}`));
          } else {
            const statement = holder as TSESTree.ReturnStatement;
            const wrap = !isBlockLike(statement.parent);
            const indent = indentOf(statement);
            const lineIndent = wrap ? `${indent}  ` : indent;
            const lines = [...(race.declaration ? [] : [declare]), ...tryLines(wrap ? '    ' : '  ')];
            const body = lines.join(`\n${lineIndent}`);
            fixes.push(fixer.replaceText(statement, wrap ? `{\n${lineIndent}${body}\n${indent}}` : body));
          }
          if (!fn.async) fixes.push(fixer.insertTextBefore(asyncAnchor(fn), 'async '));
          return fixes;
        },
      };
    }

    /** `const x = await Promise.race([…])`: keep the handle and clear it in `.finally()` on the race itself. */
    function buildFinallyCallSuggestion(
      call: TSESTree.CallExpression,
      race: RaceInfo,
      fate: HandleFate & { kind: 'discarded' },
    ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      const raceCall = race.raceCall!;
      if (race.declaration) return null;
      const callOuter = getOuterExpression(call);
      const isBodyExpression = race.executor.body === callOuter;
      if (!isBodyExpression && (!fate.statement || fate.statement.expression !== callOuter || fate.statement.parent !== race.executor.body)) {
        return null;
      }
      if (getOuterExpression(raceCall).parent?.type !== AST_NODE_TYPES.AwaitExpression) return null;
      let statement: TSESTree.Node = raceCall;
      while (statement.parent && !isBlockLike(statement.parent)) {
        statement = statement.parent;
        if (isFunctionNode(statement)) return null;
      }
      if (!statement.parent || statement.type === AST_NODE_TYPES.ReturnStatement) return null;
      const clear = getClearFunction(call, 'clearTimeout');
      if (!clear) return null;
      const name = chooseFreeName(sourceCode, 'timer');
      const declare = isTypeScript ? `let ${name}: ReturnType<typeof ${getTypeofText(call)}> | undefined;` : `let ${name};`;
      const target = isBodyExpression ? expressionRange(callOuter) : callOuter.range;
      const assignment = isBodyExpression ? `{ ${name} = ${sourceCode.getText(call)}; }` : `${name} = ${sourceCode.getText(call)}`;
      const raceText = text.slice(raceCall.range[0], target[0]) + assignment + text.slice(target[1], raceCall.range[1]);
      const anchorStatement = statement;
      return {
        messageId: 'clearWithFinallyCall',
        data: { name },
        fix: (fixer) => [
          fixer.insertTextBefore(anchorStatement, `${declare}\n${indentOf(anchorStatement)}`),
          fixer.replaceText(raceCall, `${raceText}.finally(() => ${clear}(${name}))`),
        ],
      };
    }

    function buildAbortSignalSuggestion(call: TSESTree.CallExpression, race: RaceInfo): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      const raceCall = race.raceCall!;
      if (race.declaration) return null;
      const array = raceCall.arguments[0] as TSESTree.ArrayExpression;
      if (array.elements.length !== 2) return null;
      const work = array.elements.find((element) => element !== race.promise);
      if (!work || work.type !== AST_NODE_TYPES.CallExpression) return null;
      const reference = findApiReferences(sourceCode, PROMISE_RETURNING_APIS).get(work);
      if (reference?.target.global !== 'fetch' || work.arguments.length === 0 || work.arguments.length > 2) return null;
      const delay = call.arguments[1];
      if (!delay || !isSafeToMove(delay, race.executor)) return null;
      const [url, init] = work.arguments;
      if (url?.type === AST_NODE_TYPES.SpreadElement) return null;
      if (init && (init.type !== AST_NODE_TYPES.ObjectExpression || init.properties.some((p) => p.type !== AST_NODE_TYPES.Property || keyName(p.key) === 'signal'))) {
        return null;
      }
      const signal = `signal: AbortSignal.timeout(${sourceCode.getText(delay)})`;
      let initText: string;
      if (!init) initText = `{ ${signal} }`;
      else if (init.properties.length === 0) initText = `{ ${signal} }`;
      else {
        const last = init.properties.at(-1)!;
        initText = text.slice(init.range[0], last.range[1]) + `, ${signal}` + text.slice(last.range[1], init.range[1]);
      }
      const replacement = `${sourceCode.getText(work.callee)}(${sourceCode.getText(url!)}, ${initText})`;
      return {
        messageId: 'useAbortSignalTimeout',
        fix: (fixer) => fixer.replaceText(raceCall, replacement),
      };
    }

    // ---------------------------------------------------------------- small helpers

    function isAtTopLevel(node: TSESTree.Node): boolean {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) return false;
        if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static && isInside(node, current.value)) return false;
      }
      return true;
    }

    function isGlobalName(id: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      return !variable || variable.defs.length === 0;
    }

    /** The clear function to write in a fix: the global one, unless the file declares that name itself. */
    function getClearFunction(call: TSESTree.CallExpression, name: 'clearInterval' | 'clearTimeout'): string | null {
      const variable = ASTUtils.findVariable(sourceCode.getScope(call), name);
      if (!variable || variable.defs.length === 0) return name;
      return variable.defs.every((def) => def.type === 'ImportBinding') ? name : null;
    }

    /** `setInterval`, `timers.setInterval`: what `typeof` can name in a type annotation. */
    function getTypeofText(call: TSESTree.CallExpression): string {
      const callee = skipExpressionWrappers(call.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      const isEntityName = (node: TSESTree.Node): boolean =>
        node.type === AST_NODE_TYPES.Identifier ||
        (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isEntityName(node.object));
      if (isEntityName(callee)) return sourceCode.getText(callee);
      return name === 'setTimeout' ? 'setTimeout' : 'setInterval';
    }

    function isPlainFunction(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (
        parent.type === AST_NODE_TYPES.MethodDefinition ||
        parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
        (parent.type === AST_NODE_TYPES.Property && (parent.method || parent.kind !== 'init'))
      ) {
        return false;
      }
      if (isCallbackArgument(fn)) return isCleanupHookCallback(fn);
      if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
        // A constructor function (`function Poller() { this.x = … }`) must not start returning a value.
        if (fn.id && /^[A-Z]/u.test(fn.id.name)) return false;
        if (containsThis(fn.body)) return false;
      }
      return true;
    }

    function isCleanupHookCallback(fn: FunctionNode): boolean {
      const call = fn.parent as TSESTree.CallExpression;
      if (call.arguments[0] !== fn) return false;
      const name = getCalleeName(call);
      return name !== null && CLEANUP_RETURNING_HOOKS.has(name);
    }

    function canBecomeAsync(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind !== 'method') return false;
      if (parent.type === AST_NODE_TYPES.Property && parent.kind !== 'init') return false;
      if (parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return false;
      const returnType = fn.returnType?.typeAnnotation;
      if (!returnType) return true;
      return (
        returnType.type === AST_NODE_TYPES.TSTypeReference &&
        returnType.typeName.type === AST_NODE_TYPES.Identifier &&
        returnType.typeName.name === 'Promise'
      );
    }

    /** Where `async ` goes: before `function`, before a method's key, before an arrow's parameters. */
    function asyncAnchor(fn: FunctionNode): TSESTree.Node | TSESTree.Token {
      const parent = fn.parent;
      if (parent.type === AST_NODE_TYPES.MethodDefinition || (parent.type === AST_NODE_TYPES.Property && parent.method)) {
        return parent.computed ? sourceCode.getTokenBefore(parent.key)! : parent.key;
      }
      return sourceCode.getFirstToken(fn)!;
    }

    /** The range of an expression with the parentheses around it, which a replacement must swallow. */
    function expressionRange(node: TSESTree.Node): TSESTree.Range {
      let start = node.range[0];
      let end = node.range[1];
      let before = sourceCode.getTokenBefore(node);
      let after = sourceCode.getTokenAfter(node);
      let depth = 0;
      const limit = ASTUtils.isParenthesized(node, sourceCode) ? 1 : 0;
      while (depth < limit && before && after && ASTUtils.isOpeningParenToken(before) && ASTUtils.isClosingParenToken(after)) {
        start = before.range[0];
        end = after.range[1];
        depth += 1;
        before = sourceCode.getTokenBefore(before);
        after = sourceCode.getTokenAfter(after);
      }
      return [start, end];
    }

    /** Shifts the continuation lines of `value` right, unless a template literal spans lines (its text must not change). */
    function reindent(value: string, node: TSESTree.Node, extra: string): string {
      if (!value.includes('\n')) return value;
      const tokens = sourceCode.getTokens(node);
      if (tokens.some((token) => token.type === 'Template' && token.value.includes('\n'))) return value;
      return value.replace(/\n(?=[^\n])/gu, `\n${extra}`);
    }

    function indentOf(node: TSESTree.Node | TSESTree.Token): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return /^\s*/u.exec(line)![0];
    }

    function findTeardownMethod(cls: ClassNode): (TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression }) | null {
      for (const name of TEARDOWN_METHOD_NAMES) {
        for (const element of cls.body.body) {
          if (
            element.type === AST_NODE_TYPES.MethodDefinition &&
            element.kind === 'method' &&
            !element.static &&
            !element.computed &&
            keyName(element.key) === name &&
            element.value.type === AST_NODE_TYPES.FunctionExpression
          ) {
            return element as TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression };
          }
        }
      }
      return null;
    }

    function shorten(value: string): string {
      const oneLine = value.replace(/\s+/gu, ' ');
      return oneLine.length <= 40 ? oneLine : `${oneLine.slice(0, 37)}…`;
    }
  },
});

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type LoopNode =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** What becomes of a timer's handle where it is created. */
type HandleFate =
  | { kind: 'discarded'; statement: TSESTree.ExpressionStatement | null }
  | { kind: 'variable'; variable: TSESLint.Scope.Variable }
  | { kind: 'field'; cls: ClassNode; name: string }
  | { kind: 'unref' }
  | { kind: 'escapes' };

/** `released`: cleared, returned or handed on somewhere; `unref`: unref'ed; `unused`: only read. */
type UseSummary = 'released' | 'unref' | 'unused';
type Use = 'read' | 'release' | 'unref';

interface RaceInfo {
  executor: FunctionNode;
  /** The `Promise.race([…])` the timer's promise is an element of, when it is one. */
  raceCall: TSESTree.CallExpression | null;
  /** The `new Promise(…)` expression. */
  promise: TSESTree.Node;
  /** `const timeout = new Promise(…)`, when the promise is named before the race. */
  declaration: TSESTree.VariableDeclaration | null;
}

function keyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return null;
}

function findClassElement(node: TSESTree.Node, cls: ClassNode): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | null {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (
      (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) &&
      current.parent.parent === cls
    ) {
      return current;
    }
  }
  return null;
}

/** `'abort'` or `` `abort` ``: the string an event-name argument always is, or null. */
function getStaticString(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function isLoop(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/** The part of a loop that runs once (`for (init;;)`, the iterated value of `for…of`), or null. */
function loopHead(loop: LoopNode): TSESTree.Node | null {
  if (loop.type === AST_NODE_TYPES.ForStatement) return loop.init;
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return loop.right;
  return null;
}

function isBlockLike(node: TSESTree.Node | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.BlockStatement ||
    node?.type === AST_NODE_TYPES.Program ||
    node?.type === AST_NODE_TYPES.SwitchCase ||
    node?.type === AST_NODE_TYPES.StaticBlock
  );
}

function isReadIdentifier(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === id && !parent.computed) return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === id && !parent.computed && !parent.shorthand) return false;
  return true;
}

/** An `await` (or `for await`) in `node` that is not inside a nested function. */
function containsAwait(node: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(node, (inner) => {
    if (found || isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await)) found = true;
    return !found;
  });
  return found;
}

function containsThis(node: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(node, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.FunctionExpression || inner.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    if (inner.type === AST_NODE_TYPES.ThisExpression) found = true;
    return !found;
  });
  return found;
}

/** A `return` of this function (not of a nested one). */
function hasReturnStatement(body: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(body, (inner) => {
    if (found || isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return !found;
  });
  return found;
}

/** `function f(): void;` signatures before the implementation: they would disagree with a new return type. */
function hasOverloads(fn: FunctionNode): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration || !fn.id) return false;
  const holder = fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? fn.parent.parent : fn.parent;
  let statements: readonly TSESTree.Node[];
  if (holder.type === AST_NODE_TYPES.Program || holder.type === AST_NODE_TYPES.BlockStatement || holder.type === AST_NODE_TYPES.TSModuleBlock) {
    statements = holder.body;
  } else {
    return false;
  }
  const name = fn.id.name;
  return statements.some((statement) => {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    return declaration?.type === AST_NODE_TYPES.TSDeclareFunction && declaration.id?.name === name;
  });
}

/** Whether a `for await` over the iterator can end: a `break`, `return`, `throw` or `yield` in its body. */
function loopCanExit(loop: TSESTree.ForOfStatement): boolean {
  let found = false;
  const walk = (node: TSESTree.Node, nestedBreakable: boolean): void => {
    if (found || isFunctionNode(node)) return;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.YieldExpression:
        found = true;
        return;
      case AST_NODE_TYPES.BreakStatement:
        // A labelled break leaves this loop or an outer one; a bare one leaves the innermost loop or switch.
        if (node.label || !nestedBreakable) found = true;
        return;
      default:
        break;
    }
    const breakable = nestedBreakable || isLoop(node) || node.type === AST_NODE_TYPES.SwitchStatement;
    walkDescendants(node, (child) => {
      if (child === node) return true;
      walk(child, breakable);
      return false;
    });
  };
  walk(loop.body, false);
  return found;
}

function isSafeToMove(node: TSESTree.Node, executor: FunctionNode): boolean {
  let safe = true;
  walkDescendants(node, (inner) => {
    if (!safe) return false;
    if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression || isFunctionNode(inner)) safe = false;
    if (inner.type === AST_NODE_TYPES.Identifier && executor.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === inner.name)) {
      safe = false;
    }
    return safe;
  });
  return safe;
}

const LOG_METHODS = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'verbose']);

/** `console.log(id)`, `logger.debug(id)`, `debug(id)`: logging reads the handle and keeps nothing. */
function isLoggingCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'debug' || callee.name === 'log';
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null || !LOG_METHODS.has(method)) return false;
  const object = skipExpressionWrappers(callee.object);
  const objectName = getSimpleName(object);
  return objectName !== null && (objectName === 'console' || /log/iu.test(objectName));
}
