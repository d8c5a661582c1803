/**
 * What one element's operation holds: something scarce that it opens (a socket, a file, a process, a
 * connection, a cloud request), a database pool slot, nothing at all (no I/O), or something we cannot see.
 * The question that decides a report: "does this start, per element of data that can grow, an operation that
 * holds something scarce?"
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { BLOCKING_CALLS } from '../../src/knowledge/blocking-calls.js';
import {
  CLOUD_COMMAND_PATTERN,
  OPENING_RESOURCES,
  QUERY_METHODS,
  SCARCE_APIS,
  SCARCE_PACKAGES,
  SCARCE_RECEIVERS,
  type ScarceResource,
} from '../../src/knowledge/scarce-operations.js';
import { getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { mayNameFunctionWhere, resolveCalledFunction, resolveIdentifierFunction, type FunctionLikeBlock } from '../../src/util/resolve-function.js';
import { findApiReferences } from '../../src/util/resolve-import.js';
import { forEachChild } from '../../src/util/walk.js';
import { getTargetSymbol, loadTypeScript } from '../../src/util/typescript.js';

/**
 * - `opens`: it opens something scarce per element (reported whenever the collection is data-sized);
 * - `pool`: it queries through a database pool (reported, worded for the pool);
 * - `unknown`: it calls something we cannot see into (reported, as an operation may hold anything);
 * - `none`: it starts no I/O, only pipelines commands on one connection, or runs inside one transaction.
 */
export type OperationKind = 'opens' | 'pool' | 'unknown' | 'none';

export interface Classifier {
  sourceCode: TSESLint.SourceCode;
  services: TypeServices | null;
}

/** Globals whose methods compute and return at once. */
const SYNC_GLOBALS = new Set([
  'JSON', 'Math', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Date', 'Symbol', 'Reflect', 'console', 'Buffer',
  'URL', 'URLSearchParams', 'RegExp', 'Map', 'Set', 'BigInt', 'structuredClone', 'encodeURIComponent', 'decodeURIComponent',
  'encodeURI', 'decodeURI', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'path', 'util', 'assert',
]);
/** Array, string and collection methods that compute and return at once, whatever they are called on. */
const SYNC_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'concat', 'join', 'split', 'map', 'filter', 'reduce', 'forEach',
  'some', 'every', 'find', 'findIndex', 'includes', 'indexOf', 'lastIndexOf', 'trim', 'trimStart', 'trimEnd', 'toLowerCase',
  'toUpperCase', 'replace', 'replaceAll', 'startsWith', 'endsWith', 'padStart', 'padEnd', 'toString', 'toFixed', 'keys',
  'values', 'entries', 'sort', 'reverse', 'flat', 'flatMap', 'at', 'charAt', 'charCodeAt', 'match', 'matchAll', 'test',
  'toISOString', 'getTime', 'toJSON', 'localeCompare', 'normalize', 'repeat', 'substring', 'fill', 'has', 'bind',
]);
/** Names a transaction handle goes by: work through it shares the transaction's one connection. */
const TRANSACTION_NAME = /^(trx|tx|transaction|session|t)$|Transaction$|Trx$/;
const TRANSACTION_OPTIONS = new Set(['transaction', 'trx', 'session', 'transacting']);
const MAX_FUNCTION_DEPTH = 4;
/** Maps of work already started, keyed by what it is for: a lookup starts nothing. */
const RUNNING_WORK_PATTERN = /(pending|inflight|inFlight|running|promises|Promises|waiters|tasks|Tasks|jobs|Jobs)$/;

/** The kind of the operation one element starts through `callback` (a function, or a function reference). */
export function classifyCallback(classifier: Classifier, callback: TSESTree.Node): OperationKind {
  const state = newState(classifier);
  const node = callback.type === AST_NODE_TYPES.SpreadElement ? null : skipExpressionWrappers(callback as TSESTree.Expression);
  if (!node) return 'unknown';
  if (isFunctionNode(node)) visitFunction(state, node, 0);
  else if (node.type === AST_NODE_TYPES.Identifier) {
    const resolved = resolveIdentifierFunction(classifier.sourceCode, node);
    if (resolved?.fn) visitFunction(state, resolved.fn, 0);
    else addTyped(state.found, classifyReferenceByType(classifier, node));
  } else if (node.type === AST_NODE_TYPES.CallExpression) {
    // `xs.map(makeHandler(options))`: what the made function does is out of sight.
    state.found.add('unknown');
  } else {
    addTyped(state.found, classifyReferenceByType(classifier, node));
  }
  return summarise(state.found);
}

