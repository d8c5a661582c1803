import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { getThisClass, isGlobalReference, isNeverReassigned, resolveCalledFunction } from './resolve-function.js';
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

const noPromiseReturns = new WeakMap<FunctionNode, boolean>();

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
  if (isSyncGlobalCall(sourceCode, call) || isSyncBuiltinMethodCall(sourceCode, call)) return true;
  const resolved = resolveCalledFunction(sourceCode, call);
  if (!resolved) return false;
  if (resolved.returnType) return !mayHoldPromise(resolved.returnType);
  const fn = resolved.fn;
  if (!fn) return false;
  if (fn.generator) return true;
  if (fn.async) return false;
  return returnsNoPromise(sourceCode, fn);
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
 * A value its own node kind proves is no thenable: a literal, a template, an operator's primitive, an
 * array or function literal, or an object literal without a `then` of its own (a spread could bring one).
 * Wrappers and branches (`?:`, `&&`, `await`) are the caller's to judge.
 */
export function isNoThenableByKind(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every(
        (property) => property.type === AST_NODE_TYPES.Property && !property.computed && getKeyName(property.key) !== 'then',
      );
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    default:
      return false;
  }
}

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
const EVENT_TARGET_METHODS = new Set(['addEventListener', 'removeEventListener', 'dispatchEvent']);
const SYNC_GLOBAL_MEMBERS = new Map([
  ['Array', new Set(['isArray'])],
  ['Error', new Set(['captureStackTrace'])],
  ['Buffer', new Set(['isBuffer', 'byteLength', 'isEncoding'])],
  // The platform's own objects: `window.addEventListener(…)` costs the checker the whole `Window` type.
  ['window', new Set([...EVENT_TARGET_METHODS, 'postMessage'])],
  ['self', new Set([...EVENT_TARGET_METHODS, 'postMessage'])],
  ['globalThis', EVENT_TARGET_METHODS],
  ['document', EVENT_TARGET_METHODS],
  [
    'process',
    new Set(['on', 'once', 'off', 'addListener', 'prependListener', 'removeListener', 'removeAllListeners', 'emit', 'nextTick', 'exit', 'setMaxListeners', 'emitWarning', 'cwd', 'chdir', 'hrtime', 'memoryUsage', 'uptime']),
  ],
]);

/**
 * Methods of the standard library's own classes that return no promise and no array that could hold
 * one (`Map#get`, `Array#pop`, `Array#map` can, so they are absent), by the class that makes the
 * receiver: `new Map()`, `[]`, `new Uint8Array(n)`.
 */
const ARRAY_SYNC_METHODS = new Set([
  'push', 'unshift', 'forEach', 'includes', 'indexOf', 'lastIndexOf', 'join', 'some', 'every', 'findIndex', 'findLastIndex', 'toString',
]);
const MAP_SYNC_METHODS = new Set(['set', 'has', 'delete', 'clear', 'forEach']);
const SET_SYNC_METHODS = new Set(['add', 'has', 'delete', 'clear', 'forEach']);
const FORM_SYNC_METHODS = new Set(['append', 'set', 'delete', 'has', 'forEach', 'sort', 'toString']);
const TYPED_ARRAY_SYNC_METHODS = new Set([...ARRAY_SYNC_METHODS].filter((method) => method !== 'push' && method !== 'unshift').concat(['set', 'fill']));
const BUILTIN_SYNC_METHODS = new Map<string, ReadonlySet<string>>([
  ['Array', ARRAY_SYNC_METHODS],
  ['Map', MAP_SYNC_METHODS],
  ['WeakMap', new Set(['set', 'has', 'delete'])],
  ['Set', SET_SYNC_METHODS],
  ['WeakSet', new Set(['add', 'has', 'delete'])],
  ['FormData', FORM_SYNC_METHODS],
  ['URLSearchParams', FORM_SYNC_METHODS],
  ['Headers', FORM_SYNC_METHODS],
  ['AbortController', new Set(['abort'])],
  ['EventTarget', EVENT_TARGET_METHODS],
  ...['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array'].map(
    (name): [string, ReadonlySet<string>] => [name, TYPED_ARRAY_SYNC_METHODS],
  ),
]);

/**
 * `seen.add(key)`, `this.listeners.push(fn)`, `params.set(k, v)`: a method of the standard library
 * that returns no promise, called on a receiver the file declares with that class: a never-reassigned
 * variable, or a field of the enclosing class that the class never reassigns, created by `new Map()`,
 * `[]`, or written as an array type (`items: Item[] = []`). Asking the checker would cost the
 * receiver's whole type (issue 12 §3).
 */
function isSyncBuiltinMethodCall(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  const object = skipExpressionWrappers(callee.object);
  let declared: { init: TSESTree.Expression | null; annotation: TSESTree.TypeNode | undefined } | null = null;
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(object), object);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def || def.name.type !== AST_NODE_TYPES.Identifier || !isNeverReassigned(variable)) return false;
    if (def.type === 'Parameter') {
      // `function f(jobs: Job[])`: only a written type says what a parameter holds.
      const annotation = def.name.typeAnnotation?.typeAnnotation;
      declared = annotation ? { init: null, annotation } : null;
    } else if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name) {
      declared = { init: def.node.init, annotation: def.name.typeAnnotation?.typeAnnotation };
    }
  } else if (object.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(object.object).type === AST_NODE_TYPES.ThisExpression) {
    declared = findOwnField(object);
  }
  if (!declared) return false;
  const kind = builtinKind(sourceCode, declared.init, declared.annotation);
  return kind !== null && BUILTIN_SYNC_METHODS.get(kind)!.has(method);
}

