import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  LISTENER_ADD_METHODS,
  LISTENER_REMOVE_METHODS,
  PROMISE_TIMER_APIS,
  TIMER_APIS,
  type TimerInfo,
} from '../src/knowledge/timers.js';
import { describeCall, getOuterExpression, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getEnclosingFunction, isInside } from '../src/util/get-enclosing-function.js';
import { isLazyInitialisation } from '../src/util/is-lazy-initialisation.js';
import { isTestFile } from '../src/util/is-test-file.js';
import { getThisClass } from '../src/util/resolve-function.js';
import { findApiReferences } from '../src/util/resolve-import.js';
import { textHasWord, textIncludes, textMatches } from '../src/util/text-words.js';
import { createRaceFinder } from './no-leaked-timers/find-race.js';
import { createHandleFate } from './no-leaked-timers/handle-fate.js';
import { createListenerAnalysis } from './no-leaked-timers/listener-analysis.js';
import { createOnceFixBuilder } from './no-leaked-timers/once-fix.js';
import { createPageContextAnalysis } from './no-leaked-timers/page-context.js';
import { createPromiseTimerLoops, loopCanExit } from './no-leaked-timers/promise-timer-loop.js';
import { createRaceSuggestions } from './no-leaked-timers/race-suggestions.js';
import { createRetryIntervalAnalysis } from './no-leaked-timers/retry-interval.js';
import { createShortCutOffAnalysis } from './no-leaked-timers/short-cut-off.js';
import { createSourceText } from './no-leaked-timers/source-text.js';
import { createStartUpAnalysis } from './no-leaked-timers/start-up.js';
import { createStopFunctionSuggestion } from './no-leaked-timers/stop-function-suggestion.js';
import { createStoreOnThisSuggestion } from './no-leaked-timers/store-on-this-suggestion.js';
import { findClassElement, findTeardownMethod, getStaticString, isAtTopLevel, keyName, shorten } from './no-leaked-timers/syntax.js';
import type { ClassNode, HandleFate, RaceInfo, TimerFile } from './no-leaked-timers/types.js';

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
  | 'retryNeverGivesUp'
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
      retryNeverGivesUp:
        'This interval retries `{{operation}}` and is cleared only when it succeeds: if the service never comes up it retries forever and keeps the process alive; also clear it after a deadline or a number of attempts, or when an abort signal fires.',
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
    // Whole words, read once per file (src/util/text-words.ts): one scan for the three names.
    const mayHaveTimers = textMatches(sourceCode, TIMER_WORD);
    // A listener is reported only when added on every pass of a loop that awaits (so the text says
    // `await`), or as an `'abort'` listener through `addEventListener`; and each is a call of a method the
    // text names. Files with neither are not searched for listeners at all (issue 12 §4).
    const mayHaveListeners =
      checkAbortListeners &&
      (textIncludes(sourceCode, 'await') || (textHasWord(sourceCode, 'addEventListener') && textIncludes(sourceCode, 'abort'))) &&
      LISTENER_WORDS.some((word) => textHasWord(sourceCode, word));
    if (!mayHaveTimers && !mayHaveListeners) return {};
    const isTypeScript = /\.[cm]?tsx?$/u.test(context.filename);

    const timerCalls: TSESTree.CallExpression[] = [];
    const listenerCalls: TSESTree.CallExpression[] = [];
    const removalCalls: TSESTree.CallExpression[] = [];
    const membersByName = new Map<string, TSESTree.MemberExpression[]>();
    const classesWithDynamicThis = new Set<TSESTree.Node>();
    const namesDestructuredFromThis = new Set<string>();
    // The analyses read what the listeners below collect; they run at `Program:exit`, once it is complete.
    const file: TimerFile = {
      context,
      sourceCode,
      text,
      isTypeScript,
      allowUnref,
      membersByName,
      classesWithDynamicThis,
      namesDestructuredFromThis,
      removalCalls,
    };
    // The analyses are set up when `Program:exit` first has a timer or listener to judge: most files that
    // name one have none to judge, and setting them up for every file is a cost of its own (issue 12 §4).
    let analyses: TimerAnalyses | undefined;
    const analysis = (): TimerAnalyses => (analyses ??= createAnalyses(file));
    // Test code: a race's timer or a mock's listener lives for one test, which the runner's timeout bounds.
    // Asked only once something would be reported, since most files have nothing to report.
    let testCode: boolean | undefined;
    const isTestCode = (): boolean => (testCode ??= isTestFile(sourceCode, context.physicalFilename, context.cwd));

    const listeners: TSESLint.RuleListener = {
      CallExpression(node) {
        const callee = skipExpressionWrappers(node.callee);
        if (mayHaveTimers && (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression)) {
          timerCalls.push(node);
        }
        if (!mayHaveListeners || callee.type !== AST_NODE_TYPES.MemberExpression) return;
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
    // Members and `this` destructuring only matter for timer handles: not visited in files without timers (issue 12 §4).
    if (!mayHaveTimers) {
      delete listeners.MemberExpression;
      delete listeners.ObjectPattern;
    }
    return listeners;

    function checkTimer(call: TSESTree.CallExpression, info: TimerInfo): void {
      if (info.kind === 'immediate') return;
      if (!checkTopLevel && (isAtTopLevel(call) || analysis().isArmedOnceAtStartUp(call))) return;
      if (analysis().runsInBrowserPage(call)) return;
      const fate = analysis().getHandleFate(call);
      if (fate.kind === 'unref' || fate.kind === 'escapes') return;
      if (fate.kind === 'variable' || fate.kind === 'field') {
        const use = fate.kind === 'variable' ? analysis().summarizeVariableUses(fate.variable) : analysis().summarizeFieldUses(fate.cls, fate.name);
        if (use === 'released' && info.kind === 'interval') {
          const operation = analysis().findEndlessRetry(call, analysis().findHandleReads(fate));
          if (operation) context.report({ node: call, messageId: 'retryNeverGivesUp', data: { operation } });
        }
        if (use === 'released' || use === 'unref') return;
      }
      const callee = describeCall(sourceCode, call);
      if (info.kind === 'timeout') {
        const race = analysis().findRace(call);
        if (race) {
          if (!isTestCode() && !analysis().isShortResolveOnlyCutOff(call, race) && !isArmedUntilCached(call, race)) reportRace(call, race, fate, callee);
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
        const store = analysis().buildStoreOnThisSuggestion(call, fate, cls);
        reportClassTimer(call, cls, 'an interval', store ? [{ messageId: 'storeOnThis', ...store }] : []);
        return;
      }
      const stop = analysis().buildReturnStopSuggestion(call, fate);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = stop ? [{ messageId: 'returnStopFunction', ...stop }] : [];
      context.report({ node: call, messageId: 'intervalDiscarded', data: { callee }, suggest });
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
        // `timers/promises`' timer resolves and does nothing else: a short one is a latency budget.
        const [delay, value] = call.arguments;
        const isShortCutOff = delay !== undefined && analysis().isShortDelay(delay) && (value === undefined || analysis().isInert(value));
        if (analysis().isRaceElement(getOuterExpression(call)) && !isShortCutOff && !isTestCode()) {
          context.report({ node: call, messageId: 'raceTimeoutNotCleared', data: { callee: describeCall(sourceCode, call) } });
        }
        return;
      }
      const loop = analysis().findIteratingLoop(call);
      if (!loop || loopCanExit(loop)) return;
      context.report({ node: call, messageId: 'iteratorNeverStops', data: { callee: describeCall(sourceCode, call) } });
    }

    function reportRace(call: TSESTree.CallExpression, race: RaceInfo, fate: HandleFate, callee: string): void {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (race.raceCall && fate.kind === 'discarded') {
        const signal = analysis().buildAbortSignalSuggestion(call, race);
        if (signal) suggest.push({ messageId: 'useAbortSignalTimeout', ...signal });
        const inFinally = analysis().buildClearInFinallySuggestion(call, race, fate);
        const finallyCall = inFinally ? null : analysis().buildFinallyCallSuggestion(call, race, fate);
        if (inFinally) suggest.push({ messageId: 'clearInFinally', ...inFinally });
        else if (finallyCall) suggest.push({ messageId: 'clearWithFinallyCall', ...finallyCall });
      }
      context.report({ node: call, messageId: 'raceTimeoutNotCleared', data: { callee }, suggest });
    }

    /**
     * A race armed only until a value that outlives the call is filled in (`if (probed !== null) return …`
     * before it, and the function sets `probed`): a one-time probe or lazy initialisation, so at most one
     * stray timer per process (per key, for a keyed cache), not one per call.
     */
    function isArmedUntilCached(call: TSESTree.CallExpression, race: RaceInfo): boolean {
      const scope = getEnclosingFunction(race.executor);
      return scope !== null && isLazyInitialisation(sourceCode, call, scope);
    }

    function checkListener(call: TSESTree.CallExpression): void {
      const callee = skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
      const method = getStaticPropertyName(callee);
      const [event, listener, listenerOptions] = call.arguments;
      if (!event || !listener || call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
      if (listenerOptions && !analysis().isLeakyListenerOptions(listenerOptions)) return;
      const receiver = skipExpressionWrappers(callee.object);
      const loop = analysis().findRepeatingLoop(call);
      if (loop && analysis().isLoopInvariant(receiver, loop) && analysis().isLoopInvariant(event, loop)) {
        // In a loop even `{ once: true }` would not help a signal that never aborts: report the pile-up.
        const eventName = getStaticString(event) ?? sourceCode.getText(event);
        if (analysis().isRemovedSomewhere(receiver, eventName, null) || analysis().isFollowedByExit(call, loop)) return;
        context.report({
          node: call,
          messageId: 'listenerInLoop',
          data: { callee: describeCall(sourceCode, call), event: shorten(eventName) },
        });
        return;
      }
      if (method === 'addEventListener' && getStaticString(event) === 'abort') {
        if (!checkTopLevel && isAtTopLevel(call)) return;
        if (!analysis().isSignal(receiver) || analysis().isCreatedLocally(receiver, call) || analysis().isPerRequestSignal(receiver)) return;
        // A test's mock listens to the signal of one test call: nothing outlives the test.
        if (isTestCode()) return;
        if (analysis().isRemovedSomewhere(receiver, 'abort', listener)) return;
        context.report({
          node: call,
          messageId: 'abortListenerNotRemoved',
          data: { signal: shorten(sourceCode.getText(receiver)) },
          fix: analysis().buildOnceFix(call, listenerOptions),
        });
        return;
      }
    }
  },
});

