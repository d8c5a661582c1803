/**
 * Fan-outs that careful authors write on purpose, whatever the operation: freeing what the program owns,
 * one item per part of the infrastructure, and calling the functions of a collection of code.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { RELEASE_METHODS } from '../../src/knowledge/scarce-operations.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import type { FunctionNode } from '../../src/util/get-enclosing-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { getCollectionName } from './code-collections.js';
import { classifyExpression, type Classifier } from './operation-kind.js';

/**
 * Parts of the infrastructure, one item each: their number is configuration (shards, replicas, workers,
 * hosts), not data. Matched against the collection's name; quiet only when the collection is not handed in.
 */
const INFRASTRUCTURE_PATTERN =
  /(^|[a-z_])(shards?|shardIds|replicas?|sentinels?|workers?|clusterNodes|hosts?|brokers?|servers?|masters?|slaves?|primaries|processes|childProcesses|pools?|poolMembers|members|connections|clients|dispatchers?|agents|sockets|dirs|directories|folders|registries|workspaces|workspacePaths)$/i;

/** A parameter that carries configuration rather than data: `config.hosts`, `options.shards`. */
const CONFIGURATION_NAME = /^(config|configuration|options|opts|settings|env|environment)$/i;

/** A function that reads configuration: `getConfig()`, `this._getConfigDirectories()`, `loadOptions()`. */
const CONFIGURATION_CALL = /config|option|setting/i;

function getCalleeText(raw: TSESTree.Node): string {
  const callee = skipExpressionWrappers(raw as TSESTree.Expression);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? (getStaticPropertyName(callee) ?? '') : '';
}

