import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { loadTypeScript } from '../../src/util/typescript.js';

/**
 * A function that hands out a promise the object already holds: every path returns the same stored
 * field (`ready() { if (!this.connecting) this.connecting = this.connect(); return this.connecting; }`),
 * or the same variable of an enclosing scope (`return Promise.resolve(workerPromise)`, which for a
 * native promise is that very promise).
 * Calling it and dropping the result creates nothing: the promise is awaited or handled where it is
 * made and kept. Async functions are left out: they wrap the field in a new promise, whose rejection
 * is then unhandled.
 */
export function returnsHeldPromise(fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const local = declarationsOf(fn).names;
  const isThisAlias = (name: string): boolean => !local.has(name) && isThisAliasAround(fn, name);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return storedFieldName(fn.body, local, isThisAlias) !== null;
  const names = new Set<string | null>();
  let returns = 0;
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      returns += 1;
      names.add(node.argument ? storedFieldName(node.argument, local, isThisAlias) : null);
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return returns > 0 && names.size === 1 && !names.has(null) && endsWithReturn(fn.body);
}

/**
 * `this.promise`, `this.#promise`, `self.promise` where an enclosing function declared `const self =
 * this`, or an outer variable (also under `Promise.resolve(…)`) → a key for it.
 */
function storedFieldName(node: TSESTree.Expression, local: ReadonlySet<string>, isThisAlias: (name: string) => boolean): string | null {
  let inner = skipExpressionWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.arguments.length === 1 &&
    inner.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    inner.callee.object.type === AST_NODE_TYPES.Identifier &&
    inner.callee.object.name === 'Promise' &&
    getStaticPropertyName(inner.callee) === 'resolve'
  ) {
    inner = skipExpressionWrappers(inner.arguments[0] as TSESTree.Expression);
  }
  if (inner.type === AST_NODE_TYPES.Identifier) return local.has(inner.name) || inner.name === 'undefined' ? null : `var ${inner.name}`;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getStaticPropertyName(inner);
  if (name === null) return null;
  if (inner.object.type === AST_NODE_TYPES.ThisExpression) return `this.${name}`;
  // Keyed by the alias: `this` and `self` may be different objects in the same function.
  if (inner.object.type === AST_NODE_TYPES.Identifier && isThisAlias(inner.object.name)) return `${inner.object.name}.${name}`;
  return null;
}

/** What a function declares itself, and which of those are `const name = this`; computed once per function. */
interface Declarations {
  names: ReadonlySet<string>;
  thisAliases: ReadonlySet<string>;
}

const declarationsCache = new WeakMap<FunctionNode, Declarations>();

function declarationsOf(fn: FunctionNode): Declarations {
  let found = declarationsCache.get(fn);
  if (!found) {
    const thisAliases = new Set<string>();
    const visit = (node: TSESTree.Node): void => {
      if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
      if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'const') {
        for (const declarator of node.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init?.type === AST_NODE_TYPES.ThisExpression) {
            thisAliases.add(declarator.id.name);
          }
        }
      }
      forEachChild(node, visit);
    };
    forEachChild(fn.body, visit);
    found = { names: localNames(fn), thisAliases };
    declarationsCache.set(fn, found);
  }
  return found;
}

/**
 * Whether the nearest enclosing function that declares `name` declares it as `const name = this`
 * (`const _this = this; … function execPipeline() { return _this.promise; }`).
 */
function isThisAliasAround(fn: FunctionNode, name: string): boolean {
  for (let node: TSESTree.Node | undefined = fn.parent; node; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const declarations = declarationsOf(node);
    if (declarations.names.has(name)) return declarations.thisAliases.has(name);
  }
  return false;
}

/** Names the function declares itself (parameters, variables, functions): those are not held elsewhere. */
function localNames(fn: FunctionNode): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: TSESTree.Node): void => {
    if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
    else forEachChild(pattern, addPattern);
  };
  for (const param of fn.params) addPattern(param);
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator) addPattern(node.id);
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) names.add(node.id.name);
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    forEachChild(node, visit);
  };
  forEachChild(fn.body, visit);
  return names;
}

