import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { isSignalName, SIGNAL_PROPERTY_NAMES } from '../knowledge/signal-apis.js';
import { getCalleeName, getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { getTypeServices, type TypeServices } from './get-type-services.js';
import { getThisClass } from './resolve-function.js';
import { textMatches } from './text-words.js';
import { includesNullish, isVagueType, unionConstituents } from './typescript.js';
import { getSignalReach, type SignalReach } from './signal-reaches-api.js';
import { classifyAbortSignalType } from './abort-signal-type.js';
import { walkDescendants } from './walk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type Variable = TSESLint.Scope.Variable;

/**
 * A signal the caller owns, as code can name it: a parameter (`signal`), a property of one
 * (`options.signal`, `{ signal }` destructured), a local copied from one, or a field set from one
 * (`this.signal`). Aborting it is the caller's decision, so a callee must stop when it fires.
 */
export interface CallerSignal {
  /** The expression that reads it where it is declared: `signal`, `options.signal`, `this.signal`. */
  text: string;
  /** Whether it may be undefined there (fixes then write `signal?.throwIfAborted()`). */
  optional: boolean;
  /** The identifier the text starts from (null for `this.…`), to check that a fix can still reach it. */
  root: Variable | null;
  /** For `this.…`: the class whose instance holds it. */
  thisClass: ClassNode | null;
}

export interface CallerSignalFinder {
  /** Whether the expression reads a caller-owned signal (`signal`, `opts.signal`, `this.signal`). */
  isCallerSignal(node: TSESTree.Node): boolean;
  /**
   * The first caller-owned signal, in scope at `at`, that `node` passes on or throws (the whole subtree,
   * callbacks included). Listening to it (`signal.addEventListener('abort', …)`) or reading `.aborted` is
   * not a flow: no abort error comes out of that.
   */
  findSignalFlow(node: TSESTree.Node, at?: TSESTree.Node): TSESTree.Node | null;
  /** The signal a flow node (from `findSignalFlow`) reads or carries, as code names it there. */
  describeFlow(node: TSESTree.Node): CallerSignal | null;
  /** The caller-owned signals in scope at `node`, nearest function first. */
  signalsInScope(node: TSESTree.Node): CallerSignal[];
  /** The caller-owned signal a fix at `at` can name: the one `flow` reads when reachable, else the nearest in scope. */
  reachableSignal(at: TSESTree.Node, flow?: TSESTree.Node | null): CallerSignal | null;
}

interface FunctionSignals {
  /** Variables that hold a caller-owned signal, with how a fix names them. */
  signals: Map<Variable, CallerSignal>;
  /** Parameters that carry a signal property (`options` when the code reads `options.signal`, or its type has one). */
  bags: Map<Variable, CallerSignal>;
  /** Other parameters: `param.signal` is still the caller's. */
  params: Set<Variable>;
}

interface ClassSignals {
  fields: Map<string, CallerSignal>;
  bagFields: Map<string, CallerSignal>;
}

const cache = new WeakMap<TSESLint.SourceCode, CallerSignalFinder>();
const SIGNAL_WORD = /signal/iu;

/**
 * Whether the file's text says `signal` in any case (`signal`, `abortSignal`, `: AbortSignal`): without
 * types a caller's signal is only ever known by such a name or written type, so a file that never says
 * it has none. Read once per file for every rule that asks (issue 12 §4).
 */
export function spellsSignal(sourceCode: TSESLint.SourceCode): boolean {
  return textMatches(sourceCode, SIGNAL_WORD);
}

const signalSpellings = new WeakMap<TSESLint.SourceCode, number[]>();
const SIGNAL_WORDS = /signal/giu;

/** Whether the text between `start` and `end` says `signal` in any case: one scan of the file for all questions. */
function spellsSignalWithin(sourceCode: TSESLint.SourceCode, start: number, end: number): boolean {
  let positions = signalSpellings.get(sourceCode);
  if (!positions) {
    positions = [];
    for (const match of sourceCode.text.matchAll(SIGNAL_WORDS)) positions.push(match.index);
    signalSpellings.set(sourceCode, positions);
  }
  // The first spelling at or after `start` (positions are ascending).
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < positions.length && positions[low]! + 'signal'.length <= end;
}

export function getCallerSignalFinder(context: Context): CallerSignalFinder {
  const sourceCode = context.sourceCode;
  let finder = cache.get(sourceCode);
  if (!finder) {
    finder = createFinder(sourceCode, getTypeServices(context), getSignalReach(context));
    cache.set(sourceCode, finder);
  }
  return finder;
}

function createFinder(sourceCode: TSESLint.SourceCode, services: TypeServices | null, reach: SignalReach): CallerSignalFinder {
  const functions = new WeakMap<FunctionNode, FunctionSignals>();
  const classes = new WeakMap<ClassNode, ClassSignals>();
  const analysing = new Set<TSESTree.Node>();
  const linked = new Map<Variable, CallerSignal | null>();

  const finder: CallerSignalFinder = {
    isCallerSignal(node) {
      return describeSignal(node) !== null;
    },
    findSignalFlow(root, at = root) {
      let found: TSESTree.Node | null = null;
      walkDescendants(root, (node) => {
        if (found) return false;
        if (isListener(node)) return false;
        const direct = describeSignal(node);
        const signal = direct ?? (isBagPassed(node) ? describeBag(node) : null);
        // The signal itself must reach something that takes one: a context object that merely carries
        // a signal, handed to a helper that reads something else from it, brings no abort back.
        if (signal && isReachable(signal, at) && reach.reachesApi(node, direct ? 'signal' : 'bag')) {
          found = node;
          return false;
        }
        return !signal;
      });
      return found;
    },
    describeFlow(node) {
      return describeSignal(node) ?? describeBag(node);
    },
    signalsInScope(node) {
      // Without types every caller's signal is spelt inside the functions (and classes) it is in scope in.
      if (!services && !spellsSignalAround(node)) return [];
      const result: CallerSignal[] = [];
      for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
        const info = analyseFunction(fn);
        result.push(...info.signals.values(), ...info.bags.values());
        const cls = fn.parent.type === AST_NODE_TYPES.MethodDefinition ? getThisClass(fn) : null;
        if (cls) {
          const fields = analyseClass(cls);
          result.push(...fields.fields.values(), ...fields.bagFields.values());
        }
      }
      return result;
    },
    reachableSignal(at, flow) {
      const fromFlow = flow ? describeSignal(flow) ?? describeBag(flow) : null;
      if (fromFlow && isReachable(fromFlow, at)) return fromFlow;
      return finder.signalsInScope(at).find((signal) => isReachable(signal, at)) ?? null;
    },
  };

  /**
   * Without types a caller's signal in scope at `node` is a parameter, a destructured or annotated one, a
   * bag whose `.signal` is read, a local copied from one, or a field a method of the class sets: each is
   * spelt (`signal`, `abortSignal`, `: AbortSignal`, `.signal`) inside the enclosing functions or the class
   * of an enclosing method, so the outermost of those must spell it. False lets `signalsInScope` skip the
   * analysis of every enclosing function (issue 12 §4).
   */
  function spellsSignalAround(node: TSESTree.Node): boolean {
    let outer: TSESTree.Node | null = null;
    for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
      outer = fn;
      const cls = fn.parent.type === AST_NODE_TYPES.MethodDefinition ? getThisClass(fn) : null;
      if (cls) outer = cls;
    }
    return outer !== null && spellsSignalWithin(sourceCode, outer.range[0], outer.range[1]);
  }

  function isReachable(signal: CallerSignal, at: TSESTree.Node): boolean {
    if (signal.thisClass) return getThisClass(at) === signal.thisClass;
    if (!signal.root) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(at), signal.root.name);
    return variable === signal.root;
  }

  /** The caller-owned signal this expression reads, or null. */
  function describeSignal(raw: TSESTree.Node): CallerSignal | null {
    if (!isExpressionLike(raw)) return null;
    const node = skipExpressionWrappers(raw as TSESTree.Expression);
    if (node.type === AST_NODE_TYPES.Identifier) {
      if (!isReadReference(node)) return null;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const owner = variable ? getDefiningFunction(variable) : null;
      return owner && variable ? analyseFunction(owner).signals.get(variable) ?? null : null;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
    const property = getStaticPropertyName(node);
    if (property === null) return null;
    const object = skipExpressionWrappers(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const cls = getThisClass(object);
      return cls ? analyseClass(cls).fields.get(property) ?? null : null;
    }
    if (!SIGNAL_PROPERTY_NAMES.has(property) && !(services && isAbortSignalTyped(services, node))) return null;
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(object), object);
      const owner = variable ? getDefiningFunction(variable) : null;
      if (!owner || !variable) return null;
      const info = analyseFunction(owner);
      if (!info.params.has(variable) && !info.bags.has(variable)) return property === 'signal' ? linkedSource(variable) : null;
      if (isStringUse(node) || abortsItself(variable)) return null;
      return memberSignal(node, variable, null);
    }
    if (object.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(object.object).type === AST_NODE_TYPES.ThisExpression) {
      const field = getStaticPropertyName(object);
      const cls = getThisClass(object);
      if (field === null || !cls || !analyseClass(cls).bagFields.has(field) || isStringUse(node)) return null;
      return memberSignal(node, null, cls);
    }
    return null;
  }

  /**
   * A controller of this function linked to a caller's signal: `const controller = new AbortController()`
   * and `signal.addEventListener('abort', () => controller.abort())` (or `signal.onabort = …`). Its signal
   * aborts when the caller's does, so it stands for the caller's signal.
   */
  function linkedSource(variable: Variable): CallerSignal | null {
    if (linked.has(variable)) return linked.get(variable)!;
    linked.set(variable, null);
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? skipExpressionWrappers(def.node.init) : null;
    if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'AbortController') return null;
    let source: CallerSignal | null = null;
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(member) !== 'abort' || member.parent.type !== AST_NODE_TYPES.CallExpression) continue;
      const listener = getEnclosingFunction(member);
      const listened = listener ? listenedSignal(listener) : null;
      source = listened ? describeSignal(listened) : null;
      if (source) break;
    }
    linked.set(variable, source);
    return source;
  }

  /** The signal a function listens to for `'abort'`: `X.addEventListener('abort', fn)`, `X.onabort = fn`, through a `const onAbort = fn`. */
  function listenedSignal(fn: FunctionNode): TSESTree.Node | null {
    const places: TSESTree.Node[] = [fn];
    const holder = fn.parent;
    if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === fn && holder.id.type === AST_NODE_TYPES.Identifier) {
      const named = ASTUtils.findVariable(sourceCode.getScope(holder.id), holder.id);
      for (const reference of named?.references ?? []) if (!reference.init) places.push(reference.identifier);
    }
    for (const place of places) {
      const parent = place.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === place) {
        const callee = skipExpressionWrappers(parent.callee);
        const type = parent.arguments[0];
        if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'addEventListener' && type?.type === AST_NODE_TYPES.Literal && type.value === 'abort') {
          return callee.object;
        }
      }
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === place && parent.left.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(parent.left) === 'onabort') {
        return parent.left.object;
      }
    }
    return null;
  }

  /** A signal-carrying options bag passed on whole: `fetch(url, options)`, `{ ...options }`. */
  function isBagPassed(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const parent = node.parent;
    const passed =
      ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
        (parent.arguments as readonly TSESTree.Node[]).includes(node)) ||
      parent.type === AST_NODE_TYPES.SpreadElement;
    return passed && describeBag(node) !== null;
  }

  function describeBag(node: TSESTree.Node): CallerSignal | null {
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const owner = variable ? getDefiningFunction(variable) : null;
    return owner && variable ? analyseFunction(owner).bags.get(variable) ?? null : null;
  }

  function memberSignal(node: TSESTree.MemberExpression, root: Variable | null, cls: ClassNode | null): CallerSignal {
    const property = getStaticPropertyName(node);
    const written = root && property !== null ? optionalInAnnotation(parameterAnnotation(root), property) : null;
    const optional = services ? isOptionalTyped(services, node) : (written ?? true);
    return { text: sourceCode.getText(node), optional, root, thisClass: cls };
  }

  function analyseFunction(fn: FunctionNode): FunctionSignals {
    let info = functions.get(fn);
    if (info) return info;
    info = { signals: new Map(), bags: new Map(), params: new Set() };
    functions.set(fn, info);
    if (analysing.has(fn)) return info;
    analysing.add(fn);
    try {
      collectParameters(fn, info);
      collectLocals(fn, info);
    } finally {
      analysing.delete(fn);
    }
    return info;
  }

  function collectParameters(fn: FunctionNode, info: FunctionSignals): void {
    for (const raw of fn.params) {
      const param = raw.type === AST_NODE_TYPES.TSParameterProperty ? raw.parameter : raw;
      const hasDefault = param.type === AST_NODE_TYPES.AssignmentPattern;
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target.type === AST_NODE_TYPES.Identifier) {
        const variable = declaredVariable(target);
        if (!variable) continue;
        if (isSignalVariable(variable, target)) {
          info.signals.set(variable, { text: target.name, optional: isOptionalParameter(target, hasDefault), root: variable, thisClass: null });
        } else {
          info.params.add(variable);
          if (isSignalBag(variable, target)) {
            const optional = !hasDefault && (target.optional || isNullableAnnotation(target) || readsOptionally(variable));
            info.bags.set(variable, { text: `${target.name}${optional ? '?.' : '.'}signal`, optional: optional || isOptionalSignalOf(target), root: variable, thisClass: null });
          }
        }
      } else if (target.type === AST_NODE_TYPES.ObjectPattern) {
        collectPattern(target, info, target.typeAnnotation?.typeAnnotation);
      }
    }
  }

  /** `{ signal }`, `{ signal: s = AbortSignal.timeout(1000) }`, and in typed runs any AbortSignal-typed property. */
  function collectPattern(pattern: TSESTree.ObjectPattern, info: FunctionSignals, annotation: TSESTree.TypeNode | undefined): void {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
      const hasDefault = property.value.type === AST_NODE_TYPES.AssignmentPattern;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = declaredVariable(value);
      if (!variable) continue;
      const named = key !== null && SIGNAL_PROPERTY_NAMES.has(key);
      if ((named && isSignalVariable(variable, value, true)) || (!named && services && isAbortSignalTyped(services, value))) {
        // `{ signal }: { signal: AbortSignal }`: the written type of the destructured object says it all.
        const written = key !== null && !services ? optionalInAnnotation(annotation, key) : null;
        const optional = hasDefault ? false : (written ?? isOptionalParameter(value, hasDefault));
        info.signals.set(variable, { text: value.name, optional, root: variable, thisClass: null });
      }
    }
  }

  /** Locals copied from a caller-owned signal: `const { signal } = options`, `const s = opts.signal ?? fallback`. */
  function collectLocals(fn: FunctionNode, info: FunctionSignals): void {
    walkDescendants(fn.body, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return true;
      if (node.id.type === AST_NODE_TYPES.Identifier && isCallerOwnedValue(node.init)) {
        const variable = declaredVariable(node.id);
        if (variable && !isStringVariable(variable)) {
          const optional = services ? isOptionalTyped(services, node.id) : true;
          // `const s = options.signal ?? AbortSignal.timeout(ms)` or `AbortSignal.any([signal, …])` also aborts
          // on a timeout of its own: fixes name the caller's signal it came from, not the mix.
          const copied = describeSignal(node.init);
          const source = copied ? null : findCallerSignalIn(node.init);
          info.signals.set(variable, source ?? { text: node.id.name, optional, root: variable, thisClass: null });
        }
      } else if (node.id.type === AST_NODE_TYPES.ObjectPattern && describeBagOrParam(node.init)) {
        for (const property of node.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
          if (!SIGNAL_PROPERTY_NAMES.has(property.key.name)) continue;
          const hasDefault = property.value.type === AST_NODE_TYPES.AssignmentPattern;
          const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          const variable = value.type === AST_NODE_TYPES.Identifier ? declaredVariable(value) : null;
          if (variable && value.type === AST_NODE_TYPES.Identifier && !isStringVariable(variable)) {
            const source = skipExpressionWrappers(node.init);
            const sourceVariable = source.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(source), source) : null;
            const written = sourceVariable ? optionalInAnnotation(parameterAnnotation(sourceVariable), property.key.name) : null;
            const optional = !hasDefault && (services ? isOptionalTyped(services, value) : (written ?? true));
            info.signals.set(variable, { text: value.name, optional, root: variable, thisClass: null });
          }
        }
      }
      return true;
    });
  }

  function findCallerSignalIn(root: TSESTree.Node): CallerSignal | null {
    let found: CallerSignal | null = null;
    walkDescendants(root, (node) => {
      if (found) return false;
      found = describeSignal(node);
      return !found;
    });
    return found;
  }

  /** Whether `const x = <value>` makes `x` a caller-owned signal. */
  function isCallerOwnedValue(raw: TSESTree.Expression): boolean {
    const node = skipExpressionWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.LogicalExpression:
        return isCallerOwnedValue(node.left) || isCallerOwnedValue(node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return isCallerOwnedValue(node.consequent) || isCallerOwnedValue(node.alternate);
      case AST_NODE_TYPES.CallExpression: {
        // AbortSignal.any([signal, AbortSignal.timeout(ms)]): the caller's abort still flows through it.
        const callee = skipExpressionWrappers(node.callee);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          getStaticPropertyName(callee) === 'any' &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          callee.object.name === 'AbortSignal' &&
          node.arguments[0]?.type === AST_NODE_TYPES.ArrayExpression
        ) {
          return node.arguments[0].elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isCallerOwnedValue(element));
        }
        return false;
      }
      default:
        return describeSignal(node) !== null;
    }
  }

  function describeBagOrParam(raw: TSESTree.Expression): boolean {
    const node = skipExpressionWrappers(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const owner = variable ? getDefiningFunction(variable) : null;
    if (!owner || !variable) return false;
    const info = analyseFunction(owner);
    return info.params.has(variable) || info.bags.has(variable);
  }

  function analyseClass(cls: ClassNode): ClassSignals {
    let info = classes.get(cls);
    if (info) return info;
    info = { fields: new Map(), bagFields: new Map() };
    classes.set(cls, info);
    if (analysing.has(cls)) return info;
    analysing.add(cls);
    try {
      for (const member of cls.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static || !member.value.body) continue;
        const method = member.value;
        // constructor(private readonly signal: AbortSignal)
        for (const param of method.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type !== AST_NODE_TYPES.Identifier) continue;
          const variable = declaredVariable(inner);
          if (variable && analyseFunction(method).signals.has(variable)) {
            const optional = analyseFunction(method).signals.get(variable)!.optional;
            info.fields.set(inner.name, { text: `this.${inner.name}`, optional, root: null, thisClass: cls });
          }
        }
        collectFieldAssignments(method, cls, info);
      }
    } finally {
      analysing.delete(cls);
    }
    return info;
  }

  /** `this.signal = options.signal` (a signal field) and `this.options = options` (a bag field). */
  function collectFieldAssignments(method: TSESTree.FunctionExpression, cls: ClassNode, info: ClassSignals): void {
    walkDescendants(method.body!, (node) => {
      if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) return false;
      if (node.type === AST_NODE_TYPES.ClassBody) return false;
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return true;
      const left = node.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression) return true;
      const field = getStaticPropertyName(left);
      if (field === null) return true;
      const name = field.startsWith('#') ? `#${field.slice(1)}` : field;
      const text = left.property.type === AST_NODE_TYPES.PrivateIdentifier ? `this.#${left.property.name}` : `this.${name}`;
      if (isCallerOwnedValue(node.right)) {
        const optional = services ? isOptionalTyped(services, node.right) : true;
        info.fields.set(field, { text, optional, root: null, thisClass: cls });
      } else if (describeBagOrParam(node.right) && readsSignalOf(cls, field)) {
        info.bagFields.set(field, { text: `${text}.signal`, optional: true, root: null, thisClass: cls });
      }
      return true;
    });
  }

  /** Whether the class reads `this.<field>.signal` somewhere: the field is an options bag that carries one. */
  function readsSignalOf(cls: ClassNode, field: string): boolean {
    let found = false;
    walkDescendants(cls.body, (node) => {
      if (found) return false;
      if (
        node.type === AST_NODE_TYPES.MemberExpression &&
        SIGNAL_PROPERTY_NAMES.has(getStaticPropertyName(node) ?? '') &&
        node.object.type === AST_NODE_TYPES.MemberExpression &&
        node.object.object.type === AST_NODE_TYPES.ThisExpression &&
        getStaticPropertyName(node.object) === field
      ) {
        found = true;
      }
      return !found;
    });
    return found;
  }

  /** Whether the `signal` a bag parameter carries may be missing: its type, or its written type literal, says so. */
  function isOptionalSignalOf(id: TSESTree.Identifier): boolean {
    if (services) {
      const type = services.getType(id);
      if (isVagueType(type)) return true;
      return unionConstituents(services.checker.getNonNullableType(type)).some((part) => {
        const property = part.getProperty('signal');
        if (!property) return true;
        return (property.flags & SYMBOL_OPTIONAL) !== 0 || includesNullish(services.checker.getTypeOfSymbol(property));
      });
    }
    return optionalInAnnotation(id.typeAnnotation?.typeAnnotation, 'signal') ?? true;
  }

  /** The checker's answer when it has one; else what the written type and default say. */
  function isOptionalParameter(id: TSESTree.Identifier, hasDefault: boolean): boolean {
    if (hasDefault) return false;
    if (services && !isVagueType(services.getType(id))) return isOptionalTyped(services, id);
    return isOptionalBinding(id, hasDefault);
  }

  function declaredVariable(id: TSESTree.Identifier): Variable | null {
    return ASTUtils.findVariable(sourceCode.getScope(id), id);
  }

  /** A parameter named like a signal (or typed as one) that the code does not use as a string ('SIGTERM'). */
  function isSignalVariable(variable: Variable, id: TSESTree.Identifier, named = isSignalName(id.name)): boolean {
    const annotation = id.typeAnnotation?.typeAnnotation;
    if (services) {
      const verdict = classifyAbortSignalType(services.checker, services.getType(id));
      if (verdict !== 'unknown') return verdict === 'signal';
    }
    if (annotation) return annotationMentions(annotation, 'AbortSignal');
    return named && !isStringVariable(variable) && !isProcessSignalHandler(variable);
  }

  /** A parameter whose `.signal` the function reads, or whose type has an AbortSignal `signal` property. */
  function isSignalBag(variable: Variable, id: TSESTree.Identifier): boolean {
    if (abortsItself(variable)) return false;
    if (services) {
      const type = services.getType(id);
      if (!isVagueType(type)) {
        // A `signal` property whose type the checker cannot tell (AbortSignal undeclared without @types/node)
        // leaves the answer to what the code reads.
        let unknown = false;
        const typed = unionConstituents(services.checker.getNonNullableType(type)).some((part) => {
          const property = part.getProperty('signal');
          if (!property) return false;
          const verdict = classifyAbortSignalType(services.checker, services.checker.getTypeOfSymbol(property));
          if (verdict === 'unknown') unknown = true;
          return verdict === 'signal';
        });
        if (typed || !unknown) return typed;
      }
    }
    const annotation = id.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeLiteral) {
      return annotation.members.some(
        (member) =>
          member.type === AST_NODE_TYPES.TSPropertySignature &&
          member.key.type === AST_NODE_TYPES.Identifier &&
          SIGNAL_PROPERTY_NAMES.has(member.key.name),
      );
    }
    return variable.references.some((reference) => {
      const parent = reference.identifier.parent;
      return (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === reference.identifier &&
        getStaticPropertyName(parent) === 'signal' &&
        !isStringUse(parent)
      );
    });
  }

  function isStringVariable(variable: Variable): boolean {
    return variable.references.some((reference) => isStringUse(reference.identifier as TSESTree.Node));
  }

  return finder;
}

