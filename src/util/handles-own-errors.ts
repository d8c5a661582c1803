import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { getStaticPropertyName, isWrittenMember, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { hasWord, isWordCharacter } from './text-words.js';
import { forEachChild } from './walk.js';
import { loadTypeScript } from './typescript.js';

/**
 * "Does this function handle its own errors?": a call of such a function may float, because its
 * promise cannot reject (only the work's completion is left unobserved, which is the author's choice).
 *
 * The shapes, as careful authors write detached tasks:
 * - an async function whose body ends in a non-empty `try` whose `catch` swallows the error (does not
 *   rethrow, await or start something that can reject) and whose `finally`, if any, is as quiet;
 * - a function whose body ends by returning or awaiting a chain handled by a swallowing
 *   `.catch(handler)` or `.then(onFulfilled, onRejected)`, or is that chain (arrow body);
 * - either of those after guard statements and assertions that await nothing (`if (!this.enabled)
 *   return;`, `assert(config)`, `this.running = true;`);
 * - one level of wrapper: a function whose last statement calls, returns or awaits a call of such a
 *   function (`start() { return this.loop(); }`);
 * - in an async body, `await load().catch(() => null)` (a swallowing chain) is a safe await, and
 *   `return task();` of a safe call counts as `return await task();`;
 * - a recursive call of a function being judged neither rejects nor shows handling (`underJudgement`);
 * - `await Promise.all(pending)` and `await pending.shift()` over a local list whose every task handles
 *   its own errors (`pending.push(load().catch(log))`), when the list never escapes (`isListOfSafeTasks`).
 *
 * Pure AST helpers: the caller says which expressions can reject and which function a call resolves
 * to (same file, or a declaration the type checker found), so both modes share one definition.
 */
export interface OwnErrorsOracle {
  /** Whether the value of this expression may be a promise that rejects (a promise of any kind). */
  mayReject?(node: TSESTree.Expression): boolean;
  /** The function a call resolves to, for the one level of wrapper. */
  resolveCall?(call: TSESTree.CallExpression): FunctionNode | null;
  /**
   * Whether `await value` inside a handler is safe: the value is a call of a function that handles its
   * own errors or cannot reject (`await safeWaitForStdin(stdin)`). Without it, every `await` there counts
   * as a way to pass an error on.
   */
  isSafeAwait?(value: TSESTree.Expression): boolean;
  /**
   * The variable an identifier reads (scope analysis), for a local list of tasks that each handle their
   * own errors (`await Promise.all(pending)`, `await pending.shift()`). Without it such lists are unknown.
   */
  resolveVariable?(id: TSESTree.Identifier): TSESLint.Scope.Variable | null;
}

/**
 * Whether a module's text may hold a function that handles its own errors, judged with an oracle that
 * resolves calls within that module only (a module read from disk): every shape above is an async
 * function (`async`), a handled chain (`.then(f, h)`, `.catch(h)`, also `['catch']`), or a wrapper of
 * one of those in the same module. False lets the caller skip parsing the module (issue 12 §4). A
 * `catch` right after `}` is the keyword of a `try` statement, which only an async function's `await`
 * makes count, so it is no evidence here; any other `catch` (a member, a string, a comment) is.
 */
export function textMayHandleOwnErrors(text: string): boolean {
  if (hasWord(text, 'async') || hasWord(text, 'then')) return true;
  for (let at = text.indexOf('catch'); at !== -1; at = text.indexOf('catch', at + 1)) {
    // Part of a longer name (`catches`, `onCatch`): neither the keyword nor the method.
    if ((at > 0 && isWordCharacter(text.charCodeAt(at - 1))) || isWordCharacter(text.charCodeAt(at + 5))) continue;
    let before = at - 1;
    while (before >= 0 && isWhitespace(text.charCodeAt(before))) before--;
    if (before < 0 || text[before] !== '}') return true;
  }
  return false;
}

function isWhitespace(code: number): boolean {
  // Space, tab, line feed, vertical tab, form feed, carriage return; any other separator counts as text.
  return code === 32 || (code >= 9 && code <= 13);
}

/** Whether every promise `fn` returns is settled without rejecting by the function's own handling. */
export function functionHandlesOwnErrors(fn: FunctionNode, oracle: OwnErrorsOracle = {}): boolean {
  return handlesOwnErrors(fn, oracle, true);
}

/**
 * Functions whose judgement is under way. A call back into one of them (recursion, direct or through a
 * helper) is taken not to reject: it runs the same body, so it can reject only through a step the
 * judgement under way checks anyway; the deepest call of a rejecting recursion rejects by such a step.
 * It is no evidence of handling either: the body still needs its own swallowing `try`, handled chain
 * or safe await (`async function retry() { return retry(); }` handles nothing).
 */
const underJudgement = new Set<FunctionNode>();

/** Whether `fn` is being judged right now (a recursive call of it needs no judgement of its own). */
export function isUnderJudgement(fn: FunctionNode): boolean {
  return underJudgement.has(fn);
}

function handlesOwnErrors(fn: FunctionNode, oracle: OwnErrorsOracle, followWrapper: boolean): boolean {
  return judgeOnce(underJudgement, fn, () => judgeHandlesOwnErrors(fn, oracle, followWrapper));
}

/**
 * Runs `judge` with `fn` marked as under judgement; a function already being judged answers yes, so
 * recursion through it neither loops nor decides the verdict.
 */
function judgeOnce<T>(judging: Set<T>, fn: T, judge: () => boolean): boolean {
  if (judging.has(fn)) return true;
  judging.add(fn);
  try {
    return judge();
  } finally {
    judging.delete(fn);
  }
}

function judgeHandlesOwnErrors(fn: FunctionNode, oracle: OwnErrorsOracle, followWrapper: boolean): boolean {
  if (fn.generator) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    return isSelfHandledValue(fn.body, oracle, followWrapper);
  }
  if (fn.async && awaitsAreCovered(fn.body, oracle)) return true;
  const statements = fn.body.body;
  const last = statements.at(-1);
  if (!last || !statements.slice(0, -1).every((statement) => isGuardStatement(statement, oracle))) return false;
  return isSelfHandlingEnd(last, fn.async, oracle, followWrapper);
}

