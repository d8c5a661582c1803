import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode } from '../../src/util/get-enclosing-function.js';
import type { TypeServices } from '../../src/util/get-type-services.js';
import { getThisClass } from '../../src/util/resolve-function.js';
import { findApiReferences, mentionsApi, type ApiTarget } from '../../src/util/resolve-import.js';
import { forEachChild } from '../../src/util/walk.js';

/** The Express entry points whose results route: `express()`, `express.Router()`, `Router()`. */
const EXPRESS_FACTORIES: readonly ApiTarget[] = [
  { module: 'express', path: [] },
  { module: 'express', path: ['Router'] },
  { module: 'express', path: ['default'] },
  { module: 'express', path: ['default', 'Router'] },
];

/** Type names exported by express for an app or a router (`app: Express`, `router: express.Router`). */
const EXPRESS_TYPE_NAMES = new Set(['Express', 'Application', 'Router', 'IRouter']);

/** Methods of an Express app or router that take handlers. */
export const EXPRESS_ROUTE_METHODS = new Set(['all', 'delete', 'get', 'head', 'options', 'patch', 'post', 'put', 'use']);

/**
 * Whether a receiver of the file may be an Express app or router: with types, any; without, only in a
 * file that names `express` in a string (every import, `require()` and factory reference does), so the
 * callbacks of the many `map.get(key)` calls elsewhere need not be resolved (issue 12 §4).
 */
export function mayHaveExpressReceiver(sourceCode: TSESLint.SourceCode, types: TypeServices | null): boolean {
  return types !== null || mentionsApi(sourceCode, EXPRESS_FACTORIES);
}

/** Whether the receiver of `x.get(…)` is an Express app, router or route, as far as the file (or the checker) tells. */
export function isExpressReceiver(sourceCode: TSESLint.SourceCode, types: TypeServices | null, receiver: TSESTree.Expression): boolean {
  if (isExpressValue(sourceCode, receiver, 0)) return true;
  if (!types) return false;
  try {
    const type = types.getType(receiver);
    const declarations = (type.getSymbol() ?? type.aliasSymbol)?.getDeclarations() ?? [];
    return declarations.some((declaration) => /[\\/]@types[\\/]express(?:-serve-static-core)?[\\/]/.test(declaration.getSourceFile().fileName));
  } catch {
    return false;
  }
}

function isExpressValue(sourceCode: TSESLint.SourceCode, raw: TSESTree.Expression, depth: number): boolean {
  if (depth > 4) return false;
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    if (findApiReferences(sourceCode, EXPRESS_FACTORIES).has(node)) return true;
    // `app.route('/users')` and chained `router.get(…).post(…)` return the same router or a route.
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = getStaticPropertyName(callee);
    return (method === 'route' || (method !== null && EXPRESS_ROUTE_METHODS.has(method))) && isExpressValue(sourceCode, callee.object, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return false;
    if (def.type === 'Parameter') {
      return def.name.type === AST_NODE_TYPES.Identifier && isExpressTypeAnnotation(sourceCode, def.name.typeAnnotation?.typeAnnotation);
    }
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    if (isExpressTypeAnnotation(sourceCode, def.node.id.typeAnnotation?.typeAnnotation)) return true;
    return def.node.init != null && isExpressValue(sourceCode, def.node.init, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = getStaticPropertyName(node);
    const cls = getThisClass(node);
    const field = cls?.body.body.find(
      (member): member is TSESTree.PropertyDefinition =>
        member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && getKeyName(member.key) === name,
    );
    if (!field) return false;
    if (isExpressTypeAnnotation(sourceCode, field.typeAnnotation?.typeAnnotation)) return true;
    return field.value != null && isExpressValue(sourceCode, field.value, depth + 1);
  }
  return false;
}

/** `Router`, `express.Router`, `Express` — a type reference to an export of 'express'. */
function isExpressTypeAnnotation(sourceCode: TSESLint.SourceCode, type: TSESTree.TypeNode | undefined): boolean {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = type.typeName;
  let root: TSESTree.Identifier;
  if (typeName.type === AST_NODE_TYPES.Identifier) {
    if (!EXPRESS_TYPE_NAMES.has(typeName.name)) return false;
    root = typeName;
  } else if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
    if (!EXPRESS_TYPE_NAMES.has(typeName.right.name)) return false;
    root = typeName.left;
  } else {
    return false;
  }
  return importSourceOf(sourceCode, root) === 'express';
}