/** `process.on('SIGTERM', (signal) => …)`: the parameter is the name of a process signal. */
function isProcessSignalHandler(variable: Variable): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter') return false;
  const call = (def.node as TSESTree.Node).parent;
  const first = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && first.value.startsWith('SIG');
}

/** `controller.abort()` on the parameter whose `.signal` is read: a controller shared with the callee, which aborts it itself. */
function abortsItself(variable: Variable): boolean {
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      getStaticPropertyName(parent) === 'abort' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    );
  });
}

/** `signal.addEventListener(…)`, `signal.onabort = …`: listening to the signal, not passing it on. */
function isListener(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(node);
  return name === 'addEventListener' || name === 'removeEventListener' || name === 'onabort';
}

/** The function whose parameters or body declare the variable. */
function getDefiningFunction(variable: Variable): FunctionNode | null {
  const def = variable.defs[0];
  if (!def) return null;
  if (def.type === 'Parameter') return isFunctionNode(def.node as TSESTree.Node) ? (def.node as FunctionNode) : null;
  if (def.type !== 'Variable') return null;
  return getEnclosingFunction(def.node);
}

function isReadReference(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === id && !parent.shorthand) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === id && !parent.computed) return false;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === id) return false;
  if (isFunctionNode(parent) && (parent.params as readonly TSESTree.Node[]).includes(id)) return false;
  return parent.type !== AST_NODE_TYPES.AssignmentPattern || parent.right === id;
}

function isExpressionLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression || node.type === AST_NODE_TYPES.TSAsExpression;
}

/**
 * Uses that show a `signal` is a process signal name ('SIGTERM'), not an AbortSignal: compared with a
 * string, put in a template or a switch, or handed to `kill()`.
 */
function isStringUse(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(parent.operator)) {
    const other = parent.left === current ? parent.right : parent.left;
    return (other.type === AST_NODE_TYPES.Literal && typeof other.value === 'string') || other.type === AST_NODE_TYPES.TemplateLiteral;
  }
  if (parent.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (parent.type === AST_NODE_TYPES.SwitchStatement && parent.discriminant === current) return true;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.Expression)) {
    const name = getCalleeName(parent);
    return name === 'kill' || name === 'String';
  }
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
    const property = getStaticPropertyName(parent);
    return property !== null && ['toLowerCase', 'toUpperCase', 'startsWith', 'endsWith', 'length', 'slice'].includes(property);
  }
  return false;
}

/** Whether a written type names `name` (`AbortSignal`, `AbortSignal | undefined`). */
function annotationMentions(type: TSESTree.TypeNode, name: string): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some((part) => annotationMentions(part, name));
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === name;
}

/** `options?: Options` or `options: Options | undefined`. */
function isNullableAnnotation(id: TSESTree.Identifier): boolean {
  const annotation = id.typeAnnotation?.typeAnnotation;
  return (
    annotation?.type === AST_NODE_TYPES.TSUnionType &&
    annotation.types.some((part) => part.type === AST_NODE_TYPES.TSUndefinedKeyword || part.type === AST_NODE_TYPES.TSNullKeyword)
  );
}

