import type * as ts from 'typescript';

import { BLOCKING_CALLS, type BlockingCallTarget } from '../../src/knowledge/blocking-calls.js';
import { stripNodePrefix } from '../../src/util/allow-entry.js';
import { getDeclaringModule } from '../../src/util/declaring-module.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { hasConstantSize } from '../../src/util/collection-bound.js';
import { path } from '../../src/util/host.js';
import { getTargetSymbol, loadTypeScript, skipTsOuterExpressions } from '../../src/util/typescript.js';
import { ITERATION_METHODS } from '../../src/util/data-loop.js';

/** A blocking call found inside a helper that lives in another file of the program. */
export interface HelperFinding {
  /** The catalogued API, for the message: `readFileSync()`. */
  call: string;
  alternative: string;
  /** The file and line of the blocking call. */
  fileName: string;
  line: number;
  /** A cheap metadata call (`existsSync`, `statSync`, …), counted because it runs in a loop or an option asks. */
  cheap: boolean;
}

/** What the blocking call looks like where it stands, for the rule to decide whether it counts. */
export interface FoundCall {
  target: BlockingCallTarget;
  /** Inside a loop, in the helper or around a call on the way to it. */
  inLoop: boolean;
  /** A removal whose options may ask for a recursive walk (a second argument that is not a plain object without `recursive`). */
  mayBeRecursive: boolean;
}

/** How deep the follower goes from the called helper: its helpers' helpers, and so on. */
const MAX_DEPTH = 4;

const memo = new WeakMap<ts.Node, Map<string, HelperFinding | null>>();

/**
 * With type information: the blocking call a plain (not async) helper reaches when it is declared in
 * another source file of the program (not a declaration file, not a dependency), looked for in its
 * body and, through calls to more such functions (in any source file), up to `MAX_DEPTH` levels,
 * each function once. Lazy initialisation inside a helper (`cache ??= readFileSync(…)`,
 * `if (!cache) cache = …`) is not counted. `counts` tells which catalogued calls the options report;
 * `key` names those options for the cache.
 */
export function findBlockingInHelper(
  services: TypeServices,
  call: ts.CallExpression,
  inLoop: boolean,
  counts: (found: FoundCall) => boolean,
  key: string,
): { helper: string; finding: HelperFinding } | null {
  const ts = loadTypeScript();
  const callee = getCalledFunction(services.checker, call);
  if (!callee || callee.getSourceFile() === call.getSourceFile() || !isProgramSource(services.program, callee)) return null;
  const finding = search(callee, 0, inLoop, new Set());
  return finding ? { helper: getCalleeText(call), finding } : null;

  function search(fn: ts.FunctionLikeDeclaration, depth: number, loop: boolean, visiting: Set<ts.Node>): HelperFinding | null {
    const cacheKey = `${key}|${loop}`;
    let perNode = memo.get(fn);
    if (perNode?.has(cacheKey)) return perNode.get(cacheKey)!;
    if (visiting.has(fn)) return null;
    visiting.add(fn);
    const result = searchBody(fn, depth, loop, visiting);
    visiting.delete(fn);
    // A result found while a caller was still being searched may miss a cycle's findings: cache only at the top.
    if (depth === 0 || result) {
      perNode ??= new Map();
      perNode.set(cacheKey, result);
      memo.set(fn, perNode);
    }
    return result;
  }

  function searchBody(fn: ts.FunctionLikeDeclaration, depth: number, loop: boolean, visiting: Set<ts.Node>): HelperFinding | null {
    let result: HelperFinding | null = null;
    // A cheap metadata call (counted in a loop) is named only when nothing costlier follows: the message
    // should name the read or write that blocks, not the `existsSync` checked before it.
    let cheap: HelperFinding | null = null;
    const visit = (node: ts.Node, inLoopHere: boolean): void => {
      if (result) return;
      if (node !== fn.body && ts.isFunctionLike(node)) {
        if (!isIterationCallback(node)) return;
        // A callback over a collection written out in the code runs a fixed number of times.
        inLoopHere ||= !hasConstantSize(services.checker, getIteratedCollection(node));
      }
      if (ts.isClassLike(node)) return;
      if (ts.isCallExpression(node)) {
        const target = matchCatalogue(services.checker, node);
        if (target) {
          const found: FoundCall = { target, inLoop: inLoopHere, mayBeRecursive: mayBeRecursive(node) };
          if (counts(found) && !isLazyInitialisation(node, fn)) {
            const file = node.getSourceFile();
            const finding: HelperFinding = {
              call: `${target.info!.name}()`,
              alternative: target.info!.alternative,
              fileName: file.fileName,
              line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
              cheap: isCheap(found),
            };
            if (!finding.cheap) {
              result = finding;
              return;
            }
            cheap ??= finding;
          }
        } else if (depth + 1 < MAX_DEPTH) {
          const inner = getCalledFunction(services.checker, node);
          if (inner && isProgramSource(services.program, inner) && !isLazyInitialisation(node, fn)) {
            const found = search(inner, depth + 1, inLoopHere, visiting);
            if (found && !found.cheap) {
              result = found;
              return;
            }
            cheap ??= found;
          }
        }
      }
      const loopChild = isLoop(node) && !isFixedLoop(services.checker, node);
      ts.forEachChild(node, (child) => visit(child, inLoopHere || (loopChild && isLoopBody(node, child))));
    };
    if (fn.body) visit(fn.body, loop);
    return result ?? cheap;
  }
}

