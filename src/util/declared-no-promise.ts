import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { skipExpressionWrappers } from './ast.js';
import type { TypeServices } from './get-type-services.js';
import { safely } from './safe-checker.js';
import { loadTypeScript } from './typescript.js';

/**
 * Whether a call of an imported function (`isRunningInBrowser()`, `if (isAbortError(error))`) is surely
 * neither a promise nor an array of promises, read from the declaration the import names, not from
 * types: a function (or a `const` arrow or function expression) that is not async nor a generator, with
 * one declaration, whose written return type has no room for a promise (`boolean`, `void`, a type
 * predicate, literals), or, without one, whose every `return` is a value syntax settles (`typeof w !==
 * 'undefined'`, `!x`, a literal). The same facts `isSurelyNotPromise` reads for a same-file function.
 *
 * Why: the callee's type costs the checker the imported module's declaration, and an unannotated one
 * its whole body (the return type is inferred from it), while the symbol look-up only follows the
 * import (issue 12 §3). Anything else, and any checker failure, answers false: the checker decides.
 */
export function isDeclaredNoPromiseCall(services: TypeServices, node: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const callee = call.callee;
  let answer = answers.get(callee);
  if (answer === undefined) {
    answer = safely(false, () => judgeCallee(services, callee));
    answers.set(callee, answer);
  }
  return answer;
}

const answers = new WeakMap<TSESTree.Identifier, boolean>();
const judged = new WeakMap<ts.Node, boolean>();

function judgeCallee(services: TypeServices, callee: TSESTree.Identifier): boolean {
  const ts = loadTypeScript();
  const tsCallee = services.getTsNode(callee);
  if (!tsCallee) return false;
  // Only imports: a same-file function is the syntactic detector's to judge, by scope.
  const local = services.checker.getSymbolAtLocation(tsCallee);
  if (!local || (local.flags & ts.SymbolFlags.Alias) === 0) return false;
  const symbol = services.checker.getAliasedSymbol(local);
  const declarations = symbol?.declarations;
  if (!symbol || declarations?.length !== 1) return false;
  const fn = functionOf(declarations[0]!);
  if (!fn) return false;
  let answer = judged.get(fn);
  if (answer === undefined) {
    answer = returnsNoPromise(fn);
    judged.set(fn, answer);
  }
  return answer;
}

/** The function a declaration declares: a function declaration, or a `const` without annotation holding an arrow or function expression. */
function functionOf(declaration: ts.Declaration): ts.FunctionLikeDeclaration | null {
  const ts = loadTypeScript();
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (!ts.isVariableDeclaration(declaration) || declaration.type || !declaration.initializer) return null;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return null;
  let init = declaration.initializer;
  while (ts.isParenthesizedExpression(init)) init = init.expression;
  return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : null;
}

function returnsNoPromise(fn: ts.FunctionLikeDeclaration): boolean {
  const ts = loadTypeScript();
  if (fn.asteriskToken || fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  if (fn.type) return !mayHoldPromise(fn.type);
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isPlainValue(body);
  let plain = true;
  const visit = (node: ts.Node): void => {
    if (!plain || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression && !isPlainValue(node.expression)) plain = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return plain;
}

/** A written type with no room for a promise nor an array of them: keywords, literals, type predicates, unions of those. */
function mayHoldPromise(type: ts.TypeNode): boolean {
  const ts = loadTypeScript();
  switch (type.kind) {
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.SymbolKeyword:
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.TemplateLiteralType:
    case ts.SyntaxKind.TypePredicate:
      return false;
    case ts.SyntaxKind.ParenthesizedType:
      return mayHoldPromise((type as ts.ParenthesizedTypeNode).type);
    case ts.SyntaxKind.UnionType:
      return (type as ts.UnionTypeNode).types.some(mayHoldPromise);
    default:
      return true;
  }
}

const PRIMITIVE_OPERATORS = new Set<number>();

/**
 * A value syntax proves is neither a promise nor an array of them: a literal, a template, a unary or
 * binary operator's primitive (`typeof x`, `!x`, `a === b`, `a + b`), `&&` / `||` / `??` / `?:` / `,`
 * of such values, a function. (`undefined` is left out: a name can be shadowed.)
 */
function isPlainValue(node: ts.Expression): boolean {
  const ts = loadTypeScript();
  if (PRIMITIVE_OPERATORS.size === 0) {
    for (const kind of [
      ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
      ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.InKeyword,
      ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken,
      ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken, ts.SyntaxKind.LessThanLessThanToken,
      ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
      ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
    ]) {
      PRIMITIVE_OPERATORS.add(kind);
    }
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return true;
    case ts.SyntaxKind.ParenthesizedExpression:
      return isPlainValue((node as ts.ParenthesizedExpression).expression);
    case ts.SyntaxKind.ConditionalExpression: {
      const conditional = node as ts.ConditionalExpression;
      return isPlainValue(conditional.whenTrue) && isPlainValue(conditional.whenFalse);
    }
    case ts.SyntaxKind.BinaryExpression: {
      const binary = node as ts.BinaryExpression;
      const operator = binary.operatorToken.kind;
      if (PRIMITIVE_OPERATORS.has(operator)) return true;
      if (operator === ts.SyntaxKind.CommaToken) return isPlainValue(binary.right);
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken
      ) {
        return isPlainValue(binary.left) && isPlainValue(binary.right);
      }
      return false;
    }
    default:
      return false;
  }
}
