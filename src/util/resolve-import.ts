import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { stripNodePrefix } from './allow-entry.js';
import { climbWrappers, getStaticPropertyName } from './ast.js';
import { textIncludes } from './text-words.js';

const { ReferenceTracker } = ASTUtils;

/**
 * One API to find wherever it is referenced: a module member (`fs` + `['promises', 'readFile']`)
 * or a global (`Deno` + `['readFileSync']`). Module names are given without `node:`; both spellings match.
 */
export interface ApiTarget<Info = unknown> {
  module?: string;
  global?: string;
  path: readonly string[];
  /** What counts as a use: a call (default), a `new`, or any read of the member. */
  kind?: 'call' | 'construct' | 'read';
  /** The module is ESM-only: its default import is `path[0] === 'default'`, not the module object. */
  esm?: boolean;
  /** Anything the catalogue wants back with the match (the async twin, a fix kind, …). */
  info?: Info;
}

export interface ApiReference<Info = unknown> {
  target: ApiTarget<Info>;
  /** The call, `new` or member expression that uses the API. */
  node: TSESTree.Node;
}

interface TraceNode {
  children: Map<string, TraceNode>;
  call?: ApiTarget;
  construct?: ApiTarget;
  read?: ApiTarget;
  esm?: boolean;
}

const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'global', 'self', 'window']);

const cache = new WeakMap<TSESLint.SourceCode, Map<readonly ApiTarget[], Map<TSESTree.Node, ApiReference>>>();

/**
 * Every use of the given APIs in the file, keyed by the node that uses them, through every spelling:
 * ESM default, named (renamed), namespace imports, `require()` with or without destructuring,
 * `node:` prefixes, member chains on the module object, and globals (also via `globalThis`).
 * Computed once per file and target list: rules ask the returned map about their candidate nodes.
 */
export function findApiReferences<Info>(
  sourceCode: TSESLint.SourceCode,
  targets: readonly ApiTarget<Info>[],
): ReadonlyMap<TSESTree.Node, ApiReference<Info>> {
  let perFile = cache.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    cache.set(sourceCode, perFile);
  }
  let found = perFile.get(targets);
  if (!found) {
    found = mentionsApi(sourceCode, targets) ? collectReferences(sourceCode, targets) : new Map();
    perFile.set(targets, found);
  }
  return found as ReadonlyMap<TSESTree.Node, ApiReference<Info>>;
}

function collectReferences(sourceCode: TSESLint.SourceCode, targets: readonly ApiTarget[]): Map<TSESTree.Node, ApiReference> {
  const found = new Map<TSESTree.Node, ApiReference>();
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return found;
  const { modules, globals, trackerMap, readNames } = getTraces(targets);
  const add = (node: TSESTree.Node, target: ApiTarget): void => {
    if (!found.has(node)) found.set(node, { target, node });
  };

  // ES imports: eslint-utils' tracker knows every import form and CommonJS interop.
  const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' });
  for (const reference of tracker.iterateEsmReferences(trackerMap as never)) {
    add(reference.node, reference.info as ApiTarget);
  }
  // `require()` and globals: walked here, because in files where `require`, `fetch` or `Deno` are not
  // declared globals (no `globals` config, the common case) the tracker cannot see them.
  const walker = createWalker(sourceCode, add);
  const reads = getGlobalReads(globalScope);
  for (const name of readNames) {
    for (const reference of reads(name)) visit(reference);
  }
  return found;

  function visit(reference: TSESLint.Scope.Reference): void {
    const id = reference.identifier as TSESTree.Identifier;
    if (id.name === 'require') {
      const call = id.parent;
      const source = call.type === AST_NODE_TYPES.CallExpression && call.callee === id ? call.arguments[0] : undefined;
      if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') {
        const trace = modules.get(stripNodePrefix(source.value));
        if (trace) walker.walk(call as TSESTree.CallExpression, trace);
      }
      return;
    }
    const trace = globals.get(id.name);
    if (trace) walker.walk(id, trace);
    if (GLOBAL_OBJECT_NAMES.has(id.name)) {
      const member = id.parent;
      if (member.type === AST_NODE_TYPES.MemberExpression && member.object === id) {
        const name = getStaticPropertyName(member);
        const viaGlobal = name === null ? undefined : globals.get(name);
        if (viaGlobal) walker.walk(member, viaGlobal);
      }
    }
  }
}

