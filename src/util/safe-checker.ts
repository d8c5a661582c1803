import type * as ts from 'typescript';

/**
 * The checker boundary. TypeScript's checker can throw on deep, recursive or pathological types
 * (`RangeError: Maximum call stack size exceeded` while it prints a type for a diagnostic it builds
 * inside `getTypeAtLocation`, for one). A rule that lets that escape ends the user's whole lint run, so
 * every question we ask the checker goes through here, and an exception means "the checker does not
 * know": the rule then answers as it would without types.
 */

/** How deep any walk of ours over types goes (union/intersection members, base types, `then` results). */
export const MAX_TYPE_DEPTH = 8;

/** How many TypeScript exceptions were turned into "unknown" in this process (the crash hunt prints it). */
export const checkerFailures = { count: 0 };

/** Runs `question`; when TypeScript throws, returns `unknown` instead. */
export function safely<T>(unknown: T, question: () => T): T {
  try {
    return question();
  } catch (error) {
    if (isCheckerFailure(error)) return unknown;
    throw error;
  }
}

/**
 * An exception thrown inside TypeScript (or ts-api-utils on its behalf), as opposed to a bug of ours:
 * its innermost frame with a file is in TypeScript's own files. (A stack overflow in our own code is
 * ours to fix, and still throws.)
 */
export function isCheckerFailure(error: unknown): boolean {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return false;
  const frame = error.stack
    .split('\n')
    .find((line) => line.trimStart().startsWith('at ') && !/\((node:|<anonymous>)|^\s*at (node:|<anonymous>)/.test(line));
  const failure = frame !== undefined && /[/\\](typescript|ts-api-utils)[/\\]lib[/\\]/.test(frame);
  if (failure) checkerFailures.count += 1;
  return failure;
}

const guarded = new WeakMap<ts.TypeChecker, ts.TypeChecker>();

/**
 * The same checker, with every method made safe: when TypeScript throws, a type question answers
 * `any` (which every rule reads as "no type information here"), a yes/no question answers no, a list
 * question answers an empty list, and anything else `undefined`.
 */
export function guardChecker(checker: ts.TypeChecker): ts.TypeChecker {
  let safe = guarded.get(checker);
  if (safe) return safe;
  const methods = new Map<PropertyKey, unknown>();
  safe = new Proxy(checker, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      let method = methods.get(key);
      if (!method) {
        const unknown = () => unknownAnswer(target, String(key));
        method = function (this: unknown, ...args: unknown[]) {
          try {
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            if (isCheckerFailure(error)) return unknown();
            throw error;
          }
        };
        methods.set(key, method);
      }
      return method;
    },
  });
  guarded.set(checker, safe);
  return safe;
}

/** What "unknown" looks like for a checker method, by the shape of its answer. */
function unknownAnswer(checker: ts.TypeChecker, name: string): unknown {
  if (/^(is|has|can)[A-Z]/.test(name)) return false;
  if (/(Signatures|TypeArguments|PropertiesOfType|BaseTypes|IndexInfosOfType|Diagnostics)$/.test(name)) return [];
  if (name === 'getContextualType' || name === 'getAwaitedType' || name === 'getPromisedTypeOfPromise') return undefined;
  if (/^get\w*Type$/.test(name) || name === 'getTypeOfSymbolAtLocation' || name === 'getTypeOfSymbol') return checker.getAnyType();
  return undefined;
}

/**
 * Whether some member of `type` satisfies `test`, looking through unions and intersections (and what
 * `expand` adds, such as base types), at most MAX_TYPE_DEPTH levels deep and each type once. A type
 * the checker fails on counts as not satisfying it.
 */
export function someTypeMember(
  type: ts.Type,
  test: (member: ts.Type) => boolean,
  expand: (member: ts.Type) => readonly ts.Type[] = () => [],
): boolean {
  const seen = new Set<ts.Type>();
  const visit = (member: ts.Type, depth: number): boolean => {
    if (depth > MAX_TYPE_DEPTH || seen.has(member)) return false;
    seen.add(member);
    if (safely(false, () => test(member))) return true;
    const children = member.isUnionOrIntersection() ? member.types : safely<readonly ts.Type[]>([], () => expand(member));
    return children.some((child) => visit(child, depth + 1));
  };
  return visit(type, 0);
}
