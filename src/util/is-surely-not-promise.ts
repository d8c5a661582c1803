import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { isGlobalReference, isNeverReassigned, resolveCalledFunction } from './resolve-function.js';
import { walkDescendants } from './walk.js';

/**
 * Globals whose functions and methods never return a promise or an array the caller filled: a call on
 * one of them (`console.log(…)`, `Math.max(…)`, `clearTimeout(t)`) needs no type check. Only when the
 * name is the global, not a local or an import of the same name.
 */
const SYNC_GLOBALS = new Set([
  'console',
  'Math',
  'JSON',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'Date',
  'BigInt',
  'Object',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
]);

const valueReturns = new WeakMap<FunctionNode, boolean>();

/**
 * Whether syntax alone proves that this call's value is neither a promise nor an array of promises,
 * so a rule need not ask the type checker (issue 12 §3: ask only about what syntax cannot settle):
 * calls on known synchronous globals, and calls that resolve in this file to a generator, to a function
 * whose written return type has no room for a promise (`void`, `boolean`, a type predicate, literals…),
 * or to a non-async function whose body returns no value.
 */
export function isSurelyNotPromise(sourceCode: TSESLint.SourceCode, node: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(node);
  if (call.type === AST_NODE_TYPES.Identifier) return isSurelyNotPromiseName(sourceCode, call);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  // `super(…)` yields nothing; `resolve(v)` / `reject(e)` of a `new Promise` executor return void.
  if (call.callee.type === AST_NODE_TYPES.Super || isExecutorSettler(sourceCode, call.callee)) return true;
  if (isSyncGlobalCall(sourceCode, call)) return true;
  const resolved = resolveCalledFunction(sourceCode, call);
  if (!resolved) return false;
  if (resolved.returnType) return !mayHoldPromise(resolved.returnType);
  const fn = resolved.fn;
  if (!fn) return false;
  if (fn.generator) return true;
  if (fn.async || fn.body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  return !returnsValue(fn);
}

/**
 * A name whose declaration proves it never holds a promise nor an array of them, whatever the flow: a
 * parameter or variable written with a type that has no room for one (`flag: boolean`, `ids: string[]`),
 * one whose declared type is a primitive inferred from its initialiser or default (`let done = false`,
 * `n = 0`: every later assignment must fit), or a never-reassigned variable initialised with a
 * primitive-valued expression (`const n = a + 1`). `if (options)` and `x && y` ask this about every
 * tested name; most are settled here (issue 12 §3).
 */
export function isSurelyNotPromiseName(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  return judgeName(sourceCode, id, false);
}

/**
 * Like `isSurelyNotPromiseName`, and also a never-reassigned `const x = await …`: an awaited value is
 * never a thenable (though it may be an array of promises), so only for the question "is it a promise?".
 */
export function isSurelyNotThenableName(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  return judgeName(sourceCode, id, true);
}

function judgeName(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier, awaitedToo: boolean): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  if (!variable || variable.defs.length === 0) return false;
  return variable.defs.every((def) => {
    const name = def.name;
    if (name.type !== AST_NODE_TYPES.Identifier) return false;
    if (def.type !== 'Parameter' && def.type !== 'Variable') return false;
    if (name.typeAnnotation) return !mayHoldPromise(name.typeAnnotation.typeAnnotation);
    if (def.type === 'Parameter') {
      // `function f(retries = 3)`: the default gives the parameter its type.
      const pattern = name.parent;
      return pattern.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === name && hasPrimitiveDeclaredType(pattern.right);
    }
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== name) return false;
    const init = def.node.init; // wrappers kept: `1 as unknown as Promise<void>` claims a promise
    if (!init) return false;
    if (hasPrimitiveDeclaredType(init)) return true;
    if (!isNeverReassigned(variable)) return false;
    return (
      init.type === AST_NODE_TYPES.UnaryExpression ||
      init.type === AST_NODE_TYPES.BinaryExpression ||
      init.type === AST_NODE_TYPES.UpdateExpression ||
      (awaitedToo && init.type === AST_NODE_TYPES.AwaitExpression)
    );
  });
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'instanceof', 'in']);

/**
 * An initialiser whose widened type is a primitive, so a variable it declares (`let`, or a parameter
 * default) has that type for good: a literal other than `null`, a template, `!x`, `typeof x`, a comparison.
 * (`null` and `undefined` leave the variable `any`, open to anything later assigned.)
 */
function hasPrimitiveDeclaredType(init: TSESTree.Expression): boolean {
  switch (init.type) {
    case AST_NODE_TYPES.Literal:
      return init.value !== null || 'regex' in init || 'bigint' in init;
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return init.operator === '!' || init.operator === 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return COMPARISONS.has(init.operator);
    default:
      return false;
  }
}

/** The first or second parameter of the executor function of `new Promise(…)` (the global one). */
function isExecutorSettler(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node) || (def.node.params[0] !== def.name && def.node.params[1] !== def.name)) return false;
  const fn = def.node;
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.arguments[0] !== fn) return false;
  const promise = parent.callee;
  if (promise.type !== AST_NODE_TYPES.Identifier || promise.name !== 'Promise') return false;
  return isGlobalReference(sourceCode, promise);
}

/** Members of globals that return no promise, on globals whose other members may (`Array.from(xs, async …)`). */
const SYNC_GLOBAL_MEMBERS = new Map([
  ['Array', new Set(['isArray'])],
  ['Error', new Set(['captureStackTrace'])],
  ['Buffer', new Set(['isBuffer', 'byteLength', 'isEncoding'])],
]);

function isSyncGlobalCall(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  let root: TSESTree.Node = skipExpressionWrappers(call.callee);
  const callee = root;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const members = SYNC_GLOBAL_MEMBERS.get(root.name);
  const member = members && callee.type === AST_NODE_TYPES.MemberExpression && callee.object === root ? getStaticPropertyName(callee) : null;
  if (!SYNC_GLOBALS.has(root.name) && !(member !== null && members?.has(member))) return false;
  return isGlobalReference(sourceCode, root);
}

/** A written type that could be, or contain, a promise (anything but keywords, literals and their arrays). */
function mayHoldPromise(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSVoidKeyword:
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
    case AST_NODE_TYPES.TSNeverKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
    case AST_NODE_TYPES.TSSymbolKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSTemplateLiteralType:
    case AST_NODE_TYPES.TSTypePredicate:
      return false;
    case AST_NODE_TYPES.TSArrayType:
      return mayHoldPromise(type.elementType);
    case AST_NODE_TYPES.TSUnionType:
      return type.types.some(mayHoldPromise);
    default:
      return true;
  }
}

/** Whether a block-bodied function has a `return <value>` of its own (nested functions not counted). */
function returnsValue(fn: FunctionNode): boolean {
  let answer = valueReturns.get(fn);
  if (answer !== undefined) return answer;
  answer = false;
  walkDescendants(fn.body!, (node) => {
    if (answer) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) answer = true;
    return !isFunctionNode(node) && node.type !== AST_NODE_TYPES.ClassBody;
  });
  valueReturns.set(fn, answer);
  return answer;
}
