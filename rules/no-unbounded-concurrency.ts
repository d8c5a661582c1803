import path from 'node:path';

import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  isIntrinsicAnyType,
  isIntrinsicErrorType,
  isIntrinsicUnknownType,
  isTupleTypeReference,
  isTypeParameter,
  unionConstituents,
} from 'ts-api-utils';
import type * as ts from 'typescript';

import { PROMISE_COMBINATORS } from '../src/knowledge/promise-apis.js';
import {
  LIMITER_NAME_PATTERN,
  LIMITERS,
  PERMIT_METHODS,
  QUEUE_METHODS,
  QUEUE_OBJECT_PATTERN,
  type LimiterEntry,
} from '../src/knowledge/limiters.js';
import { chooseFreeName, planImport } from '../src/util/add-import.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { getCalleeName, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../src/util/ast.js';
import { createRule } from '../src/util/create-rule.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../src/util/get-enclosing-function.js';
import { getTypeServices, type TypeServices } from '../src/util/get-type-services.js';
import { getPromiseDetector, typeHasThenable } from '../src/util/is-promise.js';
import { packageListsDependency, readNearestPackageJson } from '../src/util/read-package-json.js';
import { isNeverReassigned, resolveIdentifierFunction } from '../src/util/resolve-function.js';
import { findApiReferences, type ApiTarget } from '../src/util/resolve-import.js';
import { forEachChild } from '../src/util/walk.js';

export type Options = [
  {
    maxConcurrency?: number;
    limiters?: NamedEntry[];
    fixLibrary?: 'p-map' | 'p-limit' | 'none';
    fixConcurrency?: number;
  },
];

export type MessageId =
  | 'unboundedCollection'
  | 'unboundedLoop'
  | 'unboundedIterable'
  | 'tooManyAtOnce'
  | 'boundWithPMap'
  | 'boundWithPLimit'
  | 'processInChunks';

