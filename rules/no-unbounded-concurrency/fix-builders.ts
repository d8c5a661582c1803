/**
 * The suggestions: run the mapped work through p-map or a p-limit limiter (in ES modules whose package lists
 * the library), or rewrite the statement as a loop that awaits one chunk at a time.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import { chooseFreeName, planImport } from '../../src/util/add-import.js';
import { skipExpressionWrappers } from '../../src/util/ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { resolveIdentifierFunction } from '../../src/util/resolve-function.js';
import { forEachChild } from '../../src/util/walk.js';
import type { MessageId } from '../no-unbounded-concurrency.js';
import { isArrayTyped } from '../../src/util/collection-bound.js';
import { isEsModule, packageListsDependency } from './package-json.js';
import { describeExpression, isWithin } from './syntax.js';
import type { MappedCollection } from './types.js';

export interface SuggestionSettings {
  sourceCode: TSESLint.SourceCode;
  filename: string;
  sourceType: string | undefined;
  services: TypeServices | null;
  fixLibrary: 'p-map' | 'p-limit' | 'none';
  fixConcurrency: number;
}

type ChunkTarget =
  | { kind: 'discard'; statement: TSESTree.ExpressionStatement }
  | { kind: 'assign'; statement: TSESTree.ExpressionStatement; left: TSESTree.Node }
  | { kind: 'declare'; statement: TSESTree.VariableDeclaration; id: TSESTree.Node; declarationKind: string }
  | { kind: 'declareDirect'; statement: TSESTree.VariableDeclaration; name: string; declarationKind: string };

/** The suggestions for a report whose collection is mapped right inside the combinator call. */
export function createSuggestionBuilder(settings: SuggestionSettings) {
  const { sourceCode, filename, sourceType, services, fixLibrary, fixConcurrency } = settings;
  return buildSuggestions;

  function buildSuggestions(
    call: TSESTree.CallExpression,
    method: string,
    mapped: MappedCollection,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
    const suggestions: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
    if (!isSuggestible(call, mapped)) return suggestions;
    const arity = getCallbackArity(mapped.callback, services, sourceCode);
    if (fixLibrary === 'p-map') {
      const suggestion = suggestPMap(call, method, mapped, arity);
      if (suggestion) suggestions.push(suggestion);
    } else if (fixLibrary === 'p-limit') {
      const suggestion = suggestPLimit(call, mapped, arity);
      if (suggestion) suggestions.push(suggestion);
    }
    const chunked = suggestChunks(call, method, mapped, arity);
    if (chunked) suggestions.push(chunked);
    return suggestions;
  }

  /** The plain shapes the rewrites understand, with no comment that a rewrite would drop. */
  function isSuggestible(call: TSESTree.CallExpression, mapped: MappedCollection): boolean {
    if (call.arguments.length !== 1 || call.arguments[0] !== mapped.call || call.optional) return false;
    if (mapped.call.optional || mapped.call.arguments.length !== (mapped.method === 'from' ? 2 : 1)) return false;
    if (mapped.callback.type === AST_NODE_TYPES.SpreadElement) return false;
    const kept = [mapped.receiver, mapped.callback];
    return sourceCode
      .getCommentsInside(call)
      .every((comment) => kept.some((node) => comment.range[0] >= node.range[0] && comment.range[1] <= node.range[1]));
  }

  function canImport(moduleName: string): boolean {
    return isEsModule(filename, sourceCode, sourceType) && packageListsDependency(filename, moduleName);
  }

  function suggestPMap(
    call: TSESTree.CallExpression,
    method: string,
    mapped: MappedCollection,
    arity: number | null,
  ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
    // p-map resolves to the array of results, like `Promise.all`; the other combinators' results differ.
    if (method !== 'all' || mapped.method === 'flatMap') return null;
    // p-map calls the mapper with (element, index): a callback reading the array argument would change.
    if (arity !== null && arity > 2) return null;
    // `Array.from({ length: n }, …)` takes an array-like, which p-map cannot iterate.
    if (mapped.method === 'from' && skipExpressionWrappers(mapped.receiver).type === AST_NODE_TYPES.ObjectExpression) return null;
    if (!canImport('p-map')) return null;
    return {
      messageId: 'boundWithPMap',
      data: { concurrency: String(fixConcurrency) },
      fix(fixer) {
        const plan = planImport(sourceCode, { module: 'p-map', name: 'default', localName: 'pMap' }, sourceType);
        const text = `${plan.reference}(${argumentText(mapped.receiver)}, ${argumentText(mapped.callback)}, { concurrency: ${fixConcurrency} })`;
        return [fixer.replaceText(call, text), ...plan.fix(fixer)];
      },
    };
  }

  function suggestPLimit(
    call: TSESTree.CallExpression,
    mapped: MappedCollection,
    arity: number | null,
  ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
    if (mapped.method === 'flatMap') return null;
    const statement = getInsertionStatement(call);
    if (!statement || !canImport('p-limit')) return null;
    const callback = mapped.callback as TSESTree.Expression;
    const limitName = chooseFreeName(sourceCode, 'limit');
    const wrapped = wrapInLimiter(callback, limitName, arity);
    if (wrapped === null) return null;
    return {
      messageId: 'boundWithPLimit',
      data: { concurrency: String(fixConcurrency) },
      fix(fixer) {
        const plan = planImport(sourceCode, { module: 'p-limit', name: 'default', localName: 'pLimit' }, sourceType);
        const indent = getIndent(statement);
        return [
          fixer.insertTextBefore(statement, `const ${limitName} = ${plan.reference}(${fixConcurrency});\n${indent}`),
          fixer.replaceText(callback, wrapped),
          ...plan.fix(fixer),
        ];
      },
    };
  }

  /** `(x) => work(x)` → `(x) => limit(() => work(x))`; a named function of known arity gets an arrow around it. */
  function wrapInLimiter(callback: TSESTree.Expression, limitName: string, arity: number | null): string | null {
    if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      if (callback.typeParameters || callback.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return null;
      const params = callback.params.map((param) => sourceCode.getText(param)).join(', ');
      const returnType = callback.returnType ? sourceCode.getText(callback.returnType) : '';
      const body = sourceCode.getText(callback.body);
      const inner = callback.body.type === AST_NODE_TYPES.ObjectExpression ? `(${body})` : body;
      return `(${params})${returnType} => ${limitName}(${callback.async ? 'async ' : ''}() => ${inner})`;
    }
    if (callback.type !== AST_NODE_TYPES.Identifier || arity === null || arity > 2) return null;
    const names = ['item', 'index'].slice(0, arity).map((name) => chooseFreeName(sourceCode, name));
    return `(${names.join(', ')}) => ${limitName}(() => ${callback.name}(${names.join(', ')}))`;
  }

  function suggestChunks(
    call: TSESTree.CallExpression,
    method: string,
    mapped: MappedCollection,
    arity: number | null,
  ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
    // Chunks keep `Promise.all`/`allSettled` results in order; for `any`/`race` they would change the answer.
    if (method !== 'all' && method !== 'allSettled') return null;
    if (mapped.method === 'from') return null;
    // Inside a chunk the callback's index and array arguments would be the chunk's.
    if (arity === null || arity > 1) return null;
    const awaited = call.parent;
    if (awaited.type !== AST_NODE_TYPES.AwaitExpression || awaited.argument !== call) return null;
    const target = getChunkTarget(awaited);
    if (!target) return null;
    const receiver = mapped.receiver;
    // The loop reads `.length` and `.slice()`: with types, make sure the receiver is an array.
    if (services && !isArrayTyped(services, receiver)) return null;
    return {
      messageId: 'processInChunks',
      data: { collection: describeExpression(sourceCode, receiver), concurrency: String(fixConcurrency) },
      fix(fixer) {
        const indent = getIndent(target.statement);
        const unit = detectIndentUnit(sourceCode);
        const lines: string[] = [];
        let collection = sourceCode.getText(receiver);
        if (!isStableReference(receiver)) {
          const items = chooseFreeName(sourceCode, 'items');
          lines.push(`const ${items} = ${argumentText(receiver)};`);
          collection = items;
        } else if (needsParenthesesAsObject(receiver)) {
          collection = `(${collection})`;
        }
        const i = chooseFreeName(sourceCode, 'i');
        const chunk = `${sourceCode.getText(call.callee)}(${collection}.slice(${i}, ${i} + ${fixConcurrency}).${mapped.method}(${sourceCode.getText(mapped.callback)}))`;
        let results: string | null = null;
        if (target.kind !== 'discard') {
          results = target.kind === 'declareDirect' ? target.name : chooseFreeName(sourceCode, 'results');
          lines.push(`${target.kind === 'declareDirect' ? target.declarationKind : 'const'} ${results} = [];`);
        }
        lines.push(`for (let ${i} = 0; ${i} < ${collection}.length; ${i} += ${fixConcurrency}) {`);
        lines.push(results === null ? `${unit}await ${chunk};` : `${unit}${results}.push(...(await ${chunk}));`);
        lines.push('}');
        if (target.kind === 'declare') lines.push(`${target.declarationKind} ${sourceCode.getText(target.id)} = ${results};`);
        if (target.kind === 'assign') lines.push(`${sourceCode.getText(target.left)} = ${results};`);
        return fixer.replaceText(target.statement, lines.join(`\n${indent}`));
      },
    };
  }

  /** Where the awaited result goes: a statement we can replace by a loop. */
  function getChunkTarget(awaited: TSESTree.AwaitExpression): ChunkTarget | null {
    const parent = awaited.parent;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) {
      return isStatementListMember(parent) ? { kind: 'discard', statement: parent } : null;
    }
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.operator === '=' &&
      parent.right === awaited &&
      parent.parent.type === AST_NODE_TYPES.ExpressionStatement &&
      isStatementListMember(parent.parent) &&
      hasNoComments(parent.parent, [awaited])
    ) {
      return { kind: 'assign', statement: parent.parent, left: parent.left };
    }
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== awaited) return null;
    const declaration = parent.parent;
    if (
      declaration.declarations.length !== 1 ||
      declaration.declare ||
      (declaration.kind !== 'const' && declaration.kind !== 'let' && declaration.kind !== 'var') ||
      !isStatementListMember(declaration) ||
      !hasNoComments(declaration, [awaited])
    ) {
      return null;
    }
    const id = parent.id;
    if (id.type === AST_NODE_TYPES.Identifier && !id.typeAnnotation && isUsedOnlyInItsFunction(id, awaited)) {
      return { kind: 'declareDirect', statement: declaration, name: id.name, declarationKind: declaration.kind };
    }
    return { kind: 'declare', statement: declaration, id, declarationKind: declaration.kind };
  }

  /**
   * A declared name whose every reference sits in the declaring function, outside the awaited call:
   * an evolving `const x = []` types well there (a closure would see `any[]`).
   */
  function isUsedOnlyInItsFunction(id: TSESTree.Identifier, awaited: TSESTree.AwaitExpression): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    if (!variable) return false;
    const home = getEnclosingFunction(id);
    return variable.references.every((reference) => {
      const node = reference.identifier as TSESTree.Node;
      return getEnclosingFunction(node) === home && !isWithin(node, awaited);
    });
  }

  function hasNoComments(statement: TSESTree.Node, kept: TSESTree.Node[]): boolean {
    return sourceCode
      .getCommentsInside(statement)
      .every((comment) => kept.some((node) => comment.range[0] >= node.range[0] && comment.range[1] <= node.range[1]));
  }

  /** The statement before which `const limit = pLimit(n);` goes: in the same function, in a statement list. */
  function getInsertionStatement(node: TSESTree.Node): TSESTree.Statement | null {
    for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
      if (isFunctionNode(current) || current.type === AST_NODE_TYPES.PropertyDefinition) return null;
      if (isStatementListMember(current)) return current as TSESTree.Statement;
    }
    return null;
  }

  function argumentText(node: TSESTree.Node): string {
    const text = sourceCode.getText(node);
    return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
  }

  function getIndent(node: TSESTree.Node): string {
    const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
    return /^\s*/.exec(line)![0];
  }
}