/** An existence check or a metadata call on one path (a removal that may walk a tree is not cheap). */
function isCheap(found: FoundCall): boolean {
  const cost = found.target.info!.cost;
  return cost === 'exists' || cost === 'metadata' || (cost === 'unless-recursive' && !found.mayBeRecursive);
}

/** `path:line` of a finding, relative to the linted file's directory, with forward slashes. */
export function describeLocation(finding: HelperFinding, fromFile: string): string {
  const relative = path.relative(path.dirname(fromFile), finding.fileName).split(path.sep).join('/');
  return `${relative}:${finding.line}`;
}

function getCalleeText(call: ts.CallExpression): string {
  const ts = loadTypeScript();
  const callee = skipTsOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return 'this call';
}

/** The plain, non-generator function a call resolves to, with a body: a declaration, a method, or a function-valued variable or property. */
function getCalledFunction(checker: ts.TypeChecker, call: ts.CallExpression): ts.FunctionLikeDeclaration | null {
  const ts = loadTypeScript();
  const callee = skipTsOuterExpressions(call.expression);
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : null;
  if (!name) return null;
  const declaration = getDeclaration(checker, name);
  if (!declaration) return null;
  let fn: ts.Node | undefined = declaration;
  if (ts.isShorthandPropertyAssignment(fn)) {
    // `module.exports = { helper }`: the variable the shorthand names.
    fn = getShorthandValue(checker, fn) ?? fn;
  }
  if ((ts.isVariableDeclaration(fn) || ts.isPropertyAssignment(fn) || ts.isPropertyDeclaration(fn)) && fn.initializer) {
    fn = skipTsOuterExpressions(fn.initializer);
  } else if (
    // CommonJS and expando assignments in JavaScript: `exports.helper = function …`, `Helpers.load = () => …`.
    (ts.isPropertyAccessExpression(fn) || ts.isElementAccessExpression(fn)) &&
    fn.parent &&
    ts.isBinaryExpression(fn.parent) &&
    fn.parent.left === fn &&
    fn.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    fn = skipTsOuterExpressions(fn.parent.right);
  } else if (ts.isBinaryExpression(fn) && fn.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    fn = skipTsOuterExpressions(fn.right);
  }
  if (!(ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
  if (!fn.body || fn.asteriskToken) return null;
  if (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) return null;
  return fn;
}

function getShorthandValue(checker: ts.TypeChecker, shorthand: ts.ShorthandPropertyAssignment): ts.Declaration | null {
  try {
    const symbol = checker.getShorthandAssignmentValueSymbol(shorthand);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0] ?? null;
  } catch {
    return null;
  }
}

function getDeclaration(checker: ts.TypeChecker, name: ts.Node): ts.Declaration | null {
  try {
    const symbol = getTargetSymbol(checker, name);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0] ?? null;
  } catch {
    // The checker can throw on pathological programs; answer "unknown".
    return null;
  }
}

function isProgramSource(program: ts.Program, node: ts.Node): boolean {
  const file = node.getSourceFile();
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !/[\\/]node_modules[\\/]/.test(file.fileName);
}

/** Catalogued calls by the last name of their path, for the modules (not globals) of the catalogue. */
const TARGETS_BY_NAME = new Map<string, BlockingCallTarget[]>();
for (const target of BLOCKING_CALLS) {
  if (target.module === undefined) continue;
  const name = target.path.at(-1)!;
  TARGETS_BY_NAME.set(name, [...(TARGETS_BY_NAME.get(name) ?? []), target]);
}

