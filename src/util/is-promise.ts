import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import {
  PROMISE_RETURNING_APIS,
  PROMISE_STATICS_RETURNING_PROMISE,
  PROMISIFY_APIS,
  RESPONSE_BODY_METHODS,
} from '../knowledge/promise-apis.js';
import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { getTypeServices, type TypeServices } from './get-type-services.js';
import { isDeclaredNoPromiseCall } from './declared-no-promise.js';
import { isSurelyNotPromise } from './is-surely-not-promise.js';
import { safely } from './safe-checker.js';
import { findApiReferences, mentionsApi } from './resolve-import.js';
import { textHasWord, textIncludes } from './text-words.js';
import {
  mayNameFunctionWhere,
  isGlobalReference,
  isNeverReassigned,
  resolveCalledFunction,
  type FunctionLikeBlock,
  type ResolvedFunction,
} from './resolve-function.js';
import {
  isIntrinsicAnyType,
  isIntrinsicErrorType,
  isThenableType,
  isTypeParameter,
  isUnionType,
  isVagueType,
  unionConstituents,
} from './typescript.js';
import { loadTypeScript } from './typescript.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Answers "is this expression a promise?" for one file. Syntactic knowledge first (same-file async
 * functions, annotations, known APIs); the type checker only when that says no and a program exists,
 * so typed runs add findings without losing any. Callers ask only about their candidate nodes.
 */
export interface PromiseDetector {
  isPromise(node: TSESTree.Expression): boolean;
  /** Syntactic answer only: what the rule would say without a program. */
  isPromiseSyntactically(node: TSESTree.Expression): boolean;
  /**
   * The syntactic answer from facts only (known APIs, same-file declarations, `new Promise`, statics,
   * chains on those), without the guess that any `.then()` call is a promise. What a rule may still
   * claim when the checker says `any`: a `require()` in a .ts file is `any`, yet `fs.promises.readFile()`
   * on it is a promise; a `.then()` on a value the user typed `any` is not claimed.
   */
  isKnownPromise(node: TSESTree.Expression): boolean;
  /** Whether the called function is known to return a promise (same file, annotation or API). */
  returnsPromise(call: TSESTree.CallExpression): boolean;
  /** The same-file function a call resolves to, if any. */
  resolveCallee(call: TSESTree.CallExpression): ResolvedFunction | null;
  /** Syntax proves the value is neither a promise nor an array of them: no need to ask the checker. */
  isSurelyNotPromise(node: TSESTree.Expression): boolean;
  /**
   * Whether the file's text spells anything the syntactic answer builds on. False means no expression
   * of the file is a promise by syntax, so a rule without types can skip the file (issue 12 §4).
   */
  spellsPromise(): boolean;
  readonly typeServices: TypeServices | null;
}

/**
 * What every syntactic promise fact (`isPromiseBySyntax` below) spells: `async` (a same-file async
 * function), `Promise`/`PromiseLike` (`new Promise`, its statics, a written return type), `then` (a
 * `.then()` chain; `.catch()`/`.finally()` only on something that is already a promise), and a dynamic
 * `import(…)` (also with a comment before the parenthesis). Known APIs and promisify are found by name
 * (`mentionsApi`). Keep in step with `isPromiseBySyntax`.
 */
