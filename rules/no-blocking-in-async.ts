import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type * as ts from 'typescript';

import {
  BLOCKING_CALLS,
  CLOCK_READS,
  type BlockingCallInfo,
  type BlockingCallTarget,
} from '../src/knowledge/blocking-calls.js';
import { LISTENER_ADD_METHODS, LISTENER_ONCE_METHODS } from '../src/knowledge/timers.js';
import { planImport, type ImportPlan } from '../src/util/add-import.js';
import { namedEntryListSchema, stripNodePrefix, type NamedEntry } from '../src/util/allow-entry.js';
import { describeCall, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { prefixWithUnary } from '../src/util/fix.js';
import { isCallbackArgument, isFunctionNode, isInside, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { isLazyInitialisation } from '../src/util/is-lazy-initialisation.js';
import { getPrivateFunctionVariable } from '../src/util/resolve-function.js';
import { isInLoop } from '../src/util/data-loop.js';
import { findApiReferences, isBuiltinName, mentionsApi, type ApiReference } from '../src/util/resolve-import.js';
import { isIntrinsicAnyType, isIntrinsicNeverType, isIntrinsicUnknownType, isTypeParameter, unionConstituents } from '../src/util/typescript.js';
import { walkDescendants } from '../src/util/walk.js';
import { isWordCharacter } from '../src/util/text-words.js';
import { isExemptCheapCall } from './no-blocking-in-async/cheap-calls.js';
import { describeLocation, findBlockingInHelper, type FoundCall } from './no-blocking-in-async/follow-helpers.js';
import { isDevelopmentOnly, isOneOffFile } from './no-blocking-in-async/one-off-files.js';
import { isRouteHandler } from './no-blocking-in-async/route-handlers.js';
import { createRunsOnce, isBeforeListen } from './no-blocking-in-async/runs-once.js';

export type Options = [
  {
    allow?: NamedEntry[];
    checkExistsSync?: boolean;
    checkFileReadsAndWrites?: boolean;
    checkMetadataCalls?: boolean;
    checkOneOffFiles?: boolean;
    followSyncHelpers?: boolean;
  },
];

export type MessageId =
  | 'blockingCall'
  | 'blockingCallInCallback'
  | 'blockingCallInHandler'
  | 'blockingCallInHelper'
  | 'blockingCallThroughHelper'
  | 'busyWait'
  | 'useAccessCheck'
  | 'useAsyncTwin'
  | 'usePromisify'
  | 'usePromisifyStdout'
  | 'useTimersSleep'
  | 'useWaitAsync';

export default createRule<Options, MessageId>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous, event-loop-blocking calls and busy-waits inside async functions',
      recommended: 'recommended',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall:
        '`{{call}}` blocks the event loop inside an async function, so every other request, timer and callback waits until it returns; use {{alternative}} instead.',
      blockingCallInCallback:
        '`{{call}}` blocks the event loop in a synchronous callback inside an async function, so everything else waits until it returns; move it out of the callback and use {{alternative}} there (`await` cannot go inside a sync callback, so this is not fixed automatically).',
      blockingCallInHandler:
        '`{{call}}` blocks the event loop in a route handler, which runs on every request, so every other request waits until it returns; make the handler async and use {{alternative}}.',
      blockingCallInHelper:
        '`{{call}}` blocks the event loop in `{{helper}}()`, which only runs from `{{caller}}` (an async function or route handler), so everything else waits until it returns; make `{{helper}}()` async and use {{alternative}}.',
      blockingCallThroughHelper:
        '`{{helper}}()` runs `{{call}}` ({{location}}), which blocks the event loop on every call from this {{where}}, so everything else waits until it returns; make that code async and use {{alternative}}.',
      busyWait:
        'This loop spins until a deadline inside an async function, so the event loop is blocked for the whole wait; use `await setTimeout(ms)` from `node:timers/promises` instead.',
      useAccessCheck: 'Replace with `await access()` from `node:fs/promises`, resolving to `true` or `false`.',
      useAsyncTwin: 'Replace with `await {{replacement}}()`.',
      usePromisify: 'Replace with `await promisify({{twin}})()`.',
      usePromisifyStdout:
        "Replace with `(await promisify({{twin}})()).stdout`, which is a string unless `encoding: 'buffer'` is passed.",
      useTimersSleep: 'Replace the loop with `await sleep()` (`setTimeout` from `node:timers/promises`).',
      useWaitAsync: 'Replace with `await Atomics.waitAsync().value`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: namedEntryListSchema(
            'Blocking calls to permit: an API name (`readFileSync`, `Deno.readFileSync`, `fs.readFileSync`) or `{ from, name }` (`{ "from": "node:fs", "name": "readFileSync" }`).',
          ),
          checkExistsSync: {
            type: 'boolean',
            description: 'Report `existsSync()` and `pathExistsSync()` everywhere, not only inside loops.',
          },
          checkFileReadsAndWrites: {
            type: 'boolean',
            description:
              'Report reads and writes of one file (`readFileSync`, `writeFileSync`, `readdirSync`, …) everywhere, not only inside loops. Turn it off in single-user programs (CLIs, editor extensions, desktop apps).',
          },
          checkMetadataCalls: {
            type: 'boolean',
            description:
              'Report the other cheap metadata calls (`statSync`, `mkdirSync`, `unlinkSync`, … on one path) everywhere, not only inside loops.',
          },
          checkOneOffFiles: {
            type: 'boolean',
            description: 'Also report in tests, migrations, seeds and scripts, which run once with nothing else in flight.',
          },
          followSyncHelpers: {
            type: 'boolean',
            description:
              'Also report blocking calls in a plain, non-exported function of the same file whose every call site is inside an async function.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], checkExistsSync: false, checkFileReadsAndWrites: true, checkMetadataCalls: false, checkOneOffFiles: false, followSyncHelpers: true }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const sourceType = context.languageOptions.sourceType;
    const allow = options.allow ?? [];
    const cheapOptions = {
      checkExistsSync: options.checkExistsSync ?? false,
      checkMetadataCalls: options.checkMetadataCalls ?? false,
      checkFileReadsAndWrites: options.checkFileReadsAndWrites ?? true,
    };
    const followSyncHelpers = options.followSyncHelpers ?? true;
    const services = getTypeServices(context);
    // What the loop test asks to tell a loop over data from one over a constant-size collection.
    const boundContext = { sourceCode, services };
    // A call runs per element of data when a loop over data repeats it back to back; a poll loop that
    // waits on a timer each time round frees the event loop between any two runs.
    const blocksPerElement = (call: TSESTree.Node, fn: TSESTree.Node): boolean =>
      isInLoop(call, fn, boundContext, { skipTimerPacedLoops: true });
    // Without types the rule reports only catalogued blocking calls and busy-wait loops on a clock: a file
    // that spells no blocking API and no clock has nothing to report (issue 12 §4).
    // Without types a catalogued call is found through the module or global the file names (`'fs'`,
    // `Atomics`), the same test `findApiReferences` makes, read from the texts every rule shares. With
    // types a call is also resolved by its declaration (`this.fs.readFileSync()`), and every such use
    // spells its last member name somewhere in the file (a destructured or renamed import still names it
    // once), so files that never mention one are skipped cheaply.
    const mayBlock = services ? spellsBlockingName(sourceCode.text) : mentionsApi(sourceCode, BLOCKING_CALLS);
    // A busy-wait is a loop on a catalogued clock read, in both modes. Whether the file names a clock is
    // asked only once a loop compares something: most files have no such loop, and the question costs a
    // scan of the text per clock name (issue 12 §4).
    let clockNamed: boolean | undefined;
    const mayBusyWait = (): boolean => (clockNamed ??= mentionsApi(sourceCode, CLOCK_READS));
    // Tests, migrations and scripts are left alone unless `checkOneOffFiles`: judged only once the file has a
    // candidate, since most files have none and reading the path and top-level statements is not free (issue 12 §4).
    let oneOff: boolean | undefined;
    const skipsFile = (): boolean => (oneOff ??= !(options.checkOneOffFiles ?? false) && isOneOffFile(sourceCode, context.physicalFilename, context.cwd));
    let moduleSources: string[] | undefined;
    const helperCache = new Map<FunctionNode, HelperUse | null>();
    // Set up when a candidate first asks: most files that pass the bail-out have none.
    let runsOnceInFile: ((fn: FunctionNode) => boolean) | undefined;
    const runsOnce = (fn: FunctionNode): boolean => (runsOnceInFile ??= createRunsOnce(sourceCode))(fn);
    let helperOptionsKey: string | undefined;
    const getOptionsKey = (): string => (helperOptionsKey ??= JSON.stringify([allow, cheapOptions]));

    let blocking: ReadonlyMap<TSESTree.Node, ApiReference<BlockingCallInfo>> | undefined;
    let clocks: ReadonlyMap<TSESTree.Node, ApiReference> | undefined;
    const getBlocking = () => (blocking ??= mayBlock ? findApiReferences(sourceCode, BLOCKING_CALLS) : new Map());
    const getClocks = () => (clocks ??= findApiReferences(sourceCode, CLOCK_READS));

    const listeners: TSESLint.RuleListener = {
      CallExpression(node) {
        const reference = getBlocking().get(node);
        if (reference) {
          if (!skipsFile()) checkCall(node, reference.target as BlockingCallTarget, false);
          return;
        }
        if (!services || skipsFile()) return;
        const typed = mayBlock ? resolveByType(node) : null;
        if (typed) checkCall(node, typed, true);
        else if (followSyncHelpers) checkHelperCall(node);
      },
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
    };
    // Listeners that could report nothing in this file are not registered: each call of one costs (issue 12 §4).
    if (!services && !mayBlock) delete listeners.CallExpression;
    return listeners;

    /**
     * With types, a member call that no import resolves (`this.fs.readFileSync(p)` where `fs` is typed
     * `typeof import('fs')`) is still Node's when the checker says the method is declared in
     * `@types/node`. Reported without a rewrite: the receiver may not have `promises`.
     */
    function resolveByType(call: TSESTree.CallExpression): BlockingCallTarget | null {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
        return null;
      }
      const candidates = NODE_TARGETS_BY_NAME.get(callee.property.name);
      if (!candidates || !services) return null;
      const symbol = services.checker.getSymbolAtLocation(services.getTsNode(callee.property));
      const file = symbol?.declarations?.[0]?.getSourceFile().fileName ?? '';
      const module = /[\\/]@types[\\/]node[\\/](?:ts[\d.]+[\\/])?([a-z_]+)\.d\.ts$/.exec(file)?.[1];
      return candidates.find((target) => target.module === module) ?? null;
    }

    function checkCall(call: TSESTree.CallExpression, target: BlockingCallTarget, byType: boolean): void {
      const info = target.info!;
      if (isAllowed(target)) return;
      const place = locate(call);
      if (!place) return;
      const cheap = isExemptCheapCall(call, info, cheapOptions);
      if (cheap && !blocksPerElement(call, place.fn) && (place.kind !== 'sync' || !getHelperUse(place.fn)?.inLoop)) return;
      if (isLazyInitialisation(sourceCode, call, getOuterScope(place.fn), info.name)) return;
      if (place.kind !== 'sync' && runsOnceHere(call, place.fn)) return;
      if (isDevelopmentOnly(call)) return;
      const callee = skipExpressionWrappers(call.callee);
      const named = callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression;
      const data = { call: named ? describeCall(sourceCode, call) : `${info.name}()`, alternative: info.alternative };
      if (place.kind === 'handler') {
        context.report({ node: call, messageId: 'blockingCallInHandler', data });
        return;
      }
      if (place.kind === 'sync') {
        const use = followSyncHelpers ? getHelperUse(place.fn) : null;
        if (!use) return;
        context.report({
          node: call,
          messageId: 'blockingCallInHelper',
          data: { call: data.call, alternative: data.alternative, helper: use.name, caller: use.caller },
        });
        return;
      }
      if (place.kind === 'callback' || !place.inBody) {
        context.report({ node: call, messageId: place.kind === 'callback' ? 'blockingCallInCallback' : 'blockingCall', data });
        return;
      }
      if (byType) {
        context.report({ node: call, messageId: 'blockingCall', data });
        return;
      }
      const remedy = info.remedy;
      if (remedy.kind === 'fs-promises' && remedy.fix && canFixFsCall(call, info)) {
        context.report({ node: call, messageId: 'blockingCall', data, fix: fixWithTwin(call, remedy.name) });
        return;
      }
      context.report({ node: call, messageId: 'blockingCall', data, suggest: suggestionsFor(call, info) });
    }

    /**
     * With types, a call from request-path code to a plain helper declared in another file of the
     * program is reported here when the helper, or a helper it calls, blocks.
     */
    function checkHelperCall(call: TSESTree.CallExpression): void {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const place = locate(call);
      if (!place || place.kind === 'sync') return;
      if (runsOnceHere(call, place.fn) || isLazyInitialisation(sourceCode, call, getOuterScope(place.fn)) || isDevelopmentOnly(call)) return;
      const tsCall = services!.getTsNode(call) as ts.CallExpression;
      const found = findBlockingInHelper(services!, tsCall, blocksPerElement(call, place.fn), reportsFound, getOptionsKey());
      if (!found) return;
      context.report({
        node: call,
        messageId: 'blockingCallThroughHelper',
        data: {
          helper: found.helper,
          call: found.finding.call,
          location: describeLocation(found.finding, tsCall.getSourceFile().fileName),
          where: place.kind === 'handler' ? 'route handler' : 'async function',
          alternative: found.finding.alternative,
        },
      });
    }

    function reportsFound(found: FoundCall): boolean {
      if (isAllowed(found.target)) return false;
      switch (found.target.info!.cost) {
        case 'exists':
          return found.inLoop || cheapOptions.checkExistsSync;
        case 'metadata':
          return found.inLoop || cheapOptions.checkMetadataCalls;
        case 'unless-recursive':
          return found.inLoop || cheapOptions.checkMetadataCalls || found.mayBeRecursive;
        case 'file':
          return found.inLoop || cheapOptions.checkFileReadsAndWrites;
        default:
          return true;
      }
    }

    /** Start-up code: in a function that runs once, or before the server in this function listens. */
    function runsOnceHere(node: TSESTree.Node, fn: FunctionNode): boolean {
      return runsOnce(fn) || isBeforeListen(node, fn);
    }

    function isAllowed(target: BlockingCallTarget): boolean {
      const info = target.info!;
      const qualified = target.module === undefined ? info.name : `${stripNodePrefix(target.module)}.${info.name}`;
      return allow.some((entry) => {
        if (typeof entry === 'string') return entry === info.name || entry === qualified || entry === `${info.source}.${info.name}`;
        return target.module !== undefined && stripNodePrefix(entry.from) === stripNodePrefix(target.module) && entry.name === target.path.join('.');
      });
    }

    // ---- where the call runs ------------------------------------------------------------------

    function getHelperUse(fn: FunctionNode): HelperUse | null {
      let use = helperCache.get(fn);
      if (use === undefined) {
        helperCache.set(fn, null);
        use = findHelperUse(fn);
        helperCache.set(fn, use);
      }
      return use;
    }

    /**
     * A plain function of this file, not exported, whose every use is a call made (directly or through
     * sync callbacks) from an async function: blocking inside it blocks that async function.
     */
    function findHelperUse(fn: FunctionNode): HelperUse | null {
      if (fn.async || fn.generator) return null;
      const variable = getPrivateFunctionVariable(sourceCode, fn);
      if (!variable) return null;
      let caller: string | null = null;
      let inLoop = false;
      for (const reference of variable.references) {
        if (reference.init) continue;
        // `typeof helper` in a type does not run it.
        if ((reference as { isValueReference?: boolean }).isValueReference === false) continue;
        const id = reference.identifier;
        const call = id.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== id || isInside(call, fn)) return null;
        const place = locate(call);
        if (!place) return null;
        if (place.kind === 'sync') {
          // A helper's helper: followed through every level; a cycle answers no.
          const outer = getHelperUse(place.fn);
          if (!outer) return null;
          caller ??= outer.caller;
          inLoop ||= outer.inLoop || blocksPerElement(call, place.fn);
          continue;
        }
        // Calls from start-up code and lazy initialisation block no one; they neither count nor disqualify.
        if (runsOnceHere(call, place.fn) || isLazyInitialisation(sourceCode, call, getOuterScope(place.fn))) continue;
        caller ??= getFunctionName(place.fn);
        inLoop ||= blocksPerElement(call, place.fn);
      }
      if (!caller) return null;
      return { name: variable.name, caller, inLoop };
    }

    // ---- fixes ---------------------------------------------------------------------------------

    function canFixFsCall(call: TSESTree.CallExpression, info: BlockingCallInfo): boolean {
      if (isInChain(call) || call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const first = call.arguments[0];
      if (first && isFileDescriptor(first)) return false;
      if (info.name === 'statSync' || info.name === 'lstatSync') {
        const options = call.arguments[1];
        if (options && !isPlainOptionsWithoutNoThrow(options)) return false;
      }
      return true;
    }

    /** `fs.readFileSync(a)` → `await fs.promises.readFile(a)`; `readFileSync(a)` → `await readFile(a)` plus the import. */
    function fixWithTwin(call: TSESTree.CallExpression, twin: string): TSESLint.ReportFixFunction {
      const callee = call.callee as TSESTree.Identifier | TSESTree.MemberExpression;
      let plan: ImportPlan | null = null;
      let reference: string;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        reference = `${objectText(callee)}.promises.${twin}`;
      } else {
        plan = planImport(sourceCode, { module: builtin('fs/promises'), name: twin }, sourceType);
        reference = plan.reference;
      }
      return (fixer) => [...(plan?.fix(fixer) ?? []), replaceAwaited(fixer, call, reference + argumentsText(call))];
    }

    function suggestionsFor(call: TSESTree.CallExpression, info: BlockingCallInfo): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (isInChain(call) || call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return [];
      const callee = call.callee;
      const member = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? callee : null;
      const remedy = info.remedy;
      switch (remedy.kind) {
        case 'fs-promises': {
          // Path-based twins outside the drop-in list (or a drop-in whose arguments make it unsafe) are not offered.
          if (remedy.fix) return [];
          const twin = remedy.name;
          const reference = member
            ? `${objectText(member)}.promises.${twin}`
            : null;
          const plan = member ? null : planImport(sourceCode, { module: builtin('fs/promises'), name: twin }, sourceType);
          const text = (reference ?? plan!.reference) + argumentsText(call);
          return [{ messageId: 'useAsyncTwin', data: { replacement: twin }, fix: (fixer) => [...(plan?.fix(fixer) ?? []), replaceAwaited(fixer, call, text)] }];
        }
        case 'member-twin': {
          if (!member) return [];
          const replacement = `${objectText(member)}.${remedy.name}`;
          return [{ messageId: 'useAsyncTwin', data: { replacement }, fix: (fixer) => replaceAwaited(fixer, call, replacement + argumentsText(call)) }];
        }
        case 'promisify': {
          if (callee.type !== AST_NODE_TYPES.Identifier && !member) return [];
          const twinPlan = member ? null : planImport(sourceCode, { module: builtin(remedy.module), name: remedy.name }, sourceType);
          const twin = member ? `${objectText(member)}.${remedy.name}` : twinPlan!.reference;
          const promisify = planImport(sourceCode, { module: builtin('util'), name: 'promisify' }, sourceType);
          const invoked = `${promisify.reference}(${twin})${argumentsText(call)}`;
          const imports = (fixer: TSESLint.RuleFixer) => [...(twinPlan?.fix(fixer) ?? []), ...promisify.fix(fixer)];
          // The output matters only when it is used: a bare statement just waits for the command.
          if (remedy.stdout && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) {
            return [
              {
                messageId: 'usePromisifyStdout',
                data: { twin: remedy.name },
                fix: (fixer) => [...imports(fixer), fixer.replaceText(call, guardAsi(call, `(await ${invoked}).stdout`))],
              },
            ];
          }
          return [{ messageId: 'usePromisify', data: { twin: remedy.name }, fix: (fixer) => [...imports(fixer), replaceAwaited(fixer, call, invoked)] }];
        }
        case 'exists': {
          if (call.arguments.length !== 1 || (callee.type !== AST_NODE_TYPES.Identifier && !member)) return [];
          const plan = member ? null : planImport(sourceCode, { module: builtin('fs/promises'), name: 'access' }, sourceType);
          const access = member ? `${objectText(member)}.promises.access` : plan!.reference;
          const text = `${access}${argumentsText(call)}.then(() => true, () => false)`;
          return [{ messageId: 'useAccessCheck', fix: (fixer) => [...(plan?.fix(fixer) ?? []), replaceAwaited(fixer, call, text)] }];
        }
        case 'wait-async': {
          if (!member) return [];
          const text = `${objectText(member)}.waitAsync${argumentsText(call)}.value`;
          return [{ messageId: 'useWaitAsync', fix: (fixer) => replaceAwaited(fixer, call, text) }];
        }
        case 'none':
          return [];
      }
    }

    /** Replaces `node` with `await <text>`, with the parentheses its place needs (none if already awaited). */
    function replaceAwaited(fixer: TSESLint.RuleFixer, node: TSESTree.Node, text: string): TSESLint.RuleFix {
      if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) return fixer.replaceText(node, text);
      const original = sourceCode.getText(node);
      const wrapped = prefixWithUnary(sourceCode, node, 'await').replace(original, () => text);
      return fixer.replaceText(node, guardAsi(node, wrapped));
    }

    /** A statement in a list that now starts with `(` must not continue the previous line: `;(await f()).x`. */
    function guardAsi(node: TSESTree.Node, text: string): string {
      if (!text.startsWith('(')) return text;
      const statement = getStatementStartedBy(node);
      if (!statement || !STATEMENT_LISTS.has(statement.parent.type)) return text;
      const before = sourceCode.getTokenBefore(node);
      // After `}` it may be needed (`x = {}` or a function expression) or not (a block): `;` is harmless either way.
      return before && before.value !== ';' && before.value !== '{' && before.value !== ':' ? `;${text}` : text;
    }

    function argumentsText(call: TSESTree.CallExpression): string {
      return sourceCode.text.slice(call.callee.range[1], call.range[1]);
    }

    function objectText(member: TSESTree.MemberExpression): string {
      return sourceCode.getText(member.object);
    }

    /** How this file spells Node built-ins: with `node:` unless it only ever imports them bare. */
    function builtin(name: string): string {
      let bare = false;
      for (const source of getModuleSources()) {
        if (source.startsWith('node:')) return `node:${name}`;
        if (isBuiltinName(source)) bare = true;
      }
      return bare ? name : `node:${name}`;
    }

    // Once per file (`moduleSources`): every fix asks, and a file with many reports would otherwise rescan its top level.
    function getModuleSources(): string[] {
      return (moduleSources ??= readModuleSources());
    }

    function readModuleSources(): string[] {
      const sources: string[] = [];
      for (const statement of sourceCode.ast.body) {
        if (statement.type === AST_NODE_TYPES.ImportDeclaration) sources.push(statement.source.value);
        if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const declarator of statement.declarations) {
          const init = declarator.init;
          if (
            init?.type === AST_NODE_TYPES.CallExpression &&
            init.callee.type === AST_NODE_TYPES.Identifier &&
            init.callee.name === 'require' &&
            init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
            typeof init.arguments[0].value === 'string'
          ) {
            sources.push(init.arguments[0].value);
          }
        }
      }
      return sources;
    }

    /**
     * A first argument that is (or may well be) a file descriptor: the promise twins take a path or a
     * `FileHandle`, never a number. Types decide when there are types; else numbers, fd-named values
     * and variables holding an `openSync()` result.
     */
    function isFileDescriptor(argument: TSESTree.CallExpressionArgument): boolean {
      const expression = skipExpressionWrappers(argument as TSESTree.Expression);
      if (services) {
        const type = services.getType(expression);
        if (!isIntrinsicAnyType(type) && !isIntrinsicUnknownType(type) && !isIntrinsicNeverType(type)) {
          const number = services.checker.getNumberType();
          // A number anywhere in the type (`PathOrFileDescriptor`), or a type parameter that may be one.
          return unionConstituents(type).some((part) => isTypeParameter(part) || services.checker.isTypeAssignableTo(part, number));
        }
      }
      switch (expression.type) {
        case AST_NODE_TYPES.Literal:
          return typeof expression.value === 'number' || typeof expression.value === 'bigint';
        case AST_NODE_TYPES.UnaryExpression:
          return expression.operator !== 'typeof' && expression.operator !== 'void' && expression.operator !== 'delete';
        case AST_NODE_TYPES.BinaryExpression:
          return expression.operator !== '+';
        case AST_NODE_TYPES.UpdateExpression:
          return true;
        case AST_NODE_TYPES.MemberExpression:
          return !expression.computed && expression.property.type === AST_NODE_TYPES.Identifier && FD_NAME.test(expression.property.name);
        case AST_NODE_TYPES.Identifier: {
          if (FD_NAME.test(expression.name)) return true;
          const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
          const def = variable?.defs[0];
          if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
          const init = skipExpressionWrappers(def.node.init);
          const opened = getBlocking().get(init)?.target.info?.name;
          return opened === 'openSync' || (init.type === AST_NODE_TYPES.Literal && typeof init.value === 'number');
        }
        default:
          return false;
      }
    }

    // ---- busy-waits ----------------------------------------------------------------------------

    function checkLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      if (!loop.test) return;
      const test = skipExpressionWrappers(loop.test);
      if (test.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(test.operator)) return;
      if (test.left.type === AST_NODE_TYPES.PrivateIdentifier || !mayBusyWait()) return;
      const leftClock = readsClock(test.left);
      const rightClock = readsClock(test.right);
      if (leftClock === rightClock || leftClock === 'other' || rightClock === 'other') return;
      if (leftClock === 'work' || rightClock === 'work') return;
      if (doesWork(loop.body) || (loop.type === AST_NODE_TYPES.ForStatement && loop.update && doesWork(loop.update))) return;
      if (skipsFile()) return;
      const place = locate(loop);
      if (!place || place.kind === 'sync') return;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const emptyBody = isEmptyStatement(loop.body);
      if (place.kind === 'async' && place.inBody && emptyBody && (leftClock === 'ms' || rightClock === 'ms')) {
        const [deadline, now] = leftClock === 'ms' ? [test.right, test.left] : [test.left, test.right];
        const lessThan = test.operator === '<' || test.operator === '<=';
        // `now < deadline` waits `deadline - now`; `deadline > now` reads the same way round.
        const remaining = lessThan === (leftClock === 'ms')
          ? `${operandText(deadline, false)} - ${operandText(now, true)}`
          : null;
        if (remaining && (loop.type !== AST_NODE_TYPES.ForStatement || !loop.init)) {
          const plan = planImport(sourceCode, { module: builtin('timers/promises'), name: 'setTimeout', localName: 'sleep' }, sourceType);
          suggest.push({
            messageId: 'useTimersSleep',
            fix: (fixer) => [...plan.fix(fixer), fixer.replaceText(loop, `await ${plan.reference}(${remaining});`)],
          });
        }
      }
      context.report({ node: loop, messageId: 'busyWait', suggest });
    }

    /**
     * What an operand of the loop condition reads: 'ms' (`Date.now()`, `performance.now()`), 'clock'
     * (another clock: `new Date()`, `process.hrtime()`), 'none', 'work' (a call that is not a clock read),
     * or 'other' (something a loop could legitimately wait on: `await`, `yield`, a function).
     */
    function readsClock(node: TSESTree.Node): 'ms' | 'clock' | 'none' | 'work' | 'other' {
      let result: 'ms' | 'clock' | 'none' | 'work' | 'other' = 'none';
      walkDescendants(node, (child) => {
        if (isFunctionNode(child) || child.type === AST_NODE_TYPES.AwaitExpression || child.type === AST_NODE_TYPES.YieldExpression) {
          result = 'other';
          return false;
        }
        if (child.type === AST_NODE_TYPES.NewExpression || child.type === AST_NODE_TYPES.CallExpression) {
          const clock = getClocks().get(child);
          if (clock) {
            if (child.type === AST_NODE_TYPES.NewExpression && child.arguments.length > 0) {
              if (result !== 'other') result = 'work';
              return false;
            }
            const path = clock.target.path;
            const ms = child.type === AST_NODE_TYPES.CallExpression && path.at(-1) === 'now';
            if (result === 'none' || (result === 'clock' && ms)) result = ms ? 'ms' : 'clock';
            return false;
          }
          if (child.type === AST_NODE_TYPES.CallExpression && isClockConversion(child)) {
            if (result === 'none' || result === 'clock') result = 'ms';
            return false;
          }
          if (result !== 'other') result = 'work';
          return false;
        }
        if (child.type === AST_NODE_TYPES.TaggedTemplateExpression || child.type === AST_NODE_TYPES.ImportExpression) {
          if (result !== 'other') result = 'work';
          return false;
        }
        return true;
      });
      return result;
    }

    /** `new Date().getTime()`, `Date.now().valueOf()`: still a clock read. */
    function isClockConversion(call: TSESTree.CallExpression): boolean {
      const callee = call.callee;
      return (
        call.arguments.length === 0 &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        (callee.property.name === 'getTime' || callee.property.name === 'valueOf') &&
        getClocks().has(skipExpressionWrappers(callee.object))
      );
    }

    /** Whether a loop body (or update) does anything but count: a call, `await`, a jump out, a function. */
    function doesWork(node: TSESTree.Node): boolean {
      let work = false;
      walkDescendants(node, (child) => {
        if (work) return false;
        switch (child.type) {
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression:
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.YieldExpression:
          case AST_NODE_TYPES.TaggedTemplateExpression:
          case AST_NODE_TYPES.ImportExpression:
          case AST_NODE_TYPES.ReturnStatement:
          case AST_NODE_TYPES.BreakStatement:
          case AST_NODE_TYPES.ContinueStatement:
          case AST_NODE_TYPES.ThrowStatement:
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.FunctionDeclaration:
          case AST_NODE_TYPES.ClassDeclaration:
          case AST_NODE_TYPES.ClassExpression:
            work = true;
            return false;
          default:
            return true;
        }
      });
      return work;
    }

    function operandText(node: TSESTree.Node, subtracted: boolean): string {
      const text = sourceCode.getText(node);
      const simple =
        node.type === AST_NODE_TYPES.Identifier ||
        node.type === AST_NODE_TYPES.Literal ||
        node.type === AST_NODE_TYPES.MemberExpression ||
        node.type === AST_NODE_TYPES.CallExpression ||
        (!subtracted && node.type === AST_NODE_TYPES.BinaryExpression && ADDITIVE_OR_TIGHTER.has(node.operator));
      return simple ? text : `(${text})`;
    }
  },
});

