import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  LIMITER_NAME_PATTERN,
  LIMITERS,
  PERMIT_METHODS,
  QUEUE_METHODS,
  QUEUE_OBJECT_PATTERN,
  type LimiterEntry,
} from '../../src/knowledge/limiters.js';
import { getKeyName, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';
import { findApiReferences, type ApiTarget } from '../../src/util/resolve-import.js';
import { forEachChild } from '../../src/util/walk.js';
import type { Analysis } from './types.js';

export function containsLimitingCall(analysis: Analysis, body: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && analysis.isLimitingCall(node)) {
      found = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}

export interface LimiterIndex {
  references: ReadonlyMap<TSESTree.Node, { target: ApiTarget<LimiterEntry | 'user'> }>;
  /** Variables holding a limiter instance, with what runs work through it. */
  instances: Map<TSESLint.Scope.Variable, ReadonlySet<string>>;
  /** `this.queue = new PQueue()` / `queue = new PQueue()` class fields: property name → methods. */
  properties: Map<string, ReadonlySet<string>>;
  /** Variables holding a bounded function (`limitFunction(fn)`, `limiter.wrap(fn)`). */
  wrapped: Set<TSESLint.Scope.Variable>;
}

const limiterTargetCache = new Map<string, readonly ApiTarget<LimiterEntry | 'user'>[]>();

function getLimiterTargets(userModules: readonly { from: string; path: string[] }[]): readonly ApiTarget<LimiterEntry | 'user'>[] {
  const key = JSON.stringify(userModules);
  let targets = limiterTargetCache.get(key);
  if (!targets) {
    targets = [
      ...LIMITERS.map(
        (entry): ApiTarget<LimiterEntry> => ({
          module: entry.module,
          path: entry.path,
          kind: entry.kind === 'class' ? 'construct' : 'call',
          ...(entry.esm ? { esm: true } : {}),
          info: entry,
        }),
      ),
      ...userModules.map((entry): ApiTarget<'user'> => ({ module: entry.from, path: entry.path, info: 'user' })),
    ];
    limiterTargetCache.set(key, targets);
  }
  return targets;
}

export function buildLimiterIndex(sourceCode: TSESLint.SourceCode, userModules: readonly { from: string; path: string[] }[]): LimiterIndex {
  const references = findApiReferences(sourceCode, getLimiterTargets(userModules));
  const index: LimiterIndex = { references, instances: new Map(), properties: new Map(), wrapped: new Set() };
  for (const [node, reference] of references) {
    const entry = reference.target.info;
    if (entry === 'user' || entry === undefined) continue;
    let holder: TSESTree.Node = node;
    while (holder.parent && (holder.parent.type === AST_NODE_TYPES.AwaitExpression || isTypeWrapper(holder.parent))) holder = holder.parent;
    const parent = holder.parent;
    if (!parent) continue;
    const methods = new Set(entry.limitedBy ?? []);
    if (entry.kind === 'wrapper') {
      const variable = getAssignedVariable(sourceCode, holder);
      if (variable) index.wrapped.add(variable);
      continue;
    }
    if (entry.kind === 'bulk') continue;
    const variable = getAssignedVariable(sourceCode, holder);
    if (variable) index.instances.set(variable, methods);
    const property = getAssignedProperty(holder);
    if (property !== null) index.properties.set(property, methods);
  }
  return index;
}

function isTypeWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}

function getAssignedVariable(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESLint.Scope.Variable | null {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left);
  }
  return null;
}

function getAssignedProperty(node: TSESTree.Node): string | null {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.computed) {
    return getKeyName(parent.key);
  }
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === node &&
    parent.left.type === AST_NODE_TYPES.MemberExpression
  ) {
    return getStaticPropertyName(parent.left);
  }
  return null;
}


/** Whether this call runs work under a limit or takes a permit. */
export function isLimitingCall(
  call: TSESTree.CallExpression,
  index: LimiterIndex,
  userNames: ReadonlySet<string>,
  sourceCode: TSESLint.SourceCode,
): boolean {
  const reference = index.references.get(call);
  if (reference?.target.info === 'user') return true;
  const callee = skipExpressionWrappers(call.callee);
  const path = getCalleePath(callee);
  if (path !== null) {
    for (let start = 0; start < path.length; start += 1) {
      if (userNames.has(path.slice(start).join('.'))) return true;
    }
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
    if (variable && (index.instances.get(variable)?.has('()') || index.wrapped.has(variable))) return true;
    if (variable && isWrappedByName(variable)) return true;
    return LIMITER_NAME_PATTERN.test(callee.name);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(object), object);
    const methods = variable ? index.instances.get(variable) : undefined;
    if (methods?.has(method)) return true;
  }
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    const property = getStaticPropertyName(object);
    if (property !== null && index.properties.get(property)?.has(method)) return true;
  }
  if (PERMIT_METHODS.has(method) || LIMITER_NAME_PATTERN.test(method)) return true;
  const objectName = getSimpleName(object);
  return objectName !== null && QUEUE_METHODS.has(method) && QUEUE_OBJECT_PATTERN.test(objectName);
}

/** `const run = limiter.wrap(fn)` / `const run = throttle(fn)`: a bounded function made from a limiter we do not track. */
function isWrappedByName(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  const init = skipExpressionWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const path = getCalleePath(skipExpressionWrappers(init.callee));
  return path !== null && path.some((segment) => LIMITER_NAME_PATTERN.test(segment) || segment === 'wrap');
}

function getCalleePath(node: TSESTree.Node): string[] | null {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const property = getStaticPropertyName(node);
    const object = getCalleePath(skipExpressionWrappers(node.object as TSESTree.Expression));
    return property === null || object === null ? null : [...object, property];
  }
  return null;
}

/** The callback runs its work through a limiter, or is itself a bounded function. */
export function isLimitedCallback(analysis: Analysis, callback: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(callback);
  if (isFunctionNode(node)) return containsLimitingCall(analysis, node.body);
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
    // `xs.map(limitedFetch)`: treat it as a call of the callee for the limiter checks.
    const probe = { type: AST_NODE_TYPES.CallExpression, callee: node, arguments: [], optional: false } as unknown as TSESTree.CallExpression;
    return analysis.isLimitingCall(probe);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    // `xs.map(limit.wrap(fn))`, `xs.map(throttle(fn))`.
    return analysis.isLimitingCall(node) || containsLimitingCall(analysis, node);
  }
  return false;
}
