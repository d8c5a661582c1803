import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import { getReturnedExpressions } from '../../src/util/collection-bound.js';

/**
 * Collections of code rather than data: plugins, hooks, listeners, environments, servers. Their size is
 * whatever the program registered (`Promise.all(plugins.map((p) => p.buildStart()))`), not run-time input.
 */
const CODE_COLLECTION_PATTERN =
  /(^|[a-z_])(plugins?|hooks?|listeners?|handlers?|callbacks?|cbs|fns|subscribers?|observers?|environments?|middlewares?|watchers?|servers?|disposers?|cleanups?|teardowns?|closers?|reporters?|providers?|runners?|workers?|pools?|transports?|exporters?|adapters?|loggers?)$/i;

export function isCodeCollection(raw: TSESTree.Node): boolean {
  const name = getCollectionName(raw);
  return name !== null && CODE_COLLECTION_PATTERN.test(name);
}

/** The name a collection goes by: `xs`, `this.xs`, `[...xs]`, `Object.values(xs)`, `xs.values()`, `getXs()`. */
export function getCollectionName(raw: TSESTree.Node): string | null {
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.MemberExpression:
      return getStaticPropertyName(node);
    case AST_NODE_TYPES.ArrayExpression: {
      const only = node.elements.length === 1 ? node.elements[0] : null;
      return only ? getCollectionName(only) : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticPropertyName(callee);
        const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
        if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array') && node.arguments[0]) {
          return getCollectionName(node.arguments[0]);
        }
        if (method !== null && ['values', 'filter', 'slice', 'toSorted', 'reverse'].includes(method)) return getCollectionName(object);
        return method;
      }
      return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    }
    default:
      return null;
  }
}

/**
 * A callback that starts nothing: it invokes the element itself (`(cb) => cb(data)`, `hook.call(ctx)`: a list
 * of functions the program registered) or hands back a promise that already exists
 * (`(pending) => pending.request`, `(p) => Promise.resolve(p).then(…)`).
 */
export function startsNoWork(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const returned = getReturnedExpressions(fn);
  return returned.length > 0 && returned.every((expression) => isExistingOrInvoked(expression, param.name));
}

function isExistingOrInvoked(raw: TSESTree.Expression, param: string): boolean {
  let node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  // Strip `.then()`/`.catch()`/`.finally()` chains: they follow the promise they are called on.
  for (;;) {
    if (node.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !['then', 'catch', 'finally'].includes(getStaticPropertyName(callee) ?? '')) break;
    node = skipExpressionWrappers(callee.object as TSESTree.Expression);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    // `Promise.resolve(p)`: wraps the element.
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Promise' &&
      getStaticPropertyName(callee) === 'resolve'
    ) {
      return node.arguments[0] !== undefined && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement && isParamRead(node.arguments[0], param);
    }
    // `cb(data)`, `hook.call(ctx)`, `hook.apply(ctx, args)`.
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === param;
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['call', 'apply'].includes(getStaticPropertyName(callee) ?? '')) {
      return isParamRead(callee.object as TSESTree.Expression, param);
    }
    return false;
  }
  return isParamRead(node, param);
}

/** `p`, `p.request`, `p.result.promise`: a read of the element, with no call. */
function isParamRead(raw: TSESTree.Expression, param: string): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === param;
  return node.type === AST_NODE_TYPES.MemberExpression && isParamRead(node.object as TSESTree.Expression, param);
}
