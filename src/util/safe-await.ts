import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { cannotReject, isTsNonRejectingPromise, tsFunctionCannotReject } from './cannot-reject.js';
import type { FunctionNode } from './get-enclosing-function.js';
import type { TypeServices } from './get-type-services.js';
import {
  functionHandlesOwnErrors,
  isAllOfSafeTasks,
  isReadOfSafeTasks,
  isTsAllOfSafeTasks,
  isUnderJudgement,
  textMayHandleOwnErrors,
  tsFunctionHandlesOwnErrors,
  type OwnErrorsOracle,
  type TsOwnErrorsOracle,
} from './handles-own-errors.js';
import { getPendingWork, getPromiseDetector, getSyntacticPromiseDetector, type PromiseDetector } from './is-promise.js';
import { resolveImportedClass, resolveImportedFunction, type ImportedFunction, type SiblingModule } from './read-sibling-module.js';
import { findInstanceMethod, getFieldClassName, isGlobalReference } from './resolve-function.js';
import { loadTypeScript } from './typescript.js';

/**
 * "May this awaited (or returned) value be left to itself?": it cannot reject (`cannot-reject.ts`) or
 * is a call of a function that handles its own errors (`handles-own-errors.ts`), wherever that function
 * lives. The pieces every rule that judges awaits shares:
 * - with types, the declaration the checker resolves a call to, when its source is in the program,
 *   judged on TypeScript's tree (`tsOwnErrorsOracle`);
 * - without types, a relative module read from disk (`read-sibling-module.ts`): an imported function,
 *   or the method of the class a private field of `this` holds (`this.detector.subscribe()`, see
 *   `getFieldClassName`), judged by syntax in that module (`siblingHandlesOwnErrors`);
 * - `getSafeAwaitJudge`: the whole question for one file, for a rule without a promise model of its own.
 */

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Self-handling callees are followed through the safe awaits of their own handlers, two calls deep at most. */
const MAX_OWN_ERRORS_DEPTH = 2;

/**
 * `.catch(handler)`, `.then(onFulfilled, onRejected)`, and `.finally(fn)` on a handled chain: the
 * rejection has a handler (what the handler does is not judged here). `.then(onFulfilled)` and
 * `.finally(fn)` alone leave it unhandled.
 */
export function isHandledChain(node: TSESTree.Expression): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  switch (getStaticPropertyName(callee)) {
    case 'catch':
      return isHandler(inner.arguments[0]);
    case 'then':
      // `.then(...args, onRejected)`: the spread may fill both places, so the handler is not proven.
      return inner.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement && isHandler(inner.arguments[1]);
    case 'finally':
      return isHandledChain(callee.object);
    default:
      return false;
  }
}

function isHandler(argument: TSESTree.CallExpressionArgument | undefined): boolean {
  // A spread may be empty: the handler's presence cannot be proven.
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
  if (argument.type === AST_NODE_TYPES.Literal && argument.value === null) return false;
  return !(argument.type === AST_NODE_TYPES.Identifier && argument.name === 'undefined');
}

/** The call a `.then()`/`.catch()`/`.finally()` chain starts from: `save()` in `save().then(f)`. */
export function chainRoot(call: TSESTree.CallExpression): TSESTree.Expression {
  let current: TSESTree.Expression = call;
  for (;;) {
    const inner = skipExpressionWrappers(current);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return inner;
    const callee = skipExpressionWrappers(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return inner;
    const method = getStaticPropertyName(callee);
    if (method !== 'then' && method !== 'catch' && method !== 'finally') return inner;
    current = callee.object;
  }
}

/** The typed oracle for a declaration in another file: the checker says what can reject there. */
export function tsOwnErrorsOracle(services: TypeServices): TsOwnErrorsOracle {
  const ts = loadTypeScript();
  const checker = services.checker;
  const mayReject = (node: ts.Expression): boolean => {
    try {
      if (isTsNonRejectingPromise(node)) return false;
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        if ((method === 'catch' && node.arguments.length > 0) || (method === 'then' && node.arguments.length > 1)) return false;
      }
      return getPendingWork(services, node, checker.getTypeAtLocation(node)) !== null;
    } catch {
      return true;
    }
  };
  const resolveCall = (call: ts.CallExpression): ts.Node | null => resolveTsCall(checker, call);
  const symbolOf = (id: ts.Identifier): ts.Symbol | undefined => {
    try {
      return checker.getSymbolAtLocation(id);
    } catch {
      return undefined;
    }
  };
  // One level: a safe await's callee is judged without following its own awaits further.
  const isSafeCall = (value: ts.Expression): boolean => {
    if (!ts.isCallExpression(value)) return false;
    const declaration = resolveTsCall(checker, value);
    return declaration !== null && (tsFunctionCannotReject(declaration, 0) || tsFunctionHandlesOwnErrors(declaration, { mayReject, resolveCall, symbolOf }));
  };
  return {
    mayReject,
    resolveCall,
    symbolOf,
    isSafeAwait: (value) => {
      if (isTsNonRejectingPromise(value)) return true;
      if (ts.isCallExpression(value) && isTsAllOfSafeTasks(value, { mayReject, resolveCall, symbolOf, isSafeAwait: isSafeCall })) return true;
      return isSafeCall(value);
    },
  };
}