/** `undefined`: the checker could not tell; `'none'`: the declaration's body does no I/O. */
type TypedAnswer = Found | 'none' | undefined;

function addTyped(found: Set<Found>, answer: TypedAnswer): void {
  if (answer === undefined) found.add('unknown');
  else if (answer !== 'none') found.add(answer);
}

/** The kind of the operation an expression starts (the value pushed into an array of promises). */
export function classifyExpression(classifier: Classifier, expression: TSESTree.Node): OperationKind {
  const state = newState(classifier);
  visit(state, expression, 0);
  return summarise(state.found);
}

type Found = ScarceResource | 'unknown';

interface State extends Classifier {
  found: Set<Found>;
  visited: Set<TSESTree.Node>;
  apis: ReturnType<typeof findApiReferences<ScarceResource>>;
  blocking: ReturnType<typeof findApiReferences>;
}

function newState(classifier: Classifier): State {
  return {
    ...classifier,
    found: new Set(),
    visited: new Set(),
    apis: findApiReferences(classifier.sourceCode, SCARCE_APIS),
    blocking: findApiReferences(classifier.sourceCode, BLOCKING_CALLS),
  };
}

function summarise(found: ReadonlySet<Found>): OperationKind {
  for (const resource of found) if (resource !== 'unknown' && OPENING_RESOURCES.has(resource)) return 'opens';
  if (found.has('pool')) return 'pool';
  if (found.has('unknown')) return 'unknown';
  return 'none';
}

function visitFunction(state: State, fn: FunctionNode, depth: number): void {
  if (state.visited.has(fn)) return;
  state.visited.add(fn);
  visit(state, fn.body, depth);
}

function visit(state: State, root: TSESTree.Node, depth: number): void {
  const walk = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const found = classifyCall(state, node, depth);
      if (found) state.found.add(found);
    }
    forEachChild(node, walk);
  };
  walk(root);
}

/** What one call holds, or null when it starts nothing (a sync computation, a same-file function doing no I/O). */
function classifyCall(state: State, call: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Found | null {
  const catalogued = state.apis.get(call);
  if (catalogued?.target.info) return catalogued.target.info;
  if (state.blocking.has(call)) return null;
  const callee = skipExpressionWrappers(call.callee as TSESTree.Expression);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    // `new PutObjectCommand(…)` is a request description; `client.send()` is the request.
    if (callee.type === AST_NODE_TYPES.Identifier && (SYNC_GLOBALS.has(callee.name) || CLOUD_COMMAND_PATTERN.test(callee.name))) return null;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise') return null;
    const byType = classifyByType(state, call);
    return byType === 'none' ? null : (byType ?? 'unknown');
  }
  if (isFunctionNode(callee)) return null; // an IIFE: its body is walked as part of this one
  if (isRunningWorkLookup(callee)) return null;
  const transaction = passesTransaction(call);
  const byName = classifyByName(callee, call);
  if (byName) return transaction && byName === 'pool' ? 'pipelined' : byName;
  // Same-file functions and methods: what their bodies do.
  if (depth < MAX_FUNCTION_DEPTH && call.type === AST_NODE_TYPES.CallExpression && mayNameFunctionWithBody(state.sourceCode, callee)) {
    const resolved = resolveCalledFunction(state.sourceCode, call);
    if (resolved?.fn) {
      const before = new Set(state.found);
      visitFunction(state, resolved.fn, depth + 1);
      if (transaction && !before.has('pool') && state.found.has('pool')) {
        state.found.delete('pool');
        state.found.add('pipelined');
      }
      return null;
    }
  }
  const byType = classifyByType(state, call);
  if (byType === 'none') return null;
  if (byType) return transaction && byType === 'pool' ? 'pipelined' : byType;
  if (isSyncCall(callee)) return null;
  return transaction ? 'pipelined' : 'unknown';
}

/**
 * Whether the callee names a same-file function or method with a body, which is all `classifyCall` walks:
 * a call named otherwise cannot resolve to one, and its scope look-ups are skipped (issue 12 §4). Callees
 * that are neither a name nor a member never resolve.
 */
function mayNameFunctionWithBody(sourceCode: TSESLint.SourceCode, callee: TSESTree.Expression): boolean {
  return mayNameFunctionWhere(sourceCode, callee, hasBody, false);
}

/** Module-level, so the name index is built once per file. */
const hasBody = (block: FunctionLikeBlock): boolean => isFunctionNode(block);

/** `this.inflight.get(key)`: a promise already running, looked up per key, starts nothing. */
function isRunningWorkLookup(callee: TSESTree.Expression): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'get') return false;
  const name = getReceiverName(skipExpressionWrappers(callee.object as TSESTree.Expression));
  return name !== null && RUNNING_WORK_PATTERN.test(name);
}

