import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import { PROMISE_RETURNING_APIS, PROMISE_STATICS_RETURNING_PROMISE } from '../src/knowledge/promise-apis.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { describeCall, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { cannotReject, type CannotRejectOracle } from '../src/util/cannot-reject.js';
import { createRule } from '../src/util/create-rule.js';
import { prefixWithUnary } from '../src/util/fix.js';
import { canAwaitAt, isCallbackArgument, isFunctionNode, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { getDeclaredReturnTypes } from '../src/util/get-declared-return-types.js';
import { getTypeServices, type TypeServices } from '../src/util/get-type-services.js';
import {
  functionHandlesOwnErrors,
  isUnderJudgement,
  isAllOfSafeTasks,
  textMayHandleOwnErrors,
  tsFunctionHandlesOwnErrors,
} from '../src/util/handles-own-errors.js';
import { fileSpellsPromise, getPendingWork, getPromiseDetector, isAlwaysPendingWork, isPendingWorkArray } from '../src/util/is-promise.js';
import { isNoThenableByKind, isSurelyNotThenableName } from '../src/util/is-surely-not-promise.js';
import { chainRoot, isHandledChain, resolveCalleeAcrossModules, siblingHandlesOwnErrors, tsOwnErrorsOracle } from '../src/util/safe-await.js';
import { findApiReferences, type ApiTarget } from '../src/util/resolve-import.js';
import { isGlobalReference } from '../src/util/resolve-function.js';
import {
  isIntrinsicAnyType,
  isIntrinsicErrorType,
  isIntrinsicUnknownType,
  isStrictCompilerOptionEnabled,
  isThenableType,
  isVagueType,
  loadTypeScript,
  unionConstituents,
} from '../src/util/typescript.js';

import { returnsHeldPromise, tsReturnsHeldPromise } from './no-missing-await/held-promise.js';
import { isNonRejectingApiCall } from './no-missing-await/non-rejecting-api.js';
import { endsBeforeSettling } from './no-missing-await/process-end.js';
import { isTestFrameworkCall, isTypeTestFile } from './no-missing-await/test-framework.js';
import { doesWorkBeforeReturn, tsDoesWorkBeforeReturn } from './no-missing-await/work-done-on-return.js';

export type Options = [
  {
    allowVoid?: boolean;
    autofix?: boolean;
    allow?: NamedEntry[];
  },
];

export type MessageId =
  | 'floating'
  | 'floatingThenable'
  | 'floatingValue'
  | 'floatingInTry'
  | 'floatingArray'
  | 'awaitedArray'
  | 'unusedVariable'
  | 'conditionPromise'
  | 'conditionValue'
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
      floatingThenable:
        '`{{name}}` returns a thenable that nothing awaits: a lazy one, such as a query builder, never runs its query, and an eager one\'s failure goes unnoticed; await it or return it.',
      floatingValue:
        '`{{name}}` is a promise that is never awaited: its work may not finish before the code moves on and a rejection crashes the process; await it, return it, or handle it with `.catch()`.',
      floatingInTry:
        '`{{name}}` returns a promise that is never awaited, so the surrounding `catch` cannot see its rejection, which crashes the process instead; await it so that the `catch` handles it.',
      floatingArray:
        '`{{name}}` creates promises that are never awaited: their work may not finish and any rejection crashes the process; await them with `Promise.all()` or handle their errors.',
      awaitedArray:
        '`{{name}}` is an array of promises, and `await` on an array waits for none of them: their work may not finish and any rejection crashes the process; await `Promise.all()` of it.',
      unusedVariable:
        '`{{variable}}` holds the promise of `{{name}}` but is never awaited, returned or handled: its work may not finish and a rejection crashes the process; await it or handle it with `.catch()`.',
      conditionPromise:
        '`{{name}}` returns a promise, which is always truthy, so this condition never sees its result; await it.',
      conditionValue:
        '`{{name}}` is a promise, which is always truthy, so this condition never sees its result; await it.',
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
              'Insert `await` with --fix where the statement sits in the body of an async function; by default (false) it is offered as a suggestion, because awaiting changes when the program proceeds.',
          },
          allow: namedEntryListSchema(
            'Callees whose promises may float: a name (`logEvent`, `analytics.track`) or a module export (`{ from: "pkg", name: "track" }`).',
          ),
        },
      },
    ],
    defaultOptions: [{ allowVoid: true, autofix: false, allow: [] }],
  },
  create(context, [options]) {
    // A type test is only type-checked, never run: nothing in it floats.
    if (isTypeTestFile(context.filename)) return {};
    const sourceCode = context.sourceCode;
    // Without types every report starts from a promise by syntax: a file that spells none has none (issue 12 §4).
    // Asked before the detector is made: most files fail it.
    if (!getTypeServices(context) && !fileSpellsPromise(sourceCode)) return {};
    const sourceType = context.languageOptions.sourceType;
    const detector = getPromiseDetector(context);
    const services = detector.typeServices;
    const allowVoid = options.allowVoid !== false;
    const autofix = options.autofix === true;
    // Without strictNullChecks every `| undefined` is erased: a promise-typed name in a test is a presence check.
    const strictNullChecks = services ? isStrictCompilerOptionEnabled(services.program.getCompilerOptions(), 'strictNullChecks') : true;
    const { names: allowedNames, modules: allowedModules } = partitionEntries(options.allow ?? []);
    const allowedTargets: ApiTarget[] = allowedModules.map((entry) => ({
      module: entry.from,
      path: entry.path,
      esm: entry.path[0] === 'default',
    }));
    const reported = new WeakSet<TSESTree.Node>();
    // Self-handling callees are followed through safe awaits in their handlers, two calls deep at most.
    let ownErrorsDepth = 0;

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
      AwaitExpression(node) {
        checkAwaitedArray(node);
      },
      // `() => void save()`: the arrow returns nothing, so with `allowVoid: false` the promise floats.
      // Not visited at all when `void` is allowed: each call of a listener costs (issue 12 §4).
      ...(allowVoid
        ? {}
        : {
            ArrowFunctionExpression(node: TSESTree.ArrowFunctionExpression) {
              if (node.body.type === AST_NODE_TYPES.UnaryExpression && node.body.operator === 'void') checkDiscarded(node.body, false);
            },
          }),
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
          else if (inner.type === AST_NODE_TYPES.CallExpression && !isArrayElementCall(inner) && !isArrayMethodCall(inner, ARRAY_MUTATORS) && isPromiseArray(inner)) {
            reportArray(expression, inner);
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          if (isPromiseArray(inner)) reportArray(expression, inner);
          return;
        case AST_NODE_TYPES.Identifier:
        case AST_NODE_TYPES.MemberExpression:
          checkBareValue(expression, inner);
          return;
        default:
          return;
      }
    }

    /**
     * `promise;`, `this.pending;`, `x as Promise<T>;`: a statement that names a promise and does nothing
     * with it, usually a forgotten `await`. The type of the whole expression decides (an assertion says
     * what the author believes it is).
     */
    function checkBareValue(outer: TSESTree.Expression, inner: TSESTree.Identifier | TSESTree.MemberExpression): void {
      if (reported.has(inner)) return;
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return;
      if (isValueArray(outer)) {
        reportArray(outer, inner);
        return;
      }
      if (!isPromiseValue(outer) && !isAssertedPromise(outer)) return;
      reported.add(inner);
      const name = describe(inner);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const voidNode = findVoidAround(outer);
      if (canAwaitAt(outer, sourceType)) {
        suggest.push(awaitSuggestion(outer, voidNode, name));
      }
      if (allowVoid && !voidNode) {
        suggest.push({ messageId: 'addVoid', data: { name }, fix: (fixer) => fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'void')) });
      }
      if (hasCatchMethod(outer) && !mayBeNullish(outer)) {
        suggest.push({ messageId: 'addCatch', data: { name }, fix: (fixer) => fixer.replaceText(outer, withCatch(outer)) });
      }
      context.report({ node: outer, messageId: isInsideTry(outer) ? 'floatingInTry' : 'floatingValue', data: { name }, suggest });
    }

    /** `x as Promise<T>` / `<Promise<T>>x`: without types, the written assertion says it is a promise. */
    function isAssertedPromise(node: TSESTree.Expression): boolean {
      if (services) return false;
      let current: TSESTree.Expression = node;
      while (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSTypeAssertion || current.type === AST_NODE_TYPES.TSNonNullExpression) {
        if (current.type !== AST_NODE_TYPES.TSNonNullExpression && isPromiseTypeNode(current.typeAnnotation)) return true;
        current = current.expression;
      }
      return false;
    }

    /** `await promises` where `promises` is an array of promises: it waits for none of them. */
    function checkAwaitedArray(node: TSESTree.AwaitExpression): void {
      const argument = node.argument;
      const inner = skipExpressionWrappers(argument);
      let isArray: boolean;
      if (inner.type === AST_NODE_TYPES.ArrayExpression || inner.type === AST_NODE_TYPES.CallExpression) {
        // A promise by syntax (a same-file async function, a known API) is no array: no checker needed.
        // Otherwise the array question first: the callee's declared types usually settle it (issue 12 §3).
        // Without types the array's syntax (`.map(async …)`, `[save(a), …]`) is the cheapest question (issue 12 §4).
        isArray = services
          ? !isPromiseBySyntacticFacts(inner) && isPromiseArray(inner) && !isPromiseValue(inner)
          : isPromiseArray(inner) && !isPromiseBySyntacticFacts(inner) && !isPromiseValue(inner);
      } else if (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression) {
        isArray = isValueArray(argument);
      } else {
        return;
      }
      if (!isArray || reported.has(inner)) return;
      reported.add(inner);
      const text = sourceCode.getText(argument);
      context.report({
        node,
        messageId: 'awaitedArray',
        data: { name: describe(inner) },
        suggest: [
          {
            messageId: 'awaitAll',
            fix: (fixer) => fixer.replaceText(argument, `Promise.all(${text})`),
          },
        ],
      });
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
      // A handled chain is settled by syntax: no need to ask the checker about it (issue 12 §3).
      if (isHandledChain(node) || isFinallyOnHandledConst(node)) return false;
      if (!isPromiseValue(node)) return false;
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        (isAllowedCall(node) ||
          isCallbackStyleCall(node) ||
          returnsItsArgument(node) ||
          isArrayElementCall(node) ||
          isTestFrameworkCall(sourceCode, node) ||
          returnsPromiseItHolds(node))
      ) {
        return false;
      }
      // A promise that cannot reject loses nothing by floating, unless the process ends (or a serverless
      // runtime freezes it) right after, before it settles: then its work is lost.
      if (cannotRejectHere(node) || handlesOwnErrorsCall(node)) return losesWorkAtEnd(node);
      // An async callee that did all its work before returning: nothing is left to await (outside a
      // `try`, whose `catch` would have seen a throw of the same body without `async`).
      return node.type !== AST_NODE_TYPES.CallExpression || isInsideTry(node) || !isWorkDoneOnReturn(node);
    }

    /** A call of an `async` function that awaits nothing, throws nothing itself and returns no promise. */
    function isWorkDoneOnReturn(call: TSESTree.CallExpression): boolean {
      const resolved = detector.resolveCallee(call);
      // A type the checker could not tell (`any`, `unknown`, unresolved) may be a promise.
      const isNoThenable = (tsNode: ts.Node, type: ts.Type): boolean => services !== null && !isVagueType(type) && !hasThenable(services, tsNode, type);
      try {
        if (resolved?.fn) {
          return doesWorkBeforeReturn(resolved.fn, services ? (value) => isNoThenable(services.getTsNode(value), services.getType(value)) : undefined);
        }
        if (resolved || !services) return false;
        const declaration = getTsDeclaration(call);
        return declaration !== null && tsDoesWorkBeforeReturn(declaration, (value) => isNoThenable(value, services.checker.getTypeAtLocation(value)));
      } catch {
        // An exception from the checker means "unknown": the report stands.
        return false;
      }
    }

    /**
     * `const run = task().catch(log); … run.finally(cleanup);`: the same chain as `task().catch(log).finally(cleanup)`,
     * which `isHandledChain` accepts, spelled through a `const`.
     */
    function isFinallyOnHandledConst(node: PromiseNode): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'finally') return false;
      const object = skipExpressionWrappers(callee.object);
      const init = object.type === AST_NODE_TYPES.Identifier ? getConstInit(object) : null;
      return init !== null && isHandledChain(init);
    }

    function losesWorkAtEnd(node: TSESTree.Node): boolean {
      let current: TSESTree.Node = node;
      while (current.parent && current.parent.type !== AST_NODE_TYPES.ExpressionStatement) {
        const parent: TSESTree.Node = current.parent;
        if (
          parent.type !== AST_NODE_TYPES.LogicalExpression &&
          parent.type !== AST_NODE_TYPES.ConditionalExpression &&
          parent.type !== AST_NODE_TYPES.SequenceExpression &&
          parent.type !== AST_NODE_TYPES.UnaryExpression &&
          parent.type !== AST_NODE_TYPES.ChainExpression &&
          parent.type !== AST_NODE_TYPES.TSAsExpression &&
          parent.type !== AST_NODE_TYPES.TSNonNullExpression
        ) {
          return false;
        }
        current = parent;
      }
      return current.parent?.type === AST_NODE_TYPES.ExpressionStatement && endsBeforeSettling(current.parent);
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
        suggest.push(awaitSuggestion(outer, voidNode, name));
      }
      if (allowVoid && !voided) {
        suggest.push({ messageId: 'addVoid', data: { name }, fix: (fixer) => fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'void')) });
      }
      if (hasCatchMethod(inner)) {
        suggest.push({ messageId: 'addCatch', data: { name }, fix: (fixer) => fixer.replaceText(outer, withCatch(outer)) });
      }
      context.report({
        node: outer,
        messageId: isInsideTry(outer) ? 'floatingInTry' : isLazyThenable(inner) ? 'floatingThenable' : 'floating',
        data: { name },
        fix: fixWithAwait ? (fixer) => fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'await')) : null,
        suggest,
      });
    }

    function reportArray(outer: TSESTree.Expression, inner: TSESTree.Expression): void {
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
      if (inner.type === AST_NODE_TYPES.Identifier) return checkValueCondition(test, inner);
      // `a.catch(log) || b.then(use, log);`: both sides are handled; the test is not what the author asks.
      if (inner.type !== AST_NODE_TYPES.CallExpression || reported.has(inner) || isHandledChain(inner) || !isAlwaysPromise(inner)) return;
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

    /**
     * `if (pending)` where `pending` is a local or parameter that always holds a promise (`const pending =
     * save()`). Members (`if (this.connecting)`) are left alone: fields declared without `| undefined`
     * are still tested for presence, and without strictNullChecks every name is.
     */
    function checkValueCondition(test: TSESTree.Expression, id: TSESTree.Identifier): void {
      if (reported.has(id) || !strictNullChecks) return;
      let always: boolean;
      if (services) {
        // A name declared `flag: boolean` or `const n = a + 1` needs no checker (issue 12 §3).
        if (isSurelyNotThenableName(sourceCode, id)) return;
        // `const result = kind === 'N' ? of(value) : 0`: one branch is no thenable, so the test is not always true (issue 12 §3).
        if (hasPlainBranchAtFirstRead(id)) return;
        // `const user = findUser()`: the callee's declared return types settle most names (issue 12 §3).
        if (constCallSaysNo(id, (type) => hasThenable(services, services.getTsNode(id), type), true)) return;
        const type = services.getType(id);
        if (isVagueType(type)) return;
        always = isAlwaysPendingWork(services, services.getTsNode(id), type);
      } else {
        // One scope look-up per name in a condition: on the real code of the benchmark, 713 such names in
        // 114 files, where collecting every `const … = call()` name of a file first read 32,808 variables
        // of their scopes (issue 12 §4).
        const init = getConstInit(id);
        always = init?.type === AST_NODE_TYPES.CallExpression && isAlwaysPromise(init);
      }
      if (!always) return;
      reported.add(id);
      const name = id.name;
      context.report({
        node: test,
        messageId: 'conditionValue',
        data: { name },
        suggest: canAwaitAt(test, sourceType)
          ? [{ messageId: 'addAwait', data: { name }, fix: (fixer) => fixer.replaceText(test, prefixWithUnary(sourceCode, test, 'await')) }]
          : [],
      });
    }

    /**
     * `const result = ready ? load() : null; if (!result) …`: a `const` (no annotation) whose initialiser is a
     * conditional with a branch that syntax proves is no thenable (a literal, a template, an operator's
     * primitive, an array or a function), tested at its first read. The type of a `?:` is the union of its
     * branches, so one member is no thenable and the test is not always true; at the first read nothing
     * has narrowed the name yet (a later read may sit under `if (result !== null)`).
     */
    function hasPlainBranchAtFirstRead(id: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const') return false;
      const declarator = def.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.typeAnnotation || declarator.init?.type !== AST_NODE_TYPES.ConditionalExpression) return false;
      if (variable.references.some((reference) => reference.identifier !== id && reference.identifier !== declarator.id && reference.identifier.range[0] < id.range[0])) return false;
      return hasPlainBranch(declarator.init);
    }

    /**
     * `const x = call()` (no annotation, no assertion): whether the callee's declared return types say no
     * (none passes `test`), so the type of `x`, which costs the checker the whole call, is not needed.
     * Also through the operators whose value is one of their operands (`const x = !ready && load()`,
     * `const x = cached ? read() : undefined`). `awaitedSaysNo`: an awaited operand passes no thenable test.
     */
    function constCallSaysNo(id: TSESTree.Identifier, test: (type: ts.Type) => boolean, awaitedSaysNo: boolean): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const') return false;
      const declarator = def.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.typeAnnotation || !declarator.init) return false;
      return valueSaysNo(declarator.init, test, awaitedSaysNo);
    }

    /**
     * Whether the value of an (unwrapped) initialiser is settled without its own type: calls by their
     * callee's declared return types, primitives by syntax, and `&&` / `||` / `??` / `?:` by their
     * operands (the value is one of them). False when it cannot tell.
     */
    function valueSaysNo(node: TSESTree.Expression, test: (type: ts.Type) => boolean, awaitedSaysNo: boolean): boolean {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          return calleeSaysNo(node, test);
        case AST_NODE_TYPES.ChainExpression:
          return node.expression.type === AST_NODE_TYPES.CallExpression && calleeSaysNo(node.expression, test);
        case AST_NODE_TYPES.LogicalExpression:
          // `a && b` is `b` or a falsy `a`, and a falsy value is a primitive: only `b` can pass (issue 12 §3).
          if (node.operator === '&&') return valueSaysNo(node.right, test, awaitedSaysNo);
          return valueSaysNo(node.left, test, awaitedSaysNo) && valueSaysNo(node.right, test, awaitedSaysNo);
        case AST_NODE_TYPES.ConditionalExpression:
          return valueSaysNo(node.consequent, test, awaitedSaysNo) && valueSaysNo(node.alternate, test, awaitedSaysNo);
        case AST_NODE_TYPES.Literal:
        case AST_NODE_TYPES.TemplateLiteral:
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.BinaryExpression:
          return true;
        case AST_NODE_TYPES.AwaitExpression:
          return awaitedSaysNo;
        case AST_NODE_TYPES.Identifier:
          return node.name === 'undefined' && isGlobalReference(sourceCode, node);
        default:
          return false;
      }
    }

    /** The initializer of a `const` (never reassigned) the identifier names. */
    function getConstInit(id: TSESTree.Identifier): TSESTree.Expression | null {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
      return def.node.init ? skipExpressionWrappers(def.node.init) : null;
    }

    /** A call that always yields a promise, never anything else: only then is the test always true. */
    function isAlwaysPromise(call: TSESTree.CallExpression): boolean {
      if (services) {
        if (detector.isSurelyNotPromise(call)) return false;
        if (calleeSaysNo(call, (type) => hasThenable(services, services.getTsNode(call), type))) return false;
        const tsNode = services.getTsNode(call);
        const type = getValueType(services, call);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) return false;
        if (!isIntrinsicErrorType(type)) return isAlwaysPendingWork(services, tsNode, type);
      }
      // Without types, the syntactic answer first: it is no for most calls, and needs no look at the callee's body.
      if (!detector.isPromiseSyntactically(call) || (!services && detector.isSurelyNotPromise(call))) return false;
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
        if (calleeSaysPromise(node)) return true;
        const type = getValueType(services, node);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) {
          // The syntactic guess before the receivers' types: it is no for most calls.
          return detector.isKnownPromise(node) || (detector.isPromiseSyntactically(node) && hasUnresolvedReceiver(node));
        }
        if (!isIntrinsicErrorType(type)) return getPendingWork(services, services.getTsNode(node), type) !== null;
      }
      return detector.isPromiseSyntactically(node);
    }

    /**
     * `api.window.showMessage(…).then(…)` where the checker could not resolve a receiver on the way (its
     * module or a generated file is missing): the chain is `any` because nothing is known, not because the
     * user typed it so, and typed linting must not know less than untyped. A call of an unresolved function
     * is already `any` (not an error type), so the receivers are what tell.
     */
    function hasUnresolvedReceiver(node: TSESTree.Expression): boolean {
      if (!services) return false;
      let current = skipExpressionWrappers(node);
      for (let depth = 0; depth < MAX_RECEIVER_DEPTH; depth++) {
        if (current.type === AST_NODE_TYPES.CallExpression) current = skipExpressionWrappers(current.callee);
        if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
        current = skipExpressionWrappers(current.object);
        if (isIntrinsicErrorType(services.getType(current))) return true;
      }
      return false;
    }

    /** What `isPromiseValue` answers from syntax alone, before it asks the checker. */
    function isPromiseBySyntacticFacts(node: TSESTree.Expression): boolean {
      return !detector.isSurelyNotPromise(node) && detector.isKnownPromise(node);
    }

    /**
     * Whether the callee's declared return types already say no (none passes `test`), so the call's
     * own, costlier type is not needed (issue 12 §3). False when they cannot tell.
     */
    function calleeSaysNo(node: TSESTree.Node, test: (type: ts.Type) => boolean): boolean {
      if (!services || node.type !== AST_NODE_TYPES.CallExpression) return false;
      const returns = getDeclaredReturnTypes(services, node, detector.resolveCallee(node));
      return returns !== null && !returns.some(test);
    }

    /**
     * Whether every declared return type of the callee is a standard promise (or a union with one), so
     * the call's own type is one too and need not be checked (issue 12 §3).
     */
    function calleeSaysPromise(node: TSESTree.Node): boolean {
      if (!services || node.type !== AST_NODE_TYPES.CallExpression) return false;
      const returns = getDeclaredReturnTypes(services, node, detector.resolveCallee(node));
      const tsNode = services.getTsNode(node);
      return returns !== null && returns.length > 0 && returns.every((type) => getPendingWork(services, tsNode, type) === 'promise');
    }

    /** "Await it": turns the `void` in front of the promise into `await`, or puts `await` before it. */
    function awaitSuggestion(
      outer: TSESTree.Expression,
      voidNode: TSESTree.UnaryExpression | null,
      name: string,
    ): TSESLint.SuggestionReportDescriptor<MessageId> {
      return {
        messageId: 'addAwait',
        data: { name },
        fix: (fixer) =>
          voidNode
            ? fixer.replaceText(sourceCode.getFirstToken(voidNode)!, 'await')
            : fixer.replaceText(outer, prefixWithUnary(sourceCode, outer, 'await')),
      };
    }

    /** A thenable that is not a standard promise, whose `then` starts work: a query builder and the like. */
    function isLazyThenable(node: TSESTree.Expression): boolean {
      if (!services) return false;
      const type = services.getType(node);
      return getPendingWork(services, services.getTsNode(node), type) === 'lazy';
    }

    /** An identifier or member (or an assertion of one) that holds an array of promises. */
    function isValueArray(node: TSESTree.Expression): boolean {
      if (services) {
        if (node.type === AST_NODE_TYPES.Identifier && constCallSaysNo(node, (type) => isArrayOrTuple(services, type), false)) return false;
        const type = services.getType(node);
        if (isVagueType(type)) return false;
        return isPendingWorkArray(services, services.getTsNode(node), type);
      }
      const inner = skipExpressionWrappers(node);
      const init = inner.type === AST_NODE_TYPES.Identifier ? getConstInit(inner) : null;
      return (init?.type === AST_NODE_TYPES.CallExpression || init?.type === AST_NODE_TYPES.ArrayExpression) && isPromiseArray(init);
    }

    /** Without types any value may be nullish; with types, a union with `null`/`undefined`/`void`. */
    function mayBeNullish(node: TSESTree.Expression): boolean {
      if (!services) return false;
      const ts = loadTypeScript();
      const nullish = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
      return unionConstituents(services.getType(node)).some((part) => (part.flags & nullish) !== 0);
    }

    /** An array (or tuple) of promises: `items.map(async …)`, `[save(a), save(b)]`. */
    function isPromiseArray(node: TSESTree.CallExpression | TSESTree.ArrayExpression): boolean {
      if (isHandledChain(node)) return false;
      if (services) {
        if (detector.isSurelyNotPromise(node)) return false;
        if (calleeSaysNo(node, (type) => isArrayOrTuple(services, type))) {
          return false;
        }
        const type = getValueType(services, node);
        if (isIntrinsicAnyType(type) || isIntrinsicUnknownType(type)) return false;
        if (!isIntrinsicErrorType(type)) return isPendingWorkArray(services, services.getTsNode(node), type);
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
      const mapsToPromises = mapper.async
        ? !mapper.generator
        : mapper.body.type !== AST_NODE_TYPES.BlockStatement && detector.isPromiseSyntactically(mapper.body);
      // Without types the syntax above is the costlier question's filter: most calls are no `.map()` (issue 12 §4).
      return mapsToPromises && !detector.isSurelyNotPromise(node);
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

    /** Whether an expression inside a handler or a task body may be a promise that rejects. */
    function mayReject(node: TSESTree.Expression): boolean {
      if (!isPromiseValue(node) || isHandledChain(node) || cannotRejectHere(node)) return false;
      // `release();` in a handler, where release() hands out a held promise or handles its own errors.
      const inner = skipExpressionWrappers(node);
      return inner.type !== AST_NODE_TYPES.CallExpression || (!returnsPromiseItHolds(inner) && !handlesOwnErrorsCall(inner));
    }

    function resolveSameFile(call: TSESTree.CallExpression): FunctionNode | null {
      return detector.resolveCallee(call)?.fn ?? null;
    }

    function resolveVariable(id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
      return ASTUtils.findVariable(sourceCode.getScope(id), id) ?? null;
    }

    function isGlobalPromise(id: TSESTree.Identifier): boolean {
      return id.name === 'Promise' && isGlobalReference(sourceCode, id);
    }

    function cannotRejectHere(node: TSESTree.Expression): boolean {
      const oracle: CannotRejectOracle = {
        isGlobalPromise,
        resolveCall: resolveSameFile,
        resolveTsCall: (call) => (detector.resolveCallee(call) ? null : getTsDeclaration(call)),
        resolveConst: getConstInit,
      };
      // Library and platform APIs whose documentation says their promise does not reject.
      const inner = skipExpressionWrappers(node);
      if (inner.type === AST_NODE_TYPES.CallExpression && isNonRejectingApiCall(inner, services)) return true;
      return cannotReject(node, oracle);
    }

    /**
     * A call of a function that handles its own errors (see `src/util/handles-own-errors.ts`), or a
     * `.then()` / `.finally()` chain on one: same-file functions and methods on `this` by scope, with
     * types the declaration of an imported function whose source is in the program, and without types
     * an imported function or the method of the class a private field holds (`src/util/safe-await.ts`).
     */
    function handlesOwnErrorsCall(node: PromiseNode): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const root = chainRoot(node);
      if (root.type !== AST_NODE_TYPES.CallExpression) return false;
      const resolved = detector.resolveCallee(root);
      // Deeper than two calls, only a recursive call of a function being judged is answered (see isUnderJudgement).
      if (ownErrorsDepth >= 2) return resolved?.fn ? isUnderJudgement(resolved.fn) : false;
      ownErrorsDepth += 1;
      try {
        if (resolved?.fn) return functionHandlesOwnErrors(resolved.fn, { mayReject, resolveCall: resolveSameFile, isSafeAwait, resolveVariable });
        if (resolved) return false;
        const declaration = getTsDeclaration(root);
        if (declaration !== null && services !== null) return tsFunctionHandlesOwnErrors(declaration, tsOwnErrorsOracle(services));
        const found = resolveCalleeAcrossModules(context, root, textMayHandleOwnErrors);
        if (!found) return false;
        return found.module
          ? siblingHandlesOwnErrors({ fn: found.fn, module: found.module }, ownErrorsDepth)
          : functionHandlesOwnErrors(found.fn, { mayReject, resolveCall: resolveSameFile, isSafeAwait, resolveVariable });
      } finally {
        ownErrorsDepth -= 1;
      }
    }

    /**
     * `await safeWait(stream)` in a handler: the awaited call cannot reject or handles its own errors, or
     * it is a `new Promise` that only resolves, or `Promise.all` over tasks that each handle their own.
     */
    function isSafeAwait(value: TSESTree.Expression): boolean {
      const inner = skipExpressionWrappers(value);
      if (inner.type === AST_NODE_TYPES.NewExpression) return cannotRejectHere(inner);
      if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
      return (
        cannotRejectHere(inner) ||
        handlesOwnErrorsCall(inner) ||
        isAllOfSafeTasks(inner, isGlobalPromise, { mayReject, resolveCall: resolveSameFile, isSafeAwait, resolveVariable })
      );
    }

    /** `connection.ready()` whose every path returns the same stored field: the promise is already held. */
    function returnsPromiseItHolds(call: TSESTree.CallExpression): boolean {
      const resolved = detector.resolveCallee(call);
      if (resolved?.fn) return returnsHeldPromise(resolved.fn);
      if (resolved) return false;
      const declaration = getTsDeclaration(call);
      return declaration !== null && tsReturnsHeldPromise(declaration);
    }

    /** The declaration the checker resolves a call to, when it has a body in the program; null on any failure. */
    function getTsDeclaration(call: TSESTree.CallExpression): ts.Node | null {
      if (!services) return null;
      const ts = loadTypeScript();
      try {
        const tsCall = services.getTsNode(call);
        if (!tsCall || !ts.isCallExpression(tsCall)) return null;
        const declaration = services.checker.getResolvedSignature(tsCall)?.declaration;
        if (!declaration || declaration.getSourceFile().isDeclarationFile) return null;
        return declaration;
      } catch {
        return null;
      }
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
      if (
        !services ||
        (argument.type !== AST_NODE_TYPES.Identifier &&
          argument.type !== AST_NODE_TYPES.MemberExpression &&
          argument.type !== AST_NODE_TYPES.CallExpression)
      ) {
        return false;
      }
      // With types: a function value whose signatures return no promise (`fn.call(this, opts, done)`,
      // `client.cluster('SLOTS', timeout(callback, ms))`).
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
      return isArrayMethodCall(call, ARRAY_ELEMENT_METHODS);
    }

    /** A call of one of `methods` on a value typed as an array or tuple. */
    function isArrayMethodCall(call: TSESTree.CallExpression, methods: ReadonlySet<string>): boolean {
      if (!services) return false;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticPropertyName(callee);
      if (method === null || !methods.has(method)) return false;
      const type = services.getType(callee.object);
      return unionConstituents(services.checker.getNonNullableType(type)).some(
        (part) => services.checker.isArrayType(part) || services.checker.isTupleType(part),
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
        case AST_NODE_TYPES.Identifier:
        case AST_NODE_TYPES.MemberExpression: {
          const text = sourceCode.getText(node);
          return text.length <= 40 && !text.includes('\n') ? text : 'this value';
        }
        default:
          return 'this expression';
      }
    }
  },
});

