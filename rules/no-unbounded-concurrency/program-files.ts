/**
 * When is a collection the program's own: a listing of a folder that belongs to the program (beside the module,
 * `__dirname`, `import.meta.dirname`, or a folder named for code and assets: templates, views, languages, themes,
 * docs, build, …), the JSON files it ships, the registries of its installed plugins and themes, and arrays derived
 * from those. Their size is fixed when the program is written, built or installed, not by its use.
 *
 * Every source of the collection is followed (each write of a `let`, each return of a same-file function, each
 * call site of a same-file function for its parameters, the collection a loop or callback walks for what it
 * pushes). The collection is the program's only when at least one source is and none is data: a folder named for
 * data (uploads, node_modules, cache, tmp, a user's home), a request's input, a query, a parameter of an exported
 * function nobody in the file calls.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { isFunctionNode, type FunctionNode } from '../../src/util/get-enclosing-function.js';
import { isGlobalReference, resolveCalledOrAssignedFunction } from '../../src/util/resolve-function.js';
import { forEachChild } from '../../src/util/walk.js';
import { getReturnedExpressions } from '../../src/util/collection-bound.js';
import { MAX_DEPTH, type Analysis } from './types.js';

/** `program`: some source is the program's own; `neutral`: nothing either way (a literal, `null`, configuration); `data`: run-time data. */
type Origin = 'program' | 'neutral' | 'data';

/** Folder and file names that hold code or assets the program ships. */
const CODE_WORDS = new Set([
  'template', 'templates', 'view', 'views', 'partials', 'layouts', 'language', 'languages', 'lang', 'locale', 'locales', 'i18n',
  'translations', 'theme', 'themes', 'docs', 'public', 'static', 'assets', 'build', 'dist', 'src', 'lib', 'fonts', 'webfonts',
  'scss', 'sass', 'less', 'css', 'styles', 'task', 'tasks', 'migrations', 'commands', 'routes', 'plugin', 'plugins', 'schemas',
]);
/** Folder names that hold what the program's use produces, and where a request's input is read from. */
const DATA_WORDS = new Set([
  'upload', 'uploads', 'data', 'files', 'cache', 'caches', 'tmp', 'temp', 'tmpdir', 'user', 'users', 'home', 'homedir', 'storage',
  'media', 'attachment', 'attachments', 'backup', 'backups', 'log', 'logs', 'download', 'downloads', 'inbox', 'outbox', 'spool',
  'req', 'request', 'body', 'query', 'params', 'input', 'session', 'sessions', 'cwd',
]);
/** Names of registries of installed code: `Plugins.pluginsData`, `plugins.getActive()`, `Plugins.languageData.languages`, `{ modules } = JS.scripts`. */
const REGISTRY_WORDS = new Set(['plugin', 'plugins', 'theme', 'themes', 'language', 'languages', 'locales', 'namespaces', 'modules']);
/** Calls that list a folder (or a glob) by its path. */
const LISTING_CALLS = new Set([
  'readdir', 'readdirSync', 'opendir', 'opendirSync', 'glob', 'globSync', 'globby', 'globbySync', 'fg', 'fastGlob', 'walk', 'walkSync',
  'readdirp', 'scandir', 'klaw',
]);
/** Calls that read one file by its path. */
const FILE_READS = new Set(['readFile', 'readFileSync', 'readJson', 'readJSON', 'readJsonSync', 'require']);
/** Array and object methods whose result holds (some of) the receiver's elements. */
const DERIVING_METHODS = new Set([
  'map', 'filter', 'flat', 'flatMap', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat', 'values', 'keys', 'entries',
]);
/** Iteration methods whose callback's first parameter is an element of the receiver. */
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);
/** Objects whose `get('key')` reads configuration: bounded by whoever configured it, neither the program's nor data. */
const CONFIGURATION_OBJECTS = /^(nconf|config|configuration|settings|options|opts|env)$/i;

interface Context {
  analysis: Analysis;
  visiting: Set<unknown>;
  depth: number;
  /** Steps left for this question, shared by every branch: past it, the answer is data. */
  budget: { steps: number };
}

/** How many expressions one question may visit: the sources of real collections take a few dozen. */
const STEP_BUDGET = 2000;

/** Whether the collection is the program's own files, shipped lists or installed code (see the module comment). */
export function isProgramCollection(analysis: Analysis, node: TSESTree.Node): boolean {
  return originOf({ analysis, visiting: new Set(), depth: 0, budget: { steps: STEP_BUDGET } }, node) === 'program';
}

