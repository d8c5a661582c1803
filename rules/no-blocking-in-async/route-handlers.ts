import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';

/** The routing methods Express, Koa's router, Fastify and Hono share (`app.get(path, handler)`). */
const ROUTE_METHODS = new Set(['all', 'delete', 'del', 'get', 'head', 'options', 'patch', 'post', 'put', 'use']);
/** Fastify's route-options keys whose function runs on each request (`fastify.route({ url, handler })`). */
const ROUTE_OPTION_HOOKS = new Set(['handler', 'onRequest', 'preHandler', 'preParsing', 'preSerialization', 'preValidation']);

/**
 * A function registered as a route handler or middleware, so that it runs on every request even when
 * it is not `async`:
 * - `app.get('/path', …handlers)` and the other verbs, `use`, on any router object, when the first
 *   argument is a route path (a string or template starting with `/` or `*`, a regular expression, or
 *   an array of them): Express, Koa's router, Fastify's shorthands and Hono;
 * - `app.route('/path').get(handler)` (Express);
 * - `app.use((req, res, next) => …)`: middleware, recognised by its parameters (see `isMiddlewareSignature`);
 * - `fastify.route({ url, handler })` and the same options object given to a verb, for `handler` and
 *   the per-request hooks.
 */
export function isRouteHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && !parent.computed) {
    const key = getKeyName(parent.key);
    const object = parent.parent;
    if (!key || !ROUTE_OPTION_HOOKS.has(key) || object.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const call = object.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(object)) return false;
    const method = getMethodName(call);
    if (method === 'route') return object.properties.some((p) => p.type === AST_NODE_TYPES.Property && isRouteKey(p));
    return method !== null && ROUTE_METHODS.has(method) && call.arguments[0] !== object && isRoutePath(call.arguments[0]);
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !(parent.arguments as readonly TSESTree.Node[]).includes(fn)) return false;
  const method = getMethodName(parent);
  if (method === null || !ROUTE_METHODS.has(method)) return false;
  const first = parent.arguments[0];
  if (first !== fn && isRoutePath(first)) return true;
  const callee = skipExpressionWrappers(parent.callee) as TSESTree.MemberExpression;
  const object = skipExpressionWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.CallExpression && getMethodName(object) === 'route' && isRoutePath(object.arguments[0])) return true;
  return method === 'use' && first === fn && isMiddlewareSignature(fn);
}

/**
 * `(req, res, next)`, `(err, req, res, next)`, or Koa's and Hono's `(ctx, next)`: three or more
 * parameters, or two whose second is `next`. Other `use` APIs take two-parameter plugins too
 * (markdown-it's `md.use((md, options) => …)`, chai's `(chai, utils)`), which run once, not per request.
 */
function isMiddlewareSignature(fn: FunctionNode): boolean {
  if (fn.params.length >= 3) return true;
  const second = fn.params[1];
  return fn.params.length === 2 && second?.type === AST_NODE_TYPES.Identifier && second.name === 'next';
}

function getMethodName(call: TSESTree.CallExpression): string | null {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
}

function isRouteKey(property: TSESTree.Property): boolean {
  const key = property.computed ? null : getKeyName(property.key);
  return (key === 'url' || key === 'path') && isRoutePath(property.value as TSESTree.Expression);
}

function isRoutePath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return (typeof node.value === 'string' && /^[/*]/.test(node.value)) || 'regex' in node;
    case AST_NODE_TYPES.TemplateLiteral:
      return /^[/*]/.test(node.quasis[0]?.value.cooked ?? '');
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.length > 0 && node.elements.every((element) => element !== null && isRoutePath(element));
    default:
      return false;
  }
}
