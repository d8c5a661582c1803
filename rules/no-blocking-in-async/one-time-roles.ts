import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { walkDescendants } from '../../src/util/walk.js';

/**
 * Functions that run once because of the role their place in the program gives them, not because of
 * where they are called from (see `runs-once.ts` for that):
 * - a schema-patching method of a database class (`Database.patchSqlite()`, `Db.migrate()`);
 * - the `init()` of a module's singleton object (`module.exports = { async init() { … } }`);
 * - a request handler that shuts down the server it is served by: the last step of a one-shot server
 *   such as a setup wizard, which completes once.
 */

/** `migrate…`, `…Migrations`: migrating, whatever follows. */
const MIGRATE_NAME = /^migrate(?:$|[A-Z\d_])|Migrations?(?:$|[A-Z\d_])/;
/** `patch`, `upgrade`, alone or numbered (`patch2`): `patchUser` is a record update, not a schema patch. */
const BARE_PATCH_NAME = /^(?:patch|upgrade)(?:$|\d)/;
const PATCH_NAME = /^(?:patch|upgrade)(?:$|[A-Z\d_])/;
/** The method's or the class's name says it is about the database schema. */
const DATABASE_WORDING = /Database|Db(?:$|[A-Z\d_])|DB|Schema|Sql|SQL|Migrat/;

/**
 * A method that migrates or patches the database schema, where the method's own name or its class's
 * name says database (`Database`, `Db`, `Schema`, `Sql`): `migrate…` or `…Migrations`; `patch` or
 * `upgrade`, alone, numbered (`patch2…`) or naming the database itself (`patchSqlite`, `upgradeSchema`).
 * A controller's `patch(req, res)` and a `Database.patchUser(…)` record update are not.
 */
export function isSchemaMigrationMethod(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn || method.computed) return false;
  const name = getKeyName(method.key);
  if (name === null) return false;
  const namesDatabase = DATABASE_WORDING.test(name);
  if (PATCH_NAME.test(name) && namesDatabase) return true;
  if (!MIGRATE_NAME.test(name) && !BARE_PATCH_NAME.test(name)) return false;
  if (namesDatabase) return true;
  const owner = method.parent.parent;
  return (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) && owner.id !== null && DATABASE_WORDING.test(owner.id.name);
}

/**
 * The calls of a class method from inside its class: `this.name(…)` or, for a static method, also
 * `ClassName.name(…)`. `null` when the method is used any other way in the file (taken as a value,
 * called on another object, or its class has no name to call it through). The file's member
 * expressions are indexed by name once.
 */
export function createClassMethodCalls(sourceCode: TSESLint.SourceCode): (fn: FunctionNode) => TSESTree.CallExpression[] | null {
  let byName: Map<string, TSESTree.MemberExpression[]> | undefined;
  return (fn) => {
    const method = fn.parent;
    if (method.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn || method.computed || method.kind !== 'method') return null;
    const name = getKeyName(method.key);
    const owner = method.parent.parent;
    if (name === null || (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) || !owner.id) return null;
    byName ??= indexMembers(sourceCode.ast);
    const calls: TSESTree.CallExpression[] = [];
    for (const member of byName.get(name) ?? []) {
      const object = skipExpressionWrappers(member.object);
      // Inside a static method `this` is the class too.
      const receiver =
        object.type === AST_NODE_TYPES.ThisExpression || (method.static && object.type === AST_NODE_TYPES.Identifier && object.name === owner.id.name);
      const call = member.parent;
      // `other.name(…)` elsewhere may be another class's method of the same name, or this one.
      if (!receiver || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return null;
      if (member.range[0] < owner.range[0] || member.range[1] > owner.range[1]) return null;
      calls.push(call);
    }
    return calls;
  };
}

function indexMembers(program: TSESTree.Program): Map<string, TSESTree.MemberExpression[]> {
  const byName = new Map<string, TSESTree.MemberExpression[]>();
  walkDescendants(program, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(node);
      if (name !== null) {
        const list = byName.get(name);
        if (list) list.push(node);
        else byName.set(name, [node]);
      }
    }
    return true;
  });
  return byName;
}

const INIT_NAMES = new Set(['init', 'initialize', 'initialise']);

/**
 * The `init()` (`initialize()`) of a module's singleton object: an object literal that is the module's
 * export or a module-level constant. The object exists once, and its `init` is its one-time set-up
 * (`module.exports = { async init() { this.client = new Client(readTls()); } }`). A class may have any
 * number of instances, so a class's `init` is not one.
 */
export function isSingletonInit(fn: FunctionNode): boolean {
  const property = fn.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== fn || property.computed) return false;
  const name = getKeyName(property.key);
  if (name === null || !INIT_NAMES.has(name)) return false;
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const holder = object.parent;
  if (holder.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === object) {
    const declaration = holder.parent;
    const statement = declaration.parent;
    return declaration.kind === 'const' && (statement?.type === AST_NODE_TYPES.Program || statement?.parent?.type === AST_NODE_TYPES.Program);
  }
  if (holder.type === AST_NODE_TYPES.AssignmentExpression && holder.right === object && holder.parent.type === AST_NODE_TYPES.ExpressionStatement) {
    const target = holder.left;
    return (
      holder.parent.parent.type === AST_NODE_TYPES.Program &&
      target.type === AST_NODE_TYPES.MemberExpression &&
      target.object.type === AST_NODE_TYPES.Identifier &&
      target.object.name === 'module' &&
      getStaticPropertyName(target) === 'exports'
    );
  }
  return false;
}

const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);
const SERVER_STOPS = new Set(['close', 'destroy']);

/**
 * A callback that shuts down the server it is served by: it calls `close()` or `destroy()` on a value
 * this file fills from `createServer(…)` or `.listen(…)`. Such a handler is the last step of a one-shot
 * server (a setup wizard, a login callback listener): it completes once, and the server is gone after.
 * The file's server variables are collected once.
 */
export function createStopsItsServer(sourceCode: TSESLint.SourceCode): (fn: FunctionNode) => boolean {
  let servers: Set<string> | undefined;
  return (fn) => {
    const stopped: string[] = [];
    walkDescendants(fn.body, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && SERVER_STOPS.has(getStaticPropertyName(callee) ?? '')) {
        const target = skipExpressionWrappers(callee.object);
        if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) stopped.push(sourceCode.getText(target));
      }
      return true;
    });
    if (stopped.length === 0) return false;
    servers ??= collectServers(sourceCode);
    return stopped.some((target) => servers!.has(target));
  };
}

function collectServers(sourceCode: TSESLint.SourceCode): Set<string> {
  const servers = new Set<string>();
  walkDescendants(sourceCode.ast, (node) => {
    let target: TSESTree.Node | null = null;
    let value: TSESTree.Node | null = null;
    if (node.type === AST_NODE_TYPES.VariableDeclarator) [target, value] = [node.id, node.init];
    else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') [target, value] = [node.left, node.right];
    if (target && value && isServerStart(value)) servers.add(sourceCode.getText(target));
    return true;
  });
  return servers;
}

/** `http.createServer(app)`, `createServer(app)`, `server.listen(port)`, `app.listen(port)`. */
function isServerStart(value: TSESTree.Node): boolean {
  const call = skipExpressionWrappers(value as TSESTree.Expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name !== null && (SERVER_FACTORIES.has(name) || (name === 'listen' && callee.type === AST_NODE_TYPES.MemberExpression));
}