/** The number of arguments the callback reads (params; rest or `arguments` mean any), or null when unknown. */
function getCallbackArity(callback: TSESTree.CallExpressionArgument, services: TypeServices | null, sourceCode: TSESLint.SourceCode): number | null {
  const node = callback.type === AST_NODE_TYPES.SpreadElement ? null : skipExpressionWrappers(callback);
  if (!node) return null;
  if (isFunctionNode(node)) return getFunctionArity(node);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const resolved = resolveIdentifierFunction(sourceCode, node);
    if (resolved?.fn) return getFunctionArity(resolved.fn);
  }
  if (!services) return null;
  const signatures = services.getType(node).getCallSignatures();
  if (signatures.length === 0) return null;
  let arity = 0;
  for (const signature of signatures) {
    const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    const parameters = declaration?.parameters;
    if (!parameters) return null;
    const declared = parameters.filter((parameter) => !(parameter.name.getText() === 'this'));
    if (declared.some((parameter) => parameter.dotDotDotToken)) return null;
    arity = Math.max(arity, declared.length);
  }
  return arity;
}

function getFunctionArity(fn: FunctionNode): number | null {
  if (fn.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return null;
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && usesArguments(fn)) return null;
  return params.length;
}

function usesArguments(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') {
      found = true;
      return;
    }
    if (node !== fn && (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression)) return;
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** A receiver that may be read several times with the same result: `xs`, `this.xs`, `a.b.c`. */
function isStableReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.optional &&
    (!node.computed || node.property.type === AST_NODE_TYPES.Literal) &&
    isStableReference(node.object)
  );
}

function needsParenthesesAsObject(node: TSESTree.Node): boolean {
  return node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression && node.type !== AST_NODE_TYPES.ThisExpression;
}

function isStatementListMember(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.Program ||
    parent?.type === AST_NODE_TYPES.StaticBlock ||
    (parent?.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(node as TSESTree.Statement))
  );
}

function detectIndentUnit(sourceCode: TSESLint.SourceCode): string {
  for (const line of sourceCode.lines) {
    const match = /^(\t| +)\S/.exec(line);
    if (match) return match[1]!.startsWith('\t') ? '\t' : match[1]!.length >= 4 ? '    ' : '  ';
  }
  return '  ';
}
