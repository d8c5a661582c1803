import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getStaticPropertyName, haveSameTokens, skipExpressionWrappers } from './ast.js';
import { isInside, type FunctionNode } from './get-enclosing-function.js';
import { walkDescendants } from './walk.js';

/**
 * One-time (or once-per-key) lazy initialisation: `node` only runs until a value that outlives the
 * call (a module or closure variable, a property of `this` or of such a variable) has been filled in:
 * - `cache ??= load()`, `cache ||= load()`, `cache ?? (cache = load())`;
 * - `if (!cache) { cache = load(); }`, also `cache == null`, `cache === undefined`, `!loaded` with
 *   `loaded = true` inside, and keyed caches `if (!cache.has(key)) cache.set(key, load())`;
 * - after a guard `if (cache) return cache;` (or `if (cache.has(key)) return …`) in the function body,
 *   when the function fills that value in; the guard may read it through a local `const cached = cache`
 *   (an mtime-keyed cache: `if (cached && cached.mtimeMs === stat.mtimeMs) return cached.value`);
 * - a call that creates a path (`writeFileSync`, `copyFileSync`, `mkdirSync`, …) inside
 *   `if (!existsSync(p))`: it runs until the path exists.
 * `scope` is the function whose run is judged; a value declared inside it is not a cache.
 */
export function isLazyInitialisation(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, scope: FunctionNode, apiName?: string): boolean {
  const isPersistent = (target: TSESTree.Node): boolean => isOutliving(sourceCode, target, scope);
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.right === child) {
      if ((current.operator === '??=' || current.operator === '||=') && isPersistent(current.left)) return true;
      const outer = current.parent;
      if (
        current.operator === '=' &&
        outer.type === AST_NODE_TYPES.LogicalExpression &&
        outer.right === current &&
        (outer.operator === '??' || outer.operator === '||') &&
        haveSameTokens(sourceCode, outer.left, current.left) &&
        isPersistent(current.left)
      ) {
        return true;
      }
    }
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) {
      if (apiName !== undefined && CREATES_PATH.has(apiName) && isMissingCheck(current.test)) return true;
      for (const unset of conditionTargets(current.test, false)) {
        if (isPersistent(unset.target) && fills(sourceCode, current.consequent, unset)) return true;
      }
    }
    if (current === scope) break;
  }
  return isAfterGuard(sourceCode, node, scope, isPersistent);
}

/** Calls that create the path they are given: once it exists, `if (!existsSync(p))` skips them. */
const CREATES_PATH = new Set([
  'copyFileSync', 'copySync', 'cpSync', 'ensureDirSync', 'ensureFileSync', 'linkSync', 'mkdirSync', 'mkdirpSync', 'mkdirsSync',
  'outputFileSync', 'outputJSONSync', 'outputJsonSync', 'symlinkSync', 'writeFileSync', 'writeJSONSync', 'writeJsonSync',
  'Deno.copyFileSync', 'Deno.mkdirSync', 'Deno.writeFileSync', 'Deno.writeTextFileSync',
]);

/**
 * `!existsSync(p)` (or `!fs.pathExistsSync(p)`): the branch creates what is missing, once per path
 * (`if (!existsSync(db)) copyFileSync(template, db)`).
 */
function isMissingCheck(test: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return isMissingCheck(node.left) || isMissingCheck(node.right);
  if (node.type !== AST_NODE_TYPES.UnaryExpression || node.operator !== '!') return false;
  const call = skipExpressionWrappers(node.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name === 'existsSync' || name === 'pathExistsSync';
}

interface CacheTarget {
  target: TSESTree.Node;
  /** `cache.has(key)`: filled by `cache.set(…)`. */
  keyed: boolean;
}

/** What the test checks to be unset (`negated` false: `!x`, `x == null`) or set (`x`, `x != null`, `m.has(k)`). */
function conditionTargets(test: TSESTree.Expression, set: boolean): CacheTarget[] {
  const node = skipExpressionWrappers(test);
  // `if (cached && cached.mtimeMs === mtimeMs) return cached` (set): past such a guard the value is unset or
  // stale, and the code below fills it again, as an mtime- or key-checked cache does.
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === '&&' || (set && node.operator === '||'))) {
    return [...conditionTargets(node.left, set), ...conditionTargets(node.right, set)];
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return conditionTargets(node.argument, !set);
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(node.operator)) {
    const equal = node.operator === '==' || node.operator === '===';
    const [value, other] = isNullish(node.right) ? [node.left, node.right] : isNullish(node.left) ? [node.right, node.left] : [null, null];
    if (!value || !other || value.type === AST_NODE_TYPES.PrivateIdentifier) return [];
    return equal !== set ? [{ target: value, keyed: false }] : [];
  }
  if (!set) return [];
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'has') return [{ target: callee.object, keyed: true }];
    return [];
  }
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return [{ target: node, keyed: false }];
  return [];
}

/** Unset-checks are the same shapes read the other way round. */
function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** Whether `body` assigns the target (`x = …`, `x ??= …`) or, for a keyed cache, calls `x.set(…)`. */
function fills(sourceCode: TSESLint.SourceCode, body: TSESTree.Node, cache: CacheTarget): boolean {
  let found = false;
  walkDescendants(body, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.AssignmentExpression && haveSameTokens(sourceCode, child.left, cache.target)) found = true;
    if (child.type === AST_NODE_TYPES.AssignmentExpression && child.left.type === AST_NODE_TYPES.MemberExpression && haveSameTokens(sourceCode, child.left.object, cache.target)) {
      found = cache.keyed || child.left.computed;
    }
    if (cache.keyed && child.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(child.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'set' && haveSameTokens(sourceCode, callee.object, cache.target)) found = true;
    }
    return !found;
  });
  return found;
}

/** `if (cache) return cache;` among the statements of `scope`'s body before `node`, and `scope` fills `cache`. */
function isAfterGuard(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, scope: FunctionNode, isPersistent: (n: TSESTree.Node) => boolean): boolean {
  if (scope.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  for (const statement of scope.body.body) {
    if (statement.range[0] >= node.range[0]) break;
    if (statement.type !== AST_NODE_TYPES.IfStatement || !exits(statement.consequent)) continue;
    for (const found of conditionTargets(statement.test, true)) {
      // `const cached = settingsCache; if (cached && …) return cached;`: the guard reads the cache through a local copy.
      const cache = { ...found, target: getAliased(scope.body, found.target, statement) ?? found.target };
      if (isPersistent(cache.target) && fills(sourceCode, scope.body, cache)) return true;
    }
  }
  return false;
}

/** For a name declared `const name = <identifier or member>` among the body's statements before `before`: that value. */
function getAliased(body: TSESTree.BlockStatement, target: TSESTree.Node, before: TSESTree.Statement): TSESTree.Node | null {
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  for (const statement of body.body) {
    if (statement === before) break;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== target.name || !declarator.init) continue;
      const init = skipExpressionWrappers(declarator.init);
      return init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression ? init : null;
    }
  }
  return null;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length > 0 && exits(statement.body.at(-1)!);
}

/** A variable declared outside `scope`, or a property of `this` or of such a variable. */
function isOutliving(sourceCode: TSESLint.SourceCode, target: TSESTree.Node, scope: FunctionNode): boolean {
  let root: TSESTree.Node = target;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.TSNonNullExpression || root.type === AST_NODE_TYPES.ChainExpression) {
    root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.expression;
  }
  if (root.type === AST_NODE_TYPES.ThisExpression) return target !== root;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'Parameter' && target === root) return false;
  return !isInside(def.name, scope);
}