/**
 * The statement a self-handling function ends with: `return task().catch(log);`, `await task();`
 * (a self-handling task), or `if (due) task();` around one of those.
 */
function isSelfHandlingEnd(last: TSESTree.Statement, isAsync: boolean, oracle: OwnErrorsOracle, followWrapper: boolean): boolean {
  switch (last.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return last.argument !== null && isSelfHandledValue(last.argument, oracle, followWrapper);
    case AST_NODE_TYPES.ExpressionStatement: {
      // `await task().catch(log);` ends an async function; `task().catch(log);` a plain one (which then
      // returns no promise at all, but may be the wrapper an async function's `await` reaches).
      const expression = skipExpressionWrappers(last.expression);
      const value = expression.type === AST_NODE_TYPES.AwaitExpression ? expression.argument : expression;
      return (isAsync || value !== expression || isHandledChainCall(value, oracle)) && isSelfHandledValue(value, oracle, followWrapper);
    }
    case AST_NODE_TYPES.IfStatement: {
      if (containsAwait(last.test) || last.alternate) return false;
      const consequent = last.consequent;
      const only = consequent.type === AST_NODE_TYPES.BlockStatement ? (consequent.body.length === 1 ? consequent.body[0]! : null) : consequent;
      return only !== null && only.type !== AST_NODE_TYPES.IfStatement && isSelfHandlingEnd(only, isAsync, oracle, followWrapper);
    }
    default:
      return false;
  }
}

function isLiteralLike(node: TSESTree.Expression): boolean {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.TemplateLiteral;
}

/** `task().catch(log)`, `task().then(use, log)`, or (one level) a call of a self-handling function. */
function isSelfHandledValue(node: TSESTree.Expression, oracle: OwnErrorsOracle, followWrapper: boolean): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return isSelfHandledValue(inner.argument, oracle, followWrapper);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isHandledChainCall(inner, oracle)) return true;
  if (!followWrapper || !oracle.resolveCall) return false;
  const target = oracle.resolveCall(inner);
  // A recursive call is no evidence: `function retry() { return retry(); }` handles nothing.
  return target !== null && !underJudgement.has(target) && handlesOwnErrors(target, oracle, false);
}

/**
 * `Promise.all(items.map(async (item) => { try { … } catch { … } }))`, or `Promise.all([a(), b()])`,
 * where every task handles its own errors or cannot reject (`oracle.isSafeAwait`): the combined promise
 * cannot reject either. `isGlobalPromise` says whether the `Promise` named is the global one.
 */
export function isAllOfSafeTasks(
  call: TSESTree.CallExpression,
  isGlobalPromise: (id: TSESTree.Identifier) => boolean,
  oracle: OwnErrorsOracle,
): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  const object = skipExpressionWrappers(callee.object);
  if ((method !== 'all' && method !== 'race') || object.type !== AST_NODE_TYPES.Identifier || !isGlobalPromise(object)) return false;
  const tasks = call.arguments[0];
  if (call.arguments.length !== 1 || !tasks || tasks.type === AST_NODE_TYPES.SpreadElement) return false;
  const inner = skipExpressionWrappers(tasks);
  // `const pending = []; … pending.push(task().catch(log)); … await Promise.all(pending);`
  if (inner.type === AST_NODE_TYPES.Identifier) {
    if (isListOfSafeTasks(inner, oracle)) return true;
    // `const promises = items.map(async (item) => { try … catch … }); await Promise.all(promises);`
    const mapped = getReadOnceConstInit(inner, oracle);
    return mapped !== null && isMapOfSafeTasks(mapped, oracle);
  }
  if (inner.type === AST_NODE_TYPES.ArrayExpression) {
    return (
      inner.elements.length > 0 &&
      inner.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && oracle.isSafeAwait?.(element) === true)
    );
  }
  return isMapOfSafeTasks(inner, oracle);
}

/**
 * The initialiser of a `const` read only here (`const promises = …; await Promise.all(promises)`): a
 * value nothing else can add to or take from. Null when the name is read or written anywhere else.
 */
function getReadOnceConstInit(id: TSESTree.Identifier, oracle: OwnErrorsOracle): TSESTree.Expression | null {
  const variable = oracle.resolveVariable?.(id) ?? null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || def.node.id !== def.name || !def.node.init) return null;
  const reads = variable.references.filter((reference) => reference.init !== true);
  return reads.length === 1 && reads[0]!.identifier === id ? skipExpressionWrappers(def.node.init) : null;
}

/** `items.map(fn)` where `fn` handles its own errors: an array of tasks that cannot reject. */
function isMapOfSafeTasks(inner: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const mapCallee = skipExpressionWrappers(inner.callee);
  const mapper = inner.arguments[0];
  if (mapCallee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(mapCallee) !== 'map') return false;
  if (!mapper || mapper.type === AST_NODE_TYPES.SpreadElement) return false;
  const fn = skipExpressionWrappers(mapper);
  return isFunctionNode(fn) && handlesOwnErrors(fn, oracle, true);
}