const PROMISE_WORDS = ['async', 'then', 'Promise', 'PromiseLike'];
const IMPORT_CALL = /\bimport\s*(?:\(|\/[/*])/u;

/** Whole words, found by `indexOf` and shared with the other rules' bail-outs; the regular expression only runs on text that says `import`. */
function spellsPromiseWord(sourceCode: TSESLint.SourceCode): boolean {
  return PROMISE_WORDS.some((word) => textHasWord(sourceCode, word)) || (textIncludes(sourceCode, 'import') && IMPORT_CALL.test(sourceCode.text));
}

const spelled = new WeakMap<TSESLint.SourceCode, boolean>();

/**
 * `PromiseDetector.spellsPromise` without the detector: the file-level bail-out of the rules that judge
 * promises by syntax, asked before the detector is made, since most files fail it and the detector (its
 * caches and closures) is set up for nothing there (issue 12 §4). Once per file for every rule.
 */
export function fileSpellsPromise(sourceCode: TSESLint.SourceCode): boolean {
  let answer = spelled.get(sourceCode);
  if (answer === undefined) {
    answer = spellsPromiseWord(sourceCode) || mentionsApi(sourceCode, PROMISE_RETURNING_APIS) || mentionsApi(sourceCode, PROMISIFY_APIS);
    spelled.set(sourceCode, answer);
  }
  return answer;
}

const cache = new WeakMap<TSESLint.SourceCode, PromiseDetector>();

export function getPromiseDetector(context: Context): PromiseDetector {
  const sourceCode = context.sourceCode;
  let detector = cache.get(sourceCode);
  if (!detector) {
    detector = createPromiseDetector(sourceCode, getTypeServices(context));
    cache.set(sourceCode, detector);
  }
  return detector;
}

/**
 * The syntactic detector of a file that is not the one being linted (a module read by
 * `read-sibling-module.ts`): same-file facts and known APIs only, never the checker.
 */
export function getSyntacticPromiseDetector(sourceCode: TSESLint.SourceCode): PromiseDetector {
  let detector = cache.get(sourceCode);
  if (!detector) {
    detector = createPromiseDetector(sourceCode, null);
    cache.set(sourceCode, detector);
  }
  return detector;
}

function createPromiseDetector(sourceCode: TSESLint.SourceCode, typeServices: TypeServices | null): PromiseDetector {
  const syntactic = new WeakMap<TSESTree.Node, boolean>();
  const known = new WeakMap<TSESTree.Node, boolean>();
  const typed = new WeakMap<TSESTree.Node, boolean>();
  const settledNo = new WeakMap<TSESTree.Node, boolean>();
  const visiting = new Set<TSESTree.Node>();
  const apis = () => findApiReferences(sourceCode, PROMISE_RETURNING_APIS);
  const promisify = () => findApiReferences(sourceCode, PROMISIFY_APIS);

  const detector: PromiseDetector = {
    typeServices,
    isPromise(node) {
      if (detector.isPromiseSyntactically(node)) return true;
      if (!typeServices || detector.isSurelyNotPromise(node)) return false;
      let answer = typed.get(node);
      if (answer === undefined) {
        answer = isThenableByType(typeServices, node);
        typed.set(node, answer);
      }
      return answer;
    },
    isPromiseSyntactically(node) {
      return evaluate(node, false);
    },
    isKnownPromise(node) {
      return evaluate(node, true);
    },
    returnsPromise(call) {
      return callReturnsPromise(call);
    },
    resolveCallee(call) {
      return resolveCalledFunction(sourceCode, call);
    },
    spellsPromise() {
      return fileSpellsPromise(sourceCode);
    },
    isSurelyNotPromise(node) {
      let answer = settledNo.get(node);
      if (answer === undefined) {
        // With a program, also an imported function's declaration, read without its type (issue 12 §3).
        answer = isSurelyNotPromise(sourceCode, node) || (typeServices !== null && isDeclaredNoPromiseCall(typeServices, node));
        settledNo.set(node, answer);
      }
      return answer;
    },
  };

  /** `factsOnly`: leave out the `.then()` guess (see `isKnownPromise`). */
  function evaluate(node: TSESTree.Expression, factsOnly: boolean): boolean {
    const answers = factsOnly ? known : syntactic;
    let answer = answers.get(node);
    if (answer === undefined) {
      if (visiting.has(node)) return false;
      visiting.add(node);
      answer = isPromiseBySyntax(node, factsOnly);
      visiting.delete(node);
      answers.set(node, answer);
    }
    return answer;
  }

  function isPromiseBySyntax(raw: TSESTree.Expression, factsOnly: boolean): boolean {
    const node = skipExpressionWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        return callReturnsPromise(node, factsOnly);
      case AST_NODE_TYPES.NewExpression:
        return isGlobalPromise(node.callee);
      case AST_NODE_TYPES.ImportExpression:
        return true;
      case AST_NODE_TYPES.Identifier:
        return isPromiseVariable(node, factsOnly);
      case AST_NODE_TYPES.LogicalExpression:
        return evaluate(node.right, factsOnly);
      case AST_NODE_TYPES.ConditionalExpression:
        return evaluate(node.consequent, factsOnly) || evaluate(node.alternate, factsOnly);
      case AST_NODE_TYPES.SequenceExpression:
        return evaluate(node.expressions.at(-1)!, factsOnly);
      default:
        return false;
    }
  }

  function callReturnsPromise(call: TSESTree.CallExpression, factsOnly = false): boolean {
    if (apis().has(call)) return true;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = getStaticPropertyName(callee);
      if (method === 'then' && (!factsOnly || evaluate(callee.object, true))) return true;
      if ((method === 'catch' || method === 'finally') && evaluate(callee.object, factsOnly)) return true;
      if (method !== null && PROMISE_STATICS_RETURNING_PROMISE.has(method) && isGlobalPromise(callee.object)) return true;
      if (method !== null && RESPONSE_BODY_METHODS.has(method) && isFetchResponse(callee.object)) return true;
    }
    if (callee.type === AST_NODE_TYPES.CallExpression && promisify().has(callee)) return true;
    // Most files promisify nothing: then no variable holds a promisified function, and its scope look-up is skipped.
    if (callee.type === AST_NODE_TYPES.Identifier && promisify().size > 0 && isPromisifiedVariable(callee)) return true;
    // No same-file function by the callee's name can return a promise: no scope look-up (issue 12 §4).
    if (!mayNamePromiseFunction(sourceCode, callee)) return false;
    const resolved = resolveCalledFunction(sourceCode, call);
    return resolved !== null && isPromiseReturningFunction(resolved);
  }

  function isGlobalPromise(node: TSESTree.Node): boolean {
    const inner = node.type === AST_NODE_TYPES.Identifier ? node : null;
    return inner !== null && inner.name === 'Promise' && isGlobalReference(sourceCode, inner);
  }

  /** A `const` holding a promise: `const p = save();` then `p`. */
  function isPromiseVariable(id: TSESTree.Identifier, factsOnly: boolean): boolean {
    const init = getSingleInit(id);
    return init !== null && evaluate(init, factsOnly);
  }

  function isPromisifiedVariable(id: TSESTree.Identifier): boolean {
    const init = getSingleInit(id);
    return init?.type === AST_NODE_TYPES.CallExpression && promisify().has(init);
  }

  /** `res` in `const res = await fetch(url)`: its body methods return promises. */
  function isFetchResponse(node: TSESTree.Expression): boolean {
    const object = skipExpressionWrappers(node);
    const value = object.type === AST_NODE_TYPES.Identifier ? getSingleInit(object) : object;
    if (value?.type !== AST_NODE_TYPES.AwaitExpression) return false;
    const awaited = skipExpressionWrappers(value.argument);
    return awaited.type === AST_NODE_TYPES.CallExpression && apis().get(awaited)?.target.global === 'fetch';
  }

  function getSingleInit(id: TSESTree.Identifier): TSESTree.Expression | null {
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier || !isNeverReassigned(variable)) return null;
    return def.node.init ?? null;
  }

  return detector;
}

