import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import { PROMISE_RETURNING_APIS, PROMISE_STATICS_RETURNING_PROMISE } from '../src/knowledge/promise-apis.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { describeCall, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { prefixWithUnary } from '../src/util/fix.js';
import { canAwaitAt, isCallbackArgument, isFunctionNode, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { getDeclaredReturnTypes } from '../src/util/get-declared-return-types.js';
import type { TypeServices } from '../src/util/get-type-services.js';
import { getPromiseDetector, typeHasThenable } from '../src/util/is-promise.js';
import { findApiReferences, type ApiTarget } from '../src/util/resolve-import.js';
import {
  isIntrinsicAnyType,
  isIntrinsicErrorType,
  isIntrinsicUnknownType,
  isThenableType,
  loadTypeScript,
  unionConstituents,
} from '../src/util/typescript.js';
import { forEachChild } from '../src/util/walk.js';

export type Options = [
  {
    allowVoid?: boolean;
    autofix?: boolean;
    allow?: NamedEntry[];
  },
];

export type MessageId =
  | 'floating'
  | 'floatingInTry'
  | 'floatingArray'
  | 'unusedVariable'
  | 'conditionPromise'
  | 'addAwait'
  | 'addVoid'
  | 'addCatch'
  | 'awaitAll'
  | 'catchAll'
  | 'awaitDeclaration';

const CATCH_HANDLER = '.catch((error) => console.error(error))';

export default createRule<Options, MessageId>({
  name: 'no-missing-await',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require promises to be awaited, returned or handled',
      recommended: 'recommended',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      floating:
        '`{{name}}` returns a promise that is never awaited: its work may not finish before the code moves on and a rejection crashes the process; await it, return it, or handle it with `.catch()`.',
      floatingInTry:
        '`{{name}}` returns a promise that is never awaited, so the surrounding `catch` cannot see its rejection, which crashes the process instead; await it so that the `catch` handles it.',
      floatingArray:
        '`{{name}}` creates promises that are never awaited: their work may not finish and any rejection crashes the process; await them with `Promise.all()` or handle their errors.',
      unusedVariable:
        '`{{variable}}` holds the promise of `{{name}}` but is never awaited, returned or handled: its work may not finish and a rejection crashes the process; await it or handle it with `.catch()`.',
      conditionPromise:
        '`{{name}}` returns a promise, which is always truthy, so this condition never sees its result; await it.',
      addAwait: 'Await `{{name}}`.',
      addVoid: 'Mark `{{name}}` as deliberately not awaited with `void`.',
      addCatch: 'Handle the rejection of `{{name}}` with `.catch()`.',
      awaitAll: 'Await all of them with `Promise.all()`.',
      catchAll: 'Handle their rejections with `Promise.all(…).catch()`.',
      awaitDeclaration: 'Await `{{name}}` where `{{variable}}` is declared.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowVoid: {
            type: 'boolean',
            description: 'Accept `void promise` as an explicit fire-and-forget.',
          },
          autofix: {
            type: 'boolean',
            description:
              'Insert `await` with --fix where the statement sits in the body of an async function; when false, it is offered as a suggestion.',
          },
          allow: namedEntryListSchema(
            'Callees whose promises may float: a name (`logEvent`, `analytics.track`) or a module export (`{ from: "pkg", name: "track" }`).',
          ),
        },
      },
    ],
    defaultOptions: [{ allowVoid: true, autofix: true, allow: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const sourceType = context.languageOptions.sourceType;
    const detector = getPromiseDetector(context);
    const services = detector.typeServices;
    const allowVoid = options.allowVoid !== false;
    const autofix = options.autofix !== false;
    const { names: allowedNames, modules: allowedModules } = partitionEntries(options.allow ?? []);
    const allowedTargets: ApiTarget[] = allowedModules.map((entry) => ({
      module: entry.from,
      path: entry.path,
      esm: entry.path[0] === 'default',
    }));
    const reported = new WeakSet<TSESTree.Node>();

    return {
      ExpressionStatement(node) {
        if (typeof node.directive === 'string') return; // oxlint's AST has `directive: null` on other statements
        checkDiscarded(node.expression, false);
      },
      ForStatement(node) {
        if (node.init && node.init.type !== AST_NODE_TYPES.VariableDeclaration) checkDiscarded(node.init, false);
        if (node.update) checkDiscarded(node.update, false);
        if (node.test) checkCondition(node.test);
      },
      IfStatement(node) {
        checkCondition(node.test);
      },
      WhileStatement(node) {
        checkCondition(node.test);
      },
      DoWhileStatement(node) {
        checkCondition(node.test);
      },
      ConditionalExpression(node) {
        checkCondition(node.test);
      },
      LogicalExpression(node) {
        // `isCached() || load()`: the left operand is tested for truthiness wherever the expression is.
        if (node.operator !== '??') checkCondition(node.left);
      },
      VariableDeclarator(node) {
        checkUnusedVariable(node);
      },
    };

    // ---- floating promises -------------------------------------------------------------------

    /** Reports the promises in an expression whose value nobody uses. */
    function checkDiscarded(expression: TSESTree.Expression, voided: boolean): void {
      const inner = skipExpressionWrappers(expression);
      switch (inner.type) {
        case AST_NODE_TYPES.SequenceExpression:
          for (const part of inner.expressions) checkDiscarded(part, voided);
          return;
        case AST_NODE_TYPES.LogicalExpression:
          // `isAllowed(user) && run();`: a promise on the left is a test that is always true.
          if (inner.operator !== '??') checkCondition(inner.left);
          checkDiscarded(inner.left, voided);
          checkDiscarded(inner.right, voided);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          checkDiscarded(inner.consequent, voided);
          checkDiscarded(inner.alternate, voided);
          return;
        case AST_NODE_TYPES.UnaryExpression:
          if (inner.operator === 'void' && !allowVoid) checkDiscarded(inner.argument, true);
          return;
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
        case AST_NODE_TYPES.ImportExpression:
        case AST_NODE_TYPES.TaggedTemplateExpression:
          if (isFloatingPromise(inner)) reportFloating(expression, inner, voided);
          else if (inner.type === AST_NODE_TYPES.CallExpression && !isArrayElementCall(inner) && isPromiseArray(inner)) {
            reportArray(expression, inner);
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          if (isPromiseArray(inner)) reportArray(expression, inner);
          return;
        default:
          // Bare identifiers and members (`promise;`) create nothing: the promise lives on elsewhere.
          return;
      }
    }

    type PromiseNode =
      | TSESTree.CallExpression
      | TSESTree.NewExpression
      | TSESTree.ImportExpression
      | TSESTree.TaggedTemplateExpression;

    /** A promise whose rejection nobody handles and which none of the precision exemptions covers. */
    function isFloatingPromise(node: PromiseNode): boolean {
      // Tagged templates are promises only by type (`sql\`…\``); syntax alone cannot tell.
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression && !services) return false;
      if (isHandledChain(node)) return false;
      if (!isPromiseValue(node)) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      return (
        !isAllowedCall(node) &&
        !isSelfHandlingTask(node) &&
        !isCallbackStyleCall(node) &&
        !returnsItsArgument(node) &&
        !isArrayElementCall(node) &&
        !isNodeTestCall(node)
      );
    }

    function reportFloating(outer: TSESTree.Expression, inner: PromiseNode, voided: boolean): void {
      if (reported.has(inner)) return;
      reported.add(inner);
      const name = describe(inner);
      const voidNode = voided ? findVoidAround(outer) : null;
      const canAwait = canAwaitAt(outer, sourceType);
      const fixWithAwait = autofix && !voided && isAutofixPlace(outer);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (canAwait && !fixWithAwait) {
        suggest.push({
          messageId: 'addAwait',
          data: { name },
          fix: (fixer) =>
            voidNode
              ? fixer.replaceText(sourceCode.getFirstToken(voidNode)!, 'await')
              : fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'await')),
        });
      }
      if (allowVoid && !voided) {
        suggest.push({ messageId: 'addVoid', data: { name }, fix: (fixer) => fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'void')) });
      }
      if (hasCatchMethod(inner)) {
        suggest.push({ messageId: 'addCatch', data: { name }, fix: (fixer) => fixer.replaceText(outer, withCatch(outer)) });
      }
      context.report({
        node: outer,
        messageId: isInsideTry(outer) ? 'floatingInTry' : 'floating',
        data: { name },
        fix: fixWithAwait ? (fixer) => fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'await')) : null,
        suggest,
      });
    }

    function reportArray(outer: TSESTree.Expression, inner: TSESTree.CallExpression | TSESTree.ArrayExpression): void {
      if (reported.has(inner)) return;
      reported.add(inner);
      const name = describe(inner);
      const text = sourceCode.getText(outer);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (canAwaitAt(outer, sourceType)) {
        suggest.push({
          messageId: 'awaitAll',
          fix: (fixer) => fixer.replaceText(outer, wrapForParent(outer, `await Promise.all(${text})`)),
        });
      }
      suggest.push({ messageId: 'catchAll', fix: (fixer) => fixer.replaceText(outer, `Promise.all(${text})${CATCH_HANDLER}`) });
      context.report({ node: outer, messageId: 'floatingArray', data: { name }, suggest });
    }

    // ---- promises in conditions ----------------------------------------------------------------

    function checkCondition(test: TSESTree.Expression): void {
      const inner = skipExpressionWrappers(test);
      if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!') return checkCondition(inner.argument);
      if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '??') {
        checkCondition(inner.left);
        checkCondition(inner.right);
        return;
      }
      if (inner.type === AST_NODE_TYPES.SequenceExpression) return checkCondition(inner.expressions.at(-1)!);
      if (inner.type !== AST_NODE_TYPES.CallExpression || reported.has(inner) || !isAlwaysPromise(inner)) return;
      reported.add(inner);
      const name = describe(inner);
      context.report({
        node: test,
        messageId: 'conditionPromise',
        data: { name },
        suggest: canAwaitAt(test, sourceType)
          ? [{ messageId: 'addAwait', data: { name }, fix: (fixer) => fixer.replaceText(test, prefixWithUnary(sourceCode, test, 'await')) }]
          : [],
      });
    }

    /** A call that always yields a promise, never anything else: only then is the test always true. */
    function isAlwaysPromise(call: TSESTree.CallExpression): boolean {
      if (detector.isSurelyNotPromise(call)) return false;
      if (services) {
        if (calleeSaysNo(call, (type) => hasThenable(services, services.getTsNode(call), type))) return false;
        const tsNode = services.getTsNode(call);
        const type = services.getType(call);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) return false;
        if (!isIntrinsicErrorType(type)) {
          return unionConstituents(type).every((part) => isThenableType(services.checker, tsNode, part));
        }
      }
      if (!detector.isPromiseSyntactically(call)) return false;
      const resolved = detector.resolveCallee(call);
      return resolved?.returnType?.type !== AST_NODE_TYPES.TSUnionType;
    }

    // ---- promises kept in a variable nobody reads --------------------------------------------------

    function checkUnusedVariable(node: TSESTree.VariableDeclarator): void {
      if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
      const declaration = node.parent;
      if (declaration.kind !== 'const' && declaration.kind !== 'let' && declaration.kind !== 'var') return;
      if (declaration.declare || declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return;
      const inner = skipExpressionWrappers(node.init);
      if (
        inner.type !== AST_NODE_TYPES.CallExpression &&
        inner.type !== AST_NODE_TYPES.NewExpression &&
        inner.type !== AST_NODE_TYPES.ImportExpression &&
        inner.type !== AST_NODE_TYPES.TaggedTemplateExpression
      ) {
        return;
      }
      const variable = sourceCode.getDeclaredVariables(node).find((candidate) => candidate.name === (node.id as TSESTree.Identifier).name);
      if (!variable || variable.references.some((reference) => reference.isRead())) return;
      // A script's top-level variable is a global that other scripts may read.
      if (variable.scope.type === 'global' && sourceType !== 'module') return;
      if (!isFloatingPromise(inner)) return;
      reported.add(inner);
      const data = { name: describe(inner), variable: node.id.name };
      const init = node.init;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (canAwaitAt(node, sourceType)) {
        suggest.push({ messageId: 'awaitDeclaration', data, fix: (fixer) => fixer.replaceText(init, prefixWithUnary(sourceCode, init, 'await')) });
      }
      if (hasCatchMethod(inner)) {
        suggest.push({ messageId: 'addCatch', data, fix: (fixer) => fixer.replaceText(init, withCatch(init)) });
      }
      context.report({ node: node.id, messageId: 'unusedVariable', data, suggest });
    }

    // ---- what is a promise, and what handles it --------------------------------------------------

    /**
     * With a program, the checker decides when it knows the type (a `.then` that returns something else
     * is not a promise); for `any` only the syntactic facts stand (a `require()`d module is `any` in a .ts
     * file; a value the user typed `any` is not guessed at); without a program, or for types the checker
     * cannot resolve, the shared syntactic knowledge decides.
     */
    function isPromiseValue(node: TSESTree.Expression): boolean {
      if (services) {
        // Ask the checker only what syntax cannot settle (issue 12 §3).
        if (detector.isSurelyNotPromise(node)) return false;
        if (detector.isKnownPromise(node)) return true;
        if (calleeSaysNo(node, (type) => hasThenable(services, services.getTsNode(node), type))) return false;
        const type = services.getType(node);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) return detector.isKnownPromise(node);
        if (!isIntrinsicErrorType(type)) return hasThenable(services, services.getTsNode(node), type);
      }
      return detector.isPromiseSyntactically(node);
    }

    /**
     * Whether the callee's declared return types already say no (none passes `test`), so the call's
     * own, costlier type is not needed (issue 12 §3). False when they cannot tell.
     */
    function calleeSaysNo(node: TSESTree.Node, test: (type: ts.Type) => boolean): boolean {
      if (!services || node.type !== AST_NODE_TYPES.CallExpression) return false;
      const returns = getDeclaredReturnTypes(services, node);
      return returns !== null && !returns.some(test);
    }

    /** An array (or tuple) of promises: `items.map(async …)`, `[save(a), save(b)]`. */
    function isPromiseArray(node: TSESTree.CallExpression | TSESTree.ArrayExpression): boolean {
      if (detector.isSurelyNotPromise(node) || isHandledChain(node)) return false;
      if (services) {
        if (calleeSaysNo(node, (type) => unionConstituents(type).some((part) => services.checker.isArrayType(part) || services.checker.isTupleType(part)))) {
          return false;
        }
        const type = services.getType(node);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) return false;
        if (!isIntrinsicErrorType(type)) {
          const checker = services.checker;
          const tsNode = services.getTsNode(node);
          return unionConstituents(type).some(
            (part) =>
              (checker.isArrayType(part) || checker.isTupleType(part)) &&
              checker.getTypeArguments(part as ts.TypeReference).some((element) => hasThenable(services, tsNode, element)),
          );
        }
      }
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        return node.elements.some(
          (element) =>
            element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isFloatingCandidate(element),
        );
      }
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticPropertyName(callee);
      if (method !== 'map' && method !== 'flatMap') return false;
      const mapper = node.arguments[0];
      if (!mapper || !isFunctionNode(mapper)) return false;
      if (mapper.async) return !mapper.generator;
      return mapper.body.type !== AST_NODE_TYPES.BlockStatement && detector.isPromiseSyntactically(mapper.body);
    }

    function isFloatingCandidate(node: TSESTree.Expression): boolean {
      const inner = skipExpressionWrappers(node);
      return (
        (inner.type === AST_NODE_TYPES.CallExpression ||
          inner.type === AST_NODE_TYPES.NewExpression ||
          inner.type === AST_NODE_TYPES.ImportExpression) &&
        isFloatingPromise(inner)
      );
    }

    /**
     * `.catch(handler)`, `.then(onFulfilled, onRejected)`, and `.finally(fn)` on a handled chain.
     * `.then(onFulfilled)` and `.finally(fn)` alone leave the rejection unhandled.
     */
    function isHandledChain(node: TSESTree.Expression): boolean {
      const inner = skipExpressionWrappers(node);
      if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(inner.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      switch (getStaticPropertyName(callee)) {
        case 'catch':
          return isHandler(inner.arguments[0]);
        case 'then':
          return isHandler(inner.arguments[1]);
        case 'finally':
          return isHandledChain(callee.object);
        default:
          return false;
      }
    }

    function isHandler(argument: TSESTree.CallExpressionArgument | undefined): boolean {
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return argument !== undefined;
      if (argument.type === AST_NODE_TYPES.Literal && argument.value === null) return false;
      return !(argument.type === AST_NODE_TYPES.Identifier && argument.name === 'undefined');
    }

    /** `allow` entries match the call, or the call a `.then`/`.finally` chain starts from. */
    function isAllowedCall(call: TSESTree.CallExpression): boolean {
      if (allowedNames.size === 0 && allowedTargets.length === 0) return false;
      const root = chainRoot(call);
      return [call, root].some((candidate) => {
        if (candidate.type !== AST_NODE_TYPES.CallExpression) return false;
        if (allowedTargets.length > 0 && findApiReferences(sourceCode, allowedTargets).has(candidate)) return true;
        const path = calleePath(candidate.callee);
        if (!path) return false;
        for (const entry of allowedNames) {
          const segments = entry.split('.');
          if (segments.length <= path.length && segments.every((segment, index) => path[path.length - segments.length + index] === segment)) {
            return true;
          }
        }
        return false;
      });
    }

    // ---- precision exemptions: shapes that are not bugs ---------------------------------------

    /**
     * A deliberately detached task: an async function (or async IIFE) whose whole body is one non-empty
     * `try` whose `catch` (and `finally`) neither rethrows nor awaits nor calls something that can reject.
     */
    function isSelfHandlingTask(call: TSESTree.CallExpression): boolean {
      const resolved = detector.resolveCallee(call);
      if (resolved?.fn) return isSelfHandlingFunction(resolved.fn);
      if (resolved || !services) return false;
      const signature = services.checker.getResolvedSignature(services.getTsNode(call) as ts.CallExpression);
      const declaration = signature?.declaration;
      return declaration !== undefined && isSelfHandlingTsFunction(services, declaration);
    }

    function isSelfHandlingFunction(fn: FunctionNode): boolean {
      if (!fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement || fn.body.body.length !== 1) return false;
      const only = fn.body.body[0]!;
      if (only.type !== AST_NODE_TYPES.TryStatement || !only.handler || only.block.body.length === 0) return false;
      return isQuietBlock(only.handler.body) && (!only.finalizer || isQuietBlock(only.finalizer));
    }

    /** No `throw`, no `await`, no call or return of something that can reject (nested functions aside). */
    function isQuietBlock(block: TSESTree.BlockStatement): boolean {
      let quiet = true;
      const visit = (node: TSESTree.Node): void => {
        if (!quiet) return;
        switch (node.type) {
          case AST_NODE_TYPES.ThrowStatement:
          case AST_NODE_TYPES.AwaitExpression:
            quiet = false;
            return;
          case AST_NODE_TYPES.ForOfStatement:
            if (node.await) quiet = false;
            break;
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression:
            if (isPromiseValue(node)) quiet = false;
            break;
          case AST_NODE_TYPES.ReturnStatement:
            if (node.argument && isPromiseValue(node.argument)) quiet = false;
            break;
          default:
            if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
        }
        forEachChild(node, visit);
      };
      visit(block);
      return quiet;
    }

    /**
     * A callback-style call of a dual callback/promise API (`client.get(key, (err, value) => …)`): the
     * caller listens on the callback, not the promise. Not for promise methods, `Promise` statics, array
     * methods, same-file async functions or known promise-only APIs, and not when the trailing function is
     * itself async (then it is a task, not a callback).
     */
    function isCallbackStyleCall(call: TSESTree.CallExpression): boolean {
      const last = call.arguments.at(-1);
      if (!last || !isTrailingCallback(last)) return false;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticPropertyName(callee);
        if (method === 'then' || method === 'catch' || method === 'finally') return false;
        if (method !== null && ARRAY_METHODS.has(method)) return false;
        const object = skipExpressionWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && method !== null && PROMISE_STATICS_RETURNING_PROMISE.has(method)) {
          return false;
        }
      }
      const resolved = detector.resolveCallee(call);
      if (resolved?.fn?.async) return false;
      return !findApiReferences(sourceCode, PROMISE_RETURNING_APIS).has(call);
    }

    function isTrailingCallback(argument: TSESTree.CallExpressionArgument): boolean {
      if (isFunctionNode(argument)) return !argument.async && !argument.generator;
      if (!services || (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.MemberExpression)) return false;
      // With types: a function value whose signatures return no promise (`fn.call(this, opts, done)`).
      const tsNode = services.getTsNode(argument);
      const signatures = services.getType(argument).getCallSignatures();
      return (
        signatures.length > 0 &&
        signatures.every((signature) => !hasThenable(services, tsNode, signature.getReturnType()))
      );
    }

    /** `Object.assign(promise, extras);`: the result is the object the code already holds. */
    function returnsItsArgument(call: TSESTree.CallExpression): boolean {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = skipExpressionWrappers(callee.object);
      const method = getStaticPropertyName(callee);
      if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Object') return false;
      if (method !== 'assign' && method !== 'defineProperty' && method !== 'defineProperties' && method !== 'freeze') return false;
      const first = call.arguments[0];
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return false;
      const target = skipExpressionWrappers(first);
      return target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression || target.type === AST_NODE_TYPES.ThisExpression;
    }

    /**
     * `pending.shift();`, `stack.pop();` on an array: the call hands back an element that already exists
     * (and is awaited or handled wherever it was created), it creates no promise.
     */
    function isArrayElementCall(call: TSESTree.CallExpression): boolean {
      if (!services) return false;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticPropertyName(callee);
      if (method === null || !ARRAY_ELEMENT_METHODS.has(method)) return false;
      const type = services.getType(callee.object);
      return unionConstituents(services.checker.getNonNullableType(type)).some(
        (part) => services.checker.isArrayType(part) || services.checker.isTupleType(part),
      );
    }

    /** `test(…)`, `describe(…)` from `node:test`: the runner awaits them and they never reject. */
    function isNodeTestCall(call: TSESTree.CallExpression): boolean {
      const path = calleePath(call.callee);
      const rootName = path?.[0];
      if (!rootName || rootName === 'this') return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(call), rootName);
      const def = variable?.defs[0];
      if (!def) return false;
      if (def.type === 'ImportBinding') {
        const declaration = def.parent;
        return declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.source.value === 'node:test';
      }
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
      const init = def.node.init;
      return (
        init.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        init.arguments[0].value === 'node:test'
      );
    }

    // ---- fixes -------------------------------------------------------------------------------------

    /**
     * `--fix` adds `await` only where the author almost surely meant it: a statement in the body of an
     * async function that is not a callback, outside loops (where awaiting would serialise the work).
     */
    function isAutofixPlace(outer: TSESTree.Expression): boolean {
      let parent: TSESTree.Node | undefined = outer.parent;
      while (
        parent?.type === AST_NODE_TYPES.LogicalExpression ||
        parent?.type === AST_NODE_TYPES.ConditionalExpression ||
        parent?.type === AST_NODE_TYPES.SequenceExpression
      ) {
        parent = parent.parent;
      }
      if (parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      for (let current: TSESTree.Node | undefined = parent.parent; current; current = current.parent) {
        if (isFunctionNode(current)) return current.async && !isCallbackArgument(current);
        if (
          current.type === AST_NODE_TYPES.ForStatement ||
          current.type === AST_NODE_TYPES.ForInStatement ||
          current.type === AST_NODE_TYPES.ForOfStatement ||
          current.type === AST_NODE_TYPES.WhileStatement ||
          current.type === AST_NODE_TYPES.DoWhileStatement ||
          current.type === AST_NODE_TYPES.StaticBlock
        ) {
          return false;
        }
      }
      return false;
    }

    /** Whether a floating promise sits in the `try` block of a `try … catch` in its own function. */
    function isInsideTry(node: TSESTree.Node): boolean {
      let current = node;
      for (let parent = node.parent; parent && !isFunctionNode(parent); current = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current && parent.handler) return true;
      }
      return false;
    }

    function findVoidAround(node: TSESTree.Node): TSESTree.UnaryExpression | null {
      for (let parent = node.parent; parent; parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return parent;
      }
      return null;
    }

    /** Without types any promise has `.catch`; with types, only thenables that declare one. */
    function hasCatchMethod(node: TSESTree.Expression): boolean {
      if (!services) return true;
      const type = services.getType(node);
      if (isIntrinsicErrorType(type)) return true;
      const tsNode = services.getTsNode(node);
      return unionConstituents(type)
        .filter((part) => isThenableType(services.checker, tsNode, part))
        .every((part) => part.getProperty('catch') !== undefined);
    }

    function withCatch(node: TSESTree.Expression): string {
      const text = sourceCode.getText(node);
      const inner = skipExpressionWrappers(node);
      const direct =
        node === inner || node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression;
      const needsParentheses =
        !direct ||
        (inner.type === AST_NODE_TYPES.NewExpression && !sourceCode.getText(inner).trimEnd().endsWith(')'));
      return `${needsParentheses ? `(${text})` : text}${CATCH_HANDLER}`;
    }

    /** Parenthesises `await …` where its place binds more tightly than a unary operator. */
    function wrapForParent(node: TSESTree.Node, text: string): string {
      const parent = node.parent;
      const tight =
        parent !== undefined &&
        ((parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) ||
          ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee === node));
      return tight && !ASTUtils.isParenthesized(node, sourceCode) ? `(${text})` : text;
    }

    // ---- names -------------------------------------------------------------------------------------

    function describe(node: TSESTree.Node): string {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          return describeCall(sourceCode, node);
        case AST_NODE_TYPES.ImportExpression:
          return 'import()';
        case AST_NODE_TYPES.TaggedTemplateExpression: {
          const tag = sourceCode.getText(node.tag);
          return tag.length <= 40 && !tag.includes('\n') ? `${tag}\`…\`` : 'this tagged template';
        }
        case AST_NODE_TYPES.ArrayExpression: {
          const first = node.elements.find(
            (element): element is TSESTree.Expression =>
              element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isFloatingCandidate(element),
          );
          return first ? `[${describe(skipExpressionWrappers(first))}, …]` : 'this array';
        }
        default:
          return 'this expression';
      }
    }
  },
});