/** The catalogued API a call in another file resolves to, by where the checker says it is declared. */
function matchCatalogue(checker: ts.TypeChecker, call: ts.CallExpression): BlockingCallTarget | null {
  const ts = loadTypeScript();
  const callee = skipTsOuterExpressions(call.expression);
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : null;
  if (!name) return null;
  const declaration = getDeclaration(checker, name);
  if (declaration) {
    const candidates = TARGETS_BY_NAME.get(name.text);
    const module = candidates && getDeclaringModule(declaration);
    return (module && candidates!.find((target) => stripNodePrefix(target.module!) === module)) || null;
  }
  // The checker cannot see the module (its types are not installed): read the import instead.
  const imported = getImportedApi(checker, callee);
  if (!imported) return null;
  const module = stripNodePrefix(imported.module);
  return TARGETS_BY_NAME.get(imported.name)?.find((target) => stripNodePrefix(target.module!) === module) ?? null;
}

/**
 * What an import says a callee is, without the module's types: `readFileSync` from
 * `import { readFileSync as read } from 'fs'` or `const { readFileSync } = require('fs')`, and
 * `fs.readFileSync` where `fs` is the module's default, namespace, `import = require` or `require()`.
 */
function getImportedApi(checker: ts.TypeChecker, callee: ts.Expression): { module: string; name: string } | null {
  const ts = loadTypeScript();
  if (ts.isIdentifier(callee)) {
    const declaration = getLocalDeclaration(checker, callee);
    if (!declaration) return null;
    if (ts.isImportSpecifier(declaration)) {
      const module = declaration.parent.parent.parent.moduleSpecifier;
      return ts.isStringLiteral(module) ? { module: module.text, name: (declaration.propertyName ?? declaration.name).text } : null;
    }
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
      const module = getRequiredModule(declaration.parent.parent.initializer);
      const imported = declaration.propertyName ?? declaration.name;
      return module && ts.isIdentifier(imported) ? { module, name: imported.text } : null;
    }
    return null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const object = skipTsOuterExpressions(callee.expression);
  if (!ts.isIdentifier(object)) return null;
  const declaration = getLocalDeclaration(checker, object);
  if (!declaration) return null;
  let module: string | null = null;
  if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
    const specifier = (ts.isImportClause(declaration) ? declaration : declaration.parent).parent.moduleSpecifier;
    module = ts.isStringLiteral(specifier) ? specifier.text : null;
  } else if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const specifier = declaration.moduleReference.expression;
    module = ts.isStringLiteral(specifier) ? specifier.text : null;
  } else if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    module = getRequiredModule(declaration.initializer);
  }
  return module ? { module, name: callee.name.text } : null;
}

/** The declaration of a local name itself (an import, not what it imports). */
function getLocalDeclaration(checker: ts.TypeChecker, id: ts.Identifier): ts.Declaration | null {
  try {
    return checker.getSymbolAtLocation(id)?.declarations?.[0] ?? null;
  } catch {
    return null;
  }
}

/** `'fs'` in `require('fs')`. */
function getRequiredModule(initializer: ts.Expression | undefined): string | null {
  const ts = loadTypeScript();
  if (!initializer) return null;
  const call = skipTsOuterExpressions(initializer);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require') return null;
  const argument = call.arguments[0];
  return call.arguments.length === 1 && argument && ts.isStringLiteralLike(argument) ? argument.text : null;
}

function isIterationCallback(node: ts.Node): boolean {
  const ts = loadTypeScript();
  const parent = node.parent;
  if (!parent || !ts.isCallExpression(parent) || !parent.arguments.includes(node as ts.Expression)) return false;
  const callee = skipTsOuterExpressions(parent.expression);
  return ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text);
}

/** `xs` in `xs.map(callback)`. */
function getIteratedCollection(callback: ts.Node): ts.Expression {
  const call = callback.parent as ts.CallExpression;
  return (skipTsOuterExpressions(call.expression) as ts.PropertyAccessExpression).expression;
}

/**
 * The checker-side twin of the loop tests of `src/util/data-loop.ts`: a loop whose number of turns does not
 * grow with data. A `for…of` over a collection of constant size, a counter between two constants, or a
 * walk up the directory tree (a statement of the body sets a variable to `dirname` of itself, and no
 * other write in the loop sets it).
 */
