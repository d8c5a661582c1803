import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { PROMISE_COMBINATORS } from '../../src/knowledge/promise-apis.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import { isGlobalReference } from '../../src/util/resolve-function.js';

// Questions that need the file's text or scopes: names, indentation, ranges, the global `Promise`.
export function createSourceText(sourceCode: TSESLint.SourceCode) {
  return { isGlobalName, getClearFunction, getTypeofText, asyncAnchor, expressionRange, reindent, indentOf, isPromiseExecutor, isRaceElement };

  function isGlobalName(id: TSESTree.Identifier): boolean {
    return isGlobalReference(sourceCode, id);
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
}
