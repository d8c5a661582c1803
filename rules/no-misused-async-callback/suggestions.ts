import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { isIntrinsicAnyType, isIntrinsicErrorType } from '../../src/util/typescript.js';

import { chooseFreeName } from '../../src/util/add-import.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { prefixWithUnary } from '../../src/util/fix.js';
import { getExecutionContext, isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import type { PromiseDetector } from '../../src/util/is-promise.js';
import { isNeverReassigned } from '../../src/util/resolve-function.js';
import { forEachChild } from '../../src/util/walk.js';
import type { AsyncCallback } from './callback.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Fix = TSESLint.ReportFixFunction;

/**
 * `xs.forEach(async (x, i) => body)` → `for (const [i, x] of xs.entries()) body'`, inside an async
 * function only, when the loop means the same as the callback: `xs` is an array, the callback reads
 * neither `this` nor `arguments` nor the array argument, there is no `thisArg`, and every `return` is a
 * bare one at the callback's own loop level (it becomes `continue`).
 */
export function suggestForOf(context: Context, detector: PromiseDetector, call: TSESTree.CallExpression, callback: AsyncCallback): Fix | null {
  const sourceCode = context.sourceCode;
  const statement = call.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== call) return null;
  const loop = planLoop(context, detector, call, callback);
  if (!loop) return null;
  const fn = loop.fn;
  let body: string;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (!fn.async) return null;
    const returns = collectOwnReturns(fn);
    if (returns.some((ret) => ret.argument !== null || isInsideInnerLoop(ret, fn))) return null;
    body = replaceRanges(
      sourceCode.text,
      fn.body.range,
      returns.map((ret) => ({ range: ret.range, text: 'continue;' })),
    );
  } else {
    const expression = fn.body;
    const awaited = expression.type === AST_NODE_TYPES.AwaitExpression ? sourceCode.getText(expression) : prefixWithUnary(sourceCode, expression, 'await');
    const indent = lineIndent(sourceCode, statement);
    body = `{\n${indent}  ${awaited};\n${indent}}`;
  }
  if (!commentsOnlyInside(sourceCode, statement, fn.body)) return null;
  const text = `for (${loop.head}) ${body}`;
  return (fixer) => fixer.replaceText(statement, text);
}

/**
 * `const kept = xs.filter(async (x) => test(x))` → the answers awaited in a loop first, then a synchronous
 * `filter` on them. Offered where the statement holding the call can take a statement before it.
 */
export function suggestFilterFlags(context: Context, detector: PromiseDetector, call: TSESTree.CallExpression, callback: AsyncCallback): Fix | null {
  const sourceCode = context.sourceCode;
  const statement = getHostStatement(call);
  if (!statement) return null;
  const callee = skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
  if (!isPureReference(callee.object)) return null;
  const loop = planLoop(context, detector, call, callback);
  if (!loop) return null;
  const fn = loop.fn;
  const indent = lineIndent(sourceCode, statement);
  let before = '';
  let answer: TSESTree.Expression;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (!fn.async) return null;
    const statements = fn.body.body;
    const last = statements.at(-1);
    const returns = collectOwnReturns(fn);
    if (last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument || returns.length !== 1) return null;
    answer = last.argument;
    if (statements.length > 1) {
      const first = statements[0]!;
      before = `${sourceCode.text.slice(first.range[0], last.range[0]).trimEnd()}\n${indent}  `;
    }
  } else {
    answer = fn.body;
  }
  if (!commentsOnlyInside(sourceCode, statement, fn.body)) return null;
  const flags = chooseFreeName(sourceCode, 'keep');
  const awaited = answer.type === AST_NODE_TYPES.AwaitExpression ? sourceCode.getText(answer) : prefixWithUnary(sourceCode, answer, 'await');
  const annotation = /\.[cm]?tsx?$/.test(context.filename) ? ': unknown[]' : '';
  const loopText =
    `const ${flags}${annotation} = [];\n` +
    `${indent}for (${loop.head}) {\n` +
    `${indent}  ${before}${flags}.push(${awaited});\n` +
    `${indent}}\n${indent}`;
  const receiver = sourceCode.getText(callee.object);
  const filterText = `${receiver}.${getStaticPropertyName(callee)}((_, index) => ${flags}[index])`;
  return (fixer) => [fixer.insertTextBefore(statement, loopText), fixer.replaceText(call, filterText)];
}

/**
 * Wraps the listener's or timer callback's body in `try/catch` that routes the error: to the emitter's
 * `'error'` event when the receiver is a known EventEmitter, to `console.error` otherwise. An arrow that
 * only returns an async call becomes an async arrow that awaits it.
 */