/** The module an identifier was imported from (`import … from 'm'`, `require('m')`), or null. */
export function importSourceOf(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): string | null {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id.name);
  const def = variable?.defs[0];
  if (!def) return null;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration ? String(declaration.source.value) : null;
  }
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = skipExpressionWrappers(def.node.init);
    if (
      init.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      typeof init.arguments[0].value === 'string'
    ) {
      return init.arguments[0].value;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Test suites

/** Suite functions of jest, mocha, jasmine, vitest and node:test. */
export const DESCRIBE_NAMES = new Set(['describe', 'context', 'suite', 'fdescribe', 'xdescribe', 'xcontext']);

/** Runners that run `describe` bodies synchronously and ignore what they return. */
const SYNC_SUITE_MODULES = new Set(['@jest/globals', 'mocha']);

/** The identifier a suite call starts from: `describe` in `describe.skip(…)`, `describe.each(t)(…)`. */
export function getSuiteRoot(callee: TSESTree.Node): TSESTree.Identifier | null {
  let current = callee;
  for (;;) {
    if (current.type === AST_NODE_TYPES.Identifier) return current;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) current = current.tag;
    else return null;
  }
}

export type SuiteRunner = 'jest' | 'mocha' | null;

/**
 * Which runner a `describe` belongs to, when it is one that ignores a promise: imported from
 * `@jest/globals` or `mocha`, or a global in a package whose nearest listing names jest, jasmine or mocha
 * before vitest. Vitest, node:test and bun await an async suite body, so they are never named here.
 */
export function getSyncSuiteRunner(
  sourceCode: TSESLint.SourceCode,
  root: TSESTree.Identifier,
  nearestRunner: () => string | null,
): SuiteRunner {
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root.name);
  if (variable && variable.defs.length > 0) {
    const source = importSourceOf(sourceCode, root);
    if (source === null || !SYNC_SUITE_MODULES.has(source)) return null;
    return source === 'mocha' ? 'mocha' : 'jest';
  }
  const runner = nearestRunner();
  if (runner === 'jest' || runner === 'jasmine' || runner === 'ts-jest' || runner === '@jest/globals') return 'jest';
  if (runner === 'mocha') return 'mocha';
  return null;
}

/** Package names that decide the runner, in the order a package.json is searched for them. */
export const TEST_RUNNER_PACKAGES: readonly string[] = ['vitest', 'jest', 'ts-jest', '@jest/globals', 'jasmine', 'mocha', 'bun-types'];

// ---------------------------------------------------------------------------------------------------------
// Streams

const STREAM_CLASS_NAMES = ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'];

const STREAM_MODULES = ['stream', 'readable-stream'];

/** `stream.Readable` read on a module object (the superclass of `class X extends stream.Readable`). */
const STREAM_CLASS_READS: readonly ApiTarget[] = STREAM_MODULES.flatMap((module) =>
  STREAM_CLASS_NAMES.flatMap((name): ApiTarget[] => [
    { module, path: [name], kind: 'read' },
    { module, path: ['default', name], kind: 'read' },
  ]),
);

/** `new Readable(…)`, `new stream.Readable(…)` in every import spelling. */
const STREAM_CONSTRUCTORS: readonly ApiTarget[] = STREAM_CLASS_READS.map((target) => ({ ...target, kind: 'construct' }));

/** Option names of the stream constructors that Node calls and whose promise it ignores. */
export const STREAM_OPTION_METHODS = new Set(['read', 'write', 'writev', 'transform', 'flush', 'final', 'destroy']);

/** The same hooks as subclass methods. */
export const STREAM_CLASS_METHODS = new Set([...STREAM_OPTION_METHODS].map((name) => `_${name}`));

/** `new Readable({…})` or `new stream.Readable({…})`: the options object, when the class is a stream class. */
export function getStreamOptions(sourceCode: TSESLint.SourceCode, node: TSESTree.NewExpression): TSESTree.ObjectExpression | null {
  const options = node.arguments[0];
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  return findApiReferences(sourceCode, STREAM_CONSTRUCTORS).has(node) ? options : null;
}