function isFixedLoop(checker: ts.TypeChecker, loop: ts.Node): boolean {
  const ts = loadTypeScript();
  if (ts.isForOfStatement(loop)) return hasConstantSize(checker, loop.expression);
  if (ts.isForStatement(loop) && isCountedLoop(loop)) return true;
  if (ts.isForStatement(loop) || ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return isDirectoryWalk(loop);
  return false;
}

function isCountedLoop(loop: ts.ForStatement): boolean {
  const ts = loadTypeScript();
  const { initializer, condition, incrementor } = loop;
  if (!initializer || !ts.isVariableDeclarationList(initializer) || initializer.declarations.length !== 1) return false;
  const declaration = initializer.declarations[0]!;
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !isConstantNumber(declaration.initializer)) return false;
  const counter = declaration.name.text;
  if (!condition || !ts.isBinaryExpression(condition)) return false;
  const operator = condition.operatorToken.kind;
  if (operator !== ts.SyntaxKind.LessThanToken && operator !== ts.SyntaxKind.LessThanEqualsToken) return false;
  if (!ts.isIdentifier(condition.left) || condition.left.text !== counter || !isConstantNumber(condition.right)) return false;
  const steps =
    incrementor !== undefined &&
    ((ts.isPostfixUnaryExpression(incrementor) || ts.isPrefixUnaryExpression(incrementor)) &&
      incrementor.operator === ts.SyntaxKind.PlusPlusToken &&
      ts.isIdentifier(incrementor.operand) &&
      incrementor.operand.text === counter);
  return steps && !writes(loop.statement, counter);
}

/** A numeric literal, or a `const` initialised with one (`const MAX_DEPTH = 4`). */
function isConstantNumber(node: ts.Expression): boolean {
  const ts = loadTypeScript();
  const expression = skipTsOuterExpressions(node);
  if (ts.isNumericLiteral(expression)) return true;
  if (!ts.isIdentifier(expression)) return false;
  // A same-file `const` of a numeric literal, found by name in the enclosing blocks and the file.
  for (let scope: ts.Node | undefined = expression.parent; scope; scope = scope.parent) {
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : null;
    for (const statement of statements ?? []) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === expression.text) {
          return declaration.initializer !== undefined && ts.isNumericLiteral(skipTsOuterExpressions(declaration.initializer));
        }
      }
    }
  }
  return false;
}

/** Whether `node` assigns or increments the variable `name`. */
function writes(node: ts.Node, name: string): boolean {
  const ts = loadTypeScript();
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (
      (ts.isBinaryExpression(child) &&
        child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        child.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(child.left) &&
        child.left.text === name) ||
      ((ts.isPostfixUnaryExpression(child) || ts.isPrefixUnaryExpression(child)) && ts.isIdentifier(child.operand) && child.operand.text === name)
    ) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function isDirectoryWalk(loop: ts.ForStatement | ts.WhileStatement | ts.DoStatement): boolean {
  const ts = loadTypeScript();
  const body = loop.statement;
  if (!ts.isBlock(body)) return false;
  const parents = new Map<string, string>();
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const of = declaration.initializer ? getParentPathOf(declaration.initializer) : null;
      if (ts.isIdentifier(declaration.name) && of !== null) parents.set(declaration.name.text, of);
    }
  }
  const climbsTo = (value: ts.Expression): string | null => {
    const inner = skipTsOuterExpressions(value);
    return ts.isIdentifier(inner) ? parents.get(inner.text) ?? null : getParentPathOf(inner);
  };
  const climbing = new Set<string>();
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const assignment = statement.expression;
    if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(assignment.left)) continue;
    if (climbsTo(assignment.right) === assignment.left.text) climbing.add(assignment.left.text);
  }
  for (const name of climbing) {
    let other = false;
    const visit = (node: ts.Node): void => {
      if (other) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) && node.left.text === name) {
        if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || climbsTo(node.right) !== name) other = true;
      }
      if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && ts.isIdentifier(node.operand) && node.operand.text === name) other = true;
      ts.forEachChild(node, visit);
    };
    visit(body);
    if (ts.isForStatement(loop) && loop.incrementor) visit(loop.incrementor);
    if (!other) return true;
  }
  return false;
}