function combine(origins: Iterable<Origin>): Origin {
  let result: Origin = 'neutral';
  for (const origin of origins) {
    if (origin === 'data') return 'data';
    if (origin === 'program') result = 'program';
  }
  return result;
}

function deeper(context: Context): Context | null {
  context.budget.steps -= 1;
  return context.depth >= MAX_DEPTH * 2 || context.budget.steps <= 0 ? null : { ...context, depth: context.depth + 1 };
}

function originOf(context: Context, raw: TSESTree.Node): Origin {
  const next = deeper(context);
  if (!next) return 'data';
  let node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      return 'neutral';
    case AST_NODE_TYPES.ArrayExpression:
      return combine(node.elements.map((element) => (element ? originOf(next, element) : 'neutral')));
    case AST_NODE_TYPES.ObjectExpression:
      return combine(
        node.properties.map((property) =>
          property.type === AST_NODE_TYPES.SpreadElement ? originOf(next, property.argument) : originOf(next, property.value),
        ),
      );
    case AST_NODE_TYPES.ConditionalExpression:
      return combine([originOf(next, node.consequent), originOf(next, node.alternate)]);
    case AST_NODE_TYPES.LogicalExpression:
      return combine([originOf(next, node.left), originOf(next, node.right)]);
    case AST_NODE_TYPES.Identifier:
      return identifierOrigin(next, node);
    case AST_NODE_TYPES.MemberExpression: {
      if (isRegistryRead(context.analysis.sourceCode, node)) return 'program';
      const object = skipExpressionWrappers(node.object);
      return object.type === AST_NODE_TYPES.ThisExpression ? 'data' : originOf(next, object);
    }
    case AST_NODE_TYPES.CallExpression:
      return callOrigin(next, node);
    default:
      return 'data';
  }
}

function identifierOrigin(context: Context, id: TSESTree.Identifier): Origin {
  if (id.name === 'undefined') return 'neutral';
  const { sourceCode } = context.analysis;
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs[0];
  if (!variable || !def) return 'data';
  if (context.visiting.has(variable)) return 'neutral';
  context.visiting.add(variable);
  try {
    if (def.type === 'Parameter') return parameterOrigin(context, def.node as TSESTree.Node, def.name);
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || variable.defs.length !== 1) return 'data';
    return variableOrigin(context, variable, def.node);
  } finally {
    context.visiting.delete(variable);
  }
}

/** Every write of a variable: its declaration, plain assignments, index writes, and what it pushes. */
function variableOrigin(context: Context, variable: TSESLint.Scope.Variable, declarator: TSESTree.VariableDeclarator): Origin {
  const origins: Origin[] = [];
  const declaration = declarator.parent;
  const loop = declaration.parent;
  // `for (const file of files)`: an element of what the loop walks.
  if ((loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) {
    return originOf(context, loop.right);
  }
  if (declarator.init) {
    // `const [templates, paths] = await Promise.all([getTemplates(), walk(dir)])`: its own element.
    const element = declarator.id.type === AST_NODE_TYPES.ArrayPattern ? getTupleElement(declarator.id, declarator.init, variable.name) : null;
    // `const { modules } = JS.scripts`: the `modules` registry of the module's own exports.
    const key = declarator.id.type === AST_NODE_TYPES.ObjectPattern ? getPatternKey(declarator.id, variable.name) : null;
    const init = skipExpressionWrappers(declarator.init);
    if (key !== null && init.type === AST_NODE_TYPES.MemberExpression && isRegistryRead(context.analysis.sourceCode, init, key)) return 'program';
    origins.push(originOf(context, element ?? declarator.init));
  }
  for (const reference of variable.references) {
    if (reference.init) continue;
    const id = reference.identifier as TSESTree.Node;
    const parent = id.parent!;
    if (reference.isWrite()) {
      if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.left !== id) return 'data';
      origins.push(originOf(context, parent.right));
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== id) continue;
    const write = parent.parent;
    if (write.type === AST_NODE_TYPES.AssignmentExpression && write.left === parent) {
      origins.push(elementWriteOrigin(context, write, declarator));
    } else if (
      write.type === AST_NODE_TYPES.CallExpression &&
      write.callee === parent &&
      ['push', 'unshift', 'splice', 'add', 'set'].includes(getStaticPropertyName(parent) ?? '')
    ) {
      origins.push(elementWriteOrigin(context, write, declarator));
    }
  }
  return combine(origins);
}

