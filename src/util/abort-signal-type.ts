import type * as ts from 'typescript';

import { isVagueType, loadTypeScript, unionConstituents } from './typescript.js';

/**
 * What the checker says about a value's type: it is (or may be, in a union) an AbortSignal, it is something
 * else, or it cannot tell: `any`, `unknown`, or an error type, which is what `AbortSignal` becomes when no
 * lib and no `@types/node` declare it (a project whose dependencies are not installed). Callers treat
 * 'unknown' as "no type information" and fall back to what the code says (`signal`, `options.signal`).
 */
export type AbortSignalVerdict = 'signal' | 'other' | 'unknown';

const globalSymbols = new WeakMap<ts.TypeChecker, ts.Symbol | null>();

/** Call only when a program exists (it loads TypeScript). */
export function classifyAbortSignalType(checker: ts.TypeChecker, type: ts.Type): AbortSignalVerdict {
  if (isVagueType(type)) return 'unknown';
  let unknown = false;
  for (const part of unionConstituents(checker.getNonNullableType(type))) {
    if (isVagueType(part)) {
      unknown = true;
      continue;
    }
    const symbol = part.getSymbol() ?? part.aliasSymbol;
    if (symbol && isAbortSignalSymbol(checker, symbol)) return 'signal';
  }
  return unknown ? 'unknown' : 'other';
}

/**
 * The global `AbortSignal` by identity; or, where the program has none, a type of that name declared in a
 * declaration file (a polyfill package's). A class of the user's own that happens to be called
 * `AbortSignal` is not one.
 */
function isAbortSignalSymbol(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  const global = getGlobalAbortSignal(checker);
  if (global && symbol === global) return true;
  if (symbol.getName() !== 'AbortSignal') return false;
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

function getGlobalAbortSignal(checker: ts.TypeChecker): ts.Symbol | null {
  let symbol = globalSymbols.get(checker);
  if (symbol === undefined) {
    try {
      symbol = checker.resolveName('AbortSignal', undefined, loadTypeScript().SymbolFlags.Type, false) ?? null;
    } catch {
      // The checker failed: answer by name and declaration file only.
      symbol = null;
    }
    globalSymbols.set(checker, symbol);
  }
  return symbol;
}

