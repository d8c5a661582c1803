import type * as TsApiUtils from 'ts-api-utils';
import type * as TypeScript from 'typescript';

import { requireFromPlugin } from './host.js';

/*
 * TypeScript is an optional peer: a JavaScript-only project (npm with legacy-peer-deps, Yarn PnP) has none,
 * and loading the plugin must not need it. It is needed only when the parser hands us a program, so it is
 * loaded then, on first use, from the plugin's own location (where a static import would have found it).
 * `ts-api-utils` imports `typescript` when it loads, so it is loaded the same way.
 *
 * Rules and helpers never value-import `typescript` or `ts-api-utils`: they import the type namespace
 * (`import type * as ts from 'typescript'`), call `loadTypeScript()` where they need a value, and take the
 * ts-api-utils helpers from here (`tests/lazy-typescript.test.ts` checks).
 */

let typescript: typeof TypeScript | undefined;
let tsApiUtils: typeof TsApiUtils | undefined;

/** The `typescript` module. Call it only when a program exists; it throws when TypeScript is not installed. */
export function loadTypeScript(): typeof TypeScript {
  return (typescript ??= requireFromPlugin('typescript') as typeof TypeScript);
}

function utils(): typeof TsApiUtils {
  return (tsApiUtils ??= requireFromPlugin('ts-api-utils') as typeof TsApiUtils);
}

// The ts-api-utils helpers we use, each loading the module on its first call.
export const isIntrinsicAnyType: typeof TsApiUtils.isIntrinsicAnyType = (type) => utils().isIntrinsicAnyType(type);
export const isIntrinsicErrorType: typeof TsApiUtils.isIntrinsicErrorType = (type) => utils().isIntrinsicErrorType(type);
export const isIntrinsicNeverType: typeof TsApiUtils.isIntrinsicNeverType = (type) => utils().isIntrinsicNeverType(type);
export const isIntrinsicNullType: typeof TsApiUtils.isIntrinsicNullType = (type) => utils().isIntrinsicNullType(type);
export const isIntrinsicUndefinedType: typeof TsApiUtils.isIntrinsicUndefinedType = (type) => utils().isIntrinsicUndefinedType(type);
export const isIntrinsicUnknownType: typeof TsApiUtils.isIntrinsicUnknownType = (type) => utils().isIntrinsicUnknownType(type);
export const isIntrinsicVoidType: typeof TsApiUtils.isIntrinsicVoidType = (type) => utils().isIntrinsicVoidType(type);
export const isThenableType = ((...args: Parameters<typeof TsApiUtils.isThenableType>) =>
  utils().isThenableType(...args)) as typeof TsApiUtils.isThenableType;
export const isTupleTypeReference: typeof TsApiUtils.isTupleTypeReference = (type) => utils().isTupleTypeReference(type);
export const isTypeParameter: typeof TsApiUtils.isTypeParameter = (type) => utils().isTypeParameter(type);
export const unionConstituents: typeof TsApiUtils.unionConstituents = (type) => utils().unionConstituents(type);
export const isUnionType: typeof TsApiUtils.isUnionType = (type) => utils().isUnionType(type);
export const isStrictCompilerOptionEnabled: typeof TsApiUtils.isStrictCompilerOptionEnabled = (options, option) =>
  utils().isStrictCompilerOptionEnabled(options, option);

/** `any`, `unknown` or the checker's error type: the checker does not know, so what the code says decides. */
export function isVagueType(type: TypeScript.Type): boolean {
  return isIntrinsicAnyType(type) || isIntrinsicErrorType(type) || isIntrinsicUnknownType(type);
}

/** Whether a member of the type (or the type itself) is `undefined`, `null` or `void`: the value may be absent. */
export function includesNullish(type: TypeScript.Type): boolean {
  return unionConstituents(type).some((part) => isIntrinsicUndefinedType(part) || isIntrinsicNullType(part) || isIntrinsicVoidType(part));
}

/** `(x)`, `x as T`, `x!`, `x satisfies T` on TypeScript's tree: the expression inside. */
export function skipTsOuterExpressions(node: TypeScript.Expression): TypeScript.Expression {
  const ts = loadTypeScript();
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * The symbol a name refers to, through an import to what it imports. The caller guards the checker
 * (an exception from TypeScript means "unknown").
 */
export function getTargetSymbol(checker: TypeScript.TypeChecker, node: TypeScript.Node): TypeScript.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & loadTypeScript().SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}
