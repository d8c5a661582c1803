import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { ABORT_ERROR_CODES, ABORT_ERROR_NAMES, TIMEOUT_ERROR_NAMES } from '../src/knowledge/signal-apis.js';
import { chooseFreeName } from '../src/util/add-import.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { getOuterExpression, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getCallerSignalFinder, spellsSignal, type CallerSignal, type CallerSignalFinder } from '../src/util/find-caller-signal.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { forEachChild, walkDescendants } from '../src/util/walk.js';
import { getEnclosingFunction, isFunctionNode } from '../src/util/get-enclosing-function.js';

import { getPrivateFunctionVariable } from '../src/util/resolve-function.js';
import { findApiReferences, type ApiTarget } from '../src/util/resolve-import.js';
import { findNormalExits, type HandlerChecks, type NormalExit } from './no-swallowed-abort/analyse-handler.js';

export type Options = [{ abortCheckers?: NamedEntry[] }];
export type MessageId = 'abortSwallowed' | 'abortNotRethrown' | 'loopIgnoresAbort' | 'rethrowAbort' | 'checkSignal';

type LoopNode = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;
type Handler = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

export default createRule<Options, MessageId>({
  name: 'no-swallowed-abort',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow catch handlers and retry loops that swallow the abort of a caller's AbortSignal",
      recommended: 'recommended',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      abortSwallowed:
        "This handler can complete normally when the caller's signal `{{signal}}` aborts: the caller asked to stop and gets a retry, a hot loop or a fake success instead, so rethrow on abort first (`{{check}}`).",
      abortNotRethrown:
        "This handler recognises the abort of the caller's signal `{{signal}}` and then {{exit}} instead of rethrowing: the caller sees success although it cancelled, so rethrow the error after cleaning up.",
      loopIgnoresAbort:
        "This loop catches errors and never checks the caller's signal `{{signal}}`: after an abort it keeps spinning, so check the signal at the top of the loop (`{{check}}`).",
      rethrowAbort: 'Rethrow the error instead of leaving the handler normally.',
      checkSignal: 'Call `{{call}}` at the top of the loop body.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          abortCheckers: namedEntryListSchema(
            'Helpers that rethrow an abort when called as a statement (`rethrowIfAborted(err)`) or tell one apart when used as a condition (`isAbortError(err)`).',
          ),
        },
      },
    ],
    defaultOptions: [{ abortCheckers: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Without types a caller's signal is only ever known by a name or a written type that says `signal`
    // (`signal`, `abortSignal`, `options.signal`, `: AbortSignal`): a file that never says it has nothing to report.
    if (!getTypeServices(context) && !spellsSignal(sourceCode)) return {};
    const finder = getCallerSignalFinder(context);
    const checks = createChecks(sourceCode, options.abortCheckers ?? [], finder);
    const exitCache = new WeakMap<TSESTree.Node, NormalExit[]>();
    const exitsOf = (body: TSESTree.BlockStatement | TSESTree.Expression): NormalExit[] => {
      let exits = exitCache.get(body);
      if (!exits) exitCache.set(body, (exits = findNormalExits(body, checks)));
      return exits;
    };

    return {
      CatchClause(clause) {
        const tryBlock = clause.parent.block;
        if (!containsAwait(sourceCode, tryBlock) || isInFinally(clause) || isInTeardown(clause)) return;
        // No caller's signal in reach: nothing this handler could swallow, so skip the walk over the try.
        if (finder.signalsInScope(clause).length === 0) return;
        const flow = finder.findSignalFlow(tryBlock, clause);
        if (!flow) return;
        reportHandler(clause, clause.body, clause.param, flow, sourceCode.getFirstToken(clause)!.loc);
      },
      CallExpression(call) {
        const callee = skipExpressionWrappers(call.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = getStaticPropertyName(callee);
        const handlerArgument = method === 'catch' ? call.arguments[0] : method === 'then' ? call.arguments[1] : undefined;
        if (!handlerArgument || !isHandler(handlerArgument) || isDiscarded(call) || isInFinally(call) || isInTeardown(call)) return;
        if (finder.signalsInScope(call).length === 0) return;
        const flow = findChainFlow(callee.object, call);
        if (!flow) return;
        const handler = handlerArgument;
        const body = handler.body;
        const param = handler.params[0] ?? null;
        if (param && param.type !== AST_NODE_TYPES.Identifier) return;
        reportHandler(handler, body, param, flow, { start: handler.loc.start, end: handler.loc.start }, handler);
      },
      'WhileStatement, DoWhileStatement, ForStatement'(loop: LoopNode) {
        if (!isEndless(loop)) return;
        const signals = finder.signalsInScope(loop);
        if (signals.length === 0) return;
        if (!containsAwait(sourceCode, loop.body) || finder.findSignalFlow(loop) || hasAbortCheck(loop) || hasOwnExit(loop)) return;
        const swallowing = findOwnTryStatements(loop).some((tryStatement) =>
          tryStatement.handler ? exitsOf(tryStatement.handler.body).length > 0 : false,
        );
        if (!swallowing) return;
        const signal = finder.reachableSignal(loop.body) ?? signals[0]!;
        const call = throwIfAbortedCall(signal);
        const keyword = sourceCode.getFirstToken(loop)!;
        context.report({
          loc: keyword.loc,
          messageId: 'loopIgnoresAbort',
          data: { signal: signal.text, check: call },
          suggest:
            loop.body.type === AST_NODE_TYPES.BlockStatement && finder.reachableSignal(loop.body)
              ? [
                  {
                    messageId: 'checkSignal',
                    data: { call },
                    fix: (fixer) => insertFirstStatement(sourceCode, fixer, loop.body as TSESTree.BlockStatement, `${call};`),
                  },
                ]
              : [],
        });
      },
    };

    function reportHandler(
      owner: TSESTree.Node,
      body: TSESTree.BlockStatement | TSESTree.Expression,
      param: TSESTree.Parameter | null,
      flow: TSESTree.Node,
      loc: TSESTree.SourceLocation,
      handler?: Handler,
    ): void {
      const exits = exitsOf(body);
      if (exits.length === 0 || isPolledByCheckingLoop(owner)) return;
      const reachable = finder.reachableSignal(body, flow);
      const described = reachable ?? finder.describeFlow(flow);
      const signalText = described?.text ?? sourceCode.getText(flow);
      const check = described ? throwIfAbortedCall(described) : `${signalText}.throwIfAborted()`;
      const swallowed = exits.filter((exit) => exit.recognised === null);
      if (swallowed.length > 0) {
        if (param?.type === AST_NODE_TYPES.Identifier && forwardsError(body, param.name)) return;
        context.report({
          loc,
          messageId: 'abortSwallowed',
          data: { signal: signalText, check },
          fix: (fixer) => fixSwallowed(fixer, owner, body, param, reachable, handler),
        });
        return;
      }
      const recognised = exits.filter((exit) => exit.recognised === 'abort');
      if (recognised.length === 0) return;
      context.report({
        loc,
        messageId: 'abortNotRethrown',
        data: { signal: signalText, exit: describeExit(recognised[0]!) },
        suggest: canRethrow(recognised, param)
          ? [{ messageId: 'rethrowAbort', fix: (fixer) => fixRethrow(fixer, owner, body, param, recognised, handler) }]
          : [],
      });
    }

    /** Inserts the abort check as the handler's first statement (binding the error when the guard needs it). */
    function fixSwallowed(
      fixer: TSESLint.RuleFixer,
      owner: TSESTree.Node,
      body: TSESTree.BlockStatement | TSESTree.Expression,
      param: TSESTree.Parameter | null,
      signal: CallerSignal | null,
      handler: Handler | undefined,
    ): TSESLint.RuleFix[] | null {
      const fixes: TSESLint.RuleFix[] = [];
      let statement: string;
      if (signal) {
        statement = `${throwIfAbortedCall(signal)};`;
      } else {
        if (param && param.type !== AST_NODE_TYPES.Identifier) return null;
        const name = param ? param.name : chooseFreeName(sourceCode, 'error');
        if (!param) fixes.push(...bindParameter(fixer, owner, name, handler));
        statement = `if (${name} instanceof Error && ${name}.name === 'AbortError') throw ${name};`;
      }
      if (body.type === AST_NODE_TYPES.BlockStatement) {
        fixes.push(insertFirstStatement(sourceCode, fixer, body, statement));
      } else {
        fixes.push(fixer.replaceTextRange(getParenthesisedRange(body), `{ ${statement} return ${sourceCode.getText(body)}; }`));
      }
      return fixes;
    }

    function fixRethrow(
      fixer: TSESLint.RuleFixer,
      owner: TSESTree.Node,
      body: TSESTree.BlockStatement | TSESTree.Expression,
      param: TSESTree.Parameter | null,
      exits: NormalExit[],
      handler: Handler | undefined,
    ): TSESLint.RuleFix[] {
      const fixes: TSESLint.RuleFix[] = [];
      const name = param && param.type === AST_NODE_TYPES.Identifier ? param.name : chooseFreeName(sourceCode, 'error');
      if (!param) fixes.push(...bindParameter(fixer, owner, name, handler));
      const rethrow = `throw ${name};`;
      const done = new Set<TSESTree.Node>();
      for (const exit of exits) {
        const target = exit.node ?? exit.via ?? body;
        if (done.has(target)) continue;
        done.add(target);
        if (exit.node) {
          fixes.push(fixer.replaceText(exit.node, replaceExit(exit.node, rethrow)));
        } else if (exit.via) {
          const consequent = exit.via.consequent;
          if (consequent.type === AST_NODE_TYPES.BlockStatement) fixes.push(insertLastStatement(sourceCode, fixer, consequent, rethrow));
          else fixes.push(fixer.replaceText(consequent, `{ ${sourceCode.getText(consequent)} ${rethrow} }`));
        } else if (body.type === AST_NODE_TYPES.BlockStatement) {
          fixes.push(insertLastStatement(sourceCode, fixer, body, rethrow));
        }
      }
      return fixes;
    }

    function replaceExit(node: TSESTree.Node, rethrow: string): string {
      if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return rethrow;
      const argument = skipExpressionWrappers(node.argument);
      // Keep the work a `return cleanup()` does; drop a plain value.
      if (argument.type !== AST_NODE_TYPES.CallExpression && argument.type !== AST_NODE_TYPES.AwaitExpression) return rethrow;
      const kept = `${sourceCode.getText(node.argument)}; ${rethrow}`;
      return node.parent.type === AST_NODE_TYPES.BlockStatement || node.parent.type === AST_NODE_TYPES.SwitchCase ? kept : `{ ${kept} }`;
    }

    function canRethrow(exits: NormalExit[], param: TSESTree.Parameter | null): boolean {
      if (param && param.type !== AST_NODE_TYPES.Identifier) return false;
      return exits.every((exit) => exit.node === null || exit.node.type.endsWith('Statement'));
    }

    /** `catch {` → `catch (error) {`; `() =>` → `(error) =>`. */
    function bindParameter(fixer: TSESLint.RuleFixer, owner: TSESTree.Node, name: string, handler: Handler | undefined): TSESLint.RuleFix[] {
      if (!handler) {
        const keyword = sourceCode.getFirstToken(owner)!;
        return [fixer.insertTextAfter(keyword, ` (${name})`)];
      }
      const open = sourceCode.getFirstToken(handler, { filter: (token) => token.value === '(' });
      return open ? [fixer.insertTextAfter(open, name)] : [];
    }

    /** The body's range with the parentheses around it: `() => ({ …value })`. */
    function getParenthesisedRange(node: TSESTree.Node): TSESTree.Range {
      if (!ASTUtils.isParenthesized(node, sourceCode)) return node.range;
      return [sourceCode.getTokenBefore(node)!.range[0], sourceCode.getTokenAfter(node)!.range[1]];
    }

    /** The first caller-owned signal that reaches a promise chain: in it, or in the `const` it was read from. */
    function findChainFlow(object: TSESTree.Expression, at: TSESTree.Node): TSESTree.Node | null {
      const direct = finder.findSignalFlow(object, at);
      if (direct) return direct;
      const inner = skipExpressionWrappers(object);
      if (inner.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
      return finder.findSignalFlow(def.node.init, at);
    }

    /**
     * Handlers that hand the error on — `err = error` to an outer variable, `reject(error)`,
     * `next(error)`, `controller.error(error)`, `emitter.emit('error', error)` — do not drop it: whoever
     * receives it decides. Only what they log and forget is swallowed. A same-file function the error is
     * handed to (`settleFailure(error)`) counts when it hands its parameter on that way itself, or cannot
     * complete normally on an abort (it rethrows): one level, so a logger wrapper stays a logger.
     */
    function forwardsError(body: TSESTree.Node, name: string, nested = false): boolean {
      let found = false;
      // `const coerced = coerceError(error)` carries the error on under another name.
      const names = new Set([name]);
      const mentions = (node: TSESTree.Node): boolean => {
        let seen = false;
        walkDescendants(node, (inner) => {
          if (seen || isFunctionNode(inner)) return false;
          if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name)) seen = true;
          return !seen;
        });
        return seen;
      };
      walkDescendants(body, (node) => {
        if (found || isFunctionNode(node)) return false;
        if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && mentions(node.init)) {
          names.add(node.id.name);
        }
        if (node.type === AST_NODE_TYPES.AssignmentExpression && mentions(node.right)) {
          const target = node.left;
          if (target.type === AST_NODE_TYPES.MemberExpression) found = true;
          else if (target.type === AST_NODE_TYPES.Identifier) {
            const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
            found = variable !== null && !variable.defs.some((def) => isInsideRange(def.name, body));
          }
        } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => mentions(argument))) {
          found = isForwardingCall(node) || (!nested && helperForwards(node, names));
        } else if (node.type === AST_NODE_TYPES.YieldExpression && !node.delegate && node.argument) {
          // `yield { type: 'finish', reason, error }`: a generator's consumer reads the failure in-band, as a
          // stream's reader does from `controller.enqueue({ type: 'error', error })`.
          found = isErrorValue(node.argument);
        }
        return !found;
      });
      return found;
    }

    /** `settleFailure(error)`: a same-file function that rethrows, or hands its parameter on, given the error itself. */
    function helperForwards(call: TSESTree.CallExpression, names: ReadonlySet<string>): boolean {
      const index = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.Identifier && names.has(argument.name));
      if (index < 0) return false;
      const helper = resolveLocalFunction(call.callee);
      const param = helper?.params[index];
      if (!helper || param?.type !== AST_NODE_TYPES.Identifier) return false;
      if (forwardsError(helper.body, param.name, true)) return true;
      // A rethrowing helper ends the handler only when its throw reaches the handler: sync, or awaited.
      const awaited = getOuterExpression(call).parent?.type === AST_NODE_TYPES.AwaitExpression;
      return helper.body.type === AST_NODE_TYPES.BlockStatement && (!helper.async || awaited) && findNormalExits(helper.body, checks).length === 0;
    }

    /** The function a plain callee names in this file: `function settle(…) {}` or `const settle = (…) => …`, never reassigned. */
    function resolveLocalFunction(raw: TSESTree.Expression): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | null {
      const callee = skipExpressionWrappers(raw);
      if (callee.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
      if (!variable || variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
      const node = variable.defs[0]!.node;
      if (node.type === AST_NODE_TYPES.FunctionDeclaration) return node;
      if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.parent.kind !== 'const' || !node.init) return null;
      const init = skipExpressionWrappers(node.init);
      return init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression ? init : null;
    }

    /**
     * A catch in a function private to this file whose every call sits, outside nested functions, in an
     * endless loop that checks the signal it passes on each turn (`if (signal?.aborted) throw …`,
     * `signal.throwIfAborted()` at the top level of the loop body): a swallowed abort only ends one poll,
     * and the loop's own check throws it at the next turn.
     */
    function isPolledByCheckingLoop(owner: TSESTree.Node): boolean {
      const fn = getEnclosingFunction(owner);
      if (!fn || (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.parent.kind !== 'const')) return false;
      const variable = getPrivateFunctionVariable(sourceCode, fn);
      const calls = variable?.references.filter((reference) => !reference.init) ?? [];
      if (calls.length === 0) return false;
      return calls.every((reference) => {
        const id = reference.identifier;
        const call = id.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== id) return false;
        for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
          if (isFunctionNode(current)) return false;
          if (isLoop(current) && isEndless(current)) {
            const signal = findTurnCheck(current);
            return signal !== null && call.arguments.some((argument) => mentionsName(argument, signal));
          }
        }
        return false;
      });
    }

    /** Whether the loop checks for an abort anywhere: `.aborted`, `throwIfAborted()`, an error-name test, a checker. */
    function hasAbortCheck(loop: LoopNode): boolean {
      let found = false;
      walkDescendants(loop, (node) => {
        if (found) return false;
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          const name = getStaticPropertyName(node);
          if (name === 'aborted' || name === 'throwIfAborted' || name === 'reason') found = true;
        } else if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') {
          if (ABORT_ERROR_NAMES.has(node.value) || TIMEOUT_ERROR_NAMES.has(node.value) || ABORT_ERROR_CODES.has(node.value)) found = true;
        } else if (node.type === AST_NODE_TYPES.CallExpression && checks.isCheckerCall(node)) {
          found = true;
        }
        return !found;
      });
      return found;
    }

    /** Try statements whose nearest endless loop is `loop` (not one nested in it), outside nested functions. */
    function findOwnTryStatements(loop: LoopNode): TSESTree.TryStatement[] {
      const found: TSESTree.TryStatement[] = [];
      walkDescendants(loop.body, (node) => {
        if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
        if (node !== loop && isLoop(node) && isEndless(node)) return false;
        if (node.type === AST_NODE_TYPES.TryStatement) found.push(node);
        return true;
      });
      return found;
    }
  },
});

