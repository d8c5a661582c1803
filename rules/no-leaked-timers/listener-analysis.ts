import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { classifyAbortSignalType } from '../../src/util/abort-signal-type.js';
import { getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { getEnclosingFunction, isFunctionNode, isInside } from '../../src/util/get-enclosing-function.js';
import { getTypeServices } from '../../src/util/get-type-services.js';
import { walkDescendants } from '../../src/util/walk.js';
import { isLoopStatement } from '../../src/util/data-loop.js';
import { containsAwait, getStaticString, isReadIdentifier, keyName, loopHead } from './syntax.js';
import type { LoopNode, TimerFile } from './types.js';

/** Listeners: which options remove them, which receivers are signals the function did not create, whether a loop adds them again and again. */
export function createListenerAnalysis(file: TimerFile) {
  const { context, sourceCode, membersByName, removalCalls } = file;
  return { isLeakyListenerOptions, isSignal, isCreatedLocally, isPerRequestSignal, isRemovedSomewhere, findRepeatingLoop, isLoopInvariant, isFollowedByExit };

  /** `{ once: true }`, `{ signal }` or options we cannot read remove the listener on their own, as far as we know. */
  function isLeakyListenerOptions(node: TSESTree.Node): boolean {
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'boolean';
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
    return node.properties.every((property) => {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
      const key = keyName(property.key);
      if (key === 'signal') return false;
      if (key === 'once') return property.value.type === AST_NODE_TYPES.Literal && property.value.value === false;
      return true;
    });
  }

  function isSignal(receiver: TSESTree.Node): boolean {
    const name = getSimpleName(receiver);
    if (name !== null && /signal$/iu.test(name)) return true;
    const services = getTypeServices(context);
    if (!services) return false;
    try {
      return classifyAbortSignalType(services.checker, services.getType(receiver)) === 'signal';
    } catch {
      return false;
    }
  }

  /**
   * A signal made by this function or one around it (`new AbortController()`, `AbortSignal.timeout()`,
   * `controller.signal`): it lives as long as the operation that made it, and its listeners with it.
   */
  function isCreatedLocally(receiver: TSESTree.Node, call: TSESTree.CallExpression, depth = 0): boolean {
    let root: TSESTree.Node = receiver;
    // The properties read on the way down: `response.abortController.signal` reads `abortController` first.
    let firstProperty: string | null = null;
    while (root.type === AST_NODE_TYPES.MemberExpression) {
      firstProperty = getStaticPropertyName(root);
      root = skipExpressionWrappers(root.object);
    }
    if (root.type === AST_NODE_TYPES.ThisExpression && depth === 0) return isFreshOnThis(receiver, call);
    if (root.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || def.type !== 'Variable') return false;
    const owner = getEnclosingFunction(def.node);
    if (!owner || !isInside(call, owner)) return false;
    const init = def.node.init ? skipExpressionWrappers(def.node.init) : null;
    if (!init) return false;
    if (init.type === AST_NODE_TYPES.NewExpression) return true;
    // `const response = { state, abortController }`: an object built here around a controller made here.
    if (init.type === AST_NODE_TYPES.ObjectExpression) {
      const property = firstProperty === null ? undefined : init.properties.find(
        (candidate): candidate is TSESTree.Property =>
          candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate.key) === firstProperty,
      );
      return property !== undefined && isCreatedLocally(property.value, call, depth + 1);
    }
    if (init.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(init.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(callee.object) === 'AbortSignal';
    }
    return isCreatedLocally(init, call, depth + 1);
  }

  /**
   * `this.controller.signal` right after `this.controller = new AbortController()` in the same function:
   * each call makes a controller of its own and adds one listener to it, and the listener goes with the
   * controller when the next call replaces it. The assignment must come first in a block around the call,
   * and the call may sit only in arrow functions that run on the spot (a `new Promise` executor, an arrow
   * called where it is written), so that `this` and the field read are the ones just written.
   */
  function isFreshOnThis(receiver: TSESTree.Node, call: TSESTree.CallExpression): boolean {
    if (receiver.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(receiver) !== 'signal') return false;
    const holder = skipExpressionWrappers(receiver.object);
    if (holder.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(holder.object).type !== AST_NODE_TYPES.ThisExpression) return false;
    const field = getStaticPropertyName(holder);
    if (field === null) return false;
    let child: TSESTree.Node = call;
    for (let current: TSESTree.Node | undefined = call.parent; current; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
        const index = current.body.indexOf(child as TSESTree.Statement);
        if (current.body.slice(0, Math.max(index, 0)).some((statement) => assignsNewController(statement, field))) return true;
      }
      if (!isFunctionNode(current)) continue;
      if (current.type !== AST_NODE_TYPES.ArrowFunctionExpression || !runsOnTheSpot(current)) return false;
    }
    return false;
  }

  /** `this.<field> = new AbortController();` as a statement. */
  function assignsNewController(statement: TSESTree.Node, field: string): boolean {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipExpressionWrappers(statement.expression);
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return false;
    const { left } = expression;
    const right = skipExpressionWrappers(expression.right);
    return (
      left.type === AST_NODE_TYPES.MemberExpression &&
      skipExpressionWrappers(left.object).type === AST_NODE_TYPES.ThisExpression &&
      getStaticPropertyName(left) === field &&
      right.type === AST_NODE_TYPES.NewExpression &&
      right.callee.type === AST_NODE_TYPES.Identifier &&
      right.callee.name === 'AbortController'
    );
  }

  /** A `new Promise(…)` executor, or an arrow called where it is written (`(() => { … })()`). */
  function runsOnTheSpot(fn: TSESTree.ArrowFunctionExpression): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && skipExpressionWrappers(parent.callee) === fn) return true;
    return (
      parent.type === AST_NODE_TYPES.NewExpression &&
      parent.arguments[0] === fn &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise'
    );
  }

  /**
   * `request.signal`, `req.raw.signal`, `ctx.request.signal`, or the signal of a parameter typed `Request`:
   * a signal made for one request and dropped with it, listeners and all.
   */
  function isPerRequestSignal(receiver: TSESTree.Node): boolean {
    if (receiver.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(receiver) !== 'signal') return false;
    let owner = skipExpressionWrappers(receiver.object);
    // `req.raw` (Fastify, Hono's `c.req.raw`) is the request underneath the framework's wrapper.
    if (owner.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(owner) === 'raw') owner = skipExpressionWrappers(owner.object);
    const name = getSimpleName(owner);
    if (name !== null && REQUEST_NAMES.has(name)) return true;
    if (owner.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(owner), owner);
      const def = variable?.defs[0];
      const annotation = def?.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && REQUEST_TYPES.has(annotation.typeName.name)) {
        return true;
      }
    }
    const services = getTypeServices(context);
    if (!services) return false;
    try {
      const type = services.getType(owner);
      const parts = type.isUnion() ? type.types : [type];
      return parts.some((part) => REQUEST_TYPES.has((part.getSymbol() ?? part.aliasSymbol)?.getName() ?? ''));
    } catch {
      return false;
    }
  }

  function isRemovedSomewhere(receiver: TSESTree.Node, event: string, listener: TSESTree.Node | null): boolean {
    const receiverText = sourceCode.getText(receiver);
    const listenerText =
      listener && (listener.type === AST_NODE_TYPES.Identifier || listener.type === AST_NODE_TYPES.MemberExpression)
        ? sourceCode.getText(listener)
        : null;
    if (listener && listenerText === null) return false;
    return removalCalls.some((removal) => {
      const callee = skipExpressionWrappers(removal.callee) as TSESTree.MemberExpression;
      const [removedEvent, removedListener] = removal.arguments;
      const eventMatches =
        removedEvent === undefined || (getStaticString(removedEvent) ?? sourceCode.getText(removedEvent)) === event;
      if (!eventMatches) return false;
      if (listenerText !== null) return removedListener !== undefined && sourceCode.getText(removedListener) === listenerText;
      return sourceCode.getText(skipExpressionWrappers(callee.object)) === receiverText;
    });
  }

  /** A loop that repeats over time (it awaits, or iterates an async source), around `call` in the same function. */
  function findRepeatingLoop(call: TSESTree.CallExpression): LoopNode | null {
    for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
      if (isFunctionNode(current)) return null;
      if (!isLoopStatement(current)) continue;
      if (isInside(call, loopHead(current))) continue;
      const test = current.type === AST_NODE_TYPES.ForInStatement || current.type === AST_NODE_TYPES.ForOfStatement ? null : current.test;
      if ((current.type === AST_NODE_TYPES.ForOfStatement && current.await) || containsAwait(current.body) || (test && containsAwait(test))) {
        return current;
      }
    }
    return null;
  }

  /** Whether `node` means the same thing on every pass: it reads no variable declared or written in the loop. */
  function isLoopInvariant(node: TSESTree.Node, loop: LoopNode): boolean {
    let invariant = true;
    walkDescendants(node, (inner) => {
      if (!invariant) return false;
      if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression || isFunctionNode(inner)) {
        invariant = false;
        return false;
      }
      if (inner.type === AST_NODE_TYPES.Identifier && isReadIdentifier(inner)) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
        if (!variable) return true;
        if (variable.defs.some((def) => isInside(def.name, loop))) invariant = false;
        else if (variable.references.some((reference) => reference.isWrite() && isInside(reference.identifier, loop))) invariant = false;
      }
      if (inner.type === AST_NODE_TYPES.MemberExpression && isMemberWrittenIn(inner, loop)) invariant = false;
      return true;
    });
    return invariant;
  }

  function isMemberWrittenIn(member: TSESTree.MemberExpression, loop: LoopNode): boolean {
    const name = getStaticPropertyName(member);
    const text = sourceCode.getText(member);
    const candidates = name === null ? [] : (membersByName.get(name) ?? []);
    return candidates.some((other) => {
      if (!isInside(other, loop)) return false;
      const parent = other.parent;
      return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === other && sourceCode.getText(other) === text;
    });
  }

  /** `emitter.on(…); break;` in the same block: the listener is added once, on the way out. */
  function isFollowedByExit(call: TSESTree.CallExpression, loop: LoopNode): boolean {
    let statement: TSESTree.Node = call;
    while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent !== loop) statement = statement.parent;
    const block = statement.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
    const index = block.body.indexOf(statement as TSESTree.Statement);
    return block.body
      .slice(index + 1)
      .some(
        (next) =>
          next.type === AST_NODE_TYPES.ReturnStatement ||
          next.type === AST_NODE_TYPES.BreakStatement ||
          next.type === AST_NODE_TYPES.ThrowStatement,
      );
  }
}

/** Names a request object goes by in handlers (`request.signal`, `req.signal`). */
const REQUEST_NAMES: ReadonlySet<string> = new Set(['request', 'req']);
/** Types of a request whose signal lives as long as the request (the fetch `Request`, Next's `NextRequest`). */
const REQUEST_TYPES: ReadonlySet<string> = new Set(['Request', 'NextRequest']);