/** `return retry(next)` inside `retry`: a direct call of a function whose judgement is under way. */
function isRecursiveCall(value: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  const call = skipExpressionWrappers(value);
  const target = call.type === AST_NODE_TYPES.CallExpression && oracle.resolveCall ? oracle.resolveCall(call) : null;
  return target !== null && underJudgement.has(target);
}

/**
 * `await load().catch(() => null)`: a chain whose handler swallows settles without rejecting, as a
 * swallowing `try` around the `await` would; or what the oracle calls safe.
 */
function isSafeAwaitValue(value: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  return isHandledChainCall(value, oracle) || oracle.isSafeAwait?.(value) === true || isReadOfSafeTasks(value, oracle);
}

/** Lists whose judgement is under way: a list that holds a promise over itself is not proven safe. */
const listsUnderJudgement = new Set<TSESLint.Scope.Variable>();

/**
 * One element of a local list of safe tasks (`await pending.shift()`, `pending.pop()`, `pending.at(-1)`,
 * `pending[i]`): it is one of the tasks pushed, each of which handles its own errors, or `undefined`.
 */
export function isReadOfSafeTasks(value: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  if (!oracle.resolveVariable) return false;
  let inner = skipExpressionWrappers(value);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !LIST_ELEMENT_READS.has(getStaticPropertyName(callee) ?? '')) return false;
    inner = callee;
  } else if (inner.type !== AST_NODE_TYPES.MemberExpression || !inner.computed) {
    return false;
  }
  const list = skipExpressionWrappers(inner.object);
  return list.type === AST_NODE_TYPES.Identifier && isListOfSafeTasks(list, oracle);
}

/** Methods that hand back one element the list holds (or `undefined`) and add nothing to it. */
const LIST_ELEMENT_READS: ReadonlySet<string> = new Set(['shift', 'pop', 'at']);

/**
 * A local list whose every element is a task that handles its own errors (or cannot reject): a `const`
 * (or never reassigned) array literal of such tasks, usually empty, whose every other use is
 * `list.push(task)` / `list.unshift(task)` of such tasks (a handled chain, or a `const` holding one),
 * a read of one element (`shift()`, `pop()`, `at(i)`, `list[i]`), its `length`, iteration by `for…of`,
 * or `Promise.all(list)` / `Promise.race(list)`. Any other use (passed to a function, returned, stored,
 * spread, spliced into, an element assigned) may put anything in it: unknown, so not safe.
 */
function isListOfSafeTasks(id: TSESTree.Identifier, oracle: OwnErrorsOracle): boolean {
  const variable = oracle.resolveVariable?.(id) ?? null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return false;
  // An exported list may be filled by other modules.
  if (def.node.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const init = skipExpressionWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.ArrayExpression) return false;
  if (listsUnderJudgement.has(variable)) return false;
  listsUnderJudgement.add(variable);
  try {
    const isSafeTask = (element: TSESTree.Node | null): boolean =>
      element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isSafeTaskValue(element as TSESTree.Expression, oracle);
    if (!init.elements.every(isSafeTask)) return false;
    return variable.references.every((reference) => {
      if (reference.init === true) return true;
      if (reference.isWrite()) return false;
      return isSafeListUse(reference.identifier as TSESTree.Identifier, isSafeTask);
    });
  } finally {
    listsUnderJudgement.delete(variable);
  }
}

/** A task put into a list: a safe await value, or a `const` holding one (`const task = load().catch(log)`). */
function isSafeTaskValue(node: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return isSafeAwaitValue(inner, oracle);
  const variable = oracle.resolveVariable?.(inner) ?? null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return false;
  if (!variable.references.every((reference) => !reference.isWrite() || reference.init === true)) return false;
  const init = skipExpressionWrappers(def.node.init);
  return init.type !== AST_NODE_TYPES.Identifier && isSafeAwaitValue(init, oracle);
}

/** One use of a list of safe tasks that neither lets it escape nor puts anything else into it. */
function isSafeListUse(id: TSESTree.Identifier, isSafeTask: (element: TSESTree.Node | null) => boolean): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.ForOfStatement) return parent.right === id;
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    // `Promise.all(list)`, `Promise.race(list)`: reads the elements.
    const callee = skipExpressionWrappers(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    return (
      parent.arguments.length === 1 &&
      parent.arguments[0] === id &&
      (method === 'all' || method === 'race') &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Promise'
    );
  }
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== id) return false;
  if (parent.computed) return !isWriteTarget(parent);
  const name = getStaticPropertyName(parent);
  if (name === 'length') return true;
  const call = parent.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
  if (name !== null && LIST_ELEMENT_READS.has(name)) return true;
  return (name === 'push' || name === 'unshift') && call.arguments.every(isSafeTask);
}

/**
 * `list[i] = x`, `list[i]++`, `[list[i]] = …`: the member is written, not read. A member anywhere in a
 * `for…in/of` head counts too: what the loop does with it is not followed.
 */
function isWriteTarget(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return isWrittenMember(member) || parent.type === AST_NODE_TYPES.ForInStatement || parent.type === AST_NODE_TYPES.ForOfStatement;
}

/** The call a `.then`/`.catch`/`.finally` chain starts from (`load(key)` in `load(key).catch(h)`), if it is one. */
function getChainStart(node: TSESTree.Expression): TSESTree.CallExpression | null {
  let current = skipExpressionWrappers(node);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(current.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || (method !== 'then' && method !== 'catch' && method !== 'finally')) return current;
    current = skipExpressionWrappers(callee.object);
  }
  return null;
}