function createChecks(sourceCode: TSESLint.SourceCode, entries: readonly NamedEntry[], finder: CallerSignalFinder): HandlerChecks {
  const { names, modules } = partitionEntries(entries);
  const targets: ApiTarget[] = modules.map((entry) => ({ module: entry.from, path: entry.path }));
  return {
    rejectsOnAbort(operation) {
      if (operation.type !== AST_NODE_TYPES.CallExpression && operation.type !== AST_NODE_TYPES.NewExpression) return false;
      const flow = finder.findSignalFlow(operation);
      // A signal handed to a callback (`retry(() => fetch(url, { signal }))`) may be caught in there.
      return flow !== null && !hasFunctionBetween(flow, operation);
    },
    isErrorValue,
    isCheckerCall(call) {
      if (names.size === 0 && targets.length === 0) return false;
      if (targets.length > 0 && findApiReferences(sourceCode, targets).has(call)) return true;
      const path = getCalleePath(call.callee);
      if (path === null) return false;
      if (names.has(path)) return true;
      return path.startsWith('this.') && names.has(path.slice(5));
    },
  };
}

/** Property keys under which a result value reports a failure: `{ error }`, `{ errors }`, `{ isError: true }`. */
const ERROR_KEYS: ReadonlySet<string> = new Set(['error', 'errors', 'isError']);