/** `fetch(u).then((r) => r.json())`, `JSON.parse(x)`, `items.push(x)`, `readFileSync(p)`: computes, opens nothing. */
function isSyncCall(callee: TSESTree.Expression): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) return SYNC_GLOBALS.has(callee.name) || callee.name.endsWith('Sync');
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  // The promise methods follow the promise they are called on; that promise's call is classified on its own.
  if (method === 'then' || method === 'catch' || method === 'finally') return true;
  if (method.endsWith('Sync')) return true;
  const root = getRootName(callee.object as TSESTree.Expression);
  if (root !== null && SYNC_GLOBALS.has(root)) return true;
  return SYNC_METHODS.has(method);
}

/** By the names written: the receiver says what it is (`this.http.get`, `db.query`, `User.findById`, `s3.send(new XCommand)`). */
function classifyByName(callee: TSESTree.Expression, call: TSESTree.CallExpression): Found | null {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // `knex('users')`, `db('users')`, `trx('users')`: a query builder on a pool.
    return /^(knex|db|sql|trx|tx)$/.test(callee.name) ? 'pool' : null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  if (method === null) return null;
  const first = call.arguments[0];
  if (
    method === 'send' &&
    first?.type === AST_NODE_TYPES.NewExpression &&
    first.callee.type === AST_NODE_TYPES.Identifier &&
    CLOUD_COMMAND_PATTERN.test(first.callee.name)
  ) {
    return 'cloud';
  }
  const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
  const objectName = getReceiverName(object);
  if (objectName !== null) {
    for (const receiver of SCARCE_RECEIVERS) {
      if (receiver.object.test(objectName) && (receiver.methods === null || receiver.methods.has(method))) {
        if (receiver.resource === 'pool' && !QUERY_METHODS.has(method)) continue;
        return receiver.resource;
      }
    }
  }
  // Query-builder chains: `knex('users').where(…).update(…)`, `db.select().from(t)`.
  if (QUERY_METHODS.has(method)) {
    const root = getChainRoot(object);
    if (root !== null && /^(knex|db|trx|tx|prisma|sql|database|queryBuilder|qb|repository|manager)$/.test(root)) return 'pool';
    // `User.findById(id)`, `Order.create(row)`, `Attachment.unscoped().findAll(…)`: a model class.
    if (root !== null && /^[A-Z][a-z]/.test(root) && /^(find|create|update|upsert|destroy|delete|count|insert|bulk)/.test(method)) {
      return 'pool';
    }
  }
  return null;
}

/** A mapped call that works inside one transaction: `{ transaction }` or `trx` among its arguments, or `trx.…` as receiver. */
function passesTransaction(call: TSESTree.CallExpression): boolean {
  for (const argument of call.arguments) {
    const node = argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : skipExpressionWrappers(argument);
    if (node.type === AST_NODE_TYPES.Identifier && TRANSACTION_NAME.test(node.name)) return true;
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
        if (key !== null && TRANSACTION_OPTIONS.has(key)) return true;
      }
    }
  }
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && TRANSACTION_NAME.test(callee.name)) return true;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (getStaticPropertyName(callee) === 'transacting') return true;
    const root = getChainRoot(callee.object as TSESTree.Expression);
    if (root !== null && TRANSACTION_NAME.test(root)) return true;
    // `….transacting(trx)` earlier in the chain.
    for (let inner: TSESTree.Node = callee.object; ; ) {
      const node = skipExpressionWrappers(inner as TSESTree.Expression);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const innerCallee = skipExpressionWrappers(node.callee);
        if (innerCallee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(innerCallee) === 'transacting') return true;
        inner = innerCallee.type === AST_NODE_TYPES.MemberExpression ? innerCallee.object : innerCallee;
        continue;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        inner = node.object;
        continue;
      }
      break;
    }
  }
  return false;
}

/** The name an object goes by: `http` in `this.http`, `s3` in `s3`, `users` in `db.users`. */
function getReceiverName(node: TSESTree.Expression): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(node);
  return null;
}

/** The identifier a member/call chain starts from: `knex` in `knex('t').where(…)`, `this.db` → `db`. */
function getChainRoot(raw: TSESTree.Expression): string | null {
  let node = skipExpressionWrappers(raw);
  for (;;) {
    if (node.type === AST_NODE_TYPES.CallExpression) node = skipExpressionWrappers(node.callee);
    else if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipExpressionWrappers(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) return getStaticPropertyName(node);
      node = object;
    } else break;
  }
  return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
}