/** How far up a `.then()` chain the receivers are looked at for one the checker could not resolve. */
const MAX_RECEIVER_DEPTH = 8;

const ARRAY_METHODS = new Set([
  'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'forEach', 'from', 'map', 'reduce',
  'reduceRight', 'some', 'sort', 'toSorted',
]);

/** Array methods that return elements the array already holds. */
const ARRAY_ELEMENT_METHODS = new Set(['at', 'find', 'findLast', 'pop', 'shift']);

/**
 * Mutators called for their effect, whose result (the array itself, or the removed elements) is
 * discarded: `pending.splice(0, n);`, `queue.sort(byPriority);`. The promises were made elsewhere.
 */
const ARRAY_MUTATORS = new Set(['copyWithin', 'fill', 'reverse', 'sort', 'splice']);

function isArrayOrTuple(services: TypeServices, type: ts.Type): boolean {
  return unionConstituents(type).some((part) => services.checker.isArrayType(part) || services.checker.isTupleType(part));
}

/**
 * The type of a value, except that a call whose callee is `any` (an import the program cannot resolve, an
 * untyped value) answers with the callee's type: the checker types such a call as untyped, `any` whatever
 * its arguments (the error type for a callee it could not resolve, also `any` to the flags), so the call's
 * own type, which costs checking every argument, callbacks included, is not needed (issue 12 §3). Not for
 * `require(…)`, which a JavaScript file types by the module it names.
 */