/**
 * A returned value that tells the caller the work failed: it carries the caught error (or a value made from
 * it: `serverError(serializeError(e))`), builds an error (`new RequestError(…)`), or is a result object with an
 * `error`, `errors` or `isError` entry. Handlers of result-value protocols (RPC tool handlers, stream
 * readers, API routes) answer an abort that way, and the caller sees a failure, not a fake success.
 */
function isErrorValue(value: TSESTree.Expression): boolean {
  const caught = findCaughtErrorNames(value);
  let found = false;
  walkDescendants(value, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.Identifier && caught.has(node.name) && isValueReference(node)) found = true;
    else if (node.type === AST_NODE_TYPES.NewExpression) {
      const name = getCalleePath(node.callee);
      if (name !== null && /(?:Error|Exception)$/u.test(name)) found = true;
    } else if (node.type === AST_NODE_TYPES.Property && !node.computed) {
      const key = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : null;
      if (key !== null && ERROR_KEYS.has(key) && !isEmptyValue(node.value)) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * The error itself handed on: `error` in `{ error }` or `f(error)`; not a property name (`x.error`,
 * `{ error: 1 }`), and not one of its properties (`error.message` alone is a string, not a failure).
 */
function isValueReference(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.computed && parent.property === id;
  if (parent.type === AST_NODE_TYPES.Property) return parent.value === id;
  return true;
}

/** `null`, `undefined`, `false`: an `error` entry that says there was none. */
function isEmptyValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null || node.value === false;
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/**
 * The caught error's name in the handler around `node` (`catch (e)`, `.catch((error) => …)`), with the locals
 * of that handler made from it (`const error = serializeError(e)`).
 */
function findCaughtErrorNames(node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  let body: TSESTree.Node | null = null;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) {
      if (current.param?.type === AST_NODE_TYPES.Identifier) names.add(current.param.name);
      body = current.body;
      break;
    }
    if (isFunctionNode(current)) {
      const first = current.params[0];
      if (first?.type === AST_NODE_TYPES.Identifier) names.add(first.name);
      body = current.body;
      break;
    }
  }
  if (!body || names.size === 0) return names;
  const mentions = (expression: TSESTree.Node): boolean => {
    let seen = false;
    walkDescendants(expression, (inner) => {
      if (seen || isFunctionNode(inner)) return false;
      if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name)) seen = true;
      return !seen;
    });
    return seen;
  };
  walkDescendants(body, (inner) => {
    if (isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.VariableDeclarator && inner.id.type === AST_NODE_TYPES.Identifier && inner.init && mentions(inner.init)) names.add(inner.id.name);
    return true;
  });
  return names;
}

