import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The nearest function around `node` (not `node` itself), or null at module or script level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** Async functions, async arrows, async methods and async generators. */
export function isAsyncFunction(fn: TSESTree.Node | null | undefined): fn is FunctionNode {
  return fn != null && isFunctionNode(fn) && fn.async;
}

/**
 * Where `node` runs, as far as awaiting goes:
 * - 'async': directly inside an async function body;
 * - 'sync': inside a plain function (a callback, a helper, a constructor);
 * - 'module': at the top level of an ES module (top-level await is available);
 * - 'script': at the top level of a script or CommonJS file;
 * - 'initializer': in a class field initializer or static block, where `await` is never allowed.
 */
export type ExecutionContext = 'async' | 'sync' | 'module' | 'script' | 'initializer';

export function getExecutionContext(node: TSESTree.Node, sourceType: 'module' | 'script' | 'commonjs' | undefined): ExecutionContext {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current.async ? 'async' : 'sync';
    if (
      current.type === AST_NODE_TYPES.StaticBlock ||
      ((current.type === AST_NODE_TYPES.PropertyDefinition ||
        current.type === AST_NODE_TYPES.AccessorProperty) &&
        isInside(node, current.value))
    ) {
      return 'initializer';
    }
  }
  return sourceType === 'module' ? 'module' : 'script';
}

/**
 * True where an `await` keyword may be inserted in front of `node`. At the top level that needs an ES
 * module: ESLint parses every `.js` and `.ts` file as one, also CommonJS that Node runs as a script.
 */
export function canAwaitAt(node: TSESTree.Node, sourceType: 'module' | 'script' | 'commonjs' | undefined): boolean {
  const context = getExecutionContext(node, sourceType);
  return context === 'async' || (context === 'module' && !isCommonJsProgram(getProgram(node)));
}

const commonJsPrograms = new WeakMap<TSESTree.Node, boolean>();

/** A file without import/export statements whose top level has `require()` or assigns `module.exports`/`exports.x`. */
function isCommonJsProgram(program: TSESTree.Node): boolean {
  if (program.type !== AST_NODE_TYPES.Program) return false;
  let answer = commonJsPrograms.get(program);
  if (answer === undefined) {
    answer = !program.body.some((statement) => statement.type.startsWith('Import') || statement.type.startsWith('Export')) && program.body.some(isCommonJsStatement);
    commonJsPrograms.set(program, answer);
  }
  return answer;
}

function isCommonJsStatement(statement: TSESTree.ProgramStatement): boolean {
  const isRequire = (node: TSESTree.Node | null): boolean =>
    node?.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require';
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) return statement.declarations.some((declarator) => isRequire(declarator.init));
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  if (isRequire(expression)) return true;
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = expression.left.object;
  return (
    (target.type === AST_NODE_TYPES.Identifier && target.name === 'exports') ||
    (target.type === AST_NODE_TYPES.Identifier && target.name === 'module' && !expression.left.computed && expression.left.property.type === AST_NODE_TYPES.Identifier && expression.left.property.name === 'exports') ||
    (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module')
  );
}

function getProgram(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** Whether `inner` is `outer` or lies within it (by range, so it works on any node pair). */
export function isInside(inner: TSESTree.Node, outer: TSESTree.Node | null | undefined): boolean {
  return outer != null && inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Whether the function is a callback passed straight to a call (`xs.map((x) => …)`,
 * `setTimeout(() => …)`): its body runs when the callee decides, not where it is written.
 */
export function isCallbackArgument(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    (parent.arguments as readonly TSESTree.Node[]).includes(fn)
  );
}