interface HelperUse {
  name: string;
  /** The name of the request-path function it runs in, through every level of helpers. */
  caller: string;
  /** Whether some call on the way runs inside a loop. */
  inLoop: boolean;
}

type Place =
  | { kind: 'async'; fn: FunctionNode; inBody: boolean }
  | { kind: 'callback'; fn: FunctionNode }
  | { kind: 'handler'; fn: FunctionNode }
  | { kind: 'sync'; fn: FunctionNode };

// Whole words: `wait` and `sync` are names in the catalogue, and most files say `await` or `async`.
const BLOCKING_NAME_LIST = [...new Set(BLOCKING_CALLS.map((target) => target.path.at(-1) ?? target.global ?? ''))].filter(Boolean);
const BLOCKING_NAME_SET = new Set(BLOCKING_NAME_LIST);
// A piece of text each name contains (most end in `Sync`): only the words around them are read.
const BLOCKING_HINTS = [...new Set(BLOCKING_NAME_LIST.map((name) => (name.includes('Sync') ? 'Sync' : name)))];

/** Whether a whole word of the text is a catalogued name: each word around a hint is looked up (cheaper than one long alternation). */
function spellsBlockingName(text: string): boolean {
  for (const hint of BLOCKING_HINTS) {
    for (let at = text.indexOf(hint); at !== -1; ) {
      let start = at;
      while (start > 0 && isWordCharacter(text.charCodeAt(start - 1))) start -= 1;
      let end = at + hint.length;
      while (end < text.length && isWordCharacter(text.charCodeAt(end))) end += 1;
      if (BLOCKING_NAME_SET.has(text.slice(start, end))) return true;
      at = text.indexOf(hint, end);
    }
  }
  return false;
}