/** Every analysis the checks ask, set up once per file that has something to check. */
function createAnalyses(file: TimerFile) {
  const { sourceCode } = file;
  const { getHandleFate, summarizeVariableUses, summarizeFieldUses, findHandleReads } = createHandleFate(file);
  const { findEndlessRetry } = createRetryIntervalAnalysis(sourceCode);
  const { findRace } = createRaceFinder(sourceCode);
  const { isRaceElement } = createSourceText(sourceCode);
  const { findIteratingLoop } = createPromiseTimerLoops(sourceCode);
  const { isLeakyListenerOptions, isSignal, isCreatedLocally, isPerRequestSignal, isRemovedSomewhere, findRepeatingLoop, isLoopInvariant, isFollowedByExit } =
    createListenerAnalysis(file);
  const { buildOnceFix } = createOnceFixBuilder(sourceCode);
  const { isArmedOnceAtStartUp } = createStartUpAnalysis(sourceCode);
  const { runsInBrowserPage } = createPageContextAnalysis(sourceCode);
  const { isShortResolveOnlyCutOff, isShortDelay, isInert } = createShortCutOffAnalysis(sourceCode);
  const { buildReturnStopSuggestion } = createStopFunctionSuggestion(file);
  const { buildStoreOnThisSuggestion } = createStoreOnThisSuggestion(file);
  const { buildClearInFinallySuggestion, buildFinallyCallSuggestion, buildAbortSignalSuggestion } = createRaceSuggestions(file);
  return {
    getHandleFate,
    summarizeVariableUses,
    summarizeFieldUses,
    findHandleReads,
    findEndlessRetry,
    findRace,
    isRaceElement,
    findIteratingLoop,
    isLeakyListenerOptions,
    isSignal,
    isCreatedLocally,
    isPerRequestSignal,
    isRemovedSomewhere,
    findRepeatingLoop,
    isLoopInvariant,
    isFollowedByExit,
    buildOnceFix,
    isArmedOnceAtStartUp,
    runsInBrowserPage,
    isShortResolveOnlyCutOff,
    isShortDelay,
    isInert,
    buildReturnStopSuggestion,
    buildStoreOnThisSuggestion,
    buildClearInFinallySuggestion,
    buildFinallyCallSuggestion,
    buildAbortSignalSuggestion,
  };
}

type TimerAnalyses = ReturnType<typeof createAnalyses>;

/**
 * A listener call names its method (`on`, `addEventListener`, …) in the text, as a name or a string.
 * Longest first: `on` is part of countless other words, so it is the costliest to look for.
 */
const LISTENER_WORDS = [...LISTENER_ADD_METHODS].sort((a, b) => b.length - a.length);
/**
 * A timer call names its function (`setTimeout`, `timers.setInterval`, a destructured `{ setImmediate }`):
 * whether the text has one of them as a whole word, in one scan rather than one per name (issue 12 §4).
 */
const TIMER_WORD = /\b(?:setTimeout|setInterval|setImmediate)\b/u;