/** `rethrowIfAborted`, `errors.rethrowIfAborted`, `this.check`: the dotted name of a callee, when it has one. */
function getCalleePath(raw: TSESTree.Expression): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = getStaticPropertyName(node);
  const object = getCalleePath(node.object);
  return property === null || object === null ? null : `${object}.${property}`;
}

function throwIfAbortedCall(signal: CallerSignal): string {
  return `${signal.text}${signal.optional ? '?.' : '.'}throwIfAborted()`;
}

function describeExit(exit: NormalExit): string {
  switch (exit.node?.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return 'returns';
    case AST_NODE_TYPES.ContinueStatement:
      return 'continues';
    case AST_NODE_TYPES.BreakStatement:
      return 'breaks out';
    case undefined:
      return 'carries on';
    default:
      return 'returns a value';
  }
}

const FORWARDING_FUNCTIONS = new Set(['reject', 'next', 'callback', 'cb', 'done', 'fail', 'onError', 'onerror', 'handleError']);

/** `reject(err)`, `deferred.reject(err)`, `next(err)`, `controller.error(err)`, `controller.enqueue({ error })`, `emitter.emit('error', err)`, `stream.destroy(err)`. */
function isForwardingCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return FORWARDING_FUNCTIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  if (method === 'reject' || method === 'destroy' || FORWARDING_FUNCTIONS.has(method)) return true;
  if (method === 'emit') return call.arguments[0]?.type === AST_NODE_TYPES.Literal && call.arguments[0].value === 'error';
  const receiver = skipExpressionWrappers(callee.object);
  // A stream's controller: `controller.error(err)` fails the stream, `controller.enqueue({ type: 'error', error })`
  // hands the error to its reader in-band.
  return (method === 'error' || method === 'enqueue') && receiver.type === AST_NODE_TYPES.Identifier && /controller/iu.test(receiver.name);
}