/** The code itself writes `options?.…`: it expects the parameter may be missing. */
function readsOptionally(variable: Variable): boolean {
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier && parent.optional;
  });
}

/** Optional unless the written type rules undefined out or a default fills it in. */
function isOptionalBinding(id: TSESTree.Identifier, hasDefault: boolean): boolean {
  if (hasDefault) return false;
  const annotation = id.typeAnnotation?.typeAnnotation;
  if (!annotation || id.optional) return true;
  if (annotation.type !== AST_NODE_TYPES.TSUnionType) return false;
  return annotation.types.some((part) => part.type === AST_NODE_TYPES.TSUndefinedKeyword || part.type === AST_NODE_TYPES.TSNullKeyword);
}


function isAbortSignalTyped(services: TypeServices, node: TSESTree.Node): boolean {
  return classifyAbortSignalType(services.checker, services.getType(node)) === 'signal';
}

function isOptionalTyped(services: TypeServices, node: TSESTree.Node): boolean {
  const type = services.getType(node);
  return isVagueType(type) || includesNullish(type);
}


/** `ts.SymbolFlags.Optional`, without importing TypeScript at run time here. */
const SYMBOL_OPTIONAL = 16_777_216;

/** The written type of the parameter a variable was declared as (`options: { signal?: AbortSignal }`). */
function parameterAnnotation(variable: Variable): TSESTree.TypeNode | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter' || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  return def.name.typeAnnotation?.typeAnnotation;
}

/**
 * Whether `key` may be missing according to a written object type: `{ signal?: AbortSignal }` or
 * `{ signal: AbortSignal | undefined }` yes, `{ signal: AbortSignal }` no; null when the type is not
 * written out there (a named interface, no annotation).
 */
function optionalInAnnotation(annotation: TSESTree.TypeNode | undefined, key: string): boolean | null {
  if (!annotation) return null;
  if (annotation.type === AST_NODE_TYPES.TSUnionType) {
    const parts = annotation.types.filter((part) => part.type !== AST_NODE_TYPES.TSUndefinedKeyword && part.type !== AST_NODE_TYPES.TSNullKeyword);
    return parts.length === 1 ? optionalInAnnotation(parts[0], key) : null;
  }
  if (annotation.type !== AST_NODE_TYPES.TSTypeLiteral) return null;
  for (const member of annotation.members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== key) continue;
    if (member.optional) return true;
    const type = member.typeAnnotation?.typeAnnotation;
    if (!type) return true;
    return type.type === AST_NODE_TYPES.TSUnionType && type.types.some((part) => part.type === AST_NODE_TYPES.TSUndefinedKeyword || part.type === AST_NODE_TYPES.TSNullKeyword);
  }
  return null;
}