/**
 * A push or index write grows the collection once per element of the loops around it (between the
 * collection's declaration and the write): the program's when those loops walk the program's collections. Outside
 * any loop it adds a fixed number; inside a `while` or a callback nobody iterates, run-time data decides.
 */
function elementWriteOrigin(context: Context, write: TSESTree.Node, declarator: TSESTree.VariableDeclarator): Origin {
  // `dirs.push(path.join(themePath, 'templates'))`: each element names one of the program's folders.
  const value = write.type === AST_NODE_TYPES.CallExpression ? write.arguments : [];
  if (value.length > 0 && value.every((argument) => isProgramPath(context.analysis.sourceCode, argument))) return 'program';
  const origins: Origin[] = [];
  for (let current: TSESTree.Node = write; current.parent && current !== declarator.parent.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunctionNode(current)) {
      const iterated = getIteratedCollection(current);
      if (!iterated) return 'data';
      origins.push(originOf(context, iterated));
      continue;
    }
    if ((parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.body === current) {
      origins.push(originOf(context, parent.right));
    } else if (
      (parent.type === AST_NODE_TYPES.WhileStatement || parent.type === AST_NODE_TYPES.DoWhileStatement || parent.type === AST_NODE_TYPES.ForStatement) &&
      parent.body === current
    ) {
      return 'data';
    }
  }
  return combine(origins);
}

/** `xs.forEach((x) => …)`: `xs`, for a callback of an iteration method. */
function getIteratedCollection(fn: FunctionNode): TSESTree.Expression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !ITERATION_METHODS.has(getStaticPropertyName(callee) ?? '')) return null;
  return callee.object as TSESTree.Expression;
}

/**
 * A parameter: an element of what an iteration callback walks, or what every call of the same-file function
 * passes (a function no call in the file reaches is called with data from elsewhere).
 */
function parameterOrigin(context: Context, fnNode: TSESTree.Node, name: TSESTree.BindingName): Origin {
  if (!isFunctionNode(fnNode)) return 'data';
  const index = fnNode.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name));
  if (index === -1) return 'data';
  if (index === 0) {
    const iterated = getIteratedCollection(fnNode);
    if (iterated) return originOf(context, iterated);
  }
  // An exported function is also called from other modules, with whatever they hold.
  if (isExported(fnNode)) return 'data';
  const calls = findCallSites(context.analysis.sourceCode, fnNode);
  if (calls.length === 0) return 'data';
  return combine(
    calls.map((call) => {
      const argument = call.arguments[index];
      if (!argument) return 'neutral';
      return argument.type === AST_NODE_TYPES.SpreadElement ? 'data' : originOf(context, argument);
    }),
  );
}

function callOrigin(context: Context, call: TSESTree.CallExpression): Origin {
  const { sourceCode } = context.analysis;
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  const object = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object as TSESTree.Expression) : null;
  const objectName = object?.type === AST_NODE_TYPES.Identifier ? object.name : null;
  const first = call.arguments[0];
  const collectionArguments = (): Origin =>
    combine(call.arguments.filter((argument) => !isFunctionNode(argument) && !isGlobalFunction(sourceCode, argument)).map((argument) => originOf(context, argument)));
  if (name === null) return 'data';
  // `readdir(path.join(__dirname, 'templates'))`, `glob(`${docs}/*.md`)`: a listing of the program's own folder.
  if (LISTING_CALLS.has(name) || (name === 'sync' && objectName !== null && /^(glob|fg|fastGlob|globby)$/i.test(objectName))) {
    return first && first.type !== AST_NODE_TYPES.SpreadElement && isProgramPath(sourceCode, first) ? 'program' : 'data';
  }
  // `JSON.parse(await readFile(path.join(__dirname, 'metadata.json')))`: a list the program ships.
  if (FILE_READS.has(name)) return first && first.type !== AST_NODE_TYPES.SpreadElement && isProgramPath(sourceCode, first) ? 'program' : 'data';
  if (objectName === 'JSON' && name === 'parse') return first ? originOf(context, first) : 'data';
  if (objectName === 'Promise' && (name === 'all' || name === 'allSettled')) return first ? originOf(context, first) : 'data';
  if ((objectName === 'Object' || objectName === 'Array' || objectName === '_' || objectName === 'lodash') && isGlobalOrImport(sourceCode, object!)) {
    return collectionArguments();
  }
  if (objectName !== null && CONFIGURATION_OBJECTS.test(objectName) && name === 'get') return 'neutral';
  // `xs.filter(Boolean)`, `xs.concat(ys)`: only `concat` adds elements of its arguments.
  if (object && DERIVING_METHODS.has(name)) return name === 'concat' ? combine([originOf(context, object), collectionArguments()]) : originOf(context, object);
  // `plugins.getActive()`: the registry of installed code.
  if (object && isRegistryRead(sourceCode, callee as TSESTree.MemberExpression)) return 'program';
  const fn = resolveCalledOrAssignedFunction(sourceCode, call);
  if (!fn || context.visiting.has(fn)) return fn ? 'neutral' : 'data';
  context.visiting.add(fn);
  try {
    const returned = getReturnedExpressions(fn);
    return returned.length === 0 ? 'data' : combine(returned.map((expression) => originOf(context, expression)));
  } finally {
    context.visiting.delete(fn);
  }
}