/** The declaration the checker resolves a call to, when it has a body in the program; null on any failure. */
export function resolveTsCall(checker: ts.TypeChecker, call: ts.CallExpression): ts.Node | null {
  try {
    const declaration = checker.getResolvedSignature(call)?.declaration;
    return declaration && !declaration.getSourceFile().isDeclarationFile ? declaration : null;
  } catch {
    return null;
  }
}

/**
 * The function a call runs when this file's scope cannot tell but syntax can, in this file or in a
 * relative module read from disk (`module`, null for this file):
 * - `save()` where `save` is imported (ES import or CommonJS require) from such a module;
 * - `this.detector.subscribe()` where the private field `detector` only ever holds `new Detector(…)`
 *   (see `getFieldClassName`) and `Detector` is a class of this file or imported from such a module:
 *   its own instance method `subscribe`.
 * `mayMatter` is asked about a module's text before it is parsed (see `resolveImportedFunction`).
 */
export function resolveCalleeAcrossModules(
  context: Context,
  call: TSESTree.CallExpression,
  mayMatter?: (text: string) => boolean,
): { fn: FunctionNode; module: SiblingModule | null } | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return resolveImportedFunction(context, callee, mayMatter);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  const receiver = skipExpressionWrappers(callee.object);
  if (method === null || receiver.type !== AST_NODE_TYPES.MemberExpression) return null;
  const className = getFieldClassName(context.sourceCode, receiver);
  if (!className) return null;
  try {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(className), className);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type === AST_NODE_TYPES.ClassDeclaration) {
      const fn = findInstanceMethod(def.node, method);
      return fn ? { fn, module: null } : null;
    }
  } catch {
    return null;
  }
  const imported = resolveImportedClass(context, className, mayMatter);
  const fn = imported ? findInstanceMethod(imported.cls, method) : null;
  return fn && imported ? { fn, module: imported.module } : null;
}

/**
 * Whether a function of a module read from disk (see `read-sibling-module.ts`) handles its own errors,
 * judged by syntax in that module's own scope. Its callees are followed within that module only, as
 * deep as `depth` (the calls already being followed) leaves room for.
 */
export function siblingHandlesOwnErrors(imported: ImportedFunction, depth: number): boolean {
  const moduleCode = imported.module.sourceCode;
  const moduleDetector = getSyntacticPromiseDetector(moduleCode);
  const isModuleGlobalPromise = (id: TSESTree.Identifier): boolean => id.name === 'Promise' && isGlobalReference(moduleCode, id);
  const resolveCall = (call: TSESTree.CallExpression): FunctionNode | null => moduleDetector.resolveCallee(call)?.fn ?? null;
  const resolveVariable = (id: TSESTree.Identifier): TSESLint.Scope.Variable | null => ASTUtils.findVariable(moduleCode.getScope(id), id) ?? null;
  const cannot = (node: TSESTree.Expression): boolean => cannotReject(node, { isGlobalPromise: isModuleGlobalPromise, resolveCall });
  let current = depth;
  const handles = (node: TSESTree.Expression): boolean => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const root = chainRoot(node);
    const fn = root.type === AST_NODE_TYPES.CallExpression ? resolveCall(root) : null;
    if (!fn) return false;
    if (current >= MAX_OWN_ERRORS_DEPTH) return isUnderJudgement(fn);
    current += 1;
    try {
      return functionHandlesOwnErrors(fn, oracle);
    } finally {
      current -= 1;
    }
  };
  const oracle: OwnErrorsOracle = {
    resolveCall,
    resolveVariable,
    mayReject: (node) => moduleDetector.isPromiseSyntactically(node) && !isHandledChain(node) && !cannot(node) && !handles(skipExpressionWrappers(node)),
    isSafeAwait: (value) => {
      const inner = skipExpressionWrappers(value);
      if (inner.type === AST_NODE_TYPES.NewExpression) return cannot(inner);
      if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
      return cannot(inner) || handles(inner) || isAllOfSafeTasks(inner, isModuleGlobalPromise, oracle);
    },
  };
  try {
    return functionHandlesOwnErrors(imported.fn, oracle);
  } catch {
    // A module parsed on the side is not worth a crash: unknown, so the report stands.
    return false;
  }
}