/** Falling off the end returns `undefined`, which is not the field. */
function endsWithReturn(body: TSESTree.BlockStatement): boolean {
  const last = body.body.at(-1);
  return last?.type === AST_NODE_TYPES.ReturnStatement;
}

/** The same question on the declaration of a method in another file of the program. */
export function tsReturnsHeldPromise(declaration: ts.Node): boolean {
  const ts = loadTypeScript();
  let fn: ts.Node = declaration;
  if ((ts.isPropertyDeclaration(fn) || ts.isVariableDeclaration(fn)) && fn.initializer) fn = fn.initializer;
  if (!ts.isMethodDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionDeclaration(fn)) return false;
  if (fn.asteriskToken || !fn.body || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0) return false;
  const body = fn.body;
  const local = tsDeclarationsOf(fn).names;
  const isThisAlias = (name: string): boolean => !local.has(name) && tsIsThisAliasAround(fn, name);
  if (!ts.isBlock(body)) return tsStoredFieldName(body, local, isThisAlias) !== null;
  const names = new Set<string | null>();
  let returns = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      returns += 1;
      names.add(node.expression ? tsStoredFieldName(node.expression, local, isThisAlias) : null);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  const last = body.statements.at(-1);
  return returns > 0 && names.size === 1 && !names.has(null) && last !== undefined && ts.isReturnStatement(last);
}

/** The TypeScript twin of `storedFieldName`: the same fields, outer variables and `Promise.resolve(held)`. */
function tsStoredFieldName(node: ts.Expression, local: ReadonlySet<string>, isThisAlias: (name: string) => boolean): string | null {
  const ts = loadTypeScript();
  const unwrap = (expression: ts.Expression): ts.Expression => {
    let inner = expression;
    while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
    return inner;
  };
  let inner = unwrap(node);
  if (
    ts.isCallExpression(inner) &&
    inner.arguments.length === 1 &&
    !ts.isSpreadElement(inner.arguments[0]!) &&
    ts.isPropertyAccessExpression(inner.expression) &&
    ts.isIdentifier(inner.expression.expression) &&
    inner.expression.expression.text === 'Promise' &&
    inner.expression.name.text === 'resolve'
  ) {
    inner = unwrap(inner.arguments[0]!);
  }
  if (ts.isIdentifier(inner)) return local.has(inner.text) || inner.text === 'undefined' ? null : `var ${inner.text}`;
  if (!ts.isPropertyAccessExpression(inner)) return null;
  if (inner.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${inner.name.text}`;
  if (ts.isIdentifier(inner.expression) && isThisAlias(inner.expression.text)) return `${inner.expression.text}.${inner.name.text}`;
  return null;
}

/** The TypeScript twin of `isThisAliasAround`. */
function tsIsThisAliasAround(fn: ts.Node, name: string): boolean {
  const ts = loadTypeScript();
  for (let node: ts.Node | undefined = fn.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const declarations = tsDeclarationsOf(node);
    if (declarations.names.has(name)) return declarations.thisAliases.has(name);
  }
  return false;
}

const tsDeclarationsCache = new WeakMap<ts.Node, Declarations>();

/** The TypeScript twin of `declarationsOf`: parameters and variables (destructured too), nested functions and classes left out. */
function tsDeclarationsOf(fn: ts.Node): Declarations {
  const ts = loadTypeScript();
  let found = tsDeclarationsCache.get(fn);
  if (!found) {
    const names = new Set<string>();
    const thisAliases = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (node !== fn && (ts.isFunctionLike(node) || ts.isClassLike(node))) {
        if (ts.isFunctionDeclaration(node) && node.name) names.add(node.name.text);
        return;
      }
      // Destructured names (`{ ready }` in a parameter or a declaration) are the function's own too.
      if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) names.add(node.name.text);
      if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
        names.add(node.name.text);
        if (
          ts.isVariableDeclaration(node) &&
          node.initializer?.kind === ts.SyntaxKind.ThisKeyword &&
          ts.isVariableDeclarationList(node.parent) &&
          (node.parent.flags & ts.NodeFlags.Const) !== 0
        ) {
          thisAliases.add(node.name.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(fn);
    found = { names, thisAliases };
    tsDeclarationsCache.set(fn, found);
  }
  return found;
}