const STATEMENT_LISTS = new Set<string>([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.TSModuleBlock,
]);
/** Node built-in targets by method name, for calls the checker resolves into `@types/node`. */
const NODE_TARGETS_BY_NAME = new Map<string, BlockingCallTarget[]>();
for (const target of BLOCKING_CALLS) {
  if (target.module === undefined || !isBuiltinName(target.module) || target.path.length !== 1) continue;
  const name = target.path[0]!;
  NODE_TARGETS_BY_NAME.set(name, [...(NODE_TARGETS_BY_NAME.get(name) ?? []), target]);
}
const COMPARISONS = new Set(['<', '<=', '>', '>=']);
const ADDITIVE_OR_TIGHTER = new Set(['+', '-', '*', '/', '%', '**']);
const FD_NAME = /^(?:fd|fileDescriptor|descriptor)$|Fd$|Descriptor$/;

/**
 * Where a node runs: directly in an async function (`inBody` false for its parameters, where `await`
 * is a syntax error), in a synchronous callback or IIFE inside one (run while the async function runs,
 * so it blocks just the same), or in a plain function (a candidate helper). Null at the top level, in
 * class field initializers and static blocks, and in generators.
 */
function locate(node: TSESTree.Node): Place | null {
  let callback: FunctionNode | null = null;
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.StaticBlock) return null;
    if (
      (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) &&
      current.value === child
    ) {
      return null;
    }
    if (!isFunctionNode(current)) continue;
    if (current.async) {
      return callback ? { kind: 'callback', fn: current } : { kind: 'async', fn: current, inBody: child === current.body };
    }
    if (current.generator) return null;
    if (isRouteHandler(current)) return { kind: 'handler', fn: current };
    if (runsInPlace(current)) {
      callback ??= current;
      continue;
    }
    return { kind: 'sync', fn: current };
  }
  return null;
}