/** The safe-await question for one file (see `getSafeAwaitJudge`). */
export interface SafeAwaitJudge {
  /**
   * Whether `await value` (or `return value` from an async function) cannot pass a rejection on: a
   * promise that cannot reject, a call of a function that handles its own errors, `Promise.all` over
   * such tasks, or one element of a local list of them (`await pending.shift()`).
   */
  isSafeAwait(value: TSESTree.Expression): boolean;
}

const judges = new WeakMap<TSESLint.SourceCode, SafeAwaitJudge>();

/**
 * The safe-await question for the file being linted, for rules whose own model of promises is the
 * shared detector (`is-promise.ts`). Built once per file.
 */
export function getSafeAwaitJudge(context: Context): SafeAwaitJudge {
  let judge = judges.get(context.sourceCode);
  if (!judge) {
    judge = createSafeAwaitJudge(context, getPromiseDetector(context));
    judges.set(context.sourceCode, judge);
  }
  return judge;
}

function createSafeAwaitJudge(context: Context, detector: PromiseDetector): SafeAwaitJudge {
  const sourceCode = context.sourceCode;
  const services = detector.typeServices;
  let depth = 0;
  let tsOracle: TsOwnErrorsOracle | undefined;

  const isGlobalPromise = (id: TSESTree.Identifier): boolean => id.name === 'Promise' && isGlobalReference(sourceCode, id);
  const resolveSameFile = (call: TSESTree.CallExpression): FunctionNode | null => detector.resolveCallee(call)?.fn ?? null;
  const resolveVariable = (id: TSESTree.Identifier): TSESLint.Scope.Variable | null => ASTUtils.findVariable(sourceCode.getScope(id), id) ?? null;
  const resolveConst = (id: TSESTree.Identifier): TSESTree.Expression | null => {
    const variable = resolveVariable(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    return def.node.init ? skipExpressionWrappers(def.node.init) : null;
  };

  function getTsDeclaration(call: TSESTree.CallExpression): ts.Node | null {
    if (!services) return null;
    const ts = loadTypeScript();
    try {
      const tsCall = services.getTsNode(call);
      return tsCall && ts.isCallExpression(tsCall) ? resolveTsCall(services.checker, tsCall) : null;
    } catch {
      return null;
    }
  }

  function cannotRejectHere(node: TSESTree.Expression): boolean {
    return cannotReject(node, {
      isGlobalPromise,
      resolveCall: resolveSameFile,
      resolveTsCall: (call) => (detector.resolveCallee(call) ? null : getTsDeclaration(call)),
      resolveConst,
    });
  }

  function mayReject(node: TSESTree.Expression): boolean {
    if (!detector.isPromise(node) || isHandledChain(node) || cannotRejectHere(node)) return false;
    const inner = skipExpressionWrappers(node);
    return inner.type !== AST_NODE_TYPES.CallExpression || !handlesOwnErrorsCall(inner);
  }

  function handlesOwnErrorsCall(call: TSESTree.CallExpression): boolean {
    const root = chainRoot(call);
    if (root.type !== AST_NODE_TYPES.CallExpression) return false;
    const resolved = detector.resolveCallee(root);
    if (depth >= MAX_OWN_ERRORS_DEPTH) return resolved?.fn ? isUnderJudgement(resolved.fn) : false;
    depth += 1;
    try {
      if (resolved?.fn) return functionHandlesOwnErrors(resolved.fn, oracle);
      if (resolved) return false;
      const declaration = getTsDeclaration(root);
      if (declaration !== null && services !== null) return tsFunctionHandlesOwnErrors(declaration, (tsOracle ??= tsOwnErrorsOracle(services)));
      const found = resolveCalleeAcrossModules(context, root, textMayHandleOwnErrors);
      if (!found) return false;
      return found.module ? siblingHandlesOwnErrors({ fn: found.fn, module: found.module }, depth) : functionHandlesOwnErrors(found.fn, oracle);
    } finally {
      depth -= 1;
    }
  }

  function isSafeAwait(value: TSESTree.Expression): boolean {
    const inner = skipExpressionWrappers(value);
    if (inner.type === AST_NODE_TYPES.NewExpression) return cannotRejectHere(inner);
    if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (isReadOfSafeTasks(inner, oracle)) return true;
    if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
    return cannotRejectHere(inner) || handlesOwnErrorsCall(inner) || isAllOfSafeTasks(inner, isGlobalPromise, oracle);
  }

  const oracle: OwnErrorsOracle = { mayReject, resolveCall: resolveSameFile, isSafeAwait, resolveVariable };
  return {
    isSafeAwait(value) {
      try {
        return isSafeAwait(value);
      } catch {
        // Unknown: the caller keeps the report it would make without this answer.
        return false;
      }
    },
  };
}
