import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

/**
 * The expression behind TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and
 * `ChainExpression` (`a?.b()`): they do not change what the value is at run time.
 */
export function skipExpressionWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current: TSESTree.Expression = node;
  while (isExpressionWrapper(current)) current = current.expression;
  return current;
}

type ExpressionWrapper =
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSInstantiationExpression
  | TSESTree.ChainExpression;

const EXPRESSION_WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.ChainExpression,
]);

/** One of the wrappers `skipExpressionWrappers` looks through; for walking up from a wrapped value. */
export function isExpressionWrapper(node: TSESTree.Node): node is ExpressionWrapper {
  return EXPRESSION_WRAPPERS.has(node.type);
}

/**
 * The node whose parent decides what happens to `node`'s value: climbs through the same wrappers,
 * so `(save() as Promise<void>)!;` is judged by its ExpressionStatement.
 */
export function getOuterExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * The name a call is known by in messages: `save()`, `this.repo.save()`, `….save()` for long callees,
 * `(async () => {…})()` for an IIFE, and the start of the callee text for anything else that is long.
 */
export function describeCall(sourceCode: { getText(node: TSESTree.Node): string }, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const callee = call.callee;
  const text = sourceCode.getText(callee);
  const prefix = call.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
  if (text.length <= 40 && !text.includes('\n')) return `${prefix}${text}()`;
  const inner = skipExpressionWrappers(callee as TSESTree.Expression);
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
    return `${prefix}….${inner.property.name}()`;
  }
  if (inner.type === AST_NODE_TYPES.ArrowFunctionExpression || inner.type === AST_NODE_TYPES.FunctionExpression) {
    const head = `${inner.async ? 'async ' : ''}${inner.type === AST_NODE_TYPES.FunctionExpression ? `function${inner.id ? ` ${inner.id.name}` : ''}` : ''}`;
    const params = inner.params.length > 0 ? '(…)' : '()';
    const shape = inner.type === AST_NODE_TYPES.ArrowFunctionExpression ? `${head}${params} => {…}` : `${head}${params} {…}`;
    return `${prefix}(${shape.trimStart()})()`;
  }
  return `${prefix}${text.replace(/\s+/g, ' ').slice(0, 39)}…()`;
}

/** The name an expression is known by: `x` in `x`, `b` in `a.b`; null for anything else. */
export function getSimpleName(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(node);
  return null;
}

/** The name a call's callee is known by: `f` in `f()`, `m` in `a.b.m()`; null for computed or other callees. */
export function getCalleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  return getSimpleName(skipExpressionWrappers(call.callee as TSESTree.Expression));
}

/** The name of a property key: `a`, `'a'`, `#a`; null for computed or numeric keys. */
export function getKeyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return null;
}

/** `a.b` → 'b', `a['b']` → 'b', `a.#b` → '#b'; null for computed names that are not literal strings. */
export function getStaticPropertyName(member: TSESTree.MemberExpression): string | null {
  if (!member.computed) return getKeyName(member.property);
  const property = member.property;
  return property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string' ? property.value : null;
}

/** The outermost of the wrappers around `node` that leave its run-time value alone (`a?.b`, `x!`, `x as T`). */
export function climbWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.ChainExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** The member is the target of a write: assignment, update, `delete`, a destructuring or `for…in/of` target. */
export function isWrittenMember(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left === member;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete';
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.AssignmentPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left === member;
    case AST_NODE_TYPES.Property:
      return parent.value === member && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
    default:
      return false;
  }
}

/** The same expression written twice (`cache.value` and `cache.value`, `load(key)` and `load( key )`): equal tokens, layout and comments aside. */
export function haveSameTokens(sourceCode: Readonly<TSESLint.SourceCode>, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = sourceCode.getTokens(a);
  const right = sourceCode.getTokens(b);
  return left.length === right.length && left.every((token, index) => token.type === right[index]!.type && token.value === right[index]!.value);
}

/** A number known before run time: a literal, a `const`, simple arithmetic on them. */
export function getConstantNumber(sourceCode: Readonly<TSESLint.SourceCode>, raw: TSESTree.Node): number | null {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return null;
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  const result = ASTUtils.getStaticValue(node, sourceCode.getScope(node));
  return result && typeof result.value === 'number' && Number.isFinite(result.value) ? result.value : null;
}