function isInsideRange(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** Code in a `finally` block runs after the abort on purpose: cleanup that waits and ignores failures. */
function isInFinally(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
  }
  return false;
}

/** Names of functions that release what they hold: `close`, `dispose()`, `shutdownPool`, `stop`, `[Symbol.asyncDispose]`. */
const TEARDOWN_NAME = /^(?:close|dispose|destroy|shutdown|terminate|disconnect|teardown|tearDown|cleanup|cleanUp|stop|release|quit|unsubscribe|end)(?:[A-Z_]|$)/u;

/**
 * Code in a teardown function (`close()`, `dispose()`, `stop()`, …), or in a callback inside one. Closing is
 * best-effort and must finish whatever happens: an abort of the close's own signal means "stop waiting for
 * the goodbye" (a session DELETE, a flush), and carrying on to release the rest is the point.
 */
function isInTeardown(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const name = getFunctionName(current);
    if (name !== null) return TEARDOWN_NAME.test(name) || name === 'Symbol.asyncDispose' || name === 'Symbol.dispose';
    const parent = current.parent;
    // An anonymous callback (`.catch(() => …)`, `items.map(async () => …)`) belongs to the function around it.
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.Expression)) return false;
  }
  return false;
}

/** The name a function is declared, assigned or defined under: `function close`, `close() {}`, `close: async () =>`, `obj.close = …`. */
function getFunctionName(fn: TSESTree.Node): string | null {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition) {
    if (parent.value !== fn) return null;
    if (parent.computed) return parent.key.type === AST_NODE_TYPES.MemberExpression ? getCalleePath(parent.key) : null;
    return parent.key.type === AST_NODE_TYPES.Identifier || parent.key.type === AST_NODE_TYPES.PrivateIdentifier ? parent.key.name : null;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return getStaticPropertyName(parent.left);
  }
  return null;
}

