import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

import { PROMISE_COMBINATORS } from '../src/knowledge/promise-apis.js';
import { namedEntryListSchema, partitionEntries, type NamedEntry } from '../src/util/allow-entry.js';
import { createRule } from '../src/util/create-rule.js';
import { getTypeServices } from '../src/util/get-type-services.js';
import { getPromiseDetector } from '../src/util/is-promise.js';
import { findApiReferences, mentionsApi, type ApiTarget } from '../src/util/resolve-import.js';
import { textIncludes } from '../src/util/text-words.js';
import { analyzeCollection } from './no-unbounded-concurrency/find-unbounded.js';
import { createSuggestionBuilder } from './no-unbounded-concurrency/fix-builders.js';
import { buildLimiterIndex, isLimitingCall, type LimiterIndex } from './no-unbounded-concurrency/limiter-detection.js';
import type { Analysis, Finding } from './no-unbounded-concurrency/types.js';

export type Options = [
  {
    maxConcurrency?: number;
    reportUnknownOperations?: boolean;
    limiters?: NamedEntry[];
    fixLibrary?: 'p-map' | 'p-limit' | 'none';
    fixConcurrency?: number;
  },
];

export type MessageId =
  | 'unboundedCollection'
  | 'unboundedLoop'
  | 'unboundedIterable'
  | 'unboundedPoolCollection'
  | 'unboundedPoolLoop'
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
      unboundedPoolCollection:
        '`{{combinator}}` runs one database query per element of `{{collection}}`, all at once: past the pool size they queue for a connection and fail with acquire timeouts as the data grows; bound it with a limiter (p-map, p-limit), process it in chunks, or use one set-based query.',
      unboundedPoolLoop:
        '`{{combinator}}` waits for `{{array}}`, which gets one database query per iteration of the loop over `{{collection}}`: past the pool size they queue for a connection and fail with acquire timeouts as the data grows; run them through a limiter (p-limit, p-queue), await them in chunks, or use one set-based query.',
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
          reportUnknownOperations: {
            type: 'boolean',
            description:
              'Also report fan-outs whose per-element operation the rule cannot see into (an imported function without types, a method of an unknown object), as if it held something scarce.',
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
    defaultOptions: [{ maxConcurrency: 64, reportUnknownOperations: false, limiters: [], fixLibrary: 'p-map', fixConcurrency: 8 }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // The rule judges `Promise.all()`-like combinators and `for await` loops: a file that spells neither
    // `Promise` nor `await` has nothing to report (issue 12 §4).
    const mayCombine = mentionsApi(sourceCode, COMBINATOR_TARGETS);
    const mayLoop = textIncludes(sourceCode, 'await');
    if (!mayCombine && !mayLoop) return {};
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
      reportUnknown: options.reportUnknownOperations ?? false,
      isLimitingCall: (call) => isLimitingCall(call, getLimiters(), userLimiters.names, sourceCode),
      isPromise: (node) => detector.isPromise(node),
    };
    const buildSuggestions = createSuggestionBuilder({
      sourceCode,
      filename: context.filename,
      sourceType,
      services,
      fixLibrary,
      fixConcurrency,
    });

    const listeners: TSESLint.RuleListener = {
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
    // Each call of a listener costs: none for what the file cannot hold (issue 12 §4).
    if (!mayCombine) delete listeners.CallExpression;
    if (!mayLoop) delete listeners.ForOfStatement;
    return listeners;
  },
});

const COMBINATOR_TARGETS: readonly ApiTarget<string>[] = [...PROMISE_COMBINATORS].map((name) => ({
  global: 'Promise',
  path: [name],
  info: name,
}));

function describeFinding(
  finding: Finding,
  combinator: string,
  max: number,
): { messageId: MessageId; data: Record<string, string> } {
  switch (finding.kind) {
    case 'collection':
      return { messageId: finding.pool ? 'unboundedPoolCollection' : 'unboundedCollection', data: { combinator, collection: finding.collection } };
    case 'tooMany':
      return {
        messageId: 'tooManyAtOnce',
        data: { combinator, collection: finding.collection, count: String(finding.count), max: String(max) },
      };
    case 'loop':
      return { messageId: finding.pool ? 'unboundedPoolLoop' : 'unboundedLoop', data: { combinator, collection: finding.collection, array: finding.array } };
    case 'iterable':
      return { messageId: 'unboundedIterable', data: { combinator, collection: finding.collection } };
  }
}