type GlobalReads = (name: string) => readonly TSESLint.Scope.Reference[];

const globalReads = new WeakMap<TSESLint.Scope.Scope, GlobalReads>();

/**
 * The reads of one global name, declared (by a `globals` config or a TypeScript `lib`) or not, when the
 * file never reassigns it, asked by name: the global scope of a TypeScript file declares every `lib`
 * global, and walking all of them for every file cost more than the few names a catalogue needs
 * (issue 12 §4). Unresolved references are grouped by name once per file for every target list.
 */
function getGlobalReads(globalScope: TSESLint.Scope.Scope): GlobalReads {
  let reads = globalReads.get(globalScope);
  if (reads) return reads;
  const through = new Map<string, TSESLint.Scope.Reference[]>();
  for (const reference of globalScope.through) {
    if (!reference.isRead() || reference.isWrite()) continue;
    const name = reference.identifier.name;
    const list = through.get(name);
    if (list) list.push(reference);
    else through.set(name, [reference]);
  }
  const byName = new Map<string, readonly TSESLint.Scope.Reference[]>();
  reads = (name) => {
    let found = byName.get(name);
    if (found) return found;
    found = through.get(name) ?? [];
    const variable = globalScope.set.get(name);
    if (variable && variable.defs.length === 0 && !variable.references.some((reference) => reference.isWrite())) {
      found = [...found, ...variable.references.filter((reference) => reference.isRead())];
    }
    byName.set(name, found);
    return found;
  };
  globalReads.set(globalScope, reads);
  return reads;
}

function createWalker(sourceCode: TSESLint.SourceCode, add: (node: TSESTree.Node, target: ApiTarget) => void) {
  const walk = (node: TSESTree.Node, trace: TraceNode): void => {
    const outer = climbWrappers(node);
    const parent = outer.parent;
    if (trace.read) add(node, trace.read);
    if (!parent) return;
    if (trace.call && parent.type === AST_NODE_TYPES.CallExpression && parent.callee === outer) add(parent, trace.call);
    if (trace.construct && parent.type === AST_NODE_TYPES.NewExpression && parent.callee === outer) add(parent, trace.construct);
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
      const name = getStaticPropertyName(parent);
      const next = name === null ? undefined : trace.children.get(name);
      if (next) walk(parent, next);
      return;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) walkBinding(parent.id, trace);
    else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === outer) walkBinding(parent.left, trace);
  };
  const walkBinding = (pattern: TSESTree.Node, trace: TraceNode): void => {
    if (pattern.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(pattern), pattern);
      if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return;
      for (const reference of variable.references) {
        if (reference.isRead()) walk(reference.identifier as TSESTree.Identifier, trace);
      }
      return;
    }
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
      const next = trace.children.get(key);
      if (!next) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      walkBinding(value, next);
    }
  };
  return { walk };
}


interface Traces {
  modules: Map<string, TraceNode>;
  globals: Map<string, TraceNode>;
  trackerMap: Record<string, unknown>;
  /** The module and global names: every reference spells one of them in the file's text. */
  moduleNames: readonly string[];
  /** `node:` + each module name, built once rather than for every file that is asked about. */
  prefixedModuleNames: readonly string[];
  globalNames: readonly string[];
  /** The global names whose reads can start a reference: `require`, the globals, and the global object's names. */
  readNames: readonly string[];
}