/** Blocks that `isPromiseReturningFunction` may accept once resolved (a superset: async generators too). */
function mayReturnPromise(block: FunctionLikeBlock): boolean {
  if (block.type !== AST_NODE_TYPES.TSFunctionType && block.async) return true;
  const returnType = block.returnType?.typeAnnotation;
  return returnType !== undefined && isPromiseTypeAnnotation(returnType);
}

/** Whether the callee (unwrapped) may resolve to a same-file function that `isPromiseReturningFunction` accepts. */
function mayNamePromiseFunction(sourceCode: TSESLint.SourceCode, callee: TSESTree.Expression): boolean {
  return mayNameFunctionWhere(sourceCode, callee, mayReturnPromise, true);
}

/** Async functions (not async generators) and functions whose written return type includes a thenable. */
export function isPromiseReturningFunction(resolved: ResolvedFunction): boolean {
  if (resolved.returnType) return isPromiseTypeAnnotation(resolved.returnType);
  return resolved.fn !== null && resolved.fn.async && !resolved.fn.generator;
}

function isPromiseTypeAnnotation(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some(isPromiseTypeAnnotation);
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
  return type.typeName.name === 'Promise' || type.typeName.name === 'PromiseLike';
}

/**
 * The checker's answer: a thenable type or a union with a thenable member. A type the checker could not
 * resolve (the intrinsic error type) says nothing, and neither does `any`: the syntactic answer stands.
 */
