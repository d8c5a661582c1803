import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getConstantNumber, getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { getBound, type BoundContext } from './collection-bound.js';
import { isFunctionNode } from './get-enclosing-function.js';
import { isTimerPacedLoop } from './timer-paced-loop.js';
import { containsOutsideFunctions, walkDescendants } from './walk.js';

/*
 * Loops over data: whether a call runs once per element of a collection that can grow, the question that
 * makes a cheap call costly (no-blocking-in-async's metadata calls) or a short one long (a file read per
 * element in require-signal-propagation).
 */

export type LoopStatement =
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement;

export function isLoopStatement(node: TSESTree.Node): node is LoopStatement {
  switch (node.type) {
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return true;
    default:
      return false;
  }
}

/** Array methods whose callback runs once per element, synchronously. */
export const ITERATION_METHODS = new Set([
  'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'map', 'reduce',
  'reduceRight', 'some', 'sort', 'toSorted',
]);

/**
 * Whether `node` runs once per iteration of a loop that lies inside `boundary` (the function whose run is
 * being judged) and whose number of iterations grows with data: a loop statement's body, test or update,
 * or the callback of an array iteration method (`files.map((f) => statSync(f))`). Loops that do not
 * multiply the call by data size are left out:
 * - a collection of constant size (`for (const dir of [a, b])`, a `const` array of literals, a tuple; the
 *   shared `getBound` of `src/util/collection-bound.ts`, as no-unbounded-concurrency asks it);
 * - a counter between two constants (`for (let depth = 0; depth < MAX_DEPTH; depth++)`);
 * - a walk up the directory tree (`dir = path.dirname(dir)` each time round), bounded by the path's depth;
 * - a loop the code leaves right after the call (`unlinkSync(p); return x;` in its body), which runs it once.
 *   Only a `return` counts (a `throw` may be caught inside the loop), and not inside a `try` whose `catch`
 *   would let a throwing call go round again.
 * With `skipTimerPacedLoops`, also a loop that awaits a timer every time round (`src/util/timer-paced-loop.ts`):
 * it may run many times, but never twice without the event loop free in between, which is what matters
 * when the question is how long the call blocks at a stretch rather than how often it runs.
 */
export function isInLoop(
  node: TSESTree.Node,
  boundary: TSESTree.Node,
  context: BoundContext,
  { skipTimerPacedLoops = false }: { skipTimerPacedLoops?: boolean } = {},
): boolean {
  const counts = (loop: LoopStatement): boolean => !skipTimerPacedLoops || !isTimerPacedLoop(context.sourceCode, loop);
  let child: TSESTree.Node = node;
  // A `return` follows the call in a block between it and the loops above: they stop after it.
  let leaves = false;
  for (let current = node.parent; current && current !== boundary; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.SwitchCase:
        if (!leaves && leavesAfter(current.type === AST_NODE_TYPES.BlockStatement ? current.body : current.consequent, child)) leaves = true;
        break;
      case AST_NODE_TYPES.TryStatement:
        // A call that throws skips the `return` after it, and the `catch` lets the loop go on.
        if (child === current.block && current.handler) leaves = false;
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (!leaves && !isDirectoryWalk(current)) return counts(current);
        break;
      case AST_NODE_TYPES.ForStatement:
        if (child !== current.init && !leaves && !isCountedLoop(current, context) && !isDirectoryWalk(current)) return counts(current);
        break;
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        if (child === current.body && !leaves && getBound(context, current.right, 0) === null) return counts(current);
        break;
      default:
        if (isFunctionNode(current)) {
          // A `return` in a callback ends one iteration, not the loop.
          if (isIterationCallback(current) && getBound(context, getIteratedCollection(current), 0) === null) return true;
          leaves = false;
        }
    }
  }
  return false;
}

/**
 * Whether the statements of a block, from the one holding the call on, reach a `return` of their own
 * with no `continue` on the way: the loop around does not come back to the call.
 */
function leavesAfter(statements: readonly TSESTree.Statement[], child: TSESTree.Node): boolean {
  const index = statements.indexOf(child as TSESTree.Statement);
  if (index === -1) return false;
  for (const statement of statements.slice(index)) {
    if (containsContinue(statement)) return false;
    if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  }
  return false;
}

const CONTINUE: ReadonlySet<AST_NODE_TYPES> = new Set([AST_NODE_TYPES.ContinueStatement]);