/** Objects a program loads from disk, a database or the network: what they hold is data, whatever it is called. */
const LOADED_DATA_NAME = /(^#?|[a-z_])(tree|node|data|result|response|res|body|payload|rows?|record|item|entry|doc|document|manifest|package|pkg|json)$/i;

/**
 * `shards`, `this.workers`, `Object.values(this.pools)`, `config.hosts`, `await getWorkspaces(opts)`: not a
 * parameter of the function, not the rows of a query or a listing, not a field of a loaded tree or document.
 */
export function isInfrastructureCollection(classifier: Classifier, receiver: TSESTree.Node): boolean {
  const name = getCollectionName(receiver);
  const named = name !== null && (INFRASTRUCTURE_PATTERN.test(name) || INFRASTRUCTURE_PATTERN.test(getProducerName(classifier.sourceCode, receiver) ?? ''));
  if (!named || isFieldOfLoadedData(receiver)) return false;
  // `await db('servers')`, `await readdir(dir)`: read from data; `await getWorkspaces(opts)`: from configuration.
  return !isHandedIn(classifier.sourceCode, receiver, (init) => {
    const kind = classifyExpression(classifier, init);
    return kind === 'pool' || kind === 'opens';
  });
}

/** Words after an infrastructure name that still name one item per part: `workspaceNodes`, `hostNames`. */
const PER_PART_SUFFIX = /(Nodes|Names|Paths|Dirs|Ids|Urls)$/;

/**
 * `const nodes = this.workspaceNodes(tree, names)`: the name of the call a generically named `const` is read
 * from, without a per-part suffix (`workspaces`), so that the infrastructure it lists decides.
 */
function getProducerName(sourceCode: TSESLint.SourceCode, receiver: TSESTree.Node): string | null {
  const node = receiver.type === AST_NODE_TYPES.SpreadElement ? null : skipExpressionWrappers(receiver as TSESTree.Expression);
  if (node?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
  let init = skipExpressionWrappers(def.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipExpressionWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = getCalleeText(init.callee);
  return PER_PART_SUFFIX.test(callee) ? `${callee.replace(PER_PART_SUFFIX, '')}s` : null;
}

/** `this.#actualTree.workspaces`: a field of an object the program loaded, not one the object owns. */
function isFieldOfLoadedData(receiver: TSESTree.Node): boolean {
  let node: TSESTree.Node | null = getCollectionRoot(receiver) === null ? null : receiver.type === AST_NODE_TYPES.SpreadElement ? receiver.argument : receiver;
  for (let step = 0; node && step < 12; step += 1) {
    node = skipExpressionWrappers(node as TSESTree.Expression);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipExpressionWrappers(node.object);
      if (object.type === AST_NODE_TYPES.MemberExpression && LOADED_DATA_NAME.test(getStaticPropertyName(object) ?? '')) return true;
      node = object;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      node = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : null;
    } else if (node.type === AST_NODE_TYPES.ArrayExpression && node.elements.length === 1) {
      const only = node.elements[0];
      node = only ? (only.type === AST_NODE_TYPES.SpreadElement ? only.argument : only) : null;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * Whether the collection is a parameter of the function it is used in (or read from one): data the caller
 * chose. Fields, closures, module constants, configuration and the environment are not.
 */
export function isHandedIn(
  sourceCode: TSESLint.SourceCode,
  receiver: TSESTree.Node,
  readsData: (call: TSESTree.Expression) => boolean = () => true,
): boolean {
  const root = getCollectionRoot(receiver);
  if (root?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'Parameter') return !CONFIGURATION_NAME.test(root.name);
  // `const hosts = options.hosts` with `options` a parameter; `process.env.HOSTS.split(',')` is configuration;
  // `await db('servers')` is data.
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = skipExpressionWrappers(def.node.init);
    const inner = getCollectionRoot(init);
    if (inner?.type === AST_NODE_TYPES.Identifier && inner !== root) {
      if (inner.name === 'process' || CONFIGURATION_NAME.test(inner.name)) return false;
      const innerVariable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
      if (innerVariable?.defs[0]?.type === 'Parameter') return true;
    }
    // `this._getConfigDirectories()`, `getOptions().hosts`: read from configuration.
    if (init.type === AST_NODE_TYPES.CallExpression && CONFIGURATION_CALL.test(getCalleeText(init.callee))) return false;
    return (init.type === AST_NODE_TYPES.AwaitExpression || init.type === AST_NODE_TYPES.CallExpression) && readsData(init);
  }
  return false;
}

/** The identifier or `this` a collection expression is read from: `xs` in `Object.values(xs.byId)`. */
function getCollectionRoot(raw: TSESTree.Node): TSESTree.Node | null {
  let node: TSESTree.Node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  for (let step = 0; step < 12; step += 1) {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.ThisExpression:
        return node;
      case AST_NODE_TYPES.MemberExpression:
        node = skipExpressionWrappers(node.object);
        break;
      case AST_NODE_TYPES.AwaitExpression:
        node = skipExpressionWrappers(node.argument);
        break;
      case AST_NODE_TYPES.ArrayExpression: {
        const only: TSESTree.Expression | TSESTree.SpreadElement | null = node.elements.length === 1 ? (node.elements[0] ?? null) : null;
        if (!only) return null;
        node = only.type === AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(only.argument) : skipExpressionWrappers(only);
        break;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const object = skipExpressionWrappers(callee.object);
        // `Object.values(x)`, `Array.from(x)`.
        if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
          const first = node.arguments[0];
          if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
          node = skipExpressionWrappers(first);
        } else {
          node = object;
        }
        break;
      }
      default:
        return null;
    }
  }
  return null;
}

/**
 * The callback calls the element or the element's own method, and nothing is done with the element as data:
 * `(plugin) => plugin.buildStart()`, `(hook) => hook.call(ctx)`, `async (cb) => { await cb(); }`.
 */
export function invokesElement(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const effects = getEffects(fn);
  return effects.length > 0 && effects.every((effect) => isElementInvocation(effect, param.name));
}

/** `(socket) => socket.destroy()`, `(w) => new Promise((resolve) => w.close(resolve))`: the callback frees the element. */
export function releasesElement(fn: FunctionNode): boolean {
  const param = fn.params[0];
  return param?.type === AST_NODE_TYPES.Identifier && containsRelease(fn.body, param.name);
}

/** A call of a release method on `element` (or on one of its properties) anywhere in `node`. */
export function containsRelease(node: TSESTree.Node, element: string): boolean {
  let found = false;
  const visit = (current: TSESTree.Node): void => {
    if (found) return;
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        RELEASE_METHODS.has(getStaticPropertyName(callee) ?? '') &&
        isRootedAt(callee.object as TSESTree.Expression, element)
      ) {
        found = true;
        return;
      }
    }
    forEachChild(current, visit);
  };
  visit(node);
  return found;
}

/** Whether an expression (a pushed value) invokes `element` or its own method: `plugin.init()`, `hook(ctx)`. */
export function isElementInvocation(raw: TSESTree.Node, element: string): boolean {
  let node = skipExpressionWrappers(raw as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === element;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === element;
  // `hook.handler.call(ctx)`.
  const method = getStaticPropertyName(callee);
  return (method === 'call' || method === 'apply') && isRootedAt(object, element);
}

function isRootedAt(raw: TSESTree.Expression, element: string): boolean {
  let node = skipExpressionWrappers(raw);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = skipExpressionWrappers(node.object);
  return node.type === AST_NODE_TYPES.Identifier && node.name === element;
}

/** What the callback does: its returned expressions and, in a block, its expression statements. */
function getEffects(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const effects: TSESTree.Node[] = [];
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) effects.push(statement.expression);
    else if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) effects.push(statement.argument);
    else return [];
  }
  return effects;
}