/**
 * A member read of an imported module, or of the module's own exports, whose name says it holds installed code:
 * `Plugins.pluginsData`, `Plugins.languageData.languages`, `JS.scripts` read as `{ modules }`.
 */
function isRegistryRead(sourceCode: TSESLint.SourceCode, member: TSESTree.MemberExpression, key: string | null = null): boolean {
  let node: TSESTree.Expression = member;
  let named = key !== null && getWords(key).some((word) => REGISTRY_WORDS.has(word));
  for (let step = 0; step < 8 && node.type === AST_NODE_TYPES.MemberExpression; step += 1) {
    if (getWords(getStaticPropertyName(node) ?? '').some((word) => REGISTRY_WORDS.has(word))) named = true;
    node = skipExpressionWrappers(node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (getWords(node.name).some((word) => REGISTRY_WORDS.has(word))) named = true;
  return named && (isImport(sourceCode, node) || isOwnExports(sourceCode, node));
}

/** `module.exports`, `exports`, or a `const` that names it (`const JS = module.exports`). */
function isOwnExports(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  if (!variable || variable.defs.length === 0) return id.name === 'exports';
  const def = variable.defs[0]!;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  const init = skipExpressionWrappers(def.node.init);
  return (
    init.type === AST_NODE_TYPES.MemberExpression &&
    init.object.type === AST_NODE_TYPES.Identifier &&
    init.object.name === 'module' &&
    getStaticPropertyName(init) === 'exports'
  );
}

/** `{ modules }` or `{ modules: mods }` → 'modules' for the variable `mods`. */
function getPatternKey(pattern: TSESTree.ObjectPattern, name: string): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return getKeyName(property.key);
  }
  return null;
}

function isImport(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'ImportBinding') return true;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return false;
  const init = skipExpressionWrappers(def.node.init);
  return init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
}

/** `Boolean`, `String`: a global function passed as a predicate or a mapper, not a collection. */
function isGlobalFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(node.name) && isGlobalReference(sourceCode, node);
}

function isGlobalOrImport(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  return !variable || variable.defs.length === 0 || isImport(sourceCode, node);
}

/**
 * Whether a path names a folder or file of the program: rooted at the module's location (`__dirname`,
 * `import.meta.dirname`, `fileURLToPath(import.meta.url)`) or naming a folder of code or assets, and naming no
 * folder of data nor a request's input.
 */
export function isProgramPath(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  return pathOrigin(sourceCode, node, 0, new Set()) === 'program';
}