export function extendsStreamClass(sourceCode: TSESLint.SourceCode, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  const superClass = cls.superClass;
  if (!superClass) return false;
  if (superClass.type === AST_NODE_TYPES.Identifier) {
    const source = importSourceOf(sourceCode, superClass);
    return source !== null && STREAM_MODULES.includes(stripNode(source)) && STREAM_CLASS_NAMES.includes(importedNameOf(sourceCode, superClass) ?? '');
  }
  return findApiReferences(sourceCode, STREAM_CLASS_READS).has(superClass);
}

function stripNode(source: string): string {
  return source.startsWith('node:') ? source.slice(5) : source;
}

/** The export an imported identifier names: `Readable` in `import { Readable as R }` or `const { Readable: R } = require(…)`. */
function importedNameOf(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): string | null {
  const def = ASTUtils.findVariable(sourceCode.getScope(id), id.name)?.defs[0];
  if (!def) return null;
  if (def.node.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = def.node.imported;
    return imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value);
  }
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of def.node.id.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value === def.name) return getKeyName(property.key);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Emitters that handle promises

/** `new X({ captureRejections: true })`: the emitter routes a listener's rejection to its 'error' event. */
export function capturesRejections(node: TSESTree.Node | null | undefined): boolean {
  if (node?.type !== AST_NODE_TYPES.NewExpression && node?.type !== AST_NODE_TYPES.CallExpression) return false;
  return node.arguments.some(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          getKeyName(property.key) === 'captureRejections' &&
          property.value.type === AST_NODE_TYPES.Literal &&
          property.value.value === true,
      ),
  );
}

/** Whether the class's constructor calls `super({ captureRejections: true })`. */
export function classCapturesRejections(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const statement of member.value.body?.body ?? []) {
      if (
        statement.type === AST_NODE_TYPES.ExpressionStatement &&
        statement.expression.type === AST_NODE_TYPES.CallExpression &&
        statement.expression.callee.type === AST_NODE_TYPES.Super &&
        capturesRejections(statement.expression)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** `EventEmitter.captureRejections = true` (or `events.captureRejections = true`) anywhere in the file. */
export function fileEnablesCaptureRejections(sourceCode: TSESLint.SourceCode): boolean {
  return /\.captureRejections\s*=\s*true\b/.test(sourceCode.text);
}

/** The value a receiver was created with: `new X()` behind a const, or behind a `this.x = …`/field. */
export function getReceiverInit(sourceCode: TSESLint.SourceCode, receiver: TSESTree.Expression): TSESTree.Expression | null {
  const node = skipExpressionWrappers(receiver);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier) return def.node.init ?? null;
    return null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = getStaticPropertyName(node);
    const cls = getThisClass(node);
    if (!cls || name === null) return null;
    for (const member of cls.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && getKeyName(member.key) === name && member.value) return member.value;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const statement of member.value.body?.body ?? []) {
          if (
            statement.type === AST_NODE_TYPES.ExpressionStatement &&
            statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
            statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
            statement.expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
            getStaticPropertyName(statement.expression.left) === name
          ) {
            return statement.expression.right;
          }
        }
      }
    }
  }
  return null;
}

/** The class `this` belongs to at the receiver, when the receiver is `this`. */
export function getThisReceiverClass(receiver: TSESTree.Expression): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  const node = skipExpressionWrappers(receiver);
  return node.type === AST_NODE_TYPES.ThisExpression ? getThisClass(node) : null;
}

/**
 * Whether `root` calls one of `names` (`callback(err)`), or one of `methods` on one of `receivers`
 * (`this.destroy(err)`, `readable.destroy(err)`; `'this'` stands for `this`).
 */
export function callsAnyOf(
  root: TSESTree.Node,
  names: ReadonlySet<string>,
  methods: ReadonlySet<string>,
  receivers: ReadonlySet<string> = new Set(['this']),
): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== root && isFunctionNode(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && names.has(callee.name)) found = true;
      if (callee.type === AST_NODE_TYPES.MemberExpression && methods.has(getStaticPropertyName(callee) ?? '')) {
        const object = callee.object;
        const receiver = object.type === AST_NODE_TYPES.ThisExpression ? 'this' : object.type === AST_NODE_TYPES.Identifier ? object.name : null;
        if (receiver !== null && receivers.has(receiver)) found = true;
      }
    }
    forEachChild(node, visit);
  };
  visit(root);
  return found;
}
