import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isSignalName, SIGNAL_PROPERTY_NAMES, type SignalSlot } from '../src/knowledge/signal-apis.js';
import { getOuterExpression, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getCallerSignalFinder, spellsSignal, type CallerSignal } from '../src/util/find-caller-signal.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { findSignalSlot } from '../src/util/signal-reaches-api.js';
import { walkDescendants } from '../src/util/walk.js';
import { getEnclosingFunction, isFunctionNode } from '../src/util/get-enclosing-function.js';
import { isInLoop, isIterationCallback, isLoopStatement } from '../src/util/data-loop.js';


export type Options = [{ checkFileReadsAndWrites?: boolean; ignore?: string[] }];
export type MessageId = 'missingSignal' | 'passSignal';

/** Where the options go, as far as the written arguments tell. */
type OptionsPlace =
  | { kind: 'object'; node: TSESTree.ObjectExpression }
  | { kind: 'encoding'; node: TSESTree.Literal }
  | { kind: 'missing'; insert: (fixer: TSESLint.RuleFixer, options: string) => TSESLint.RuleFix }
  | { kind: 'unknown' };

export default createRule<Options, MessageId>({
  name: 'require-signal-propagation',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Require passing the caller's AbortSignal on to the signal-taking APIs a function calls",
      recommended: 'strict',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      missingSignal:
        "`{{api}}` is called without the caller's signal `{{signal}}`: cancellation stops at this frame and the work goes on after the caller aborts, so pass the signal in its options.",
      passSignal: 'Pass `{{signal}}` as the `signal` option of `{{api}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkFileReadsAndWrites: {
            type: 'boolean',
            description:
              'Report `readFile()`/`writeFile()` from `fs/promises` everywhere, not only per element of a loop that never checks the signal.',
          },
          ignore: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Signal-taking functions not to check, by the name they are called with (`fetch`, `addEventListener`, `setTimeout`, `pipeline`, `exec`, …).',
          },
        },
      },
    ],
    defaultOptions: [{ checkFileReadsAndWrites: false, ignore: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Without types a caller's signal is only known by a name or a written type that says `signal` (see
    // no-swallowed-abort): a file that never says it has no signal to propagate (issue 12 §4).
    const services = getTypeServices(context);
    if (!services && !spellsSignal(sourceCode)) return {};
    const finder = getCallerSignalFinder(context);
    const ignored = new Set(options.ignore ?? []);
    const checkFileReadsAndWrites = options.checkFileReadsAndWrites ?? false;
    const boundContext = { sourceCode, services };
    const abortListeners = new WeakMap<TSESTree.Node, boolean>();

    return {
      CallExpression(call) {
        const slot = findSlot(call);
        if (!slot || isIgnored(call, slot)) return;
        if (slot.wholeFile && !checkFileReadsAndWrites && !isUncheckedPerElement(call)) return;
        if (isCleanupCode(call) || isAbortWait(call) || racesSignalAwareWork(call)) return;
        const signal = finder.reachableSignal(call);
        if (!signal || handlesAbortByHand(call)) return;
        const place = locateOptions(call, slot);
        if (place.kind === 'unknown') return;
        if (place.kind === 'object' && !lacksSignal(place.node)) return;
        const property = signalProperty(signal);
        context.report({
          node: call,
          messageId: 'missingSignal',
          data: { api: slot.name, signal: signal.text },
          suggest: [
            {
              messageId: 'passSignal',
              data: { api: slot.name, signal: signal.text },
              fix: (fixer) => {
                if (place.kind === 'object') return addProperty(fixer, place.node, property);
                if (place.kind === 'encoding') return fixer.replaceText(place.node, `{ encoding: ${place.node.raw}, ${property} }`);
                return place.insert(fixer, `{ ${property} }`);
              },
            },
          ],
        });
      },
    };

    function findSlot(call: TSESTree.CallExpression): SignalSlot | null {
      const entry = findSignalSlot(sourceCode, call);
      if (!entry || !('method' in entry)) return entry;
      const callee = skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
      const method = entry.method as string;
      // signal.addEventListener('abort', …) listens to the signal itself; nothing to pass there.
      const receiver = skipExpressionWrappers(callee.object);
      const receiverName = getSimpleName(receiver);
      if (receiverName !== null && (isSignalName(receiverName) || SIGNAL_PROPERTY_NAMES.has(receiverName))) return null;
      if (finder.isCallerSignal(receiver)) return null;
      const type = call.arguments[0];
      if (type?.type === AST_NODE_TYPES.Literal && type.value === 'abort') return null;
      if (hasMatchingRemoval(call, method)) return null;
      return entry;
    }

    /**
     * One whole-file read or write ends by itself in milliseconds, and an abort would only stop its buffering
     * between chunks; once per element of a growing collection, the abort waits for all of them, unless the
     * loop checks the signal (`if (signal.aborted) break`) each time round.
     */
    function isUncheckedPerElement(call: TSESTree.CallExpression): boolean {
      if (!isInLoop(call, sourceCode.ast, boundContext)) return false;
      const loop = getInnermostLoop(call);
      return loop === null || !checksAbort(loop);
    }

    function isIgnored(call: TSESTree.CallExpression, slot: SignalSlot): boolean {
      if (ignored.size === 0) return false;
      const callee = skipExpressionWrappers(call.callee);
      const name = getSimpleName(callee);
      return (name !== null && ignored.has(name)) || ignored.has(slot.name.replace(/\(\).*$/u, ''));
    }

    /** Listeners removed by hand (`removeEventListener` in the same function) need no signal. */
    function hasMatchingRemoval(call: TSESTree.CallExpression, method: string): boolean {
      if (method !== 'addEventListener') return false;
      let fn: TSESTree.Node | undefined = call.parent;
      while (fn && !isFunctionNode(fn)) fn = fn.parent;
      const text = sourceCode.getText(fn ?? sourceCode.ast);
      return text.includes('removeEventListener');
    }

    function locateOptions(call: TSESTree.CallExpression, slot: SignalSlot): OptionsPlace {
      const args = call.arguments;
      if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'unknown' };
      if (slot.variadic) {
        if (args.length < slot.requiredArguments) return { kind: 'unknown' };
        const last = skipExpressionWrappers(args.at(-1) as TSESTree.Expression);
        if (last.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'object', node: last };
        if (last.type === AST_NODE_TYPES.Identifier && /option|opts|config|init/iu.test(last.name)) return { kind: 'unknown' };
        return { kind: 'missing', insert: (fixer, text) => fixer.insertTextAfter(args.at(-1)!, `, ${text}`) };
      }
      let index = slot.optionsIndex;
      if (slot.argumentArrayFirst && args[index]) {
        const atIndex = skipExpressionWrappers(args[index] as TSESTree.Expression);
        if (atIndex.type === AST_NODE_TYPES.ArrayExpression) index += 1;
        else if (atIndex.type !== AST_NODE_TYPES.ObjectExpression && !isFunctionNode(atIndex)) return { kind: 'unknown' };
      }
      const argument = args[index];
      if (argument) {
        const value = skipExpressionWrappers(argument as TSESTree.Expression);
        if (value.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'object', node: value };
        if (slot.encodingShorthand && value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return { kind: 'encoding', node: value };
        if (slot.callbackLast && isFunctionNode(value)) return { kind: 'missing', insert: (fixer, text) => fixer.insertTextBefore(argument, `${text}, `) };
        return { kind: 'unknown' };
      }
      if (args.length < slot.requiredArguments) return { kind: 'unknown' };
      const fill = Array.from({ length: index - args.length }, () => 'undefined');
      const last = args.at(-1);
      if (last) return { kind: 'missing', insert: (fixer, text) => fixer.insertTextAfter(last, [',', ...fill.map((f) => ` ${f},`), ` ${text}`].join('')) };
      const close = sourceCode.getLastToken(call)!;
      return { kind: 'missing', insert: (fixer, text) => fixer.insertTextBefore(close, [...fill, text].join(', ')) };
    }

    /**
     * `Promise.race([rl.question(prompt, { signal }), once(rl, 'error')])`: a sibling in the race takes the
     * caller's signal, so the race ends on abort anyway; the other entrants only lose it.
     */
    function racesSignalAwareWork(call: TSESTree.CallExpression): boolean {
      let entrant: TSESTree.Node = getOuterExpression(call);
      // `once(rl, 'SIGINT').then(…)`: the chain is the entrant.
      while (entrant.parent?.type === AST_NODE_TYPES.MemberExpression && entrant.parent.object === entrant && entrant.parent.parent.type === AST_NODE_TYPES.CallExpression && entrant.parent.parent.callee === entrant.parent) {
        entrant = getOuterExpression(entrant.parent.parent);
      }
      const array = entrant.parent;
      if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
      const race = array.parent;
      if (race.type !== AST_NODE_TYPES.CallExpression || race.arguments[0] !== array) return false;
      const callee = skipExpressionWrappers(race.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      if (method !== 'race' && method !== 'any') return false;
      return array.elements.some((element) => element !== null && element !== entrant && finder.findSignalFlow(element, call) !== null);
    }

    /** `once(signal, 'abort')`: waiting for the abort itself. */
    function isAbortWait(call: TSESTree.CallExpression): boolean {
      const type = call.arguments[1];
      return type?.type === AST_NODE_TYPES.Literal && type.value === 'abort';
    }

    /**
     * A function that registers its own abort listener (`signal.addEventListener('abort', stop)`,
     * `signal.onabort = …`) cancels its work by hand, often differently from what passing the signal would do
     * (stop a recording and keep what it has, kill a process with another signal): its calls are not judged.
     */
    function handlesAbortByHand(call: TSESTree.CallExpression): boolean {
      for (let fn = getEnclosingFunction(call); fn; fn = getEnclosingFunction(fn)) {
        let cached = abortListeners.get(fn);
        if (cached === undefined) {
          cached = registersAbortListener(fn);
          abortListeners.set(fn, cached);
        }
        if (cached) return true;
      }
      return false;
    }

    function registersAbortListener(fn: TSESTree.Node): boolean {
      let found = false;
      walkDescendants(fn, (node) => {
        if (found) return false;
        if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument, index) => index < 2 && argument.type === AST_NODE_TYPES.Literal && argument.value === 'abort')) {
          found = true;
        } else if (node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === 'onabort') {
          found = true;
        }
        return !found;
      });
      return found;
    }

    /**
     * Code that runs because of an abort or after a failure — a `catch` block (unless a loop retries
     * around it), a `finally` block, a `.catch()` or `.finally()` callback, an abort listener — must not be
     * cancelled by the same signal.
     */
    function isCleanupCode(call: TSESTree.CallExpression): boolean {
      let child: TSESTree.Node = call;
      for (let node: TSESTree.Node | undefined = call.parent; node; child = node, node = node.parent) {
        if (node.type === AST_NODE_TYPES.CatchClause && !isInsideLoop(node)) return true;
        if (node.type === AST_NODE_TYPES.TryStatement && node.finalizer === child) return true;
        if (isFunctionNode(node) && isCleanupCallback(node)) return true;
      }
      return false;
    }
  },
});