function pathOrigin(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node, depth: number, visiting: Set<unknown>): Origin {
  if (depth > MAX_DEPTH * 2) return 'neutral';
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  const recurse = (child: TSESTree.Node): Origin => pathOrigin(sourceCode, child, depth + 1, visiting);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? wordsOrigin(node.value) : 'neutral';
    case AST_NODE_TYPES.TemplateLiteral:
      return combine([...node.quasis.map((quasi) => wordsOrigin(quasi.value.cooked ?? quasi.value.raw)), ...node.expressions.map(recurse)]);
    case AST_NODE_TYPES.BinaryExpression:
      return combine([recurse(node.left), recurse(node.right)]);
    case AST_NODE_TYPES.LogicalExpression:
      return combine([recurse(node.left), recurse(node.right)]);
    case AST_NODE_TYPES.ConditionalExpression:
      return combine([recurse(node.consequent), recurse(node.alternate)]);
    case AST_NODE_TYPES.MetaProperty:
      return 'neutral';
    case AST_NODE_TYPES.MemberExpression: {
      const object = skipExpressionWrappers(node.object);
      // `import.meta.dirname`, `import.meta.url`.
      if (object.type === AST_NODE_TYPES.MetaProperty && object.meta.name === 'import') return 'program';
      return combine([wordsOrigin(getStaticPropertyName(node) ?? ''), recurse(object)]);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipExpressionWrappers(node.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      const object = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object as TSESTree.Expression) : null;
      // `process.cwd()`, `os.homedir()`, `os.tmpdir()`: the user's folders, not the program's.
      const calleeOrigin = object ? combine([wordsOrigin(name ?? ''), object.type === AST_NODE_TYPES.Identifier ? 'neutral' : recurse(object)]) : 'neutral';
      return combine([calleeOrigin, ...node.arguments.map(recurse)]);
    }
    case AST_NODE_TYPES.Identifier: {
      if ((node.name === '__dirname' || node.name === '__filename') && isGlobalOrImport(sourceCode, node)) return 'program';
      const named = wordsOrigin(node.name);
      if (named !== 'neutral') return named;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const def = variable?.defs[0];
      if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier || visiting.has(variable)) {
        return 'neutral';
      }
      visiting.add(variable);
      const writes: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (reference.isWrite() && !reference.init && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
          writes.push(parent.right);
        }
      }
      const result = combine(writes.map(recurse));
      visiting.delete(variable);
      return result;
    }
    default:
      return 'neutral';
  }
}

/** A name or path text: data when a word names data, the program's when one names code or assets. */
function wordsOrigin(text: string): Origin {
  if (/node_?modules/i.test(text)) return 'data';
  const words = getWords(text);
  if (words.some((word) => DATA_WORDS.has(word))) return 'data';
  return words.some((word) => CODE_WORDS.has(word)) ? 'program' : 'neutral';
}

/** `coreLanguagesPath` → core, languages, path; `views_dir` → views, dir; `../build/public` → build, public. */
function getWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// The file's calls by callee name (`f()`, `this.f()`, `Obj.f()` under `f`), collected once: each question then
// reads only the calls of its own name, so a file with many fan-outs stays linear (issue 12 §4).
const callSites = new WeakMap<TSESLint.SourceCode, Map<string, TSESTree.CallExpression[]>>();

/** The calls in this file that run `fn`: by its name, as `this.m()` in its class, or as `Obj.m()`. */
function findCallSites(sourceCode: TSESLint.SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  let byName = callSites.get(sourceCode);
  if (!byName) {
    const calls = new Map<string, TSESTree.CallExpression[]>();
    const visit = (node: TSESTree.Node): void => {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = getCalleeName(node);
        if (name !== null) {
          let named = calls.get(name);
          if (!named) calls.set(name, (named = []));
          named.push(node);
        }
      }
      forEachChild(node, visit);
    };
    visit(sourceCode.ast);
    byName = calls;
    callSites.set(sourceCode, byName);
  }
  const name = getFunctionName(fn);
  if (name === null) return [];
  return (byName.get(name) ?? []).filter((call) => resolveCalledOrAssignedFunction(sourceCode, call) === fn);
}

/** `f` of `f()`, `m` of `this.m()` / `Obj.m()`. */
function getCalleeName(call: TSESTree.CallExpression): string | null {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
}

/** `export function f`, `export const f = …`, `export default function`, `exports.f = …`, `module.exports.f = …`. */
function isExported(fn: FunctionNode): boolean {
  let node: TSESTree.Node = fn;
  if (node.parent?.type === AST_NODE_TYPES.VariableDeclarator) node = node.parent.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = skipExpressionWrappers(parent.left.object);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'exports';
  return target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module';
}

function getFunctionName(fn: FunctionNode): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) return parent.computed ? null : getKeyName(parent.key);
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(parent.left);
  return null;
}

/** `const [a, b] = await Promise.all([x, y])`: for `b`, the expression `y`. */
function getTupleElement(pattern: TSESTree.ArrayPattern, rawInit: TSESTree.Expression, name: string): TSESTree.Expression | null {
  const index = pattern.elements.findIndex((element) => element?.type === AST_NODE_TYPES.Identifier && element.name === name);
  if (index === -1) return null;
  let init = skipExpressionWrappers(rawInit);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipExpressionWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression || init.arguments[0]?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const list = init.arguments[0];
  if (list.elements.slice(0, index + 1).some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return null;
  const element = list.elements[index];
  return element && element.type !== AST_NODE_TYPES.SpreadElement ? element : null;
}