export function suggestTryCatch(context: Context, callback: AsyncCallback, emitter: string | null): Fix | null {
  const sourceCode = context.sourceCode;
  const fn = callback.fn;
  if (!callback.direct || !fn) return null;
  const errorName = chooseFreeName(sourceCode, 'error');
  const handler = emitter ? `${emitter}.emit('error', ${errorName});` : `console.error(${errorName});`;
  const base = lineIndent(sourceCode, fn.body);
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (!fn.async) return null;
    const first = fn.body.body[0];
    const firstLineIndent = first ? lineIndent(sourceCode, first) : `${base}  `;
    const unit = first && first.loc.start.line !== fn.body.loc.start.line && firstLineIndent.length > base.length ? firstLineIndent.slice(base.length) : '  ';
    const inner = sourceCode.text.slice(fn.body.range[0] + 1, fn.body.range[1] - 1);
    const content = reindent(sourceCode, fn.body, inner, `${base}${unit}${unit}`, unit);
    const text = `{\n${base}${unit}try {\n${content}\n${base}${unit}} catch (${errorName}) {\n${base}${unit}${unit}${handler}\n${base}${unit}}\n${base}}`;
    return (fixer) => fixer.replaceText(fn.body, text);
  }
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return null;
  const expression = fn.body;
  const awaited = expression.type === AST_NODE_TYPES.AwaitExpression ? sourceCode.getText(expression) : prefixWithUnary(sourceCode, expression, 'await');
  const bodyRange: [number, number] = [
    ASTUtils.isParenthesized(expression, sourceCode) ? sourceCode.getTokenBefore(expression)!.range[0] : expression.range[0],
    ASTUtils.isParenthesized(expression, sourceCode) ? sourceCode.getTokenAfter(expression)!.range[1] : expression.range[1],
  ];
  const text = `{\n${base}  try {\n${base}    ${awaited};\n${base}  } catch (${errorName}) {\n${base}    ${handler}\n${base}  }\n${base}}`;
  return (fixer) => {
    const fixes = [fixer.replaceTextRange(bodyRange, text)];
    if (!fn.async) fixes.unshift(fixer.insertTextBefore(fn, 'async '));
    return fixes;
  };
}

// ---------------------------------------------------------------------------------------------------------

interface LoopPlan {
  fn: FunctionNode;
  /** `const x of xs` or `const [i, x] of xs.entries()`. */
  head: string;
}

/** The `for…of` head that iterates as the callback did, when the loop means the same; null otherwise. */
function planLoop(context: Context, detector: PromiseDetector, call: TSESTree.CallExpression, callback: AsyncCallback): LoopPlan | null {
  const sourceCode = context.sourceCode;
  const fn = callback.fn;
  if (!callback.direct || !fn || call.arguments.length !== 1 || call.optional) return null;
  if (getExecutionContext(call, sourceCode.ast.sourceType) !== 'async') return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return null;
  if (!isArray(sourceCode, detector, callee.object)) return null;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && usesThisOrArguments(fn)) return null;
  if (fn.params.length > 2 || usesVar(fn)) return null;
  const [itemParam, indexParam] = fn.params;
  const item = itemParam ? patternText(sourceCode, itemParam) : '_item';
  if (item === null) return null;
  const index = indexParam ? (indexParam.type === AST_NODE_TYPES.Identifier ? indexParam.name : null) : undefined;
  if (index === null) return null;
  const kind = sourceCode.getDeclaredVariables(fn).some((variable) => !isNeverReassigned(variable)) ? 'let' : 'const';
  const receiver = parenthesizeIfNeeded(sourceCode, callee.object);
  const head = index === undefined ? `${kind} ${item} of ${receiver}` : `${kind} [${index}, ${item}] of ${receiver}.entries()`;
  return { fn, head };
}

/** An array syntactically (literal, `Array.from`, `Object.keys`, array-returning methods, annotations) or by type. */
function isArray(sourceCode: TSESLint.SourceCode, detector: PromiseDetector, raw: TSESTree.Expression): boolean {
  const types = detector.typeServices;
  if (types) {
    try {
      const type = types.getType(raw);
      if (!isIntrinsicAnyType(type) && !isIntrinsicErrorType(type)) return types.checker.isArrayType(type) || types.checker.isTupleType(type);
    } catch {
      return false;
    }
  }
  return isArraySyntactically(sourceCode, raw, 0);
}

const ARRAY_RETURNING_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'split']);
const ARRAY_STATICS = new Set(['Array.from', 'Array.of', 'Object.keys', 'Object.values', 'Object.entries']);

function isArraySyntactically(sourceCode: TSESLint.SourceCode, raw: TSESTree.Expression, depth: number): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed) {
    if (ARRAY_STATICS.has(sourceCode.getText(node.callee))) return true;
    const method = getStaticPropertyName(node.callee);
    return method !== null && ARRAY_RETURNING_METHODS.has(method) && (method === 'split' || isArraySyntactically(sourceCode, node.callee.object, depth + 1));
  }
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return false;
  const id = def.name;
  if (id.type === AST_NODE_TYPES.Identifier && isArrayAnnotation(id.typeAnnotation?.typeAnnotation)) return true;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || !isNeverReassigned(variable)) return false;
  return isArraySyntactically(sourceCode, def.node.init, depth + 1);
}