/** A `.catch(h)` or `.then(f, h)` whose handler swallows, possibly followed by `.finally(quiet)`. */
function isHandledChainCall(node: TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  const call = skipExpressionWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  const args = call.arguments;
  if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
  if (method === 'catch') return args.length >= 1 && isSwallowingHandler(args[0]!, oracle);
  if (method === 'then') return args.length >= 2 && isSwallowingHandler(args[1]!, oracle) && isQuietCallback(args[0]!, oracle);
  if (method === 'finally') return isQuietCallback(args[0], oracle) && isHandledChainCall(callee.object, oracle);
  return false;
}

/**
 * A rejection handler that does not pass the error on: a function whose body does not throw, await or
 * return something that can reject, or a reference (`console.error`, `this.onError`, `next`). A
 * reference could rethrow, but handing the error to a named handler is what handling it means.
 */
function isSwallowingHandler(argument: TSESTree.CallExpressionArgument, oracle: OwnErrorsOracle): boolean {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const handler = skipExpressionWrappers(argument);
  if (isFunctionNode(handler)) return !handler.generator && isQuietBody(handler.body, oracle);
  if (handler.type === AST_NODE_TYPES.Identifier) return handler.name !== 'undefined' && handler.name !== 'reject';
  if (handler.type === AST_NODE_TYPES.MemberExpression) return true;
  return false;
}

/** A fulfilment or `finally` callback that cannot reject the chain (absent counts as quiet). */
function isQuietCallback(argument: TSESTree.CallExpressionArgument | undefined, oracle: OwnErrorsOracle): boolean {
  if (!argument) return true;
  if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const callback = skipExpressionWrappers(argument);
  if (isFunctionNode(callback)) return !callback.generator && isQuietBody(callback.body, oracle);
  return callback.type === AST_NODE_TYPES.Identifier || callback.type === AST_NODE_TYPES.MemberExpression;
}

/** A statement before the final `try` that awaits nothing: a guard, an assertion, a declaration. */
function isGuardStatement(statement: TSESTree.Statement, oracle: OwnErrorsOracle): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.VariableDeclaration:
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.FunctionDeclaration:
      // `if (cached) return this.refresh();` returns a promise nobody handles on that path.
      return !containsAwait(statement) && !returnsUnawaitedPromise(statement, oracle);
    default:
      return false;
  }
}

/**
 * The body of an async function that cannot reject: at least one `try` with a swallowing `catch` or one
 * safe `await`, and every `await` (and `for await`) inside the block of such a `try` or awaiting
 * something safe. Outside
 * those blocks: `throw` only in guards before the first such `try` (assertions), and no `return` of
 * something that can reject. Synchronous statements around the `try` (`stream.end()`, bookkeeping) are
 * accepted, as guards and assertions are.
 */
function awaitsAreCovered(body: TSESTree.BlockStatement, oracle: OwnErrorsOracle): boolean {
  let ok = true;
  let sawTry = false;
  // `await setLanguage(lang); this.render();`: a safe await is as good as a swallowing try.
  let sawSafeAwait = false;
  const visit = (node: TSESTree.Node, covered: boolean): void => {
    if (!ok || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    switch (node.type) {
      case AST_NODE_TYPES.TryStatement:
        if (!covered && isSwallowingTry(node, oracle)) {
          sawTry = true;
          // The handler and finalizer were judged quiet by isSwallowingTry.
          visit(node.block, true);
          return;
        }
        break;
      case AST_NODE_TYPES.AwaitExpression:
        if (!covered && !isRecursiveCall(node.argument, oracle)) {
          if (isSafeAwaitValue(node.argument, oracle)) sawSafeAwait = true;
          else ok = false;
        }
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await && !covered) ok = false;
        break;
      case AST_NODE_TYPES.YieldExpression:
        ok = false;
        break;
      case AST_NODE_TYPES.ThrowStatement:
        if (!covered && (sawTry || sawSafeAwait)) ok = false;
        break;
      case AST_NODE_TYPES.ReturnStatement:
        // A recursive call is neither evidence of handling nor a way to reject (see underJudgement).
        if (covered || !node.argument || isRecursiveCall(node.argument, oracle)) break;
        // `return refresh();` settles as `return await refresh();` does: a safe call counts as a safe await.
        if (isSafeAwaitValue(skipExpressionWrappers(node.argument), oracle)) sawSafeAwait = true;
        else if (oracle.mayReject ? oracle.mayReject(node.argument) : !isLiteralLike(node.argument)) ok = false;
        break;
      default:
        break;
    }
    if (ok) forEachChild(node, (child) => visit(child, covered));
  };
  for (const statement of body.body) visit(statement, false);
  return ok && (sawTry || sawSafeAwait);
}

/** `try { … } catch { … }` with a non-empty block, a swallowing catch and a quiet finally. */
function isSwallowingTry(statement: TSESTree.TryStatement, oracle: OwnErrorsOracle): boolean {
  if (!statement.handler || statement.block.body.length === 0) return false;
  if (returnsUnawaitedPromise(statement.block, oracle)) return false;
  return isCatchThatSwallows(statement.handler, oracle) && (!statement.finalizer || isQuietBody(statement.finalizer, oracle));
}

/**
 * A `catch` that does not pass the error on: no `throw`, no `await` or `for await`, no call or
 * returned value that can reject (nested functions aside; a nested `try` whose own `catch` swallows
 * covers what its block does).
 */