/**
 * A reader loop: it awaits a read outside every `try` in it and uses what it read
 * (`const { done, value } = await reader.read()`), and a `break` or `return` outside every `try` and
 * `catch` leaves it (`if (done) return`). It ends with its source (a stream, a queue that drains), and a
 * failed read, an abort included, ends it too: it is not an endless retry or scheduling loop. A retry loop
 * whose work is all inside the `try` (`try { await connect(); ok = true } catch {} if (ok) return;`) and a
 * loop that only sleeps outside it are not reader loops.
 */
function hasOwnExit(loop: LoopNode): boolean {
  let exits = false;
  let reads = false;
  const visit = (node: TSESTree.Node, nestedBreakTarget: boolean): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.TryStatement || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) exits = true;
    if (node.type === AST_NODE_TYPES.BreakStatement) {
      const label = loop.parent.type === AST_NODE_TYPES.LabeledStatement ? loop.parent.label.name : null;
      if (node.label ? node.label.name === label : !nestedBreakTarget) exits = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.AwaitExpression && getOuterExpression(node).parent?.type !== AST_NODE_TYPES.ExpressionStatement) reads = true;
    const nested =
      nestedBreakTarget || isLoop(node) || node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.SwitchStatement;
    forEachChild(node, (child) => visit(child, nested));
  };
  visit(loop.body, false);
  return exits && reads;
}

