import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { getCallerSignalFinder } from '../../src/util/find-caller-signal.js';
import { plainTester, typedTester } from '../rule-tester.js';

// A probe rule: reports `probe(x)` when the shared finder calls `x` a caller-owned signal, so these tests
// pin down what both abort rules see as "the caller's signal".
const probe = createRule<[], 'callerSignal'>({
  name: 'probe-caller-signal',
  meta: {
    type: 'problem',
    docs: { description: 'Reports caller-owned signals passed to probe()', requiresTypeChecking: false, usesTypeInformation: true },
    messages: { callerSignal: 'caller signal' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const finder = getCallerSignalFinder(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const argument = node.arguments[0];
        if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'probe' || !argument) return;
        if (finder.isCallerSignal(argument)) context.report({ node, messageId: 'callerSignal' });
      },
    };
  },
});

const found = [{ messageId: 'callerSignal' as const }];

const bothModes = {
  valid: [
    // Owned: created here.
    'function f() { const controller = new AbortController(); probe(controller.signal); }',
    'function f() { const signal = AbortSignal.timeout(1000); probe(signal); }',
    'function f() { const { signal } = new AbortController(); probe(signal); }',
    // A controller the callee aborts itself is shared, not the caller's alone.
    'function f(controller) { probe(controller.signal); controller.abort(); }',
    // Process signal names.
    "function f(signal) { if (signal === 'SIGTERM') probe(signal); }",
    "process.on('SIGINT', (signal) => probe(signal));",
    'function f(signal: string) { probe(signal); }',
    // A parameter of a nested callback is that callback's, not the outer caller's: probe sees it at its own place.
    'function f(url) { probe(url); }',
  ],
  invalid: [
    { code: 'function f(signal) { probe(signal); }', errors: found },
    { code: 'function f(url: string, cancel: AbortSignal) { probe(cancel); }', errors: found },
    { code: 'function f(abortSignal) { probe(abortSignal); }', errors: found },
    { code: 'function f(options) { probe(options.signal); }', errors: found },
    { code: 'function f(options) { probe(options?.signal); }', errors: found },
    { code: 'function f({ signal }) { probe(signal); }', errors: found },
    { code: 'function f({ signal: s = AbortSignal.timeout(10) } = {}) { probe(s); }', errors: found },
    { code: 'function f(options) { const { signal } = options; probe(signal); }', errors: found },
    { code: 'function f(options) { const s = options.signal ?? AbortSignal.timeout(10); probe(s); }', errors: found },
    { code: 'function f(signal) { const s = AbortSignal.any([signal, AbortSignal.timeout(10)]); probe(s); }', errors: found },
    { code: 'function f(signal) { return () => probe(signal); }', errors: found },
    { code: 'class C { constructor(private readonly signal: AbortSignal) {} m() { probe(this.signal); } }', errors: found },
    { code: 'class C { constructor(options) { this.signal = options.signal; } m() { probe(this.signal); } }', errors: found },
    { code: 'class C { #signal; constructor(signal) { this.#signal = signal; } m() { probe(this.#signal); } }', errors: found },
    { code: 'class C { constructor(options) { this.options = options; } m() { probe(this.options.signal); } }', errors: found },
  ],
};

plainTester.run('find-caller-signal (plain)', probe, bothModes);
typedTester.run('find-caller-signal (typed)', probe, bothModes);

typedTester.run('find-caller-signal (typed only)', probe, {
  valid: ['type Notify = (signal: string) => void; const f: Notify = (signal) => probe(signal);'],
  invalid: [
    { code: 'type Run = (url: string, cancel: AbortSignal) => void; const f: Run = (url, cancel) => probe(cancel);', errors: found },
    { code: 'interface Ctx { abort: AbortSignal } function f(ctx: Ctx) { probe(ctx.abort); }', errors: found },
  ],
});