export default createRule<Options, MessageId>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Promise.all` and friends over collections whose size only run-time data bounds',
      recommended: 'strict',
      requiresTypeChecking: false,
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      unboundedCollection:
        '`{{combinator}}` starts one operation per element of `{{collection}}`, all at once: the concurrency equals its length, which only run-time data decides; bound it with a limiter (p-map, p-limit) or process it in chunks.',
      unboundedLoop:
        '`{{combinator}}` waits for `{{array}}`, which gets one started operation per iteration of the loop over `{{collection}}`: the concurrency equals its length, which only run-time data decides; run the operations through a limiter (p-limit, p-queue) or await them in chunks.',
      unboundedIterable:
        '`{{combinator}}` starts every operation `{{collection}}` yields, all at once: the concurrency equals its length, which only run-time data decides; bound it with a limiter (p-map, p-limit) or process it in chunks.',
      tooManyAtOnce:
        '`{{combinator}}` starts {{count}} operations over `{{collection}}` at once, more than maxConcurrency ({{max}}): the concurrency equals its length. Bound it with a limiter (p-map, p-limit) or process it in chunks.',
      boundWithPMap: 'Run it with `pMap` from p-map at concurrency {{concurrency}}.',
      boundWithPLimit: 'Run each operation through a `pLimit({{concurrency}})` limiter from p-limit.',
      processInChunks: 'Process `{{collection}}` in chunks of {{concurrency}}, awaiting each chunk (no dependency).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxConcurrency: {
            type: 'integer',
            minimum: 1,
            description:
              'A collection whose size is known (a literal, a tuple, a constant-width slice) is reported only when it holds more elements than this.',
          },
          limiters: namedEntryListSchema(
            'Functions that run work under a concurrency limit, besides the built-in catalogue (p-limit, p-queue, semaphores, …): a callback that calls one is bounded. A name (`runLimited`, `queue.add`) or `{ from, name }`.',
          ),
          fixLibrary: {
            type: 'string',
            enum: ['p-map', 'p-limit', 'none'],
            description:
              'The package the library suggestion uses (offered only in ES modules whose nearest package.json lists it), or `none` for the dependency-free chunked suggestion only.',
          },
          fixConcurrency: {
            type: 'integer',
            minimum: 1,
            description: 'The concurrency the suggestions write.',
          },
        },
      },
    ],
    defaultOptions: [{ maxConcurrency: 64, limiters: [], fixLibrary: 'p-map', fixConcurrency: 8 }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const maxConcurrency = options.maxConcurrency ?? 64;
    const fixLibrary = options.fixLibrary ?? 'p-map';
    const fixConcurrency = options.fixConcurrency ?? 8;
    const userLimiters = partitionEntries(options.limiters ?? []);
    const services = getTypeServices(context);
    const detector = getPromiseDetector(context);
    const sourceType = context.languageOptions.sourceType;

    const combinators = () => findApiReferences(sourceCode, COMBINATOR_TARGETS);
    let limiterIndex: LimiterIndex | null = null;
    const getLimiters = (): LimiterIndex => (limiterIndex ??= buildLimiterIndex(sourceCode, userLimiters.modules));

    const analysis: Analysis = {
      sourceCode,
      services,
      maxConcurrency,
      isLimitingCall: (call) => isLimitingCall(call, getLimiters(), userLimiters.names, sourceCode),
      isPromise: (node) => detector.isPromise(node),
    };

    return {
      CallExpression(node) {
        const reference = combinators().get(node);
        if (!reference || node.arguments.length === 0) return;
        const method = (reference.target.info as string | undefined) ?? 'all';
        const argument = node.arguments[0]!;
        if (argument.type === AST_NODE_TYPES.SpreadElement) return;
        const finding = analyzeCollection(analysis, argument);
        if (!finding) return;
        const combinator = `Promise.${method}()`;
        context.report({
          node,
          ...describeFinding(finding, combinator, maxConcurrency),
          suggest: finding.map ? buildSuggestions(node, method, finding.map) : [],
        });
      },
      ForOfStatement(node) {
        if (!node.await) return;
        const finding = analyzeCollection(analysis, node.right, true);
        if (!finding) return;
        context.report({ node: node.right, ...describeFinding(finding, 'for await', maxConcurrency) });
      },
    };

    function buildSuggestions(
      call: TSESTree.CallExpression,
      method: string,
      mapped: MappedCollection,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      if (!isSuggestible(call, mapped)) return suggestions;
      const arity = getCallbackArity(mapped.callback, services, sourceCode);
      if (fixLibrary === 'p-map') {
        const suggestion = suggestPMap(call, method, mapped, arity);
        if (suggestion) suggestions.push(suggestion);
      } else if (fixLibrary === 'p-limit') {
        const suggestion = suggestPLimit(call, mapped, arity);
        if (suggestion) suggestions.push(suggestion);
      }
      const chunked = suggestChunks(call, method, mapped, arity);
      if (chunked) suggestions.push(chunked);
      return suggestions;
    }

    /** The plain shapes the rewrites understand, with no comment that a rewrite would drop. */
    function isSuggestible(call: TSESTree.CallExpression, mapped: MappedCollection): boolean {
      if (call.arguments.length !== 1 || call.arguments[0] !== mapped.call || call.optional) return false;
      if (mapped.call.optional || mapped.call.arguments.length !== (mapped.method === 'from' ? 2 : 1)) return false;
      if (mapped.callback.type === AST_NODE_TYPES.SpreadElement) return false;
      const kept = [mapped.receiver, mapped.callback];
      return sourceCode
        .getCommentsInside(call)
        .every((comment) => kept.some((node) => comment.range[0] >= node.range[0] && comment.range[1] <= node.range[1]));
    }

    function canImport(moduleName: string): boolean {
      return isEsModule(context.filename, sourceCode, sourceType) && packageListsDependency(context.filename, moduleName);
    }

    function suggestPMap(
      call: TSESTree.CallExpression,
      method: string,
      mapped: MappedCollection,
      arity: number | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      // p-map resolves to the array of results, like `Promise.all`; the other combinators' results differ.
      if (method !== 'all' || mapped.method === 'flatMap') return null;
      // p-map calls the mapper with (element, index): a callback reading the array argument would change.
      if (arity !== null && arity > 2) return null;
      // `Array.from({ length: n }, …)` takes an array-like, which p-map cannot iterate.
      if (mapped.method === 'from' && skipExpressionWrappers(mapped.receiver).type === AST_NODE_TYPES.ObjectExpression) return null;
      if (!canImport('p-map')) return null;
      return {
        messageId: 'boundWithPMap',
        data: { concurrency: String(fixConcurrency) },
        fix(fixer) {
          const plan = planImport(sourceCode, { module: 'p-map', name: 'default', localName: 'pMap' }, sourceType);
          const text = `${plan.reference}(${argumentText(mapped.receiver)}, ${argumentText(mapped.callback)}, { concurrency: ${fixConcurrency} })`;
          return [fixer.replaceText(call, text), ...plan.fix(fixer)];
        },
      };
    }

    function suggestPLimit(
      call: TSESTree.CallExpression,
      mapped: MappedCollection,
      arity: number | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      if (mapped.method === 'flatMap') return null;
      const statement = getInsertionStatement(call);
      if (!statement || !canImport('p-limit')) return null;
      const callback = mapped.callback as TSESTree.Expression;
      const limitName = chooseFreeName(sourceCode, 'limit');
      const wrapped = wrapInLimiter(callback, limitName, arity);
      if (wrapped === null) return null;
      return {
        messageId: 'boundWithPLimit',
        data: { concurrency: String(fixConcurrency) },
        fix(fixer) {
          const plan = planImport(sourceCode, { module: 'p-limit', name: 'default', localName: 'pLimit' }, sourceType);
          const indent = getIndent(statement);
          return [
            fixer.insertTextBefore(statement, `const ${limitName} = ${plan.reference}(${fixConcurrency});\n${indent}`),
            fixer.replaceText(callback, wrapped),
            ...plan.fix(fixer),
          ];
        },
      };
    }

    /** `(x) => work(x)` → `(x) => limit(() => work(x))`; a named function of known arity gets an arrow around it. */
    function wrapInLimiter(callback: TSESTree.Expression, limitName: string, arity: number | null): string | null {
      if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression) {
        if (callback.typeParameters || callback.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return null;
        const params = callback.params.map((param) => sourceCode.getText(param)).join(', ');
        const returnType = callback.returnType ? sourceCode.getText(callback.returnType) : '';
        const body = sourceCode.getText(callback.body);
        const inner = callback.body.type === AST_NODE_TYPES.ObjectExpression ? `(${body})` : body;
        return `(${params})${returnType} => ${limitName}(${callback.async ? 'async ' : ''}() => ${inner})`;
      }
      if (callback.type !== AST_NODE_TYPES.Identifier || arity === null || arity > 2) return null;
      const names = ['item', 'index'].slice(0, arity).map((name) => chooseFreeName(sourceCode, name));
      return `(${names.join(', ')}) => ${limitName}(() => ${callback.name}(${names.join(', ')}))`;
    }

    function suggestChunks(
      call: TSESTree.CallExpression,
      method: string,
      mapped: MappedCollection,
      arity: number | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      // Chunks keep `Promise.all`/`allSettled` results in order; for `any`/`race` they would change the answer.
      if (method !== 'all' && method !== 'allSettled') return null;
      if (mapped.method === 'from') return null;
      // Inside a chunk the callback's index and array arguments would be the chunk's.
      if (arity === null || arity > 1) return null;
      const awaited = call.parent;
      if (awaited.type !== AST_NODE_TYPES.AwaitExpression || awaited.argument !== call) return null;
      const target = getChunkTarget(awaited);
      if (!target) return null;
      const receiver = mapped.receiver;
      // The loop reads `.length` and `.slice()`: with types, make sure the receiver is an array.
      if (services && !isArrayTyped(services, receiver)) return null;
      return {
        messageId: 'processInChunks',
        data: { collection: describeExpression(sourceCode, receiver), concurrency: String(fixConcurrency) },
        fix(fixer) {
          const indent = getIndent(target.statement);
          const unit = detectIndentUnit(sourceCode);
          const lines: string[] = [];
          let collection = sourceCode.getText(receiver);
          if (!isStableReference(receiver)) {
            const items = chooseFreeName(sourceCode, 'items');
            lines.push(`const ${items} = ${argumentText(receiver)};`);
            collection = items;
          } else if (needsParenthesesAsObject(receiver)) {
            collection = `(${collection})`;
          }
          const i = chooseFreeName(sourceCode, 'i');
          const chunk = `${sourceCode.getText(call.callee)}(${collection}.slice(${i}, ${i} + ${fixConcurrency}).${mapped.method}(${sourceCode.getText(mapped.callback)}))`;
          let results: string | null = null;
          if (target.kind !== 'discard') {
            results = target.kind === 'declareDirect' ? target.name : chooseFreeName(sourceCode, 'results');
            lines.push(`${target.kind === 'declareDirect' ? target.declarationKind : 'const'} ${results} = [];`);
          }
          lines.push(`for (let ${i} = 0; ${i} < ${collection}.length; ${i} += ${fixConcurrency}) {`);
          lines.push(results === null ? `${unit}await ${chunk};` : `${unit}${results}.push(...(await ${chunk}));`);
          lines.push('}');
          if (target.kind === 'declare') lines.push(`${target.declarationKind} ${sourceCode.getText(target.id)} = ${results};`);
          if (target.kind === 'assign') lines.push(`${sourceCode.getText(target.left)} = ${results};`);
          return fixer.replaceText(target.statement, lines.join(`\n${indent}`));
        },
      };
    }

    /** Where the awaited result goes: a statement we can replace by a loop. */
    function getChunkTarget(awaited: TSESTree.AwaitExpression): ChunkTarget | null {
      const parent = awaited.parent;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) {
        return isStatementListMember(parent) ? { kind: 'discard', statement: parent } : null;
      }
      if (
        parent.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.operator === '=' &&
        parent.right === awaited &&
        parent.parent.type === AST_NODE_TYPES.ExpressionStatement &&
        isStatementListMember(parent.parent) &&
        hasNoComments(parent.parent, [awaited])
      ) {
        return { kind: 'assign', statement: parent.parent, left: parent.left };
      }
      if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== awaited) return null;
      const declaration = parent.parent;
      if (
        declaration.declarations.length !== 1 ||
        declaration.declare ||
        (declaration.kind !== 'const' && declaration.kind !== 'let' && declaration.kind !== 'var') ||
        !isStatementListMember(declaration) ||
        !hasNoComments(declaration, [awaited])
      ) {
        return null;
      }
      const id = parent.id;
      if (id.type === AST_NODE_TYPES.Identifier && !id.typeAnnotation && isUsedOnlyInItsFunction(id, awaited)) {
        return { kind: 'declareDirect', statement: declaration, name: id.name, declarationKind: declaration.kind };
      }
      return { kind: 'declare', statement: declaration, id, declarationKind: declaration.kind };
    }

    /**
     * A declared name whose every reference sits in the declaring function, outside the awaited call:
     * an evolving `const x = []` types well there (a closure would see `any[]`).
     */
    function isUsedOnlyInItsFunction(id: TSESTree.Identifier, awaited: TSESTree.AwaitExpression): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      if (!variable) return false;
      const home = getEnclosingFunction(id);
      return variable.references.every((reference) => {
        const node = reference.identifier as TSESTree.Node;
        return getEnclosingFunction(node) === home && !isWithin(node, awaited);
      });
    }

    function hasNoComments(statement: TSESTree.Node, kept: TSESTree.Node[]): boolean {
      return sourceCode
        .getCommentsInside(statement)
        .every((comment) => kept.some((node) => comment.range[0] >= node.range[0] && comment.range[1] <= node.range[1]));
    }

    /** The statement before which `const limit = pLimit(n);` goes: in the same function, in a statement list. */
    function getInsertionStatement(node: TSESTree.Node): TSESTree.Statement | null {
      for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
        if (isFunctionNode(current) || current.type === AST_NODE_TYPES.PropertyDefinition) return null;
        if (isStatementListMember(current)) return current as TSESTree.Statement;
      }
      return null;
    }

    function argumentText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node);
      return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
    }

    function getIndent(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return /^\s*/.exec(line)![0];
    }
  },
});

// ---------------------------------------------------------------------------------------------------------
// Finding what is unbounded

interface Analysis {
  sourceCode: TSESLint.SourceCode;
  services: TypeServices | null;
  maxConcurrency: number;
  isLimitingCall(call: TSESTree.CallExpression): boolean;
  isPromise(node: TSESTree.Expression): boolean;
}

/** A `.map`/`.flatMap`/`Array.from` that makes the promises. */
interface MappedCollection {
  call: TSESTree.CallExpression;
  method: 'map' | 'flatMap' | 'from';
  receiver: TSESTree.Expression;
  callback: TSESTree.CallExpressionArgument;
}

type Finding =
  | { kind: 'collection'; collection: string; map?: MappedCollection }
  | { kind: 'tooMany'; collection: string; count: number; map?: MappedCollection }
  | { kind: 'loop'; collection: string; array: string; map?: undefined }
  | { kind: 'iterable'; collection: string; map?: undefined };

type ChunkTarget =
  | { kind: 'discard'; statement: TSESTree.ExpressionStatement }
  | { kind: 'assign'; statement: TSESTree.ExpressionStatement; left: TSESTree.Node }
  | { kind: 'declare'; statement: TSESTree.VariableDeclaration; id: TSESTree.Node; declarationKind: string }
  | { kind: 'declareDirect'; statement: TSESTree.VariableDeclaration; name: string; declarationKind: string };

const COMBINATOR_TARGETS: readonly ApiTarget<string>[] = [...PROMISE_COMBINATORS].map((name) => ({
  global: 'Promise',
  path: [name],
  info: name,
}));

const MAPPING_METHODS = new Set(['map', 'flatMap']);
/** Array methods whose result is no longer than their receiver. */
const SHRINKING_METHODS = new Set(['filter', 'reverse', 'toReversed', 'sort', 'toSorted', 'map', 'flatMap', 'slice', 'with', 'toSpliced']);
/** Methods after a `.map()` that keep every promise it made: `xs.map(f).filter(Boolean)`. */
const PASS_THROUGH_METHODS = new Set(['filter', 'flat', 'reverse', 'toReversed', 'concat']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);
/** Names that say a number is a configured degree of parallelism, not a data size. */
const CONFIGURED_SIZE_PATTERN = /concurren|parallel|worker|thread|slot|limit|poolsize/i;
const MAX_DEPTH = 6;
/** Helpers that cut a collection into pieces of a given width: `chunk(xs, 10)`, `toSlices(xs, n)`. */
const CHUNK_FUNCTION_PATTERN = /^(chunk|chunks|chunked|chunkArray|batch|batches|splitEvery|toSlices|slices|inGroupsOf)$/i;
/** `for (const batch of …)`: whoever named the loop variable a chunk or batch cut the collection to size. */
const CHUNK_VARIABLE_PATTERN = /^(chunk|batch|slice)$|(Chunk|Batch|Slice)$/;

function describeFinding(
  finding: Finding,
  combinator: string,
  max: number,
): { messageId: MessageId; data: Record<string, string> } {
  switch (finding.kind) {
    case 'collection':
      return { messageId: 'unboundedCollection', data: { combinator, collection: finding.collection } };
    case 'tooMany':
      return {
        messageId: 'tooManyAtOnce',
        data: { combinator, collection: finding.collection, count: String(finding.count), max: String(max) },
      };
    case 'loop':
      return { messageId: 'unboundedLoop', data: { combinator, collection: finding.collection, array: finding.array } };
    case 'iterable':
      return { messageId: 'unboundedIterable', data: { combinator, collection: finding.collection } };
  }
}

/**
 * What the combinator's argument holds, when that is a collection of promises whose size run-time data
 * decides (or a known size above the maximum). `forAwait`: the argument of `for await`, where only
 * mapped promises count (a plain array there is an ordinary iteration).
 */
function analyzeCollection(analysis: Analysis, raw: TSESTree.Expression, forAwait = false, depth = 0): Finding | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipExpressionWrappers(raw);
  const { sourceCode } = analysis;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const mapped = getMappedCollection(node);
    if (mapped) return analyzeMapped(analysis, mapped, forAwait);
    if (forAwait) return null;
    const callee = skipExpressionWrappers(node.callee);
    // `xs.map(f).filter(Boolean)`: every promise the map made is still there.
    if (callee.type === AST_NODE_TYPES.MemberExpression && PASS_THROUGH_METHODS.has(getStaticPropertyName(callee) ?? '')) {
      const inner = analyzeCollection(analysis, callee.object as TSESTree.Expression, false, depth + 1);
      return inner ? { ...inner, map: undefined } : null;
    }
    // `Promise.all(tasks())` / `Array.from(tasks())` over a generator that starts an operation per step.
    if (isArrayFrom(callee) && node.arguments.length === 1) {
      const source = node.arguments[0]!;
      return source.type !== AST_NODE_TYPES.SpreadElement && isGeneratorCall(sourceCode, source)
        ? { kind: 'iterable', collection: describeExpression(sourceCode, source) }
        : null;
    }
    return isGeneratorCall(sourceCode, node) ? { kind: 'iterable', collection: describeExpression(sourceCode, node) } : null;
  }
  if (forAwait) return null;
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    let count = 0;
    for (const element of node.elements) {
      if (element?.type !== AST_NODE_TYPES.SpreadElement) {
        count += 1;
        continue;
      }
      const argument = skipExpressionWrappers(element.argument);
      if (isGeneratorCall(sourceCode, argument)) return { kind: 'iterable', collection: describeExpression(sourceCode, argument) };
      const inner = analyzeCollection(analysis, argument, false, depth + 1);
      if (inner) return { ...inner, map: undefined };
    }
    return count > analysis.maxConcurrency ? { kind: 'tooMany', collection: 'the array literal', count } : null;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    const init = def.node.init && skipExpressionWrappers(def.node.init);
    if (!init) return null;
    if (init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0) {
      return analyzeFilledArray(analysis, variable, node);
    }
    if (!isNeverReassigned(variable)) return null;
    const inner = analyzeCollection(analysis, init, false, depth + 1);
    // The rewrites work on the call itself; through a variable, only the report.
    return inner ? { ...inner, map: undefined } : null;
  }
  return null;
}

function getMappedCollection(call: TSESTree.CallExpression): MappedCollection | null {
  const callee = skipExpressionWrappers(call.callee);
  const callback = call.arguments[call.arguments.length === 0 ? 0 : isArrayFrom(callee) ? 1 : 0];
  if (!callback) return null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (isArrayFrom(callee)) {
    const receiver = call.arguments[0]!;
    return receiver.type === AST_NODE_TYPES.SpreadElement ? null : { call, method: 'from', receiver, callback };
  }
  const method = getStaticPropertyName(callee);
  if (method === null || !MAPPING_METHODS.has(method) || callee.object.type === AST_NODE_TYPES.Super) return null;
  return { call, method: method as 'map' | 'flatMap', receiver: callee.object, callback };
}

function analyzeMapped(analysis: Analysis, mapped: MappedCollection, forAwait: boolean): Finding | null {
  const { sourceCode } = analysis;
  const callback = mapped.callback;
  if (callback.type === AST_NODE_TYPES.SpreadElement) return null;
  if (isLimitedCallback(analysis, callback)) return null;
  if (!mayMakePromises(analysis, mapped, forAwait)) return null;
  const receiver = mapped.receiver as TSESTree.Expression;
  if (isCodeCollection(receiver) || (isFunctionNode(callback) && startsNoWork(callback))) return null;
  const bound = getBound(analysis, receiver, 0);
  // `Array.from({ length: n }, …)` is as long as `n`.
  const length = receiver.type === AST_NODE_TYPES.ObjectExpression ? findProperty(receiver, 'length') : null;
  const collection = describeExpression(sourceCode, length ?? receiver);
  if (bound === null) return { kind: 'collection', collection, map: mapped };
  if (bound.count > analysis.maxConcurrency) return { kind: 'tooMany', collection, count: bound.count, map: mapped };
  return null;
}

/**
 * Whether the mapped callback may return promises. Without types, only callbacks that visibly return plain
 * values (`x => x * 2`, `x => ({ id: x })`) are ruled out; with types, an element type with no thenable.
 * Under `for await` the callback must visibly make promises: iterating plain values there is ordinary.
 */
function mayMakePromises(analysis: Analysis, mapped: MappedCollection, forAwait: boolean): boolean {
  const callback = mapped.callback as TSESTree.Expression;
  const { services } = analysis;
  if (services) {
    const type = services.getType(mapped.call);
    const element = getElementType(services, type);
    if (element && !isUnknownish(element)) {
      const tsNode = services.getTsNode(mapped.call);
      const elements = mapped.method === 'flatMap' ? [element, getElementType(services, element) ?? element] : [element];
      return elements.some((part) => typeHasThenable(services.checker, tsNode, part));
    }
  }
  if (isFunctionNode(callback)) {
    if (callback.async) return !callback.generator;
    if (callback.generator) return false;
    let returned = getReturnedExpressions(callback);
    // `flatMap((x) => [a(x), b(x)])`: the promises are the array's elements.
    if (mapped.method === 'flatMap') {
      returned = returned.flatMap((expression) => {
        const inner = skipExpressionWrappers(expression);
        return inner.type === AST_NODE_TYPES.ArrayExpression
          ? inner.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement)
          : [expression];
      });
    }
    if (forAwait) return returned.length > 0 && returned.every((expression) => analysis.isPromise(expression));
    return returned.length === 0 ? false : !returned.every(isPlainValue);
  }
  if (forAwait) {
    if (callback.type !== AST_NODE_TYPES.Identifier) return false;
    const resolved = resolveIdentifierFunction(analysis.sourceCode, callback);
    return resolved?.fn?.async === true && !resolved.fn.generator;
  }
  return true;
}

function getReturnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Expression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** Values that are visibly not promises. */
function isPlainValue(raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return isPlainValue(node.consequent) && isPlainValue(node.alternate);
    default:
      return false;
  }
}

/**
 * Collections of code rather than data: plugins, hooks, listeners, environments, servers. Their size is
 * whatever the program registered (`Promise.all(plugins.map((p) => p.buildStart()))`), not run-time input.
 */
const CODE_COLLECTION_PATTERN =
  /(^|[a-z_])(plugins?|hooks?|listeners?|handlers?|callbacks?|cbs|fns|subscribers?|observers?|environments?|middlewares?|watchers?|servers?|disposers?|cleanups?|teardowns?|closers?|reporters?|providers?|runners?|workers?|pools?|transports?|exporters?|adapters?|loggers?)$/i;

function isCodeCollection(raw: TSESTree.Node): boolean {
  const name = getCollectionName(raw);
  return name !== null && CODE_COLLECTION_PATTERN.test(name);
}

/** The name a collection goes by: `xs`, `this.xs`, `[...xs]`, `Object.values(xs)`, `xs.values()`, `getXs()`. */
function getCollectionName(raw: TSESTree.Node): string | null {
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : skipExpressionWrappers(raw as TSESTree.Expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.MemberExpression:
      return getStaticPropertyName(node);
    case AST_NODE_TYPES.ArrayExpression: {
      const only = node.elements.length === 1 ? node.elements[0] : null;
      return only ? getCollectionName(only) : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticPropertyName(callee);
        const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
        if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array') && node.arguments[0]) {
          return getCollectionName(node.arguments[0]);
        }
        if (method !== null && ['values', 'filter', 'slice', 'toSorted', 'reverse'].includes(method)) return getCollectionName(object);
        return method;
      }
      return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    }
    default:
      return null;
  }
}

/**
 * A callback that starts nothing: it invokes the element itself (`(cb) => cb(data)`, `hook.call(ctx)`: a list
 * of functions the program registered) or hands back a promise that already exists
 * (`(pending) => pending.request`, `(p) => Promise.resolve(p).then(…)`).
 */
function startsNoWork(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const returned = getReturnedExpressions(fn);
  return returned.length > 0 && returned.every((expression) => isExistingOrInvoked(expression, param.name));
}

function isExistingOrInvoked(raw: TSESTree.Expression, param: string): boolean {
  let node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  // Strip `.then()`/`.catch()`/`.finally()` chains: they follow the promise they are called on.
  for (;;) {
    if (node.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !['then', 'catch', 'finally'].includes(getStaticPropertyName(callee) ?? '')) break;
    node = skipExpressionWrappers(callee.object as TSESTree.Expression);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    // `Promise.resolve(p)`: wraps the element.
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Promise' &&
      getStaticPropertyName(callee) === 'resolve'
    ) {
      return node.arguments[0] !== undefined && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement && isParamRead(node.arguments[0], param);
    }
    // `cb(data)`, `hook.call(ctx)`, `hook.apply(ctx, args)`.
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === param;
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['call', 'apply'].includes(getStaticPropertyName(callee) ?? '')) {
      return isParamRead(callee.object as TSESTree.Expression, param);
    }
    return false;
  }
  return isParamRead(node, param);
}

/** `p`, `p.request`, `p.result.promise`: a read of the element, with no call. */
function isParamRead(raw: TSESTree.Expression, param: string): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === param;
  return node.type === AST_NODE_TYPES.MemberExpression && isParamRead(node.object as TSESTree.Expression, param);
}

// ---------------------------------------------------------------------------------------------------------
// Bounds

interface Bound {
  count: number;
}

/** A constant upper bound on the collection's length, or null when run-time data decides it. */
function getBound(analysis: Analysis, raw: TSESTree.Node, depth: number): Bound | null {
  if (depth > MAX_DEPTH) return null;
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw : skipExpressionWrappers(raw as TSESTree.Expression);
  const syntactic = getSyntacticBound(analysis, node, depth);
  if (syntactic) return syntactic;
  return analysis.services && node.type !== AST_NODE_TYPES.SpreadElement ? getTypeBound(analysis.services, node) : null;
}

function getSyntacticBound(analysis: Analysis, node: TSESTree.Node, depth: number): Bound | null {
  const { sourceCode } = analysis;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression: {
      let count = 0;
      for (const element of node.elements) {
        if (element?.type === AST_NODE_TYPES.SpreadElement) {
          const inner = getBound(analysis, element.argument, depth + 1);
          if (!inner) return null;
          count += inner.count;
        } else {
          count += 1;
        }
      }
      return { count };
    }
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? { count: node.value.length } : null;
    case AST_NODE_TYPES.ObjectExpression: {
      // The array-like of `Array.from({ length: 4 }, …)`.
      const length = findProperty(node, 'length');
      return length ? getLengthBound(sourceCode, length) : null;
    }
    case AST_NODE_TYPES.Identifier:
      return getIdentifierBound(analysis, node, depth);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return getCallBound(analysis, node, depth);
    case AST_NODE_TYPES.MemberExpression: {
      // `CONFIG.regions` where CONFIG is a const object literal.
      const property = getStaticPropertyName(node);
      const object = skipExpressionWrappers(node.object);
      if (property === null || object.type !== AST_NODE_TYPES.Identifier) return null;
      const init = getConstInit(sourceCode, object);
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const value = findProperty(init, property);
      return value ? getBound(analysis, value, depth + 1) : null;
    }
    default:
      return null;
  }
}

function getIdentifierBound(analysis: Analysis, id: TSESTree.Identifier, depth: number): Bound | null {
  const { sourceCode } = analysis;
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  if (def.type === 'Parameter') {
    if (def.name.type === AST_NODE_TYPES.Identifier) {
      const annotated = getTupleAnnotationLength(def.name.typeAnnotation?.typeAnnotation);
      if (annotated !== null) return { count: annotated };
    }
    // `chunk(xs, 10).forEach((batch) => …)`: a chunk of a constant width.
    const fn = def.node;
    if (isFunctionNode(fn) && fn.params[0] === def.name) {
      const call = fn.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
        const callee = skipExpressionWrappers(call.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && ['forEach', 'map', 'flatMap'].includes(getStaticPropertyName(callee) ?? '')) {
          return getChunkWidth(analysis, callee.object);
        }
      }
    }
    return null;
  }
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const declarator = def.node;
  // `for (const batch of chunk(xs, 10))`: each batch has at most 10 elements.
  const declaration = declarator.parent;
  const loop = declaration.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) {
    if (declarator.id !== def.name) return null;
    return getChunkWidth(analysis, loop.right) ?? (CHUNK_VARIABLE_PATTERN.test(id.name) ? { count: 0 } : null);
  }
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const annotated = getTupleAnnotationLength(declarator.id.typeAnnotation?.typeAnnotation);
  if (annotated !== null) return { count: annotated };
  if (!declarator.init || !isNeverReassigned(variable) || isMutated(variable)) return null;
  return getBound(analysis, declarator.init, depth + 1);
}

function getCallBound(analysis: Analysis, call: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Bound | null {
  const { sourceCode } = analysis;
  const callee = skipExpressionWrappers(call.callee);
  const args = call.arguments;
  // `new Array(10)`, `Array(10)`, `Array.of(a, b)`.
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Array' && isGlobal(sourceCode, callee)) {
    const size = args.length === 1 ? getConstantNumber(sourceCode, args[0]!) : args.length;
    return size === null ? null : { count: size };
  }
  if (call.type === AST_NODE_TYPES.NewExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
  if (object.type === AST_NODE_TYPES.Identifier && isGlobal(sourceCode, object)) {
    if (object.name === 'Array' && method === 'of') return { count: args.length };
    if (object.name === 'Array' && method === 'from' && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
      const source = skipExpressionWrappers(args[0]);
      if (source.type === AST_NODE_TYPES.ObjectExpression) {
        const length = findProperty(source, 'length');
        return length ? getLengthBound(sourceCode, length) : null;
      }
      return getBound(analysis, source, depth + 1);
    }
    if (object.name === 'Object' && (method === 'values' || method === 'keys' || method === 'entries') && args[0]) {
      return getObjectSizeBound(sourceCode, args[0]);
    }
  }
  if (method === null) return null;
  if (method === 'slice') return getSliceBound(analysis, callee.object, args, depth);
  if (method === 'splice') {
    const count = args[1] ? getConstantNumber(sourceCode, args[1]) : null;
    return count === null ? null : { count: Math.max(0, count) };
  }
  if (method === 'concat') {
    let count = 0;
    for (const part of [callee.object, ...args]) {
      const bound = getBound(analysis, part, depth + 1);
      if (!bound) return null;
      count += bound.count;
    }
    return { count };
  }
  // `REGIONS.filter(…)`, `REGIONS.toSorted()`: no longer than the receiver. (For `flatMap` the bound counts
  // the callback's calls, which is what starts operations.)
  if (SHRINKING_METHODS.has(method)) return getBound(analysis, callee.object, depth + 1);
  return null;
}

/** `xs.slice(0, 10)`, `xs.slice(i, i + 10)`, `xs.slice(-5)`: a constant width, or the receiver's bound. */
function getSliceBound(
  analysis: Analysis,
  receiver: TSESTree.Node,
  args: readonly TSESTree.CallExpressionArgument[],
  depth: number,
): Bound | null {
  const { sourceCode } = analysis;
  const [start, end] = args;
  let width: number | null = null;
  if (start && start.type !== AST_NODE_TYPES.SpreadElement) {
    const startValue = getConstantNumber(sourceCode, start);
    if (!end) {
      if (startValue !== null && startValue < 0) width = -startValue;
    } else if (end.type !== AST_NODE_TYPES.SpreadElement) {
      const endValue = getConstantNumber(sourceCode, end);
      if (startValue !== null && endValue !== null && startValue >= 0 && endValue >= 0) width = Math.max(0, endValue - startValue);
      else width = getOffsetWidth(sourceCode, start, end);
    }
  }
  const whole = getBound(analysis, receiver, depth + 1);
  if (width === null) return whole;
  return { count: whole ? Math.min(width, whole.count) : width };
}

/** `slice(i, i + 10)` or `slice(i, Math.min(i + 10, xs.length))`: the width 10. */
function getOffsetWidth(sourceCode: TSESLint.SourceCode, start: TSESTree.Expression, rawEnd: TSESTree.Expression): number | null {
  const end = skipExpressionWrappers(rawEnd);
  if (end.type === AST_NODE_TYPES.CallExpression && isMathMin(sourceCode, end.callee)) {
    const widths = end.arguments
      .map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? null : getOffsetWidth(sourceCode, start, argument)))
      .filter((width): width is number => width !== null);
    return widths.length > 0 ? Math.min(...widths) : null;
  }
  if (end.type !== AST_NODE_TYPES.BinaryExpression || end.operator !== '+') return null;
  const startText = sourceCode.getText(skipExpressionWrappers(start));
  const left = end.left as TSESTree.Expression;
  if (sourceCode.getText(skipExpressionWrappers(left)) === startText) return getConstantNumber(sourceCode, end.right);
  if (sourceCode.getText(skipExpressionWrappers(end.right)) === startText) return getConstantNumber(sourceCode, left);
  return null;
}

/** The width of each element of `chunk(xs, 10)` (lodash, es-toolkit, remeda, hand-written): 10. */
function getChunkWidth(analysis: Analysis, raw: TSESTree.Node): Bound | null {
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = getCalleeName(node);
    if (name !== null && CHUNK_FUNCTION_PATTERN.test(name)) {
      const size = node.arguments.at(-1);
      if (size && size.type !== AST_NODE_TYPES.SpreadElement) {
        const width = getConstantNumber(analysis.sourceCode, size);
        if (width !== null) return { count: width };
        // `toSlices(files, options.concurrency)`: a configured width.
        if (isConfiguredSize(skipExpressionWrappers(size))) return { count: 0 };
      }
    }
  }
  if (analysis.services) {
    // An array of tuples: each element is bounded by the tuple.
    const type = analysis.services.getType(node);
    const element = getElementType(analysis.services, type);
    return element ? getTupleLength(element) : null;
  }
  return null;
}

/** `{ length: 5 }` → 5; `{ length: concurrency }` is a configured size, taken as bounded. */
function getLengthBound(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): Bound | null {
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  const value = getConstantNumber(sourceCode, node);
  if (value !== null) return { count: value };
  if (node.type === AST_NODE_TYPES.CallExpression && isMathMin(sourceCode, node.callee)) {
    const bounds = node.arguments.map((argument) => getLengthBound(sourceCode, argument)).filter((b): b is Bound => b !== null);
    return bounds.length > 0 ? { count: Math.min(...bounds.map((b) => b.count)) } : null;
  }
  return isConfiguredSize(node) ? { count: 0 } : null;
}

function isConfiguredSize(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return CONFIGURED_SIZE_PATTERN.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return CONFIGURED_SIZE_PATTERN.test(getStaticPropertyName(node) ?? '');
  return false;
}

/** `Object.values(CONST_OBJECT)` or `Object.values(SomeEnum)`: bounded by the members written. */
function getObjectSizeBound(sourceCode: TSESLint.SourceCode, raw: TSESTree.CallExpressionArgument): Bound | null {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return null;
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return getObjectLiteralSize(node);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  if (!variable || variable.defs.length === 0) return null;
  const enumDefs = variable.defs.filter((def) => def.node.type === AST_NODE_TYPES.TSEnumDeclaration);
  if (enumDefs.length === variable.defs.length) {
    // Numeric members also map back from value to name: at most twice the members.
    const members = enumDefs.reduce((sum, def) => sum + getEnumMembers(def.node as TSESTree.TSEnumDeclaration).length, 0);
    return { count: members * 2 };
  }
  const init = getConstInit(sourceCode, node);
  return init?.type === AST_NODE_TYPES.ObjectExpression && !isMutated(variable) ? getObjectLiteralSize(init) : null;
}

function getEnumMembers(declaration: TSESTree.TSEnumDeclaration): readonly TSESTree.TSEnumMember[] {
  const withBody = declaration as unknown as { body?: { members: TSESTree.TSEnumMember[] }; members?: TSESTree.TSEnumMember[] };
  return withBody.body?.members ?? withBody.members ?? [];
}

function getObjectLiteralSize(object: TSESTree.ObjectExpression): Bound | null {
  if (object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
  return { count: object.properties.length };
}

function getTypeBound(services: TypeServices, node: TSESTree.Node): Bound | null {
  const type = services.getType(node);
  return getTupleLength(type);
}

/** A tuple type (or a union of them) without rest elements: its largest length. */
function getTupleLength(type: ts.Type): Bound | null {
  let count = 0;
  for (const part of unionConstituents(type)) {
    if (!isTupleTypeReference(part) || part.target.hasRestElement) return null;
    count = Math.max(count, part.target.fixedLength);
  }
  return { count };
}

function getTupleAnnotationLength(annotation: TSESTree.TypeNode | undefined): number | null {
  let type = annotation;
  if (type?.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly') type = type.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTupleType) return null;
  if (type.elementTypes.some((element) => element.type === AST_NODE_TYPES.TSRestType)) return null;
  return type.elementTypes.length;
}

function getElementType(services: TypeServices, type: ts.Type): ts.Type | null {
  const parts = unionConstituents(type);
  const elements: ts.Type[] = [];
  for (const part of parts) {
    const element = part.getNumberIndexType();
    if (!element) return null;
    elements.push(element);
  }
  if (elements.length === 1) return elements[0]!;
  return elements.length === 0 ? null : (services.checker as ts.TypeChecker & { getUnionType?: (types: ts.Type[]) => ts.Type }).getUnionType?.(elements) ?? elements[0]!;
}

/** Arrays and tuples (readonly too), or a type the checker cannot tell. */
function isArrayTyped(services: TypeServices, node: TSESTree.Node): boolean {
  const type = services.getType(node);
  if (isUnknownish(type)) return true;
  return unionConstituents(type).every((part) => services.checker.isArrayType(part) || services.checker.isTupleType(part));
}

function isUnknownish(type: ts.Type): boolean {
  return unionConstituents(type).some(
    (part) => isIntrinsicAnyType(part) || isIntrinsicUnknownType(part) || isIntrinsicErrorType(part) || isTypeParameter(part),
  );
}

/** A variable whose array is changed in place (`xs.push(…)`, `xs.length = n`, `xs[i] = …`). */
function isMutated(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const id = reference.identifier as TSESTree.Node;
    const member = id.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) return false;
    const parent = member.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
      return MUTATING_METHODS.has(getStaticPropertyName(member) ?? '');
    }
    return (
      (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) ||
      (parent.type === AST_NODE_TYPES.UpdateExpression && parent.argument === member)
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Arrays filled in loops

/**
 * `const tasks = []; for (const x of xs) tasks.push(save(x)); await Promise.all(tasks);`: reported when every
 * use of `tasks` is a push (or index write) or this combinator, and some push sits in a loop whose length
 * run-time data decides. A loop that awaits, or reads `tasks` (`tasks.length >= 10`), is throttling by hand.
 */
function analyzeFilledArray(analysis: Analysis, variable: TSESLint.Scope.Variable, use: TSESTree.Identifier): Finding | null {
  const declaration = variable.defs[0]!.node as TSESTree.VariableDeclarator;
  const home = getEnclosingFunction(declaration);
  let unbounded: string | null = null;
  let total = 0;
  for (const reference of variable.references) {
    const id = reference.identifier as TSESTree.Identifier;
    if (id === use || reference.init) continue;
    if (id.range[0] > use.range[0]) continue;
    const write = getArrayWrite(id);
    if (!write) return null;
    if (write.value && !mayBePromise(analysis, write.value)) return null;
    const loops = getLoopsBetween(analysis, write.node, declaration, home);
    if (loops === null) return null;
    let count = write.count;
    for (const loop of loops) {
      if (loopAwaits(loop.body)) return null;
      if (loop.hasLimiter || containsLimitingCall(analysis, loop.body)) return null;
      if (!loop.bound) {
        unbounded ??= loop.collection;
        continue;
      }
      count *= loop.bound.count;
    }
    total += count;
  }
  if (unbounded !== null) return { kind: 'loop', collection: unbounded, array: use.name };
  return total > analysis.maxConcurrency ? { kind: 'tooMany', collection: use.name, count: total } : null;
}

interface ArrayWrite {
  node: TSESTree.Node;
  value: TSESTree.Expression | null;
  count: number;
}

function getArrayWrite(id: TSESTree.Identifier): ArrayWrite | null {
  const member = id.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) return null;
  const parent = member.parent;
  const method = getStaticPropertyName(member);
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member && (method === 'push' || method === 'unshift')) {
    if (parent.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
    const value = parent.arguments.length === 1 ? (parent.arguments[0] as TSESTree.Expression) : null;
    return { node: parent, value, count: parent.arguments.length };
  }
  if (member.computed && parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=') {
    return { node: parent, value: parent.right, count: 1 };
  }
  return null;
}

function mayBePromise(analysis: Analysis, raw: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression || isPlainValue(node)) return false;
  if (analysis.isPromise(node)) return true;
  if (analysis.services) {
    const type = analysis.services.getType(node);
    return isUnknownish(type);
  }
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.Identifier;
}

interface LoopInfo {
  body: TSESTree.Node;
  bound: Bound | null;
  collection: string;
  hasLimiter: boolean;
}

/**
 * The loops around `node` up to the array's declaration, or null when a function that is not an
 * iteration callback (`xs.forEach(x => …)`) lies between: its body runs when someone else decides.
 */
function getLoopsBetween(
  analysis: Analysis,
  node: TSESTree.Node,
  declaration: TSESTree.Node,
  home: FunctionNode | null,
): LoopInfo[] | null {
  const loops: LoopInfo[] = [];
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (current === home || isWithin(declaration, current)) break;
    if (isFunctionNode(current)) {
      const call = current.parent;
      const callee = call.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(call.callee) : null;
      if (
        call.type !== AST_NODE_TYPES.CallExpression ||
        call.arguments[0] !== current ||
        callee?.type !== AST_NODE_TYPES.MemberExpression ||
        !['forEach', 'map', 'flatMap', 'filter'].includes(getStaticPropertyName(callee) ?? '')
      ) {
        return null;
      }
      loops.push({ body: current.body, hasLimiter: false, ...iterationOf(analysis, callee.object) });
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (parent.body === current) loops.push({ body: parent.body, hasLimiter: false, ...iterationOf(analysis, parent.right) });
        break;
      case AST_NODE_TYPES.ForStatement:
        if (parent.body === current) loops.push({ body: parent.body, hasLimiter: false, ...forLoopIteration(analysis, parent) });
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (parent.body === current) {
          loops.push({ body: parent.body, hasLimiter: false, bound: null, collection: describeExpression(analysis.sourceCode, parent.test) });
        }
        break;
      default:
        break;
    }
  }
  return loops;
}

function iterationOf(analysis: Analysis, collection: TSESTree.Node): { bound: Bound | null; collection: string } {
  return { bound: getBound(analysis, collection, 0), collection: describeExpression(analysis.sourceCode, collection) };
}

function forLoopIteration(analysis: Analysis, loop: TSESTree.ForStatement): { bound: Bound | null; collection: string } {
  const test = loop.test && skipExpressionWrappers(loop.test);
  if (test?.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '<' || test.operator === '<=')) {
    const limit = skipExpressionWrappers(test.right);
    const value = getConstantNumber(analysis.sourceCode, limit);
    if (value !== null) return { bound: { count: value + (test.operator === '<=' ? 1 : 0) }, collection: String(value) };
    if (limit.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(limit) === 'length') {
      return iterationOf(analysis, limit.object);
    }
    if (isConfiguredSize(limit)) return { bound: { count: 0 }, collection: '' };
    return { bound: null, collection: describeExpression(analysis.sourceCode, limit) };
  }
  return { bound: null, collection: loop.test ? describeExpression(analysis.sourceCode, loop.test) : 'the loop' };
}

/** An `await` or `yield` in the loop's own body: it paces itself. */
function loopAwaits(body: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) {
      found = true;
      return;
    }
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) {
      found = true;
      return;
    }
    if (isFunctionNode(node)) return;
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function containsLimitingCall(analysis: Analysis, body: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && analysis.isLimitingCall(node)) {
      found = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Limiters

interface LimiterIndex {
  references: ReadonlyMap<TSESTree.Node, { target: ApiTarget<LimiterEntry | 'user'> }>;
  /** Variables holding a limiter instance, with what runs work through it. */
  instances: Map<TSESLint.Scope.Variable, ReadonlySet<string>>;
  /** `this.queue = new PQueue()` / `queue = new PQueue()` class fields: property name → methods. */
  properties: Map<string, ReadonlySet<string>>;
  /** Variables holding a bounded function (`limitFunction(fn)`, `limiter.wrap(fn)`). */
  wrapped: Set<TSESLint.Scope.Variable>;
}

const limiterTargetCache = new Map<string, readonly ApiTarget<LimiterEntry | 'user'>[]>();

function getLimiterTargets(userModules: readonly { from: string; path: string[] }[]): readonly ApiTarget<LimiterEntry | 'user'>[] {
  const key = JSON.stringify(userModules);
  let targets = limiterTargetCache.get(key);
  if (!targets) {
    targets = [
      ...LIMITERS.map(
        (entry): ApiTarget<LimiterEntry> => ({
          module: entry.module,
          path: entry.path,
          kind: entry.kind === 'class' ? 'construct' : 'call',
          ...(entry.esm ? { esm: true } : {}),
          info: entry,
        }),
      ),
      ...userModules.map((entry): ApiTarget<'user'> => ({ module: entry.from, path: entry.path, info: 'user' })),
    ];
    limiterTargetCache.set(key, targets);
  }
  return targets;
}

function buildLimiterIndex(sourceCode: TSESLint.SourceCode, userModules: readonly { from: string; path: string[] }[]): LimiterIndex {
  const references = findApiReferences(sourceCode, getLimiterTargets(userModules));
  const index: LimiterIndex = { references, instances: new Map(), properties: new Map(), wrapped: new Set() };
  for (const [node, reference] of references) {
    const entry = reference.target.info;
    if (entry === 'user' || entry === undefined) continue;
    let holder: TSESTree.Node = node;
    while (holder.parent && (holder.parent.type === AST_NODE_TYPES.AwaitExpression || isTypeWrapper(holder.parent))) holder = holder.parent;
    const parent = holder.parent;
    if (!parent) continue;
    const methods = new Set(entry.limitedBy ?? []);
    if (entry.kind === 'wrapper') {
      const variable = getAssignedVariable(sourceCode, holder);
      if (variable) index.wrapped.add(variable);
      continue;
    }
    if (entry.kind === 'bulk') continue;
    const variable = getAssignedVariable(sourceCode, holder);
    if (variable) index.instances.set(variable, methods);
    const property = getAssignedProperty(holder);
    if (property !== null) index.properties.set(property, methods);
  }
  return index;
}

function isTypeWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}

function getAssignedVariable(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESLint.Scope.Variable | null {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left);
  }
  return null;
}

function getAssignedProperty(node: TSESTree.Node): string | null {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.computed) {
    return keyName(parent.key);
  }
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === node &&
    parent.left.type === AST_NODE_TYPES.MemberExpression
  ) {
    return getStaticPropertyName(parent.left);
  }
  return null;
}

function keyName(key: TSESTree.Node): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/** Whether this call runs work under a limit or takes a permit. */
function isLimitingCall(
  call: TSESTree.CallExpression,
  index: LimiterIndex,
  userNames: ReadonlySet<string>,
  sourceCode: TSESLint.SourceCode,
): boolean {
  const reference = index.references.get(call);
  if (reference?.target.info === 'user') return true;
  const callee = skipExpressionWrappers(call.callee);
  const path = getCalleePath(callee);
  if (path !== null) {
    for (let start = 0; start < path.length; start += 1) {
      if (userNames.has(path.slice(start).join('.'))) return true;
    }
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
    if (variable && (index.instances.get(variable)?.has('()') || index.wrapped.has(variable))) return true;
    if (variable && isWrappedByName(variable)) return true;
    return LIMITER_NAME_PATTERN.test(callee.name);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null) return false;
  const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(object), object);
    const methods = variable ? index.instances.get(variable) : undefined;
    if (methods?.has(method)) return true;
  }
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    const property = getStaticPropertyName(object);
    if (property !== null && index.properties.get(property)?.has(method)) return true;
  }
  if (PERMIT_METHODS.has(method) || LIMITER_NAME_PATTERN.test(method)) return true;
  const objectName = getSimpleName(object);
  return objectName !== null && QUEUE_METHODS.has(method) && QUEUE_OBJECT_PATTERN.test(objectName);
}

/** `const run = limiter.wrap(fn)` / `const run = throttle(fn)`: a bounded function made from a limiter we do not track. */
function isWrappedByName(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  const init = skipExpressionWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const path = getCalleePath(skipExpressionWrappers(init.callee));
  return path !== null && path.some((segment) => LIMITER_NAME_PATTERN.test(segment) || segment === 'wrap');
}

function getCalleePath(node: TSESTree.Node): string[] | null {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const property = getStaticPropertyName(node);
    const object = getCalleePath(skipExpressionWrappers(node.object as TSESTree.Expression));
    return property === null || object === null ? null : [...object, property];
  }
  return null;
}

/** The callback runs its work through a limiter, or is itself a bounded function. */
function isLimitedCallback(analysis: Analysis, callback: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(callback);
  if (isFunctionNode(node)) return containsLimitingCall(analysis, node.body);
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
    // `xs.map(limitedFetch)`: treat it as a call of the callee for the limiter checks.
    const probe = { type: AST_NODE_TYPES.CallExpression, callee: node, arguments: [], optional: false } as unknown as TSESTree.CallExpression;
    return analysis.isLimitingCall(probe);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    // `xs.map(limit.wrap(fn))`, `xs.map(throttle(fn))`.
    return analysis.isLimitingCall(node) || containsLimitingCall(analysis, node);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** The number of arguments the callback reads (params; rest or `arguments` mean any), or null when unknown. */
function getCallbackArity(callback: TSESTree.CallExpressionArgument, services: TypeServices | null, sourceCode: TSESLint.SourceCode): number | null {
  const node = callback.type === AST_NODE_TYPES.SpreadElement ? null : skipExpressionWrappers(callback);
  if (!node) return null;
  if (isFunctionNode(node)) return getFunctionArity(node);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const resolved = resolveIdentifierFunction(sourceCode, node);
    if (resolved?.fn) return getFunctionArity(resolved.fn);
  }
  if (!services) return null;
  const signatures = services.getType(node).getCallSignatures();
  if (signatures.length === 0) return null;
  let arity = 0;
  for (const signature of signatures) {
    const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    const parameters = declaration?.parameters;
    if (!parameters) return null;
    const declared = parameters.filter((parameter) => !(parameter.name.getText() === 'this'));
    if (declared.some((parameter) => parameter.dotDotDotToken)) return null;
    arity = Math.max(arity, declared.length);
  }
  return arity;
}

function getFunctionArity(fn: FunctionNode): number | null {
  if (fn.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return null;
  const params = fn.params.filter((param) => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && usesArguments(fn)) return null;
  return params.length;
}

function usesArguments(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') {
      found = true;
      return;
    }
    if (node !== fn && (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression)) return;
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

function isArrayFrom(callee: TSESTree.Node): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Array' &&
    getStaticPropertyName(callee) === 'from'
  );
}

function isMathMin(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Math' &&
    isGlobal(sourceCode, callee.object) &&
    getStaticPropertyName(callee) === 'min'
  );
}

function isGlobal(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  return !variable || variable.defs.length === 0;
}

/** A call of a same-file generator function (`function* tasks() { … }`). */
function isGeneratorCall(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): boolean {
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : raw;
  const inner = skipExpressionWrappers(node as TSESTree.Expression);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const resolved = resolveIdentifierFunction(sourceCode, callee);
  return resolved?.fn?.generator === true && !resolved.fn.async;
}

function getConstInit(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !isNeverReassigned(variable)) return null;
  return def.node.init ? skipExpressionWrappers(def.node.init) : null;
}

function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && keyName(property.key) === name) return property.value;
  }
  return null;
}

/** A number known before run time: a literal, a `const`, simple arithmetic on them. */
function getConstantNumber(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): number | null {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return null;
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  const result = ASTUtils.getStaticValue(node, sourceCode.getScope(node));
  return result && typeof result.value === 'number' && Number.isFinite(result.value) ? result.value : null;
}

/** A receiver that may be read several times with the same result: `xs`, `this.xs`, `a.b.c`. */
function isStableReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.optional &&
    (!node.computed || node.property.type === AST_NODE_TYPES.Literal) &&
    isStableReference(node.object)
  );
}

function needsParenthesesAsObject(node: TSESTree.Node): boolean {
  return node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression && node.type !== AST_NODE_TYPES.ThisExpression;
}

function isStatementListMember(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.Program ||
    parent?.type === AST_NODE_TYPES.StaticBlock ||
    (parent?.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(node as TSESTree.Statement))
  );
}

function detectIndentUnit(sourceCode: TSESLint.SourceCode): string {
  for (const line of sourceCode.lines) {
    const match = /^(\t| +)\S/.exec(line);
    if (match) return match[1]!.startsWith('\t') ? '\t' : match[1]!.length >= 4 ? '    ' : '  ';
  }
  return '  ';
}

/** How a message names a collection: its text when short, else its last property. */
function describeExpression(sourceCode: { getText(node: TSESTree.Node): string }, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  if (text.length <= 40 && !text.includes('\n')) return text;
  const inner = node.type === AST_NODE_TYPES.SpreadElement ? node.argument : skipExpressionWrappers(node as TSESTree.Expression);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(inner);
    if (name !== null) return `….${name}`;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    const name = getSimpleName(callee);
    if (name !== null) return `….${name}(…)`;
  }
  return 'the collection';
}

// ---------------------------------------------------------------------------------------------------------
// ES modules and package.json

const ESM_EXTENSIONS = new Set(['.mjs', '.mts']);
const CJS_EXTENSIONS = new Set(['.cjs', '.cts']);

/**
 * Whether an `import` of an ESM-only package works here: `.mjs`/`.mts`, or a file written with
 * import/export whose nearest package.json says `"type": "module"`. (A `.ts` file in a CommonJS package
 * compiles its imports to `require()`, which older Nodes and TypeScript's NodeNext reject for ESM-only code.)
 */
function isEsModule(filename: string, sourceCode: TSESLint.SourceCode, sourceType: string | undefined): boolean {
  const extension = path.extname(filename);
  if (ESM_EXTENSIONS.has(extension)) return true;
  if (CJS_EXTENSIONS.has(extension) || sourceType === 'commonjs' || sourceType === 'script') return false;
  const writtenAsModule = sourceCode.ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
  return writtenAsModule && readNearestPackageJson(filename)?.type === 'module';
}