function getValueType(services: TypeServices, node: TSESTree.Expression): ts.Type {
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type !== AST_NODE_TYPES.Super && !(node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require')) {
    const callee = services.getType(node.callee);
    if (isIntrinsicAnyType(callee)) return callee;
  }
  return services.getType(node);
}

function hasThenable(services: TypeServices, tsNode: ts.Node, type: ts.Type): boolean {
  return getPendingWork(services, tsNode, type) !== null;
}

/**
 * Whether a branch of a (nested) `?:` is a value syntax proves is no thenable: a literal, a template, a
 * unary, binary or update operator's result, an array literal, a function, an object literal without a
 * `then`, an awaited value, or the right side of `&&`. Assertions are not looked through (`(x as Promise<void>)` claims what the author believes).
 */
function hasPlainBranch(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return hasPlainBranch(node.consequent) || hasPlainBranch(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      // `a && b` is `b` or a falsy `a` (a primitive): a plain `b` makes a plain member either way.
      return node.operator === '&&' && hasPlainBranch(node.right);
    case AST_NODE_TYPES.AwaitExpression: // an awaited value is no thenable (see isSurelyNotThenableName)
      return true;
    default:
      return isNoThenableByKind(node);
  }
}

/** `Promise<T>` or `PromiseLike<T>` written as a type. */
function isPromiseTypeNode(type: TSESTree.TypeNode): boolean {
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    (type.typeName.name === 'Promise' || type.typeName.name === 'PromiseLike')
  );
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