export function isCatchThatSwallows(catchClause: TSESTree.CatchClause, oracle: OwnErrorsOracle = {}): boolean {
  return isQuietBody(catchClause.body, oracle);
}

function isQuietBody(body: TSESTree.BlockStatement | TSESTree.Expression, oracle: OwnErrorsOracle): boolean {
  const mayReject = oracle.mayReject;
  let quiet = true;
  const visit = (node: TSESTree.Node): void => {
    if (!quiet) return;
    switch (node.type) {
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.YieldExpression:
        quiet = false;
        return;
      case AST_NODE_TYPES.AwaitExpression:
        if (!isSafeAwaitValue(node.argument, oracle)) {
          quiet = false;
          return;
        }
        // `await load(key).catch(h)`: the handlers were judged; the call the chain starts from is
        // settled by them, its arguments are still looked at.
        if (isHandledChainCall(node.argument, oracle)) {
          for (const argument of getChainStart(node.argument)?.arguments ?? []) visit(argument);
          return;
        }
        // The awaited call is safe; its arguments are still looked at.
        if (node.argument.type === AST_NODE_TYPES.CallExpression) {
          forEachChild(node.argument, visit);
          return;
        }
        break;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) quiet = false;
        break;
      case AST_NODE_TYPES.TryStatement:
        if (node.handler && isQuietBody(node.handler.body, oracle) && (!node.finalizer || isQuietBody(node.finalizer, oracle))) {
          // What the nested block throws or awaits, its own swallowing catch handles.
          if (!returnsUnawaitedPromise(node.block, oracle)) return;
        }
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (mayReject ? mayReject(node) : false) {
          quiet = false;
          return;
        }
        break;
      case AST_NODE_TYPES.ReturnStatement:
        // `return Promise.reject(error)` passes the error on as surely as `throw error`.
        if (node.argument && (isPromiseReject(node.argument) || mayReject?.(node.argument))) quiet = false;
        break;
      default:
        if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    }
    forEachChild(node, visit);
  };
  if (body.type !== AST_NODE_TYPES.BlockStatement && mayReject?.(body)) return false;
  visit(body);
  return quiet;
}

/** `return save();` in the block of a `try`: the catch never sees that promise's rejection. */
function returnsUnawaitedPromise(block: TSESTree.Node, oracle: OwnErrorsOracle): boolean {
  if (!oracle.mayReject) return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const argument = skipExpressionWrappers(node.argument);
      if (argument.type !== AST_NODE_TYPES.AwaitExpression && oracle.mayReject!(argument)) {
        found = true;
        return;
      }
    }
    forEachChild(node, visit);
  };
  visit(block);
  return found;
}

function containsAwait(root: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) {
      found = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(root);
  return found;
}

// ---- the same questions on TypeScript's own tree (declarations in other files of the program) ----

/** The TypeScript-tree twin of `OwnErrorsOracle`, for a declaration the type checker resolved. */
export interface TsOwnErrorsOracle {
  mayReject?(node: ts.Expression): boolean;
  resolveCall?(call: ts.CallExpression): ts.Node | null;
  isSafeAwait?(value: ts.Expression): boolean;
  /** The symbol an identifier names (the checker's), for a local list of safe tasks; without it such lists are unknown. */
  symbolOf?(id: ts.Identifier): ts.Symbol | undefined;
}

type TsFunction = ts.FunctionDeclaration | ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction;

function asTsFunction(node: ts.Node | null | undefined): TsFunction | null {
  const ts = loadTypeScript();
  if (!node) return null;
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return node;
  // `start = async () => { … }` as a class field or `const start = async () => …`.
  if ((ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node)) && node.initializer) {
    return asTsFunction(skipTsWrappers(node.initializer));
  }
  return null;
}

/** `functionHandlesOwnErrors` on the declaration of a function in any file of the program. */
export function tsFunctionHandlesOwnErrors(declaration: ts.Node, oracle: TsOwnErrorsOracle = {}): boolean {
  const fn = asTsFunction(declaration);
  return fn !== null && tsHandlesOwnErrors(fn, oracle, true);
}