/**
 * A callback handed to a call (`xs.map(f)`, `new Promise(f)`) or an IIFE (`(() => …)()`,
 * `(function () {}).call(this)`). Event listeners are not: they run when the event fires, not while the
 * async function runs, and some must be synchronous (`process.on('exit', …)`).
 */
function runsInPlace(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (isCallbackArgument(fn)) {
    const callee = (parent as TSESTree.CallExpression | TSESTree.NewExpression).callee;
    return !(
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      (LISTENER_ADD_METHODS.has(callee.property.name) || LISTENER_ONCE_METHODS.has(callee.property.name))
    );
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
  return (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === fn &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    (parent.property.name === 'call' || parent.property.name === 'apply') &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  );
}

/**
 * The function whose run decides whether a value outlives the call: `fn`, or, for an IIFE, the
 * function around it (`cache ??= (async () => …)()`).
 */
function getOuterScope(fn: FunctionNode): FunctionNode {
  let current = fn;
  while (current.parent.type === AST_NODE_TYPES.CallExpression && current.parent.callee === current) {
    let outer: TSESTree.Node | undefined = current.parent.parent;
    while (outer && !isFunctionNode(outer)) outer = outer.parent;
    if (!outer) break;
    current = outer;
  }
  return current;
}

function getFunctionName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed
  ) {
    if (parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
    if (parent.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${parent.key.name}`;
    if (parent.key.type === AST_NODE_TYPES.Literal) return String(parent.key.value);
  }
  return `<anonymous, line ${fn.loc.start.line}>`;
}

/** The expression statement that `node` begins (`node.x()` as a whole statement), if any. */
function getStatementStartedBy(node: TSESTree.Node): TSESTree.ExpressionStatement | null {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.range[0] === node.range[0]) {
    if (current.parent.type === AST_NODE_TYPES.ExpressionStatement) return current.parent;
    current = current.parent;
  }
  return null;
}

function isInChain(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ChainExpression) return true;
    if (current.type !== AST_NODE_TYPES.MemberExpression && current.type !== AST_NODE_TYPES.CallExpression) return false;
  }
  return false;
}

/** A `stat` options object that is written out and does not ask for `throwIfNoEntry: false`. */
function isPlainOptionsWithoutNoThrow(node: TSESTree.CallExpressionArgument): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    if (key !== 'throwIfNoEntry') return true;
    return property.value.type === AST_NODE_TYPES.Literal && property.value.value === true;
  });
}

function isEmptyStatement(node: TSESTree.Statement): boolean {
  if (node.type === AST_NODE_TYPES.EmptyStatement) return true;
  return node.type === AST_NODE_TYPES.BlockStatement && node.body.every(isEmptyStatement);
}