/** `dirname(x)`, `path.dirname(x)`, `resolve(x, '..')`, `join(x, '..')`: the name `x`. */
function getParentPathOf(node: ts.Expression): string | null {
  const ts = loadTypeScript();
  const call = skipTsOuterExpressions(node);
  if (!ts.isCallExpression(call)) return null;
  const callee = skipTsOuterExpressions(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
  const [first, second] = call.arguments;
  if (!first || !ts.isIdentifier(first)) return null;
  if (name === 'dirname' && call.arguments.length === 1) return first.text;
  if ((name === 'resolve' || name === 'join') && call.arguments.length === 2 && second && ts.isStringLiteral(second) && second.text === '..') return first.text;
  return null;
}

function isLoop(node: ts.Node): boolean {
  const ts = loadTypeScript();
  return ts.isIterationStatement(node, false);
}

function isLoopBody(loop: ts.Node, child: ts.Node): boolean {
  const ts = loadTypeScript();
  if (ts.isForStatement(loop)) return child !== loop.initializer;
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return child === loop.statement;
  return true;
}

function mayBeRecursive(call: ts.CallExpression): boolean {
  const ts = loadTypeScript();
  const options = call.arguments[1];
  if (!options) return false;
  if (!ts.isObjectLiteralExpression(options)) return true;
  return options.properties.some((property) => {
    if (!ts.isPropertyAssignment(property) || !property.name || ts.isComputedPropertyName(property.name)) return true;
    return property.name.getText() === 'recursive' && property.initializer.kind !== ts.SyntaxKind.FalseKeyword;
  });
}

/**
 * The checker-side twin of `src/util/is-lazy-initialisation.ts`, kept small: the call is the value of `x ??= …`/`x ||= …`,
 * or inside `if (!x) { … x = … }` (also `x == null`, `!m.has(k)` with `m.set(…)`), or after a guard
 * `if (x) return …;` in a function that assigns `x` (the guard may read `x` through `const copy = x`).
 */
function isLazyInitialisation(node: ts.Node, fn: ts.FunctionLikeDeclaration): boolean {
  const ts = loadTypeScript();
  let child: ts.Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (
      ts.isBinaryExpression(current) &&
      current.right === child &&
      (current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || current.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)
    ) {
      return true;
    }
    if (ts.isIfStatement(current) && current.thenStatement === child) {
      if (cacheTexts(current.expression, false).some((cache) => fills(current.thenStatement, cache))) return true;
    }
  }
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  for (const statement of body.statements) {
    if (statement.pos >= node.pos) break;
    if (!ts.isIfStatement(statement) || !exits(statement.thenStatement)) continue;
    const caches = cacheTexts(statement.expression, true).map((cache) => ({ ...cache, text: getAliasedText(body, cache.text, statement) ?? cache.text }));
    if (caches.some((cache) => fills(body, cache))) return true;
  }
  return false;
}

/** `const cached = settingsCache;` before the guard: the guard's `cached` is that cache. */
function getAliasedText(body: ts.Block, name: string, before: ts.Statement): string | null {
  const ts = loadTypeScript();
  for (const statement of body.statements) {
    if (statement === before) break;
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name || !declaration.initializer) continue;
      const init = skipTsOuterExpressions(declaration.initializer);
      return ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) ? init.getText() : null;
    }
  }
  return null;
}

interface CacheText {
  text: string;
  keyed: boolean;
}

function cacheTexts(test: ts.Expression, set: boolean): CacheText[] {
  const ts = loadTypeScript();
  const node = skipTsOuterExpressions(test);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return cacheTexts(node.operand, !set);
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    // `if (cached && cached.mtimeMs === mtimeMs) return cached`: past such a guard the value is unset or
    // stale, and the code below fills it again, as an mtime- or key-checked cache does.
    if (kind === ts.SyntaxKind.AmpersandAmpersandToken || (set && kind === ts.SyntaxKind.BarBarToken)) {
      return [...cacheTexts(node.left, set), ...cacheTexts(node.right, set)];
    }
    const equal = kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsEqualsToken;
    const notEqual = kind === ts.SyntaxKind.ExclamationEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken;
    if (!equal && !notEqual) return [];
    const value = isNullish(node.right) ? node.left : isNullish(node.left) ? node.right : null;
    return value && equal !== set ? [{ text: value.getText(), keyed: false }] : [];
  }
  if (!set) return [];
  if (ts.isCallExpression(node)) {
    const callee = skipTsOuterExpressions(node.expression);
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'has' ? [{ text: callee.expression.getText(), keyed: true }] : [];
  }
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? [{ text: node.getText(), keyed: false }] : [];
}

function isNullish(node: ts.Expression): boolean {
  const ts = loadTypeScript();
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

function fills(body: ts.Node, cache: CacheText): boolean {
  const ts = loadTypeScript();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = node.left.getText();
      if (left === cache.text || (ts.isElementAccessExpression(node.left) && node.left.expression.getText() === cache.text)) found = true;
    }
    if (cache.keyed && ts.isCallExpression(node)) {
      const callee = skipTsOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'set' && callee.expression.getText() === cache.text) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function exits(statement: ts.Statement): boolean {
  const ts = loadTypeScript();
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && exits(statement.statements[statement.statements.length - 1]!);
}