const ARRAY_METHODS = new Set([
  'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'from', 'map', 'reduce',
  'reduceRight', 'some', 'sort', 'toSorted',
]);

/** Array methods that return elements the array already holds. */
const ARRAY_ELEMENT_METHODS = new Set(['at', 'find', 'findLast', 'pop', 'shift']);

function hasThenable(services: TypeServices, tsNode: ts.Node, type: ts.Type): boolean {
  return typeHasThenable(services.checker, tsNode, type);
}

/** The call a `.then()`/`.catch()`/`.finally()` chain starts from: `save()` in `save().then(f)`. */
function chainRoot(call: TSESTree.CallExpression): TSESTree.Expression {
  let current: TSESTree.Expression = call;
  for (;;) {
    const inner = skipExpressionWrappers(current);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return inner;
    const callee = skipExpressionWrappers(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return inner;
    const method = getStaticPropertyName(callee);
    if (method !== 'then' && method !== 'catch' && method !== 'finally') return inner;
    current = callee.object;
  }
}

/** `a.b.c` → ['a', 'b', 'c'], `this.log` → ['this', 'log']; null for computed or call-valued callees. */
function calleePath(node: TSESTree.Node): string[] | null {
  const inner = skipExpressionWrappers(node as TSESTree.Expression);
  if (inner.type === AST_NODE_TYPES.Identifier) return [inner.name];
  if (inner.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getStaticPropertyName(inner);
  const objectPath = name === null ? null : calleePath(inner.object);
  return objectPath && name !== null ? [...objectPath, name] : null;
}

/** The typed twin of the detached-task check, on the declaration the checker resolved (any file). */
function isSelfHandlingTsFunction(services: TypeServices, declaration: ts.Declaration): boolean {
  const ts = loadTypeScript();
  if (!ts.isFunctionDeclaration(declaration) && !ts.isMethodDeclaration(declaration) && !ts.isFunctionExpression(declaration) && !ts.isArrowFunction(declaration)) {
    return false;
  }
  const isAsync = ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async;
  if (!isAsync || declaration.asteriskToken || !declaration.body || !ts.isBlock(declaration.body)) return false;
  const statements = declaration.body.statements;
  const only = statements.length === 1 ? statements[0] : undefined;
  if (!only || !ts.isTryStatement(only) || !only.catchClause || only.tryBlock.statements.length === 0) return false;
  return isQuietTsBlock(services, only.catchClause.block) && (!only.finallyBlock || isQuietTsBlock(services, only.finallyBlock));
}

function isQuietTsBlock(services: TypeServices, block: ts.Block): boolean {
  const ts = loadTypeScript();
  const checker = services.checker;
  const canReject = (node: ts.Node): boolean => hasThenable(services, node, checker.getTypeAtLocation(node));
  const loud = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isThrowStatement(node) || ts.isAwaitExpression(node)) return true;
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && canReject(node)) return true;
    if (ts.isReturnStatement(node) && node.expression && canReject(node.expression)) return true;
    return ts.forEachChild(node, (child) => (loud(child) ? true : undefined)) === true;
  };
  return !loud(block);
}