/**
 * Whether the file may hold a reference to one of the traces' modules or globals. Every import,
 * `require()` and global read of a target names its module or global, so a file that spells none has no
 * reference, and its scopes need no walk (issue 12 §4: most files use no API of a given catalogue).
 * A global is asked of the global scope: `collectReferences` starts only from an unshadowed read of
 * the global or a member of the global object (`globalThis.fetch`), so a file without one has none of
 * its references, and the scope's reads are grouped by name once per file for every catalogue, where a
 * text scan per name (`Atomics`, `Deno`, `Bun`, `fetch`, …) read the whole file again and again. A module is named
 * in a string literal (`'fs'`, `"node:fs"`): `fs` inside `offset` does not count. A file that never says
 * `require` reaches modules only through its top-level `import` and `export … from` statements, whose
 * sources alone settle it (no scan of its quotes); other files are read for every short quoted text.
 */
function mentionsAny(sourceCode: TSESLint.SourceCode, traces: Traces): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope ? readsAnyGlobal(globalScope, traces.globals) : traces.globalNames.some((name) => textIncludes(sourceCode, name))) return true;
  if (traces.moduleNames.length === 0) return false;
  if (!textIncludes(sourceCode, 'require')) {
    const sources = getImportSources(sourceCode);
    return traces.moduleNames.some((name) => sources.has(name));
  }
  const quoted = getQuotedTexts(sourceCode);
  return traces.moduleNames.some((name, index) =>
    name.length + 'node:'.length > MAX_QUOTED_LENGTH ? textIncludes(sourceCode, name) : quoted.has(name) || quoted.has(traces.prefixedModuleNames[index]!),
  );
}

/** Whether `collectReferences` has a global read to start from: the global itself, or it as a member of the global object. */
function readsAnyGlobal(globalScope: TSESLint.Scope.Scope, globals: ReadonlyMap<string, TraceNode>): boolean {
  if (globals.size === 0) return false;
  const reads = getGlobalReads(globalScope);
  for (const name of globals.keys()) if (reads(name).length > 0) return true;
  for (const name of GLOBAL_OBJECT_NAMES) {
    for (const reference of reads(name)) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
      const property = getStaticPropertyName(member);
      if (property !== null && globals.has(property)) return true;
    }
  }
  return false;
}

const importSources = new WeakMap<TSESLint.SourceCode, Set<string>>();