function isThenableByType(services: TypeServices, node: TSESTree.Expression): boolean {
  const tsNode = services.getTsNode(node);
  if (!tsNode) return false;
  const type = services.checker.getTypeAtLocation(tsNode);
  return typeHasThenable(services.checker, tsNode, type);
}

export function typeHasThenable(checker: ts.TypeChecker, tsNode: ts.Node, type: ts.Type): boolean {
  if (isIntrinsicErrorType(type) || isIntrinsicAnyType(type)) return false;
  // `isThenableType` calls methods of the type itself, which the guarded checker does not cover.
  return safely(false, () => unionConstituents(type).some((part) => isThenableType(checker, tsNode, part)));
}

// ---- pending work, by type (bounded walks; no type or symbol printing) ------------------------------

/**
 * What a typed value holds that is still pending:
 * - 'promise': a `Promise` / `PromiseLike` of the standard library (or a union with one);
 * - 'lazy': another thenable whose `then` returns a thenable — a query builder or a promise library's
 *   own class; a lazy one only starts its work when `then` is called;
 * - null: no thenable, or only objects whose `then` returns `void` or a non-thenable (reply objects of
 *   some frameworks are thenable that way), which are not pending work.
 * Unions, intersections and type-parameter constraints are followed, bounded by depth and by a visited
 * set; any checker failure means "unknown" (null), so the caller's syntactic answer stands.
 */
export type PendingWork = 'promise' | 'lazy';

/** What the pending-work questions need: the checker, and the program (to tell the standard library). */
export type TypeQueries = Pick<TypeServices, 'checker' | 'program'>;

const MAX_TYPE_DEPTH = 5;
const MAX_TYPES_VISITED = 300;

export function getPendingWork(types: TypeQueries, tsNode: ts.Node, type: ts.Type): PendingWork | null {
  const checker = types.checker;
  let found: PendingWork | null = null;
  forEachTypeMember(checker, type, (member) => {
    const kind = classifyThenable(types, tsNode, member);
    if (kind === 'promise') {
      found = kind;
      return true;
    }
    if (kind === 'lazy') found = kind;
    return false;
  });
  return found;
}

/** Whether every member of the type is pending work: a test of it is always true. */
export function isAlwaysPendingWork(types: TypeQueries, tsNode: ts.Node, type: ts.Type): boolean {
  const checker = types.checker;
  let members = 0;
  let all = true;
  const complete = forEachTypeMember(checker, type, (member) => {
    members += 1;
    if (classifyThenable(types, tsNode, member) === null) all = false;
    return !all;
  });
  return complete && all && members > 0;
}