/**
 * The built-in class a declaration gives its value: from a written type (`T[]`, `readonly T[]`,
 * `Map<K, V>` naming the global class), else from `new G(…)` or `[…]`.
 */
function builtinKind(sourceCode: TSESLint.SourceCode, init: TSESTree.Expression | null, annotation: TSESTree.TypeNode | undefined): string | null {
  if (annotation) return writtenBuiltinKind(sourceCode, annotation);
  if (!init) return null;
  if (init.type === AST_NODE_TYPES.ArrayExpression) return 'Array';
  if (init.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return null;
  const name = init.callee.name;
  return BUILTIN_SYNC_METHODS.has(name) && isGlobalReference(sourceCode, init.callee) ? name : null;
}

function writtenBuiltinKind(sourceCode: TSESLint.SourceCode, type: TSESTree.TypeNode): string | null {
  if (type.type === AST_NODE_TYPES.TSArrayType) return 'Array';
  if (type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly' && type.typeAnnotation?.type === AST_NODE_TYPES.TSArrayType) return 'Array';
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const name = type.typeName.name === 'ReadonlyArray' ? 'Array' : type.typeName.name;
  return BUILTIN_SYNC_METHODS.has(name) && isGlobalReference(sourceCode, type.typeName) ? name : null;
}

/**
 * `this.items` / `this.#items` in a method: the enclosing class's own field of that name, when the class
 * body assigns it nowhere else (its declaration is then what every read sees, whatever its modifiers).
 */
function findOwnField(member: TSESTree.MemberExpression): { init: TSESTree.Expression | null; annotation: TSESTree.TypeNode | undefined } | null {
  const name = getStaticPropertyName(member); // `#items` for a private name, as getKeyName spells it
  const cls = name === null ? null : getThisClass(member);
  if (!cls || name === null) return null;
  let field: TSESTree.PropertyDefinition | null = null;
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && !element.computed && getKeyName(element.key) === name) field = element;
  }
  if (!field || field.declare || assignsField(cls, name)) return null;
  return { init: field.value, annotation: field.typeAnnotation?.typeAnnotation };
}

const fieldWrites = new WeakMap<TSESTree.ClassBody, Set<string>>();

/** Whether the class body assigns (`=`, `??=`, …) a member of that name on anything, nested functions included. */
function assignsField(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): boolean {
  let writes = fieldWrites.get(cls.body);
  if (!writes) {
    const found = new Set<string>();
    walkDescendants(cls.body, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const key = getStaticPropertyName(node.left);
        if (key !== null) found.add(key);
      }
      return true;
    });
    writes = found;
    fieldWrites.set(cls.body, writes);
  }
  return writes.has(name);
}

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

/**
 * Whether a non-async function returns nothing that could be a promise or an array of them: a block
 * body whose own `return`s (nested functions not counted) have no value or a value syntax settles
 * (`return a === b`, `return !x`, `return typeof v === 'function'`), or such an expression body. A
 * function that calls itself is not settled by the call (the answer is being computed).
 */
function returnsNoPromise(sourceCode: TSESLint.SourceCode, fn: FunctionNode): boolean {
  let answer = noPromiseReturns.get(fn);
  if (answer !== undefined) return answer;
  noPromiseReturns.set(fn, false); // a recursive call while judging: not settled
  if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) {
    answer = fn.body !== undefined && fn.body !== null && isSurelyNotPromiseValue(sourceCode, fn.body);
  } else {
    answer = true;
    walkDescendants(fn.body, (node) => {
      if (!answer) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !isSurelyNotPromiseValue(sourceCode, node.argument)) answer = false;
      return !isFunctionNode(node) && node.type !== AST_NODE_TYPES.ClassBody;
    });
  }
  noPromiseReturns.set(fn, answer);
  return answer;
}

/**
 * A value syntax proves is neither a promise nor an array of them: primitives by their operator (a
 * literal, a template, `!x`, `typeof x`, `a === b`, `a + b`, `i++`), `undefined`, a function, and
 * `&&` / `||` / `??` / `?:` of such values. An assertion to a written type counts when that type has no
 * room for a promise (`x as string`); `x as Promise<void>` claims one.
 */
function isSurelyNotPromiseValue(sourceCode: TSESLint.SourceCode, node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined' && isGlobalReference(sourceCode, node);
    case AST_NODE_TYPES.LogicalExpression:
      return isSurelyNotPromiseValue(sourceCode, node.left) && isSurelyNotPromiseValue(sourceCode, node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return isSurelyNotPromiseValue(sourceCode, node.consequent) && isSurelyNotPromiseValue(sourceCode, node.alternate);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return !mayHoldPromise(node.typeAnnotation);
    default:
      return false;
  }
}