function isTsAsync(fn: TsFunction): boolean {
  const ts = loadTypeScript();
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** The TypeScript-tree twin of `underJudgement`. */
const tsUnderJudgement = new Set<TsFunction>();

function tsHandlesOwnErrors(fn: TsFunction, oracle: TsOwnErrorsOracle, followWrapper: boolean): boolean {
  return judgeOnce(tsUnderJudgement, fn, () => tsJudgeHandlesOwnErrors(fn, oracle, followWrapper));
}

/** `isRecursiveCall` on TypeScript's tree. */
function isTsRecursiveCall(value: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const call = skipTsWrappers(value);
  const target = ts.isCallExpression(call) && oracle.resolveCall ? asTsFunction(oracle.resolveCall(call)) : null;
  return target !== null && tsUnderJudgement.has(target);
}

/** `isSafeAwaitValue` on TypeScript's tree. */
function isTsSafeAwaitValue(value: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  return isTsHandledChainCall(value, oracle) || oracle.isSafeAwait?.(value) === true || isTsReadOfSafeTasks(value, oracle);
}

/** The TypeScript-tree twin of `listsUnderJudgement`. */
const tsListsUnderJudgement = new Set<ts.Symbol>();

/** `isReadOfSafeTasks` on TypeScript's tree. */
function isTsReadOfSafeTasks(value: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  if (!oracle.symbolOf) return false;
  const inner = skipTsWrappers(value);
  let list: ts.Expression;
  if (ts.isCallExpression(inner)) {
    const callee = skipTsWrappers(inner.expression);
    if (!ts.isPropertyAccessExpression(callee) || !LIST_ELEMENT_READS.has(callee.name.text)) return false;
    list = callee.expression;
  } else if (ts.isElementAccessExpression(inner)) {
    list = inner.expression;
  } else {
    return false;
  }
  list = skipTsWrappers(list);
  return ts.isIdentifier(list) && isTsListOfSafeTasks(list, oracle);
}

/** `isListOfSafeTasks` on TypeScript's tree: the checker's symbol tells the list's uses from other names. */
function isTsListOfSafeTasks(id: ts.Identifier, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const symbol = oracle.symbolOf?.(id);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || symbol.declarations?.length !== 1 || !declaration || !ts.isVariableDeclaration(declaration)) return false;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !ts.isVariableStatement(statement)) return false;
  if ((list.flags & ts.NodeFlags.Const) === 0) return false;
  // An exported list may be filled by other modules.
  if ((ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) !== 0) return false;
  const init = skipTsWrappers(declaration.initializer);
  if (!ts.isArrayLiteralExpression(init) || tsListsUnderJudgement.has(symbol)) return false;
  tsListsUnderJudgement.add(symbol);
  try {
    const isSafeTask = (element: ts.Expression): boolean => !ts.isSpreadElement(element) && isTsSafeTaskValue(element, oracle);
    if (!init.elements.every(isSafeTask)) return false;
    const name = declaration.name.text;
    // Every identifier spelled like the list in its scope: the list's own uses must each be safe, and a
    // shorthand property or export of that name (whose symbol is the property's) counts as an escape.
    const escapes = (node: ts.Node): boolean => {
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
        if (ts.isShorthandPropertyAssignment(node.parent) || ts.isExportSpecifier(node.parent)) return true;
        if (oracle.symbolOf?.(node) === symbol && !isTsSafeListUse(node, isSafeTask)) return true;
      }
      return ts.forEachChild(node, (child) => (escapes(child) ? true : undefined)) === true;
    };
    return !escapes(statement.parent);
  } finally {
    tsListsUnderJudgement.delete(symbol);
  }
}

/** `isSafeTaskValue` on TypeScript's tree. */
function isTsSafeTaskValue(node: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const inner = skipTsWrappers(node);
  if (!ts.isIdentifier(inner)) return isTsSafeAwaitValue(inner, oracle);
  const declaration = oracle.symbolOf?.(inner)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return false;
  const init = skipTsWrappers(declaration.initializer);
  return !ts.isIdentifier(init) && isTsSafeAwaitValue(init, oracle);
}

/** `isSafeListUse` on TypeScript's tree. */
function isTsSafeListUse(id: ts.Identifier, isSafeTask: (element: ts.Expression) => boolean): boolean {
  const ts = loadTypeScript();
  const parent = id.parent;
  if (ts.isForOfStatement(parent)) return parent.expression === id;
  if (ts.isCallExpression(parent)) {
    const callee = skipTsWrappers(parent.expression);
    return (
      parent.arguments.length === 1 &&
      parent.arguments[0] === id &&
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === 'all' || callee.name.text === 'race') &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Promise'
    );
  }
  if (ts.isElementAccessExpression(parent)) return parent.expression === id && !isTsWriteTarget(parent);
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== id) return false;
  const name = parent.name.text;
  if (name === 'length') return true;
  const call = parent.parent;
  if (!ts.isCallExpression(call) || call.expression !== parent) return false;
  if (LIST_ELEMENT_READS.has(name)) return true;
  return (name === 'push' || name === 'unshift') && call.arguments.every(isSafeTask);
}

/** `isWriteTarget` on TypeScript's tree. */
function isTsWriteTarget(node: ts.Expression): boolean {
  const ts = loadTypeScript();
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  if (ts.isDeleteExpression(parent)) return true;
  return ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isForOfStatement(parent) || ts.isForInStatement(parent);
}

function tsJudgeHandlesOwnErrors(fn: TsFunction, oracle: TsOwnErrorsOracle, followWrapper: boolean): boolean {
  const ts = loadTypeScript();
  if (fn.asteriskToken || !fn.body) return false;
  if (!ts.isBlock(fn.body)) return isTsSelfHandledValue(fn.body, oracle, followWrapper);
  const statements = fn.body.statements;
  const isAsync = isTsAsync(fn);
  if (isAsync && tsAwaitsAreCovered(fn.body, oracle)) return true;
  const last = statements.at(-1);
  if (!last || !statements.slice(0, -1).every((statement) => isTsGuardStatement(statement, oracle))) return false;
  return isTsSelfHandlingEnd(last, isAsync, oracle, followWrapper);
}

function isTsSelfHandlingEnd(last: ts.Statement, isAsync: boolean, oracle: TsOwnErrorsOracle, followWrapper: boolean): boolean {
  const ts = loadTypeScript();
  if (ts.isReturnStatement(last)) return last.expression !== undefined && isTsSelfHandledValue(last.expression, oracle, followWrapper);
  if (ts.isExpressionStatement(last)) {
    const expression = skipTsWrappers(last.expression);
    const value = ts.isAwaitExpression(expression) ? expression.expression : expression;
    return (isAsync || value !== expression || isTsHandledChainCall(value, oracle)) && isTsSelfHandledValue(value, oracle, followWrapper);
  }
  if (ts.isIfStatement(last) && !last.elseStatement && !tsContainsAwait(last.expression)) {
    const consequent = last.thenStatement;
    const only = ts.isBlock(consequent) ? (consequent.statements.length === 1 ? consequent.statements[0]! : null) : consequent;
    return only !== null && !ts.isIfStatement(only) && isTsSelfHandlingEnd(only, isAsync, oracle, followWrapper);
  }
  return false;
}

