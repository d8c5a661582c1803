import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { isSignalName, SIGNAL_APIS, SIGNAL_METHODS, SIGNAL_PROPERTY_NAMES, type SignalSlot } from '../knowledge/signal-apis.js';
import { classifyAbortSignalType } from './abort-signal-type.js';
import { getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode } from './get-enclosing-function.js';
import { getTypeServices, type TypeServices } from './get-type-services.js';
import { resolveCalledFunction } from './resolve-function.js';
import { findApiReferences } from './resolve-import.js';
import { isVagueType, loadTypeScript, unionConstituents } from './typescript.js';
import { walkDescendants } from './walk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What a read hands on: the signal itself (`signal`, `options.signal`), or an object that carries one
 * (`options`, `ctx`) and is passed whole.
 */
export type SignalCarrier = 'signal' | 'bag';

export interface SignalReach {
  /**
   * Whether the value read at `node` reaches something that takes an AbortSignal, so that its abort can
   * come back as an error: a catalogue API (`fetch`, `timers/promises`, …), an option named `signal`, a
   * parameter named or typed as a signal, `throwIfAborted()`, or an `if (signal.aborted) throw`. A bag
   * counts only when it goes to a catalogue API's options, or to a function that reads its `signal`.
   * A callee we cannot see counts (it was handed the signal, or options that may carry one).
   */
  reachesApi(node: TSESTree.Node, carrier: SignalCarrier): boolean;
}

/** How deep to follow a parameter into same-file callees (`load(signal)` → `get(url, signal)` → `fetch`). */
const MAX_DEPTH = 3;

const cache = new WeakMap<TSESLint.SourceCode, SignalReach>();

export function getSignalReach(context: Context): SignalReach {
  const sourceCode = context.sourceCode;
  let reach = cache.get(sourceCode);
  if (!reach) {
    reach = createReach(sourceCode, getTypeServices(context));
    cache.set(sourceCode, reach);
  }
  return reach;
}

/**
 * Where a call takes its signal, when it is a catalogue API (`fetch`, `setTimeout` from timers/promises,
 * `spawn`, …) or a signal-taking method (`target.addEventListener`); null otherwise.
 */
export function findSignalSlot(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): SignalSlot | null {
  const reference = findApiReferences(sourceCode, SIGNAL_APIS).get(call);
  if (reference?.target.info) return reference.target.info;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  return SIGNAL_METHODS.find((candidate) => candidate.method === method) ?? null;
}