function containsContinue(statement: TSESTree.Node): boolean {
  return containsOutsideFunctions(statement, CONTINUE);
}

/** The array an iteration callback runs over: `xs` in `xs.map(cb)`. */
function getIteratedCollection(fn: TSESTree.Node): TSESTree.Node {
  const call = fn.parent as TSESTree.CallExpression;
  return (skipExpressionWrappers(call.callee) as TSESTree.MemberExpression).object;
}

/**
 * `for (let i = A; i < B; i++)` (or `<=`, `+=`) where `A` and `B` are constants: the body runs a fixed
 * number of times, whatever the data.
 */
function isCountedLoop(loop: TSESTree.ForStatement, context: BoundContext): boolean {
  const { init, test, update } = loop;
  if (init?.type !== AST_NODE_TYPES.VariableDeclaration || init.declarations.length !== 1) return false;
  const declarator = init.declarations[0]!;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return false;
  const counter = declarator.id.name;
  if (getConstantNumber(context.sourceCode, declarator.init) === null) return false;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<=')) return false;
  if (test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== counter || getConstantNumber(context.sourceCode, test.right) === null) return false;
  let target: TSESTree.Node | null = null;
  if (update?.type === AST_NODE_TYPES.UpdateExpression && update.operator === '++') target = update.argument;
  if (update?.type === AST_NODE_TYPES.AssignmentExpression && update.operator === '+=' && (getConstantNumber(context.sourceCode, update.right) ?? 0) > 0) {
    target = update.left;
  }
  if (target?.type !== AST_NODE_TYPES.Identifier || target.name !== counter) return false;
  // The body must not move the counter back.
  let written = false;
  walkDescendants(loop.body, (node) => {
    if (written) return false;
    if (
      (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === counter) ||
      (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === counter)
    ) {
      written = true;
    }
    return !written;
  });
  return !written;
}

/**
 * A loop that climbs the directory tree: a statement of its body (not a branch) sets a variable to the
 * parent of its own value (`dir = path.dirname(dir)`, or through `const parent = dirname(dir)`), and no
 * other write in the loop sets it. Each turn either leaves or goes one level up, so the loop runs at most
 * as many times as the path is deep.
 */
function isDirectoryWalk(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): boolean {
  if (loop.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const parents = new Map<string, string>();
  for (const statement of loop.body.body) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind === 'const') {
      for (const declarator of statement.declarations) {
        const of = declarator.init ? getParentPathOf(declarator.init) : null;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && of !== null) parents.set(declarator.id.name, of);
      }
    }
  }
  const climbing = new Set<string>();
  for (const statement of loop.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const assignment = statement.expression;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.Identifier) continue;
    const name = assignment.left.name;
    const value = skipExpressionWrappers(assignment.right);
    const of = value.type === AST_NODE_TYPES.Identifier ? parents.get(value.name) : getParentPathOf(value);
    if (of === name) climbing.add(name);
  }
  if (climbing.size === 0) return false;
  // Every other write of the climbing variable inside the loop (a branch, the `for` update) must climb too.
  for (const name of climbing) {
    let other = false;
    const parts: TSESTree.Node[] = [loop.body, ...(loop.type === AST_NODE_TYPES.ForStatement && loop.update ? [loop.update] : [])];
    for (const part of parts) {
      walkDescendants(part, (node) => {
        if (other) return false;
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === name) {
          const value = skipExpressionWrappers(node.right);
          const of = value.type === AST_NODE_TYPES.Identifier ? parents.get(value.name) : getParentPathOf(value);
          if (of !== name) other = true;
        }
        if (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === name) other = true;
        return !other;
      });
    }
    if (!other) return true;
  }
  return false;
}

/** `dirname(x)`, `path.dirname(x)`, `path.resolve(x, '..')`, `path.join(x, '..')`: the name `x` whose parent this is. */
function getParentPathOf(raw: TSESTree.Expression): string | null {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(node.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  const [first, second] = node.arguments;
  if (first?.type !== AST_NODE_TYPES.Identifier) return null;
  if (name === 'dirname' && node.arguments.length === 1) return first.name;
  if ((name === 'resolve' || name === 'join') && node.arguments.length === 2 && second?.type === AST_NODE_TYPES.Literal && second.value === '..') {
    return first.name;
  }
  return null;
}

export function isIterationCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(callee);
  return name !== null && ITERATION_METHODS.has(name);
}
