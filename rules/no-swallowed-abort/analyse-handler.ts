import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { ABORT_ERROR_CODES, ABORT_ERROR_NAMES, TIMEOUT_ERROR_NAMES } from '../../src/knowledge/signal-apis.js';
import { getCalleeName, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';

/** What a path through a handler has learnt about the error: that it is an abort, a timeout, or nothing. */
export type Recognition = 'abort' | 'timeout' | null;

/** A way out of a handler that does not throw, found by assuming the error is the caller's abort. */
export interface NormalExit {
  /** The `return`, `continue` or `break` that leaves; null when control falls off the end. */
  node: TSESTree.Node | null;
  /** What the path had recognised when it left. */
  recognised: Recognition;
  /** The `if` whose branch recognised the abort on this path, when it was the consequent. */
  via: TSESTree.IfStatement | null;
}

export interface HandlerChecks {
  /** A call of a user helper that rethrows aborts (`abortCheckers`): as a statement it throws, as a test it is true. */
  isCheckerCall(call: TSESTree.CallExpression): boolean;
  /**
   * An awaited operation that is given the caller's signal (`sleep(ms, undefined, { signal })`): once the
   * signal has aborted it rejects at once, so a handler that awaits it cannot complete normally.
   */
  rejectsOnAbort(operation: TSESTree.Expression): boolean;
  /**
   * A returned value that reports the failure (`{ error }`, `new RequestError(…)`, `serverError(error)`):
   * the caller is told that the work failed, as result-value protocols require, so nothing is faked.
   */
  isErrorValue(value: TSESTree.Expression): boolean;
}

interface PathState {
  recognised: Recognition;
  via: TSESTree.IfStatement | null;
}

type Truth = 'true' | 'false' | 'unknown';

interface Verdict {
  truth: Truth;
  kind: Recognition;
}

const UNKNOWN: Verdict = { truth: 'unknown', kind: null };

/** Classes an abort error (a DOMException) or a custom abort reason may be an instance of. */
const BROAD_ERROR_CLASSES = new Set(['Error', 'DOMException', 'Object']);

/**
 * Every way the handler body can complete normally (return, continue, break out of it, or fall off its
 * end) on the assumption that the error is an abort of the caller's signal. Tests that recognise an abort
 * (`signal.aborted`, `err.name === 'AbortError'`, …) are true under that assumption, tests that name
 * another error (`err.code === 'ECONNRESET'`) false, anything else may go either way. Nested functions
 * are not entered; loops inside the handler are assumed to finish.
 */
export function findNormalExits(body: TSESTree.BlockStatement | TSESTree.Expression, checks: HandlerChecks): NormalExit[] {
  const exits: NormalExit[] = [];
  // Loops and switches inside the handler: an unlabelled `break` lands after the innermost one, a
  // `continue` in a loop of the handler stays inside it; otherwise they leave the handler.
  let loopDepth = 0;
  const breakTargets: PathState[][] = [];
  const start: PathState[] = [{ recognised: null, via: null }];

  const leave = (node: TSESTree.Node | null, states: readonly PathState[]): void => {
    for (const state of states) exits.push({ node, recognised: state.recognised, via: state.via });
  };

  const recognise = (states: readonly PathState[], kind: Recognition, via: TSESTree.IfStatement | null): PathState[] =>
    states.map((state) =>
      state.recognised === 'abort' || kind === null ? state : { recognised: kind, via: state.recognised === null ? via : state.via },
    );

  /** A returned value: a rejection rethrows; a conditional splits. */
  const returnValue = (node: TSESTree.Node, value: TSESTree.Expression | null, states: PathState[]): void => {
    if (states.length === 0) return;
    if (value === null) {
      leave(node, states);
      return;
    }
    const inner = skipExpressionWrappers(value);
    if (isRejection(inner) || isAwaitRejectingOnAbort(inner)) return;
    if (inner.type === AST_NODE_TYPES.AwaitExpression && isRejection(skipExpressionWrappers(inner.argument))) return;
    if (inner.type === AST_NODE_TYPES.ConditionalExpression) {
      const verdict = classify(inner.test);
      if (verdict.truth !== 'false') returnValue(node, inner.consequent, recognise(states, verdict.kind, null));
      if (verdict.truth !== 'true') returnValue(node, inner.alternate, verdict.truth === 'false' ? recognise(states, verdict.kind, null) : states);
      return;
    }
    if (checks.isErrorValue(inner)) return;
    // `if (signal.aborted) return { aborted: true }`: after recognising the abort, a result that says so
    // tells the caller it cancelled; the same value on a path that has not told abort from failure does not.
    leave(node, isAbortResult(inner) ? states.filter((state) => state.recognised !== 'abort') : states);
  };

  const runList = (statements: readonly TSESTree.Statement[], states: PathState[]): PathState[] => {
    let current = states;
    for (const statement of statements) {
      if (current.length === 0) break;
      current = run(statement, current);
    }
    return current;
  };

  const run = (statement: TSESTree.Statement, states: PathState[]): PathState[] => {
    switch (statement.type) {
      case AST_NODE_TYPES.ThrowStatement:
        return [];
      case AST_NODE_TYPES.ReturnStatement:
        returnValue(statement, statement.argument ?? null, states);
        return [];
      case AST_NODE_TYPES.BreakStatement: {
        const target = breakTargets.at(-1);
        if (statement.label || !target) leave(statement, states);
        else target.push(...states);
        return [];
      }
      case AST_NODE_TYPES.ContinueStatement:
        if (loopDepth === 0 || statement.label) leave(statement, states);
        return [];
      case AST_NODE_TYPES.ExpressionStatement:
        return terminates(statement.expression) ? [] : states;
      case AST_NODE_TYPES.VariableDeclaration:
        // `const delay = await sleep(ms, undefined, { signal })`: rejects there after an abort.
        return statement.declarations.some((declarator) => declarator.init !== null && isAwaitRejectingOnAbort(skipExpressionWrappers(declarator.init))) ? [] : states;
      case AST_NODE_TYPES.BlockStatement:
        return runList(statement.body, states);
      case AST_NODE_TYPES.IfStatement: {
        const verdict = classify(statement.test);
        const out: PathState[] = [];
        if (verdict.truth !== 'false') out.push(...run(statement.consequent, recognise(states, verdict.kind, statement)));
        if (verdict.truth !== 'true') {
          const elseStates = verdict.truth === 'false' ? recognise(states, verdict.kind, null) : states;
          out.push(...(statement.alternate ? run(statement.alternate, elseStates) : elseStates));
        }
        return dedupe(out);
      }
      case AST_NODE_TYPES.TryStatement: {
        const out = [...run(statement.block, states)];
        if (statement.handler) out.push(...run(statement.handler.body, states));
        if (!statement.finalizer) return dedupe(out);
        const afterFinally = run(statement.finalizer, states);
        return afterFinally.length === 0 ? [] : dedupe(out);
      }
      case AST_NODE_TYPES.LabeledStatement:
        return run(statement.body, states);
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        loopDepth += 1;
        breakTargets.push([]);
        run(statement.body, states);
        breakTargets.pop();
        loopDepth -= 1;
        return states;
      case AST_NODE_TYPES.SwitchStatement: {
        const chosen = chooseCase(statement);
        const broken: PathState[] = [];
        breakTargets.push(broken);
        let out: PathState[];
        if (chosen) {
          // switch (err.name) { case 'AbortError': … }: an abort enters at its case and falls through from there.
          const from = statement.cases.indexOf(chosen.entry);
          const consequents = statement.cases.slice(from).flatMap((switchCase) => switchCase.consequent);
          out = runList(consequents, recognise(states, chosen.kind, null));
        } else {
          let fallthrough: PathState[] = [];
          for (const switchCase of statement.cases) {
            fallthrough = runList(switchCase.consequent, dedupe([...fallthrough, ...states]));
          }
          out = [...fallthrough, ...states];
        }
        breakTargets.pop();
        return dedupe([...out, ...broken]);
      }
      default:
        return states;
    }
  };

  const isAwaitRejectingOnAbort = (expression: TSESTree.Expression): boolean =>
    expression.type === AST_NODE_TYPES.AwaitExpression && checks.rejectsOnAbort(skipExpressionWrappers(expression.argument));

  const terminates = (raw: TSESTree.Expression): boolean => {
    const expression = skipExpressionWrappers(raw);
    if (isAwaitRejectingOnAbort(expression)) return true;
    const call =
      expression.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(expression.argument) : expression;
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'throwIfAborted') return true;
    return checks.isCheckerCall(call);
  };

  const classify = (raw: TSESTree.Expression): Verdict => {
    const node = skipExpressionWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator !== '!') return UNKNOWN;
        return flip(classify(node.argument));
      case AST_NODE_TYPES.LogicalExpression: {
        const left = classify(node.left);
        const right = classify(node.right);
        if (node.operator === '&&') {
          if (left.truth === 'false' || right.truth === 'false') return { truth: 'false', kind: left.truth === 'false' ? left.kind : right.kind };
          // `err instanceof Error && err.name === 'AbortError'`: the recognising side decides.
          if (left.truth === 'true' || right.truth === 'true') return { truth: 'true', kind: strongest(left, right) };
          return UNKNOWN;
        }
        if (node.operator === '||') {
          if (left.truth === 'true' || right.truth === 'true') return { truth: 'true', kind: strongest(left, right) };
          if (left.truth === 'false' && right.truth === 'false') return { truth: 'false', kind: strongest(left, right) };
          return UNKNOWN;
        }
        return UNKNOWN;
      }
      case AST_NODE_TYPES.MemberExpression:
        return getStaticPropertyName(node) === 'aborted' ? { truth: 'true', kind: 'abort' } : UNKNOWN;
      case AST_NODE_TYPES.BinaryExpression:
        return classifyComparison(node);
      case AST_NODE_TYPES.CallExpression:
        return classifyCall(node);
      default:
        return UNKNOWN;
    }
  };

  const classifyCall = (call: TSESTree.CallExpression): Verdict => {
    if (checks.isCheckerCall(call)) return { truth: 'true', kind: 'abort' };
    const callee = skipExpressionWrappers(call.callee);
    const name = getCalleeName(call);
    if (name === null) return UNKNOWN;
    // isAbortError(err), axios.isCancel(err), isCancelledError(err): predicates named for what they recognise.
    if (/^is[A-Za-z]*(?:Abort|Cancel)/u.test(name)) return { truth: 'true', kind: 'abort' };
    if (/^is[A-Za-z]*Timeout/u.test(name)) return { truth: 'true', kind: 'timeout' };
    // ['AbortError', 'TimeoutError'].includes(err.name)
    if (name === 'includes' && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ArrayExpression) {
      const names = callee.object.elements.map((element) =>
        element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? element.value : null,
      );
      if (names.some((value) => value !== null && (ABORT_ERROR_NAMES.has(value) || ABORT_ERROR_CODES.has(value)))) return { truth: 'true', kind: 'abort' };
      if (names.some((value) => value !== null && TIMEOUT_ERROR_NAMES.has(value))) return { truth: 'true', kind: 'timeout' };
    }
    return UNKNOWN;
  };

  const classifyComparison = (node: TSESTree.BinaryExpression): Verdict => {
    if (node.operator === 'instanceof') {
      const right = skipExpressionWrappers(node.right);
      const name = getSimpleName(right);
      if (name !== null && /Abort|Cancel/u.test(name)) return { truth: 'true', kind: 'abort' };
      if (name !== null && /Timeout/u.test(name)) return { truth: 'true', kind: 'timeout' };
      // `err instanceof ForceRetryError`: an abort is a DOMException (or the caller's reason), not that class.
      if (name !== null && !BROAD_ERROR_CLASSES.has(name)) return { truth: 'false', kind: null };
      return UNKNOWN;
    }
    const negated = node.operator === '!==' || node.operator === '!=';
    if (!negated && node.operator !== '===' && node.operator !== '==') return UNKNOWN;
    const verdict = classifyEquality(node.left as TSESTree.Expression, node.right) ?? classifyEquality(node.right, node.left as TSESTree.Expression) ?? UNKNOWN;
    return negated ? flip(verdict) : verdict;
  };

  return finish();

  function finish(): NormalExit[] {
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const fallOff = runList(body.body, start);
      for (const state of fallOff) exits.push({ node: null, recognised: state.recognised, via: state.via });
    } else {
      returnValue(body, body, start);
    }
    return exits;
  }
}