/** A catch inside a loop is part of a retry (its backoff sleep must stop on abort), not cleanup. */
function isInsideLoop(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (isLoopStatement(current)) return true;
  }
  return false;
}

function isCleanupCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return getStaticPropertyName(parent.left) === 'onabort';
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.Expression)) return false;
  const callee = skipExpressionWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === 'catch' || method === 'finally') return true;
  if (method === 'then') return parent.arguments[1] === fn;
  const type = parent.arguments[0];
  return (method === 'addEventListener' || method === 'once' || method === 'on') && type?.type === AST_NODE_TYPES.Literal && type.value === 'abort';
}

/** An options object without a `signal` (a spread may bring one, so it counts as having it). */
function lacksSignal(object: TSESTree.ObjectExpression): boolean {
  return !object.properties.some((property) => {
    if (property.type === AST_NODE_TYPES.SpreadElement) return true;
    if (property.computed) return property.key.type !== AST_NODE_TYPES.Literal || property.key.value === 'signal';
    const key = property.key;
    return (key.type === AST_NODE_TYPES.Identifier && key.name === 'signal') || (key.type === AST_NODE_TYPES.Literal && key.value === 'signal');
  });
}

function signalProperty(signal: CallerSignal): string {
  return signal.text === 'signal' ? 'signal' : `signal: ${signal.text}`;
}

function addProperty(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, property: string): TSESLint.RuleFix {
  const last = object.properties.at(-1);
  if (!last) return fixer.replaceText(object, `{ ${property} }`);
  return fixer.insertTextAfter(last, `, ${property}`);
}

/** The loop statement or iteration callback (`files.map((f) => …)`) nearest around `node`. */
function getInnermostLoop(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isLoopStatement(current) || (isFunctionNode(current) && isIterationCallback(current))) return current;
  }
  return null;
}

/** The loop reads `.aborted` or calls `.throwIfAborted()` of some signal: it sees an abort each time round. */
function checksAbort(loop: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(loop, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(node);
      if (name === 'aborted' || name === 'throwIfAborted') found = true;
    }
    return !found;
  });
  return found;
}
