import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { path, readFileSync } from './host.js';
import { isGlobalReference, isNeverReassigned } from './resolve-function.js';

/**
 * Another module of the project, read and parsed on demand so that a rule without type information
 * can look at the body of an imported function (`import { save } from './store.js'`).
 *
 * Bounded on purpose: only relative specifiers and `paths` aliases, only files up to `MAX_BYTES`, only with a parser that
 * has `parseForESLint` and hands back a scope manager (the one ESLint uses for the file being linted),
 * and only when a rule asks about a candidate report. Parsed modules are cached per path for as long as
 * their text is unchanged. Nothing here throws: every failure means "unknown", and the caller keeps the
 * answer it would give without the module.
 */
export interface SiblingModule {
  /** The module's absolute path. */
  filename: string;
  /** A stand-in for the module's `SourceCode`: `ast`, `text`, `scopeManager`, `visitorKeys` and `getScope`. */
  sourceCode: TSESLint.SourceCode;
}

/** The function an imported name stands for, and the module that declares it. */
export interface ImportedFunction {
  fn: FunctionNode;
  module: SiblingModule;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

interface Parser {
  parseForESLint(text: string, options: Record<string, unknown>): {
    ast: TSESTree.Program;
    scopeManager?: TSESLint.Scope.ScopeManager | null;
    visitorKeys?: Record<string, readonly string[]>;
  };
}

/** Larger files are left alone: parsing them on demand would cost more than the answer is worth. */
const MAX_BYTES = 512 * 1024;
/** Modules kept parsed at once; the cache starts over beyond this (a long-lived editor process). */
const MAX_CACHED = 256;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./store.js` written in TypeScript that compiles to ESM names the `.ts` file. */
const TS_FOR_JS: Record<string, readonly string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

const cache = new Map<string, { text: string; module: SiblingModule | null }>();

/**
 * The function an imported identifier names, when the import is relative and the module declares it as
 * an exported function, arrow or function expression (directly, or through a local `export { f }`); or,
 * in CommonJS, the function a never-reassigned `require` of such a module gives.
 *
 * `mayMatter`, when given, is asked about the module's text before it is parsed: false says that nothing
 * the caller could learn from any function of that module would change its answer (a module that spells
 * none of the shapes the caller looks for), so the parse, most of the cost, is skipped and the answer is
 * null, as for a module that cannot be read (issue 12 §4).
 */
export function resolveImportedFunction(context: Context, id: TSESTree.Identifier, mayMatter?: (text: string) => boolean): ImportedFunction | null {
  try {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(id), id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (variable && def?.type === 'Variable') return resolveRequiredFunction(context, variable, def, mayMatter);
    if (def?.type !== 'ImportBinding') return null;
    const declaration = def.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
    const specifier = declaration.source.value;
    const spec = def.node;
    let exported: string;
    if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) exported = 'default';
    else if (spec.type === AST_NODE_TYPES.ImportSpecifier) exported = getKeyName(spec.imported) ?? '';
    else return null;
    if (!exported) return null;
    const module = readSiblingModule(context, specifier, mayMatter);
    if (!module) return null;
    const fn = findExportedFunction(module, exported);
    return fn ? { fn, module } : null;
  } catch {
    return null;
  }
}

/** A class an imported name stands for, and the module that declares it. */
export interface ImportedClass {
  cls: TSESTree.ClassDeclaration;
  module: SiblingModule;
}

/**
 * The class an ES import names (`import { Detector } from './detector.js'`), when the import is
 * relative (or a `paths` alias) and the module exports it as a class declaration (directly, as the
 * default export, or through a local `export { Detector }`). CommonJS exports are not followed.
 * `mayMatter` is as for `resolveImportedFunction`.
 */
export function resolveImportedClass(context: Context, id: TSESTree.Identifier, mayMatter?: (text: string) => boolean): ImportedClass | null {
  try {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(id), id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'ImportBinding') return null;
    const declaration = def.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
    const spec = def.node;
    let exported: string | null = null;
    if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) exported = 'default';
    else if (spec.type === AST_NODE_TYPES.ImportSpecifier) exported = getKeyName(spec.imported);
    if (!exported) return null;
    const module = readSiblingModule(context, declaration.source.value, mayMatter);
    const cls = module ? findExportedClass(module, exported) : null;
    return cls && module ? { cls, module } : null;
  } catch {
    return null;
  }
}

function findExportedClass(module: SiblingModule, exported: string): TSESTree.ClassDeclaration | null {
  const body = module.sourceCode.ast.body;
  const local = (name: string): TSESTree.ClassDeclaration | null => {
    for (const statement of body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) return declaration;
    }
    return null;
  };
  for (const statement of body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (exported !== 'default') continue;
      const value = statement.declaration;
      if (value.type === AST_NODE_TYPES.ClassDeclaration) return value;
      return value.type === AST_NODE_TYPES.Identifier ? local(value.name) : null;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === exported) return declaration;
    if (declaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ExportSpecifier || getKeyName(specifier.exported) !== exported) continue;
      const name = getKeyName(specifier.local);
      return name ? local(name) : null;
    }
  }
  return null;
}

/**
 * `const save = require('./store')`, `const { save } = require('./store')` or
 * `const save = require('./store').save`, never reassigned: the function the required module exports
 * under that name (`module.exports = fn`, `module.exports = { save }`, `exports.save = fn`).
 */
function resolveRequiredFunction(
  context: Context,
  variable: TSESLint.Scope.Variable,
  def: TSESLint.Scope.Definition,
  mayMatter: ((text: string) => boolean) | undefined,
): ImportedFunction | null {
  const declarator = def.node;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || !isNeverReassigned(variable)) return null;
  let init = skipExpressionWrappers(declarator.init);
  // null: the value of `module.exports` itself.
  let exported: string | null = null;
  if (init.type === AST_NODE_TYPES.MemberExpression) {
    exported = getStaticPropertyName(init);
    if (exported === null || declarator.id !== def.name) return null;
    init = skipExpressionWrappers(init.object);
  } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    const property = declarator.id.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && candidate.value === def.name);
    if (property?.type !== AST_NODE_TYPES.Property || property.computed) return null;
    exported = getKeyName(property.key);
    if (exported === null) return null;
  } else if (declarator.id !== def.name) {
    return null;
  }
  const specifier = getRequiredSpecifier(context, init);
  if (specifier === null) return null;
  const module = readSiblingModule(context, specifier, mayMatter);
  if (!module) return null;
  const fn = findCommonJsExport(module, exported);
  return fn ? { fn, module } : null;
}

/** `require('./store')` with the global `require` and one string: the string. */
function getRequiredSpecifier(context: Context, node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return null;
  const callee = skipExpressionWrappers(node.callee);
  const argument = node.arguments[0]!;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require') return null;
  if (argument.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'string') return null;
  return isGlobalReference(context.sourceCode, callee) ? argument.value : null;
}

/**
 * What a CommonJS module exports under a name (null: `module.exports` itself), from its top-level
 * assignments, when exactly one of them gives it: `module.exports = fn`, `module.exports = { save, load() {} }`,
 * `module.exports.save = fn`, `exports.save = fn` (a function, or a local function's name).
 */
function findCommonJsExport(module: SiblingModule, exported: string | null): FunctionNode | null {
  const { sourceCode } = module;
  const isModuleExports = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    getStaticPropertyName(node) === 'exports' &&
    isGlobalReference(sourceCode, node.object);
  const values: TSESTree.Node[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const assignment = statement.expression;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
    const { left, right } = assignment;
    if (isModuleExports(left)) {
      if (exported === null) {
        values.push(right);
        continue;
      }
      const object = skipExpressionWrappers(right);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of object.properties) {
        // `...helpers` may supply the name too: unknown.
        if (property.type === AST_NODE_TYPES.SpreadElement) return null;
        if (!property.computed && getKeyName(property.key) === exported) values.push(property.value);
      }
      continue;
    }
    if (exported === null || left.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(left) !== exported) continue;
    const target = left.object;
    if (isModuleExports(target) || (target.type === AST_NODE_TYPES.Identifier && target.name === 'exports' && isGlobalReference(sourceCode, target))) values.push(right);
  }
  if (values.length !== 1) return null;
  const value = skipExpressionWrappers(values[0] as TSESTree.Expression);
  if (isFunctionNode(value)) return value;
  return value.type === AST_NODE_TYPES.Identifier ? findLocalFunction(module, value.name) : null;
}

/**
 * The module a relative specifier (or a `paths` alias of the nearest tsconfig.json / jsconfig.json,
 * such as `@/lib/load`) names, parsed with the parser of the file being linted; null when unknown, or
 * when `mayMatter` says its text holds nothing the caller looks for (then it is not parsed).
 */
export function readSiblingModule(context: Context, specifier: string, mayMatter?: (text: string) => boolean): SiblingModule | null {
  try {
    const from = context.filename;
    if (!path.isAbsolute(from)) return null;
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    const bases = relative ? [path.join(path.dirname(from), specifier)] : aliasTargets(path.dirname(from), specifier);
    if (bases.length === 0) return null;
    const parser = getParser(context);
    if (!parser) return null;
    for (const base of bases) {
      for (const candidate of candidatePaths(base)) {
        const text = tryRead(candidate);
        if (text === null) continue;
        return mayMatter && !mayMatter(text) ? null : parseCached(candidate, text, parser, context);
      }
    }
    return null;
  } catch {
    return null;
  }
}

interface PathAliases {
  /** The folder `paths` entries are relative to (`baseUrl`, else the config's own folder). */
  base: string;
  paths: Record<string, readonly string[]>;
}

/** Per folder: the `paths` of the nearest tsconfig.json or jsconfig.json above it, or null. */
const aliasCache = new Map<string, PathAliases | null>();
/** How many folders up a config is looked for. */
const MAX_CONFIG_DEPTH = 12;

/**
 * Where a `paths` alias points (`"@/*": ["./*"]`): only the nearest config's own `compilerOptions`
 * (an `extends` chain is not followed). Bare package names that match no alias give nothing.
 */
function aliasTargets(folder: string, specifier: string): string[] {
  const aliases = findAliases(folder, 0);
  if (!aliases) return [];
  let best: { prefix: string; targets: readonly string[]; rest: string } | null = null;
  for (const [pattern, targets] of Object.entries(aliases.paths)) {
    if (!Array.isArray(targets)) continue;
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (pattern === specifier) return targets.map((target) => path.join(aliases.base, target));
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    // TypeScript picks the pattern with the longest prefix.
    if (!best || prefix.length > best.prefix.length) best = { prefix, targets, rest: specifier.slice(prefix.length, specifier.length - suffix.length) };
  }
  if (!best) return [];
  const { rest, targets } = best;
  return targets.filter((target) => typeof target === 'string').map((target) => path.join(aliases.base, target.replace('*', rest)));
}

function findAliases(folder: string, depth: number): PathAliases | null {
  const cached = aliasCache.get(folder);
  if (cached !== undefined) return cached;
  let found: PathAliases | null = null;
  let config: string | null = null;
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    config = tryRead(path.join(folder, name));
    if (config !== null) break;
  }
  if (config !== null) {
    found = readAliases(folder, config);
  } else {
    const parent = path.dirname(folder);
    found = parent !== folder && depth < MAX_CONFIG_DEPTH ? findAliases(parent, depth + 1) : null;
  }
  if (aliasCache.size >= MAX_CACHED) aliasCache.clear();
  aliasCache.set(folder, found);
  return found;
}

function readAliases(folder: string, text: string): PathAliases | null {
  try {
    const options = (JSON.parse(stripJsonComments(text)) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } }).compilerOptions;
    const paths = options?.paths;
    if (!paths || typeof paths !== 'object') return null;
    const base = typeof options.baseUrl === 'string' ? path.join(folder, options.baseUrl) : folder;
    return { base, paths: paths as Record<string, readonly string[]> };
  } catch {
    return null;
  }
}

/** tsconfig.json is JSON with comments and trailing commas: drop both, leaving strings alone. */
function stripJsonComments(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') {
      const start = index;
      for (index++; index < text.length && text[index] !== '"'; index++) if (text[index] === '\\') index++;
      out += text.slice(start, index + 1);
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      out += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else {
      out += char;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function getParser(context: Context): Parser | null {
  const parser = (context.languageOptions as { parser?: unknown } | undefined)?.parser as Partial<Parser> | undefined;
  return parser && typeof parser.parseForESLint === 'function' ? (parser as Parser) : null;
}

function candidatePaths(base: string): string[] {
  const extension = path.extname(base);
  if (EXTENSIONS.includes(extension)) {
    const stem = base.slice(0, -extension.length);
    return [...(TS_FOR_JS[extension] ?? []).map((twin) => stem + twin), base];
  }
  return [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
}

function tryRead(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length <= MAX_BYTES ? text : null;
  } catch {
    return null;
  }
}

function parseCached(filename: string, text: string, parser: Parser, context: Context): SiblingModule | null {
  const cached = cache.get(filename);
  if (cached && cached.text === text) return cached.module;
  if (cache.size >= MAX_CACHED) cache.clear();
  let module: SiblingModule | null = null;
  try {
    module = parse(filename, text, parser, context);
  } catch {
    module = null;
  }
  cache.set(filename, { text, module });
  return module;
}

function parse(filename: string, text: string, parser: Parser, context: Context): SiblingModule | null {
  const given = (context.languageOptions as { parserOptions?: Record<string, unknown> } | undefined)?.parserOptions ?? {};
  // The file's own parser options, without a program: the module is read for its syntax only.
  const options: Record<string, unknown> = {
    ...given,
    project: undefined,
    projectService: undefined,
    programs: undefined,
    preserveNodeMaps: false,
    filePath: filename,
    ecmaVersion: 'latest',
    sourceType: 'module',
    range: true,
    loc: true,
    tokens: false,
    comment: false,
  };
  const result = parser.parseForESLint(text, options);
  const { ast, scopeManager, visitorKeys } = result;
  if (!ast || ast.type !== AST_NODE_TYPES.Program || !scopeManager || !visitorKeys) return null;
  setParents(ast, visitorKeys);
  const getScope = (node: TSESTree.Node): TSESLint.Scope.Scope => {
    const inner = node.type !== AST_NODE_TYPES.Program;
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      const scope = scopeManager.acquire(current, inner);
      if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
    }
    return scopeManager.scopes[0]!;
  };
  const sourceCode = { ast, text, scopeManager, visitorKeys, getScope } as unknown as TSESLint.SourceCode;
  return { filename, sourceCode };
}

function setParents(root: TSESTree.Node, visitorKeys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}

/** `export function f`, `export const f = async () => …`, `export default function`, `export { f }`. */
function findExportedFunction(module: SiblingModule, exported: string): FunctionNode | null {
  const ast = module.sourceCode.ast;
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (exported !== 'default') continue;
      const value = statement.declaration;
      if (isFunctionNode(value)) return value;
      if (value.type === AST_NODE_TYPES.Identifier) return findLocalFunction(module, value.name);
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    if (statement.declaration) {
      const found = functionDeclaredBy(module, statement.declaration, exported);
      if (found) return found;
      continue;
    }
    if (statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ExportSpecifier || getKeyName(specifier.exported) !== exported) continue;
      const local = getKeyName(specifier.local);
      return local ? findLocalFunction(module, local) : null;
    }
  }
  return null;
}

function findLocalFunction(module: SiblingModule, name: string): FunctionNode | null {
  for (const statement of module.sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (!declaration) continue;
    const found = functionDeclaredBy(module, declaration as TSESTree.Statement, name);
    if (found) return found;
  }
  return null;
}

function functionDeclaredBy(module: SiblingModule, declaration: TSESTree.Node, name: string): FunctionNode | null {
  if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) return declaration.id?.name === name ? declaration : null;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  for (const declarator of declaration.declarations) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
    // `export let f = …` reassigned later says nothing about what a caller gets.
    const variable = module.sourceCode.scopeManager?.getDeclaredVariables(declarator).find((v) => v.name === name);
    if (!variable || !isNeverReassigned(variable)) return null;
    const init = skipExpressionWrappers(declarator.init);
    return isFunctionNode(init) ? init : null;
  }
  return null;
}