/** An array or tuple (or a union member, or a constraint) whose elements are pending work. */
export function isPendingWorkArray(types: TypeQueries, tsNode: ts.Node, type: ts.Type): boolean {
  const checker = types.checker;
  let found = false;
  forEachTypeMember(checker, type, (member) => {
    if (!checker.isArrayType(member) && !checker.isTupleType(member)) return false;
    const elements = safely([] as readonly ts.Type[], () => checker.getTypeArguments(member as ts.TypeReference));
    found = elements.some((element) => getPendingWork(types, tsNode, element) !== null);
    return found;
  });
  return found;
}

/**
 * Visits the object members of a type: union members and type-parameter constraints are opened,
 * intersections are judged whole. `visit` returns true to stop. Returns false when the walk was cut
 * short by a bound or a checker failure (the answer is then incomplete).
 */
function forEachTypeMember(checker: ts.TypeChecker, root: ts.Type, visit: (member: ts.Type) => boolean): boolean {
  const ts = loadTypeScript();
  // Most types are one object or primitive type: visited without building the walk (issue 12 §3).
  if ((root.flags & (ts.TypeFlags.Union | ts.TypeFlags.TypeParameter | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) === 0) {
    if (isVagueType(root)) return true;
    try {
      visit(root);
    } catch {
      return false;
    }
    return true;
  }
  const visited = new Set<ts.Type>();
  const stack: [ts.Type, number][] = [[root, 0]];
  let complete = true;
  try {
    while (stack.length > 0) {
      const [type, depth] = stack.pop()!;
      if (visited.has(type)) continue;
      if (depth > MAX_TYPE_DEPTH || visited.size >= MAX_TYPES_VISITED) {
        complete = false;
        continue;
      }
      visited.add(type);
      if (isVagueType(type)) continue;
      if (isUnionType(type)) {
        for (const member of type.types) stack.push([member, depth + 1]);
        continue;
      }
      if (isTypeParameter(type) || (type.flags & (ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) !== 0) {
        const constraint = checker.getBaseConstraintOfType(type);
        if (constraint && constraint !== type) stack.push([constraint, depth + 1]);
        continue;
      }
      if (visit(type)) return true;
    }
  } catch {
    return false;
  }
  return complete;
}

/** Primitives and literals, `void`, `null`, `undefined`, `never`: no `then` to look up. */
function isPrimitiveType(type: ts.Type): boolean {
  const F = loadTypeScript().TypeFlags;
  return (type.flags & (F.StringLike | F.NumberLike | F.BigIntLike | F.BooleanLike | F.ESSymbolLike | F.Void | F.Undefined | F.Null | F.Never)) !== 0;
}

function classifyThenable(types: TypeQueries, tsNode: ts.Node, type: ts.Type): PendingWork | null {
  const checker = types.checker;
  if (isPrimitiveType(type) || !isThenableType(checker, tsNode, type)) return null;
  const isStandard = (part: ts.Type): boolean => isStandardPromise(types.program, part);
  if (isStandard(type) || (type.isIntersection() && type.types.some(isStandard))) return 'promise';
  const then = type.getProperty('then') ?? checker.getApparentType(type).getProperty('then');
  if (!then) return 'lazy';
  const thenType = checker.getTypeOfSymbolAtLocation(then, tsNode);
  for (const part of unionConstituents(thenType)) {
    for (const signature of part.getCallSignatures()) {
      const returned = signature.getReturnType();
      if (isVagueType(returned)) return 'lazy';
      if (unionConstituents(returned).some((member) => isThenableType(checker, tsNode, member))) return 'lazy';
    }
  }
  return null;
}

/** `Promise` or `PromiseLike` as the standard library declares them (by symbol, not by printing). */
function isStandardPromise(program: ts.Program, type: ts.Type): boolean {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return false;
  const name = symbol.getName();
  if (name !== 'Promise' && name !== 'PromiseLike') return false;
  return (symbol.getDeclarations() ?? []).some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