/**
 * The case an abort enters in `switch (err.name)` / `switch (err.code)`: the abort's own case, else `default`
 * (other names are false for an abort); null when the switch is on something else or a case is not a string.
 */
function chooseCase(statement: TSESTree.SwitchStatement): { entry: TSESTree.SwitchCase; kind: Recognition } | null {
  const discriminant = skipExpressionWrappers(statement.discriminant);
  if (discriminant.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = getStaticPropertyName(discriminant);
  if (property !== 'name' && property !== 'code') return null;
  let fallback: TSESTree.SwitchCase | null = null;
  for (const switchCase of statement.cases) {
    if (switchCase.test === null) {
      fallback = switchCase;
      continue;
    }
    const value = getStringValue(switchCase.test);
    if (value === null) return null;
    if (ABORT_ERROR_NAMES.has(value) || ABORT_ERROR_CODES.has(value)) return { entry: switchCase, kind: 'abort' };
  }
  return fallback ? { entry: fallback, kind: null } : null;
}

/** `err.name === 'AbortError'`, `err.code === 'ABORT_ERR'`, `err === signal.reason`; a test of another error name is false. */
function classifyEquality(subject: TSESTree.Expression, other: TSESTree.Expression): Verdict | null {
  const left = skipExpressionWrappers(subject);
  const right = skipExpressionWrappers(other);
  if (right.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(right) === 'reason') return { truth: 'true', kind: 'abort' };
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = getStaticPropertyName(left);
  const value = getStringValue(right);
  if (value === null) return null;
  if (property === 'name') {
    if (ABORT_ERROR_NAMES.has(value)) return { truth: 'true', kind: 'abort' };
    if (TIMEOUT_ERROR_NAMES.has(value)) return { truth: 'true', kind: 'timeout' };
    return { truth: 'false', kind: null };
  }
  if (property === 'code') {
    if (ABORT_ERROR_CODES.has(value)) return { truth: 'true', kind: 'abort' };
    return { truth: 'false', kind: null };
  }
  return null;
}

function getStringValue(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function flip(verdict: Verdict): Verdict {
  if (verdict.truth === 'unknown') return verdict;
  return { truth: verdict.truth === 'true' ? 'false' : 'true', kind: verdict.kind };
}

function strongest(a: Verdict, b: Verdict): Recognition {
  if (a.kind === 'abort' || b.kind === 'abort') return 'abort';
  return a.kind ?? b.kind;
}

/** Keys under which a result value says the work was cancelled: `{ aborted: true }`, `{ cancelled: true }`. */
const ABORT_RESULT_KEYS: ReadonlySet<string> = new Set(['aborted', 'isAborted', 'cancelled', 'canceled', 'isCancelled', 'isCanceled']);

/** An object literal that records the abort: one of its own keys above set to `true`. */
function isAbortResult(node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      ABORT_RESULT_KEYS.has(property.key.name) &&
      property.value.type === AST_NODE_TYPES.Literal &&
      property.value.value === true,
  );
}

/** `Promise.reject(err)`: returning it rethrows. */
function isRejection(node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(callee) === 'reject' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise'
  );
}

function dedupe(states: PathState[]): PathState[] {
  const seen = new Set<string>();
  const out: PathState[] = [];
  for (const state of states) {
    const key = `${state.recognised}:${state.via?.range[0] ?? -1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(state);
  }
  return out;
}