function createReach(sourceCode: TSESLint.SourceCode, services: TypeServices | null): SignalReach {
  const paramCache = new Map<string, boolean>();

  return { reachesApi: (node, carrier) => reaches(node, carrier, 0) };

  function reaches(node: TSESTree.Node, carrier: SignalCarrier, depth: number): boolean {
    let current: TSESTree.Node = node;
    let kind = carrier;
    for (;;) {
      const parent = current.parent;
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.LogicalExpression:
          current = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test === current) return false;
          current = parent;
          continue;
        case AST_NODE_TYPES.ArrayExpression: {
          // AbortSignal.any([signal, AbortSignal.timeout(ms)]): the mix carries the caller's abort on.
          const any = parent.parent;
          if (kind !== 'signal' || !isAbortSignalAny(any, parent)) return false;
          current = any;
          continue;
        }
        case AST_NODE_TYPES.Property: {
          if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
          const key = parent.computed ? null : getPropertyKey(parent.key);
          return kind === 'signal' && key !== null && SIGNAL_PROPERTY_NAMES.has(key);
        }
        case AST_NODE_TYPES.SpreadElement:
          // `{ ...options, headers }`: new options built from the caller's, signal included.
          if (parent.parent.type === AST_NODE_TYPES.ObjectExpression) return kind === 'bag';
          return argumentReaches(parent.parent, parent, kind, depth);
        case AST_NODE_TYPES.MemberExpression:
          if (parent.object !== current || kind !== 'signal') return false;
          return isSignalCheck(parent);
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          if (parent.callee === current) return false;
          return argumentReaches(parent, current, kind, depth);
        default:
          return false;
      }
    }
  }

  /** `signal.throwIfAborted()`, or `signal.aborted` as the test of an `if` that throws. */
  function isSignalCheck(member: TSESTree.MemberExpression): boolean {
    const name = getStaticPropertyName(member);
    if (name === 'throwIfAborted') return member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
    if (name !== 'aborted') return false;
    let test: TSESTree.Node = member;
    while (
      test.parent &&
      (test.parent.type === AST_NODE_TYPES.LogicalExpression ||
        test.parent.type === AST_NODE_TYPES.ChainExpression ||
        (test.parent.type === AST_NODE_TYPES.UnaryExpression && test.parent.operator === '!'))
    ) {
      test = test.parent;
    }
    const statement = test.parent;
    if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.test !== test) return false;
    let throws = false;
    walkDescendants(statement.consequent, (inner) => {
      if (throws || isFunctionNode(inner)) return false;
      if (inner.type === AST_NODE_TYPES.ThrowStatement) throws = true;
      return !throws;
    });
    return throws;
  }

  function argumentReaches(
    call: TSESTree.Node,
    argument: TSESTree.Node,
    kind: SignalCarrier,
    depth: number,
  ): boolean {
    if (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) return false;
    const index = (call.arguments as readonly TSESTree.Node[]).indexOf(argument);
    if (index < 0) return false;
    if (call.type === AST_NODE_TYPES.CallExpression && findSignalSlot(sourceCode, call)) return true;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return true;
    const resolved = call.type === AST_NODE_TYPES.CallExpression ? resolveCalledFunction(sourceCode, call) : null;
    if (resolved?.fn) return parameterReaches(resolved.fn, index, kind, depth);
    const typed = services ? typedArgumentReaches(services, call, index, kind) : null;
    // A callee we cannot see: it was handed the signal (or options that may carry one) for a reason.
    return typed ?? true;
  }

  /** Whether the same-file function's parameter at `index` is a signal, or uses the signal it is given. */
  function parameterReaches(fn: TSESTree.FunctionLike, index: number, kind: SignalCarrier, depth: number): boolean {
    const raw = fn.params[index];
    if (!raw) return fn.params.some((param) => param.type === AST_NODE_TYPES.RestElement) || !fn.params.length;
    const param = raw.type === AST_NODE_TYPES.TSParameterProperty ? raw.parameter : raw;
    if (param.type === AST_NODE_TYPES.RestElement) return true;
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type === AST_NODE_TYPES.ObjectPattern) {
      return kind === 'bag' && target.properties.some((property) => property.type === AST_NODE_TYPES.RestElement || SIGNAL_PROPERTY_NAMES.has(getPropertyKey(property.key) ?? ''));
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return true;
    if (kind === 'signal' && (isSignalName(target.name) || annotationNamesAbortSignal(target.typeAnnotation?.typeAnnotation))) return true;
    if (depth >= MAX_DEPTH || !fn.body) return kind === 'signal';
    const key = `${fn.range[0]}:${index}:${kind}`;
    const cached = paramCache.get(key);
    if (cached !== undefined) return cached;
    paramCache.set(key, false);
    const variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === target.name);
    const result =
      variable?.references.some((reference) => {
        const id = reference.identifier as TSESTree.Node;
        if (kind === 'signal') return reaches(id, 'signal', depth + 1);
        const parent = id.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id) {
          return SIGNAL_PROPERTY_NAMES.has(getStaticPropertyName(parent) ?? '') && reaches(parent, 'signal', depth + 1);
        }
        if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === id && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
          return parent.id.properties.some((property) => SIGNAL_PROPERTY_NAMES.has(getPropertyKey(property.type === AST_NODE_TYPES.Property ? property.key : property) ?? ''));
        }
        return reaches(id, 'bag', depth + 1);
      }) ?? false;
    paramCache.set(key, result);
    return result;
  }

  /**
   * With types: the declaration the call resolves to. A body we can read decides (does it read the
   * parameter's `signal`?); a declaration without one decides by the parameter's type. Null: unknown.
   */
  function typedArgumentReaches(services: TypeServices, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, kind: SignalCarrier): boolean | null {
    try {
      return tsArgumentReaches(services, services.getTsNode(call), index, kind, 0);
    } catch {
      // The checker failed on a pathological type: answer as if we had no types.
      return null;
    }
  }

  function tsArgumentReaches(services: TypeServices, tsCall: ts.Node, index: number, kind: SignalCarrier, depth: number): boolean | null {
    const ts = loadTypeScript();
    if (!ts.isCallExpression(tsCall) && !ts.isNewExpression(tsCall)) return null;
    const signature = services.checker.getResolvedSignature(tsCall);
    const declaration = signature?.getDeclaration();
    if (!declaration || !ts.isFunctionLike(declaration)) return null;
    const param = declaration.parameters[index];
    if (!param) return declaration.parameters.length === 0 ? null : declaration.parameters.some((p) => p.dotDotDotToken) ? null : false;
    if (param.dotDotDotToken) return null;
    const paramType = services.checker.getTypeAtLocation(param);
    if (kind === 'signal') {
      if (ts.isIdentifier(param.name) && isSignalName(param.name.text)) return true;
      const verdict = classifyAbortSignalType(services.checker, paramType);
      return verdict === 'unknown' ? null : verdict === 'signal';
    }
    const body = 'body' in declaration ? (declaration.body as ts.Node | undefined) : undefined;
    if (body && !declaration.getSourceFile().isDeclarationFile) {
      if (ts.isObjectBindingPattern(param.name)) return param.name.elements.some((element) => SIGNAL_PROPERTY_NAMES.has(bindingKey(element)) || element.dotDotDotToken !== undefined);
      if (!ts.isIdentifier(param.name)) return null;
      return tsBodyReadsSignal(services, body, param.name.text, depth);
    }
    if (isVagueType(paramType)) return null;
    return unionConstituents(services.checker.getNonNullableType(paramType)).some((part) => [...SIGNAL_PROPERTY_NAMES].some((name) => part.getProperty(name) !== undefined));
  }

  /**
   * `ctx.signal`, `const { signal } = ctx`, or `ctx` handed on whole, inside a declaration we can read. A
   * bag handed on to another call counts when that callee reads its signal in turn (followed a few levels
   * deep; a callee we cannot see counts): `parseRequest(request)` that hands the request to
   * `getJsonBody(request)`, which only calls `request.json()`, brings no abort back.
   */
  function tsBodyReadsSignal(services: TypeServices, body: ts.Node, name: string, depth: number): boolean {
    const ts = loadTypeScript();
    let found = false;
    let budget = 5000;
    const visit = (node: ts.Node): void => {
      if (found || budget-- <= 0) return;
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name && SIGNAL_PROPERTY_NAMES.has(node.name.text)) {
        found = true;
        return;
      }
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.initializer) && node.initializer.text === name && ts.isObjectBindingPattern(node.name)) {
        if (node.name.elements.some((element) => SIGNAL_PROPERTY_NAMES.has(bindingKey(element)) || element.dotDotDotToken)) found = true;
        return;
      }
      if (ts.isIdentifier(node) && node.text === name && node.parent) {
        const parent = node.parent;
        if (ts.isSpreadAssignment(parent) || ts.isSpreadElement(parent)) {
          // Spread into new options: it may carry the signal on.
          found = true;
          return;
        }
        if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
          const index = parent.arguments.indexOf(node as ts.Expression);
          found = depth >= MAX_DEPTH ? true : (tsArgumentReaches(services, parent, index, 'bag', depth + 1) ?? true);
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  }
}

function bindingKey(element: ts.BindingElement): string {
  const ts = loadTypeScript();
  const key = element.propertyName ?? element.name;
  return ts.isIdentifier(key) ? key.text : '';
}

function isAbortSignalAny(call: TSESTree.Node, array: TSESTree.ArrayExpression): call is TSESTree.CallExpression {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array) return false;
  const callee = skipExpressionWrappers(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(callee) === 'any' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'AbortSignal'
  );
}

function getPropertyKey(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/** Whether a written type names `AbortSignal` (`AbortSignal`, `AbortSignal | undefined`). */
export function annotationNamesAbortSignal(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some((part) => annotationNamesAbortSignal(part));
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'AbortSignal';
}


