import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { resolveIdentifierFunction } from '../../src/util/resolve-function.js';

export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

export function isArrayFrom(callee: TSESTree.Node): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Array' &&
    getStaticPropertyName(callee) === 'from'
  );
}

/** A call of a same-file generator function (`function* tasks() { … }`). */
export function isGeneratorCall(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): boolean {
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : raw;
  const inner = skipExpressionWrappers(node as TSESTree.Expression);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const resolved = resolveIdentifierFunction(sourceCode, callee);
  return resolved?.fn?.generator === true && !resolved.fn.async;
}

/** How a message names a collection: its text when short, else its last property. */
export function describeExpression(sourceCode: { getText(node: TSESTree.Node): string }, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  if (text.length <= 40 && !text.includes('\n')) return text;
  const inner = node.type === AST_NODE_TYPES.SpreadElement ? node.argument : skipExpressionWrappers(node as TSESTree.Expression);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(inner);
    if (name !== null) return `….${name}`;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    const name = getSimpleName(callee);
    if (name !== null) return `….${name}(…)`;
  }
  return 'the collection';
}