function isArrayAnnotation(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSArrayType || type.type === AST_NODE_TYPES.TSTupleType) return true;
  if (type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly') return isArrayAnnotation(type.typeAnnotation);
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    (type.typeName.name === 'Array' || type.typeName.name === 'ReadonlyArray')
  );
}

/** The statement a `filter` result flows into directly: `const x = …;`, `x = …;`, `return …;`. */
function getHostStatement(call: TSESTree.CallExpression): TSESTree.Statement | null {
  const parent = call.parent;
  let statement: TSESTree.Node | null = null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call && parent.parent.declarations.length === 1) statement = parent.parent;
  else if (parent.type === AST_NODE_TYPES.ReturnStatement) statement = parent;
  else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === call && parent.parent.type === AST_NODE_TYPES.ExpressionStatement) {
    statement = parent.parent;
  }
  if (!statement) return null;
  const holder = statement.parent;
  if (holder?.type !== AST_NODE_TYPES.BlockStatement && holder?.type !== AST_NODE_TYPES.Program && holder?.type !== AST_NODE_TYPES.StaticBlock) return null;
  return statement as TSESTree.Statement;
}

/** `xs`, `this.items`, `state.list`: reading it twice gives the same array. */
function isPureReference(raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isPureReference(node.object);
}

/** The binding as written without its type annotation: `x`, `{ id, name }`; null for defaults and rest. */
function patternText(sourceCode: TSESLint.SourceCode, param: TSESTree.Parameter): string | null {
  if (param.type === AST_NODE_TYPES.Identifier) return param.name;
  if (param.type !== AST_NODE_TYPES.ObjectPattern && param.type !== AST_NODE_TYPES.ArrayPattern) return null;
  const end = param.typeAnnotation ? param.typeAnnotation.range[0] : param.range[1];
  return sourceCode.text.slice(param.range[0], end).trim();
}

function parenthesizeIfNeeded(sourceCode: TSESLint.SourceCode, node: TSESTree.Expression): string {
  const text = sourceCode.getText(node);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ThisExpression:
      return text;
    default:
      return `(${text})`;
  }
}

function collectOwnReturns(fn: FunctionNode): TSESTree.ReturnStatement[] {
  const returns: TSESTree.ReturnStatement[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node !== fn.body && (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody)) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
    forEachChild(node, visit);
  };
  visit(fn.body);
  return returns;
}

/** Inside a loop of the callback's own: a `continue` there would continue that loop instead. */
function isInsideInnerLoop(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      default:
        break;
    }
  }
  return false;
}

function usesThisOrArguments(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn.body && node.type !== AST_NODE_TYPES.ArrowFunctionExpression && isFunctionNode(node))) return;
    if (node.type === AST_NODE_TYPES.ThisExpression || (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments')) found = true;
    else forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** A `var` in the callback would move to the enclosing function's scope in the loop. */
function usesVar(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn.body && isFunctionNode(node))) return;
    if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'var') found = true;
    else forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** Every comment of the statement lies inside `inner` (which the suggestion copies as is). */
function commentsOnlyInside(sourceCode: TSESLint.SourceCode, statement: TSESTree.Node, inner: TSESTree.Node): boolean {
  return sourceCode.getCommentsInside(statement).every((comment) => comment.range[0] >= inner.range[0] && comment.range[1] <= inner.range[1]);
}

function replaceRanges(text: string, outer: readonly [number, number], edits: readonly { range: readonly [number, number]; text: string }[]): string {
  let result = '';
  let position = outer[0];
  for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    result += text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return result + text.slice(position, outer[1]);
}

/** The leading whitespace of the line `node` starts on. */
function lineIndent(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)![0];
}

/**
 * The body's lines, indented one level deeper. Lines inside a multi-line template literal keep their
 * text as is (their whitespace is part of the string).
 */
function reindent(sourceCode: TSESLint.SourceCode, body: TSESTree.BlockStatement, inner: string, singleLineIndent: string, unit: string): string {
  if (!inner.includes('\n')) return `${singleLineIndent}${inner.trim()}`;
  const frozenLines = new Set<number>();
  for (const token of sourceCode.getTokens(body)) {
    if (token.type === 'Template' && token.loc.start.line !== token.loc.end.line) {
      for (let line = token.loc.start.line + 1; line <= token.loc.end.line; line += 1) frozenLines.add(line);
    }
  }
  const lines = inner.split('\n');
  const firstLine = body.loc.start.line;
  const out: string[] = [];
  lines.forEach((line, offset) => {
    if (offset === 0 && line.trim() === '') return;
    if (offset === lines.length - 1 && line.trim() === '') return;
    const lineNumber = firstLine + offset;
    if (offset === 0) out.push(`${singleLineIndent}${line.trim()}`);
    else out.push(frozenLines.has(lineNumber) || line.trim() === '' ? line : `${unit}${line}`);
  });
  return out.join('\n');
}