/**
 * The root name of the signal a loop checks at the top level of its body on every turn: `if (signal?.aborted)
 * { …; throw … }` or `options.signal.throwIfAborted();`. Null when it does not.
 */
function findTurnCheck(loop: LoopNode): string | null {
  const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  for (const statement of statements) {
    let signal: TSESTree.Expression | null = null;
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const test = skipExpressionWrappers(statement.test);
      const consequent = statement.consequent;
      const last = consequent.type === AST_NODE_TYPES.BlockStatement ? consequent.body.at(-1) : consequent;
      if (test.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(test) === 'aborted' && last?.type === AST_NODE_TYPES.ThrowStatement) signal = test.object;
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const call = skipExpressionWrappers(statement.expression);
      if (call.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipExpressionWrappers(call.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'throwIfAborted') signal = callee.object;
      }
    }
    let root = signal === null ? null : skipExpressionWrappers(signal);
    while (root?.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
    if (root?.type === AST_NODE_TYPES.Identifier) return root.name;
  }
  return null;
}

/** Whether `name` is read in the expression, outside nested functions (`{ signal }`, `options.signal`, `signal`). */
function mentionsName(node: TSESTree.Node, name: string): boolean {
  let seen = false;
  walkDescendants(node, (inner) => {
    if (seen || isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name && !isPropertyName(inner)) seen = true;
    return !seen;
  });
  return seen;
}