/** The modules the file's top-level `import` and `export … from` statements name (without `node:`), once per file. */
function getImportSources(sourceCode: TSESLint.SourceCode): Set<string> {
  let sources = importSources.get(sourceCode);
  if (sources) return sources;
  sources = new Set();
  for (const statement of sourceCode.ast.body) {
    if (
      (statement.type === AST_NODE_TYPES.ImportDeclaration ||
        statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
      typeof statement.source?.value === 'string'
    ) {
      sources.add(stripNodePrefix(statement.source.value));
    }
  }
  importSources.set(sourceCode, sources);
  return sources;
}

const MAX_QUOTED_LENGTH = 100;
const quotedTexts = new WeakMap<TSESLint.SourceCode, Set<string>>();

/**
 * Every short text between two equal quotes of the file (`'fs'`, `"node:fs"`), read once per file for
 * every target list: each module specifier is one of them. Quotes of comments, templates or longer
 * strings add texts that name nothing, which only costs a look-up.
 */
function getQuotedTexts(sourceCode: TSESLint.SourceCode): Set<string> {
  let quoted = quotedTexts.get(sourceCode);
  if (quoted) return quoted;
  quoted = new Set();
  const text = sourceCode.text;
  for (const quote of ["'", '"']) {
    for (let open = text.indexOf(quote); open !== -1; open = text.indexOf(quote, open + 1)) {
      const close = text.indexOf(quote, open + 1);
      if (close === -1) break;
      if (close - open - 1 <= MAX_QUOTED_LENGTH) quoted.add(text.slice(open + 1, close));
    }
  }
  quotedTexts.set(sourceCode, quoted);
  return quoted;
}

const mentions = new WeakMap<TSESLint.SourceCode, Map<readonly ApiTarget[], boolean>>();

/** Whether the file spells a module or global name of the target list (see `findApiReferences`). */
export function mentionsApi(sourceCode: TSESLint.SourceCode, targets: readonly ApiTarget[]): boolean {
  let perFile = mentions.get(sourceCode);
  if (!perFile) mentions.set(sourceCode, (perFile = new Map()));
  let answer = perFile.get(targets);
  if (answer === undefined) perFile.set(targets, (answer = mentionsAny(sourceCode, getTraces(targets))));
  return answer;
}

// Target lists are module-level constants: their trace trees are built once, not once per file.
const tracesCache = new WeakMap<readonly ApiTarget[], Traces>();

function getTraces(targets: readonly ApiTarget[]): Traces {
  let traces = tracesCache.get(targets);
  if (!traces) {
    const { modules, globals } = buildTraces(targets);
    const moduleNames = [...modules.keys()];
    traces = {
      modules,
      globals,
      trackerMap: toTrackerMap(modules),
      moduleNames,
      prefixedModuleNames: moduleNames.map((name) => `node:${name}`),
      globalNames: [...globals.keys()],
      readNames: [...new Set(['require', ...globals.keys(), ...GLOBAL_OBJECT_NAMES])],
    };
    tracesCache.set(targets, traces);
  }
  return traces;
}

function buildTraces(targets: readonly ApiTarget[]): { modules: Map<string, TraceNode>; globals: Map<string, TraceNode> } {
  const modules = new Map<string, TraceNode>();
  const globals = new Map<string, TraceNode>();
  for (const target of targets) {
    if (target.module !== undefined) addPath(modules, stripNodePrefix(target.module), target);
    if (target.global !== undefined) addPath(globals, target.global, target);
  }
  return { modules, globals };
}

function addPath(roots: Map<string, TraceNode>, root: string, target: ApiTarget): void {
  let node: TraceNode = getOrCreate(roots, root);
  if (target.esm) node.esm = true;
  for (const segment of target.path) node = getOrCreate(node.children, segment);
  node[target.kind ?? 'call'] = target;
}

function getOrCreate(map: Map<string, TraceNode>, key: string): TraceNode {
  let node = map.get(key);
  if (!node) map.set(key, (node = { children: new Map() }));
  return node;
}

/** Our trace tree in the shape eslint-utils' tracker reads, under both `x` and `node:x` for built-ins. */
function toTrackerMap(modules: Map<string, TraceNode>): Record<string, unknown> {
  const convert = (trace: TraceNode): Record<string | symbol, unknown> => {
    const out: Record<string | symbol, unknown> = {};
    for (const [key, child] of trace.children) out[key] = convert(child);
    if (trace.call) out[ReferenceTracker.CALL] = trace.call;
    if (trace.construct) out[ReferenceTracker.CONSTRUCT] = trace.construct;
    if (trace.read) out[ReferenceTracker.READ] = trace.read;
    if (trace.esm) out[ReferenceTracker.ESM] = true;
    return out;
  };
  const map: Record<string, unknown> = {};
  for (const [name, trace] of modules) {
    const converted = convert(trace);
    map[name] = converted;
    if (isBuiltinName(name)) map[`node:${name}`] = converted;
  }
  return map;
}

const BUILTIN_NAMES = new Set([
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns',
  'dns/promises', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os',
  'path', 'perf_hooks', 'process', 'readline', 'readline/promises', 'stream', 'stream/promises', 'timers',
  'timers/promises', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
]);

/** Node's built-in modules are also reachable as `node:<name>`. */
export function isBuiltinName(moduleName: string): boolean {
  return BUILTIN_NAMES.has(stripNodePrefix(moduleName));
}
