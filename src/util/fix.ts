import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

/**
 * Text for `keyword expr` (`await`, `void`) that keeps the program's meaning: the operand is
 * parenthesised when it binds more loosely than a unary operator (`await (a || b)`), and the result
 * is parenthesised when its place binds more tightly (`(await readFile(p)).toString()`).
 * Comments inside the expression are kept because its text is copied as is.
 */
export function prefixWithUnary(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, keyword: 'await' | 'void'): string {
  const text = sourceCode.getText(node);
  // Parentheses already around `node` stay outside the replaced range, so they cannot hold the operand together.
  const operand = needsParenthesesAsUnaryOperand(node) ? `(${text})` : text;
  const result = `${keyword} ${operand}`;
  return needsParenthesesAsUnaryResult(node) && !ASTUtils.isParenthesized(node, sourceCode) ? `(${result})` : result;
}

/** Replaces `node` with `keyword node`, as a fixer step. */
export function insertUnaryKeyword(
  sourceCode: TSESLint.SourceCode,
  fixer: TSESLint.RuleFixer,
  node: TSESTree.Node,
  keyword: 'await' | 'void',
): TSESLint.RuleFix {
  return fixer.replaceText(node, prefixWithUnary(sourceCode, node, keyword));
}

function needsParenthesesAsUnaryOperand(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.SequenceExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.YieldExpression:
      return true;
    default:
      return false;
  }
}

/** Places where an `await x` must be wrapped to stay one operand. */
function needsParenthesesAsUnaryResult(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    case AST_NODE_TYPES.ChainExpression:
      return needsParenthesesAsUnaryResult(parent);
    default:
      return false;
  }
}