/** The TypeScript-tree twin of `awaitsAreCovered`. */
function tsAwaitsAreCovered(body: ts.Block, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  let ok = true;
  let sawTry = false;
  let sawSafeAwait = false;
  const visit = (node: ts.Node, covered: boolean): void => {
    if (!ok || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isTryStatement(node) && !covered && isTsSwallowingTry(node, oracle)) {
      sawTry = true;
      visit(node.tryBlock, true);
      return;
    }
    if (!covered) {
      if (ts.isAwaitExpression(node)) {
        if (isTsRecursiveCall(node.expression, oracle)) {
          // Neither evidence of handling nor a way to reject (see underJudgement).
        } else if (isTsSafeAwaitValue(node.expression, oracle)) sawSafeAwait = true;
        else ok = false;
      } else if (ts.isForOfStatement(node) && node.awaitModifier) ok = false;
      else if (ts.isThrowStatement(node) && (sawTry || sawSafeAwait)) ok = false;
      else if (ts.isReturnStatement(node) && node.expression) {
        const value = skipTsWrappers(node.expression);
        if (isTsRecursiveCall(value, oracle)) {
          // As for `await`.
        } else if (isTsSafeAwaitValue(value, oracle)) sawSafeAwait = true;
        else if (!ts.isIdentifier(value) && !ts.isLiteralExpression(value) && (oracle.mayReject?.(value) ?? true)) ok = false;
      }
    }
    if (ts.isYieldExpression(node)) ok = false;
    if (ok) ts.forEachChild(node, (child) => visit(child, covered));
  };
  for (const statement of body.statements) visit(statement, false);
  return ok && (sawTry || sawSafeAwait);
}

/** The TypeScript-tree twin of `isAllOfSafeTasks`, for declarations in other files. */
export function isTsAllOfSafeTasks(call: ts.CallExpression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const callee = skipTsWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'all' && callee.name.text !== 'race')) return false;
  const object = skipTsWrappers(callee.expression);
  if (!ts.isIdentifier(object) || object.text !== 'Promise') return false;
  const tasks = call.arguments[0];
  if (call.arguments.length !== 1 || !tasks || ts.isSpreadElement(tasks)) return false;
  const inner = skipTsWrappers(tasks);
  if (ts.isIdentifier(inner)) {
    if (isTsListOfSafeTasks(inner, oracle)) return true;
    const mapped = getTsReadOnceConstInit(inner, oracle);
    return mapped !== null && isTsMapOfSafeTasks(mapped, oracle);
  }
  if (ts.isArrayLiteralExpression(inner)) {
    return (
      inner.elements.length > 0 &&
      inner.elements.every((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element) && oracle.isSafeAwait?.(skipTsWrappers(element)) === true)
    );
  }
  return isTsMapOfSafeTasks(inner, oracle);
}

/** `getReadOnceConstInit` on TypeScript's tree: every identifier of that name in its scope is checked. */
function getTsReadOnceConstInit(id: ts.Identifier, oracle: TsOwnErrorsOracle): ts.Expression | null {
  const ts = loadTypeScript();
  const symbol = oracle.symbolOf?.(id);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || symbol.declarations?.length !== 1 || !declaration || !ts.isVariableDeclaration(declaration)) return null;
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer || (declaration.parent.flags & ts.NodeFlags.Const) === 0) return null;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) !== 0) return null;
  const name = declaration.name.text;
  const otherUse = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && node !== id) {
      if (ts.isShorthandPropertyAssignment(node.parent) || ts.isExportSpecifier(node.parent) || oracle.symbolOf?.(node) === symbol) return true;
    }
    return ts.forEachChild(node, (child) => (otherUse(child) ? true : undefined)) === true;
  };
  return otherUse(statement.parent) ? null : skipTsWrappers(declaration.initializer);
}

/** `isMapOfSafeTasks` on TypeScript's tree. */
function isTsMapOfSafeTasks(inner: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  if (!ts.isCallExpression(inner)) return false;
  const mapCallee = skipTsWrappers(inner.expression);
  const mapper = inner.arguments[0];
  if (!ts.isPropertyAccessExpression(mapCallee) || mapCallee.name.text !== 'map' || !mapper) return false;
  const fn = asTsFunction(skipTsWrappers(mapper));
  return fn !== null && tsHandlesOwnErrors(fn, oracle, true);
}

function isTsSelfHandledValue(node: ts.Expression, oracle: TsOwnErrorsOracle, followWrapper: boolean): boolean {
  const ts = loadTypeScript();
  const inner = skipTsWrappers(node);
  if (ts.isAwaitExpression(inner)) return isTsSelfHandledValue(inner.expression, oracle, followWrapper);
  if (!ts.isCallExpression(inner)) return false;
  if (isTsHandledChainCall(inner, oracle)) return true;
  if (!followWrapper || !oracle.resolveCall) return false;
  const target = asTsFunction(oracle.resolveCall(inner));
  return target !== null && !tsUnderJudgement.has(target) && tsHandlesOwnErrors(target, oracle, false);
}