/** `x.name` and `{ name: value }` spell a property, not the variable (a shorthand `{ name }` reads it). */
function isPropertyName(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return !parent.computed && parent.property === id;
  if (parent?.type === AST_NODE_TYPES.Property) return !parent.computed && parent.key === id && !parent.shorthand;
  return false;
}

function isHandler(node: TSESTree.Node): node is Handler {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** A chain whose result nobody reads (`p.catch(() => {})`;): swallowing there only keeps the rejection from going unhandled. */
function isDiscarded(call: TSESTree.CallExpression): boolean {
  const outer = getOuterExpression(call);
  const parent = outer.parent;
  if (!parent) return true;
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
  return parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void';
}

function isLoop(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForStatement
  );
}

/** `while (true)`, `for (;;)`, `do … while (1)`. */
function isEndless(loop: LoopNode): boolean {
  const test = loop.test;
  if (test === null) return true;
  return test.type === AST_NODE_TYPES.Literal && (test.value === true || test.value === 1);
}

/** An `await` or `for await` that belongs to the function the block is in (not to a nested function). */
function containsAwait(sourceCode: TSESLint.SourceCode, block: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(block, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) found = true;
    return !found;
  });
  return found;
}

/** Inserts `text` as the first statement of the block, on its own line when the block spans lines. */
function insertFirstStatement(sourceCode: TSESLint.SourceCode, fixer: TSESLint.RuleFixer, block: TSESTree.BlockStatement, text: string): TSESLint.RuleFix {
  const open = sourceCode.getFirstToken(block)!;
  const next = sourceCode.getTokenAfter(open, { includeComments: true })!;
  if (next.loc.start.line === open.loc.end.line) {
    if (next.range[0] === block.range[1] - 1) return fixer.replaceTextRange([open.range[1], next.range[0]], ` ${text} `);
    return fixer.insertTextAfter(open, ` ${text}`);
  }
  const closing = next.range[0] === block.range[1] - 1;
  const indent = closing ? `${indentOf(sourceCode, next.loc.start.line)}  ` : indentOf(sourceCode, next.loc.start.line);
  return fixer.insertTextAfter(open, `\n${indent}${text}`);
}

/** Inserts `text` as the last statement of the block. */
function insertLastStatement(sourceCode: TSESLint.SourceCode, fixer: TSESLint.RuleFixer, block: TSESTree.BlockStatement, text: string): TSESLint.RuleFix {
  const close = sourceCode.getLastToken(block)!;
  const previous = sourceCode.getTokenBefore(close, { includeComments: true })!;
  if (previous.loc.end.line === close.loc.start.line) {
    if (previous.range[1] === block.range[0] + 1) return fixer.replaceTextRange([previous.range[1], close.range[0]], ` ${text} `);
    return fixer.insertTextAfter(previous, ` ${text}`);
  }
  const opening = previous.range[1] === block.range[0] + 1;
  const indent = opening ? `${indentOf(sourceCode, close.loc.start.line)}  ` : indentOf(sourceCode, previous.loc.start.line);
  return fixer.insertTextAfter(previous, `\n${indent}${text}`);
}

function indentOf(sourceCode: TSESLint.SourceCode, line: number): string {
  return /^[ \t]*/u.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}


function hasFunctionBetween(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  for (let current = inner.parent; current && current !== outer; current = current.parent) {
    if (isFunctionNode(current)) return true;
  }
  return false;
}