function getRootName(raw: TSESTree.Expression): string | null {
  let node = skipExpressionWrappers(raw);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = skipExpressionWrappers(node.object);
  return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
}

// ---------------------------------------------------------------------------------------------------------
// With types: the package that declares the called function, or its body when it is source in the program

function classifyByType(state: State, call: TSESTree.CallExpression | TSESTree.NewExpression): TypedAnswer {
  const { services } = state;
  if (!services) return undefined;
  try {
    const tsNode = services.getTsNode(call) as ts.CallLikeExpression;
    const signature = services.checker.getResolvedSignature(tsNode);
    const declaration = signature?.getDeclaration() as ts.SignatureDeclaration | undefined;
    return declaration ? (classifyDeclaration(services, declaration, new Set(), 0) ?? 'none') : undefined;
  } catch {
    return undefined;
  }
}

function classifyReferenceByType(classifier: Classifier, node: TSESTree.Node): TypedAnswer {
  const { services } = classifier;
  if (!services) return undefined;
  try {
    // An import: the function it names.
    const symbol = getTargetSymbol(services.checker, services.getTsNode(node));
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return declaration ? (classifyDeclaration(services, declaration, new Set(), 0) ?? 'none') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A declaration in a package of the catalogue holds that package's resource; one in the program's own
 * source (another file) holds what its body's calls hold, followed a few levels deep.
 */
function classifyDeclaration(services: TypeServices, declaration: ts.Node, seen: Set<ts.Node>, depth: number): Found | null {
  const file = declaration.getSourceFile();
  const fileName = file.fileName.replaceAll('\\', '/');
  const packageName = getPackageName(fileName);
  if (packageName !== null) {
    for (const [prefix, resource] of SCARCE_PACKAGES) {
      if (prefix.endsWith('/') ? packageName.startsWith(prefix) : packageName === prefix) return resource;
    }
    return 'unknown';
  }
  if (file.isDeclarationFile) {
    // TypeScript's own lib and @types/node: `fetch` is the one there that opens a socket.
    const name = (declaration as ts.NamedDeclaration).name;
    const text = name && 'text' in name ? (name as ts.Identifier).text : '';
    if (text === 'fetch') return 'socket';
    return fileName.includes('/@types/node/') ? nodeModuleResource(fileName, text) : null;
  }
  if (depth >= MAX_FUNCTION_DEPTH || seen.has(declaration)) return null;
  seen.add(declaration);
  const body = (declaration as ts.FunctionLikeDeclaration).body;
  if (!body) return 'unknown';
  const found = new Set<Found>();
  const walk = (node: ts.Node): void => {
    if (isTsCall(node)) {
      let resolved: Found | null = 'unknown';
      try {
        const signature = services.checker.getResolvedSignature(node);
        const inner = signature?.getDeclaration() as ts.Node | undefined;
        resolved = inner ? classifyDeclaration(services, inner, seen, depth + 1) : 'unknown';
      } catch {
        resolved = 'unknown';
      }
      if (resolved) found.add(resolved);
    }
    node.forEachChild(walk);
  };
  walk(body);
  for (const resource of found) if (resource !== 'unknown' && OPENING_RESOURCES.has(resource)) return resource;
  if (found.has('pool')) return 'pool';
  return found.has('unknown') ? 'unknown' : null;
}

function isTsCall(node: ts.Node): node is ts.CallExpression | ts.NewExpression {
  const ts = loadTypeScript();
  return ts.isCallExpression(node) || ts.isNewExpression(node);
}

const NODE_FILE_OPENING = new Set(['open', 'opendir', 'readdir', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'cp', 'createReadStream', 'createWriteStream']);

function nodeModuleResource(fileName: string, name: string): Found | null {
  const module = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.d\.ts$/, '');
  if ((module === 'fs' || module === 'promises') && NODE_FILE_OPENING.has(name)) return 'file';
  if (module === 'child_process' && ['spawn', 'exec', 'execFile', 'fork', '__promisify__'].includes(name)) return 'process';
  if ((module === 'http' || module === 'https') && (name === 'request' || name === 'get')) return 'socket';
  if ((module === 'net' || module === 'tls' || module === 'http2') && (name === 'connect' || name === 'createConnection')) return 'connection';
  return null;
}

/** `…/node_modules/@aws-sdk/client-s3/dist-types/…` → `@aws-sdk/client-s3`; null outside node_modules. */
function getPackageName(fileName: string): string | null {
  const index = fileName.lastIndexOf('/node_modules/');
  if (index === -1) return null;
  const parts = fileName.slice(index + '/node_modules/'.length).split('/');
  if (parts[0] === '@types') return parts[1] === 'node' ? null : (parts[1] ?? null);
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? null);
}