function isTsHandledChainCall(node: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const call = skipTsWrappers(node);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipTsWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const args = call.arguments;
  if (args.some((argument) => ts.isSpreadElement(argument))) return false;
  switch (callee.name.text) {
    case 'catch':
      return args.length >= 1 && isTsSwallowingHandler(args[0]!, oracle);
    case 'then':
      return args.length >= 2 && isTsSwallowingHandler(args[1]!, oracle) && isTsQuietCallback(args[0], oracle);
    case 'finally':
      return isTsQuietCallback(args[0], oracle) && isTsHandledChainCall(callee.expression, oracle);
    default:
      return false;
  }
}

function isTsSwallowingHandler(argument: ts.Expression, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const handler = skipTsWrappers(argument);
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) return !handler.asteriskToken && isTsQuietBody(handler.body, oracle);
  if (ts.isIdentifier(handler)) return handler.text !== 'undefined' && handler.text !== 'reject';
  return ts.isPropertyAccessExpression(handler);
}

function isTsQuietCallback(argument: ts.Expression | undefined, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  if (!argument) return true;
  const callback = skipTsWrappers(argument);
  if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) return !callback.asteriskToken && isTsQuietBody(callback.body, oracle);
  return ts.isIdentifier(callback) || ts.isPropertyAccessExpression(callback);
}

function isTsGuardStatement(statement: ts.Statement, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  return (
    (ts.isIfStatement(statement) ||
      ts.isExpressionStatement(statement) ||
      ts.isVariableStatement(statement) ||
      ts.isEmptyStatement(statement) ||
      ts.isFunctionDeclaration(statement)) &&
    !tsContainsAwait(statement) &&
    !tsReturnsUnawaitedPromise(statement, oracle)
  );
}

function isTsSwallowingTry(statement: ts.TryStatement, oracle: TsOwnErrorsOracle): boolean {
  if (!statement.catchClause || statement.tryBlock.statements.length === 0) return false;
  if (tsReturnsUnawaitedPromise(statement.tryBlock, oracle)) return false;
  return isTsQuietBody(statement.catchClause.block, oracle) && (!statement.finallyBlock || isTsQuietBody(statement.finallyBlock, oracle));
}

function isTsQuietBody(body: ts.ConciseBody, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const mayReject = oracle.mayReject;
  if (!ts.isBlock(body) && mayReject?.(body)) return false;
  const loud = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isThrowStatement(node) || ts.isYieldExpression(node)) return true;
    if (ts.isAwaitExpression(node)) {
      if (!isTsSafeAwaitValue(node.expression, oracle)) return true;
      const awaited = skipTsWrappers(node.expression);
      if (isTsHandledChainCall(awaited, oracle)) {
        const start = getTsChainStart(awaited);
        return start !== null && start.arguments.some((argument) => loud(argument));
      }
      if (ts.isCallExpression(awaited)) return awaited.arguments.some((argument) => loud(argument)) || loud(awaited.expression);
    }
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    if (ts.isTryStatement(node) && node.catchClause && isTsQuietBody(node.catchClause.block, oracle)) {
      if ((!node.finallyBlock || isTsQuietBody(node.finallyBlock, oracle)) && !tsReturnsUnawaitedPromise(node.tryBlock, oracle)) return false;
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && mayReject?.(node)) return true;
    if (ts.isReturnStatement(node) && node.expression && mayReject?.(node.expression)) return true;
    return ts.forEachChild(node, (child) => (loud(child) ? true : undefined)) === true;
  };
  return !loud(body);
}

/** `getChainStart` on TypeScript's tree. */
function getTsChainStart(node: ts.Expression): ts.CallExpression | null {
  const ts = loadTypeScript();
  let current = skipTsWrappers(node);
  while (ts.isCallExpression(current)) {
    const callee = skipTsWrappers(current.expression);
    if (!ts.isPropertyAccessExpression(callee) || !['then', 'catch', 'finally'].includes(callee.name.text)) return current;
    current = skipTsWrappers(callee.expression);
  }
  return null;
}

function tsReturnsUnawaitedPromise(block: ts.Node, oracle: TsOwnErrorsOracle): boolean {
  const ts = loadTypeScript();
  const mayReject = oracle.mayReject;
  if (!mayReject) return false;
  const found = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isReturnStatement(node) && node.expression) {
      const argument = skipTsWrappers(node.expression);
      if (!ts.isAwaitExpression(argument) && mayReject(argument)) return true;
    }
    return ts.forEachChild(node, (child) => (found(child) ? true : undefined)) === true;
  };
  return found(block);
}

function tsContainsAwait(root: ts.Node): boolean {
  const ts = loadTypeScript();
  const found = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
    return ts.forEachChild(node, (child) => (found(child) ? true : undefined)) === true;
  };
  return found(root);
}

function skipTsWrappers(node: ts.Expression): ts.Expression {
  const ts = loadTypeScript();
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * Whether a `catch` can throw on purpose: a `throw` in its body that no inner `try … catch` intercepts
 * (nested functions run later and do not count), or a `return` of `Promise.reject(…)` in an async function.
 */
export function catchRethrows(catchClause: TSESTree.CatchClause): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseReject(node.argument)) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.TryStatement) {
      // A throw inside an inner try block with a catch lands in that catch, which is checked on its own.
      if (!node.handler) visit(node.block);
      else visit(node.handler.body);
      if (node.finalizer) visit(node.finalizer);
      return;
    }
    forEachChild(node, visit);
  };
  visit(catchClause.body);
  return found;
}

function isPromiseReject(node: TSESTree.Expression): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Promise' &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === 'reject'
  );
}
