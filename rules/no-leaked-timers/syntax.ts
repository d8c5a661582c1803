import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { CLEANUP_RETURNING_HOOKS, TEARDOWN_METHOD_NAMES } from '../../src/knowledge/timers.js';
import { getCalleeName } from '../../src/util/ast.js';
import { isCallbackArgument, isFunctionNode, isInside, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { walkDescendants } from '../../src/util/walk.js';
import type { ClassNode, LoopNode } from './types.js';

// Small questions about the syntax around a timer, answered from the tree alone.

export function keyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return null;
}

export function findClassElement(node: TSESTree.Node, cls: ClassNode): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | null {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (
      (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) &&
      current.parent.parent === cls
    ) {
      return current;
    }
  }
  return null;
}

/** `'abort'` or `` `abort` ``: the string an event-name argument always is, or null. */
export function getStaticString(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The part of a loop that runs once (`for (init;;)`, the iterated value of `for…of`), or null. */
export function loopHead(loop: LoopNode): TSESTree.Node | null {
  if (loop.type === AST_NODE_TYPES.ForStatement) return loop.init;
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return loop.right;
  return null;
}

export function isBlockLike(node: TSESTree.Node | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.BlockStatement ||
    node?.type === AST_NODE_TYPES.Program ||
    node?.type === AST_NODE_TYPES.SwitchCase ||
    node?.type === AST_NODE_TYPES.StaticBlock
  );
}

export function isReadIdentifier(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === id && !parent.computed) return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === id && !parent.computed && !parent.shorthand) return false;
  return true;
}

/** An `await` (or `for await`) in `node` that is not inside a nested function. */
export function containsAwait(node: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(node, (inner) => {
    if (found || isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await)) found = true;
    return !found;
  });
  return found;
}

export function containsThis(node: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(node, (inner) => {
    if (found) return false;
    if (inner.type === AST_NODE_TYPES.FunctionExpression || inner.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    if (inner.type === AST_NODE_TYPES.ThisExpression) found = true;
    return !found;
  });
  return found;
}

/** A `return` of this function (not of a nested one). */
export function hasReturnStatement(body: TSESTree.Node): boolean {
  let found = false;
  walkDescendants(body, (inner) => {
    if (found || isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return !found;
  });
  return found;
}

/** `function f(): void;` signatures before the implementation: they would disagree with a new return type. */
export function hasOverloads(fn: FunctionNode): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration || !fn.id) return false;
  const holder = fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? fn.parent.parent : fn.parent;
  let statements: readonly TSESTree.Node[];
  if (holder.type === AST_NODE_TYPES.Program || holder.type === AST_NODE_TYPES.BlockStatement || holder.type === AST_NODE_TYPES.TSModuleBlock) {
    statements = holder.body;
  } else {
    return false;
  }
  const name = fn.id.name;
  return statements.some((statement) => {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    return declaration?.type === AST_NODE_TYPES.TSDeclareFunction && declaration.id?.name === name;
  });
}

export function isSafeToMove(node: TSESTree.Node, executor: FunctionNode): boolean {
  let safe = true;
  walkDescendants(node, (inner) => {
    if (!safe) return false;
    if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression || isFunctionNode(inner)) safe = false;
    if (inner.type === AST_NODE_TYPES.Identifier && executor.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === inner.name)) {
      safe = false;
    }
    return safe;
  });
  return safe;
}

export function isAtTopLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static && isInside(node, current.value)) return false;
  }
  return true;
}

export function isPlainFunction(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (
    parent.type === AST_NODE_TYPES.MethodDefinition ||
    parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
    (parent.type === AST_NODE_TYPES.Property && (parent.method || parent.kind !== 'init'))
  ) {
    return false;
  }
  if (isCallbackArgument(fn)) return isCleanupHookCallback(fn);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
    // A constructor function (`function Poller() { this.x = … }`) must not start returning a value.
    if (fn.id && /^[A-Z]/u.test(fn.id.name)) return false;
    if (containsThis(fn.body)) return false;
  }
  return true;
}

function isCleanupHookCallback(fn: FunctionNode): boolean {
  const call = fn.parent as TSESTree.CallExpression;
  if (call.arguments[0] !== fn) return false;
  const name = getCalleeName(call);
  return name !== null && CLEANUP_RETURNING_HOOKS.has(name);
}

export function canBecomeAsync(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind !== 'method') return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.kind !== 'init') return false;
  if (parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return false;
  const returnType = fn.returnType?.typeAnnotation;
  if (!returnType) return true;
  return (
    returnType.type === AST_NODE_TYPES.TSTypeReference &&
    returnType.typeName.type === AST_NODE_TYPES.Identifier &&
    returnType.typeName.name === 'Promise'
  );
}

export function findTeardownMethod(cls: ClassNode): (TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression }) | null {
  for (const name of TEARDOWN_METHOD_NAMES) {
    for (const element of cls.body.body) {
      if (
        element.type === AST_NODE_TYPES.MethodDefinition &&
        element.kind === 'method' &&
        !element.static &&
        !element.computed &&
        keyName(element.key) === name &&
        element.value.type === AST_NODE_TYPES.FunctionExpression
      ) {
        return element as TSESTree.MethodDefinition & { value: TSESTree.FunctionExpression };
      }
    }
  }
  return null;
}

export function shorten(value: string): string {
  const oneLine = value.replace(/\s+/gu, ' ');
  return oneLine.length <= 40 ? oneLine : `${oneLine.slice(0, 37)}…`;
}
