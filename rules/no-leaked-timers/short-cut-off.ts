import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getConstantNumber, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import type { RaceInfo } from './types.js';

/**
 * The longest delay, in milliseconds, below which a resolve-only race timer is a latency budget rather than
 * a leak: `Promise.race([lookup(), new Promise((r) => setTimeout(() => r(null), 100))])`. Once the work wins,
 * such a timer can only resolve a promise that has already settled, holds nothing but that `resolve`, and is
 * gone within the second; under load at most one second's worth of calls has one armed. A second or more
 * is a deadline someone waits on, and its timer is reported as before.
 */
export const SHORT_CUT_OFF_MS = 1000;

/** Race timers that cost nothing worth a report: short cut-offs that only resolve. */
export function createShortCutOffAnalysis(sourceCode: TSESLint.SourceCode) {
  return { isShortResolveOnlyCutOff, isShortDelay, isInert };

  /**
   * `setTimeout(resolve, 80)` or `setTimeout(() => resolve(fallback), 500)` in the executor of a raced
   * promise, where `resolve` is the executor's first parameter, the callback does nothing else, the value
   * it resolves with has no side effect, and the delay is known to be under `SHORT_CUT_OFF_MS`.
   */
  function isShortResolveOnlyCutOff(call: TSESTree.CallExpression, race: RaceInfo): boolean {
    const [callback, delay] = call.arguments;
    if (!callback || !delay || callback.type === AST_NODE_TYPES.SpreadElement || !isShortDelay(delay)) return false;
    const resolve = race.executor.params[0];
    if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
    // Extra arguments are handed to the callback: `setTimeout(resolve, 80, null)`.
    const extra = call.arguments.slice(2);
    if (!extra.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isInert(argument))) return false;
    const isResolve = (node: TSESTree.Node): boolean => {
      const inner = skipExpressionWrappers(node as TSESTree.Expression);
      return inner.type === AST_NODE_TYPES.Identifier && inner.name === resolve.name && refersTo(inner, resolve);
    };
    if (isResolve(callback)) return true;
    const fn = skipExpressionWrappers(callback);
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const body = fn.body;
    let expression: TSESTree.Node;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      if (body.body.length !== 1 || body.body[0]!.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      expression = body.body[0]!.expression;
    } else expression = body;
    const resolveCall = skipExpressionWrappers(expression as TSESTree.Expression);
    if (resolveCall.type !== AST_NODE_TYPES.CallExpression || !isResolve(resolveCall.callee) || resolveCall.arguments.length > 1) return false;
    const value = resolveCall.arguments[0];
    return value === undefined || (value.type !== AST_NODE_TYPES.SpreadElement && isInert(value));
  }

  /**
   * A delay known to be under `SHORT_CUT_OFF_MS`: a number known before run time (a literal, a `const`,
   * arithmetic on them), or a parameter whose default is one, of a function of this file that is not
   * exported and whose every call leaves that argument out or passes such a number (`function race(work,
   * ms = 100)` called as `race(load())`).
   */
  function isShortDelay(raw: TSESTree.Node, depth = 0): boolean {
    const known = getConstantNumber(sourceCode, raw);
    if (known !== null) return known < SHORT_CUT_OFF_MS;
    const node = skipExpressionWrappers(raw as TSESTree.Expression);
    if (node.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Parameter' || !isFunctionNode(def.node)) return false;
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
    const fn = def.node;
    const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name);
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.AssignmentPattern) return false;
    const fallback = getConstantNumber(sourceCode, param.right);
    if (fallback === null || fallback >= SHORT_CUT_OFF_MS) return false;
    return everyCallKeepsShort(fn, index, depth);
  }

  function everyCallKeepsShort(fn: FunctionNode, index: number, depth: number): boolean {
    const holder = fn.parent;
    let id: TSESTree.Identifier | null = null;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
    else if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === fn && holder.id.type === AST_NODE_TYPES.Identifier) id = holder.id;
    if (!id) return false;
    const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : holder.parent;
    if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(declaration ?? fn), id);
    if (!variable) return false;
    return variable.references.every((reference) => {
      if (reference.init) return true;
      const parent = reference.identifier.parent;
      if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return false;
      if (parent.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
      const argument = parent.arguments[index];
      return argument === undefined || isShortDelay(argument, depth + 1);
    });
  }

  function refersTo(id: TSESTree.Identifier, param: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    return variable?.defs.some((def) => def.name === param) ?? false;
  }
}

/** A value whose evaluation does nothing: a literal, a name, `undefined`, or arrays and objects of those. */
function isInert(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return (node.operator === '-' || node.operator === 'void' || node.operator === '!') && isInert(node.argument);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isInert(element));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every(
        (property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.kind === 'init' && isInert(property.value),
      );
    default:
      return false;
  }
}
