import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../../src/util/create-rule.js';
import { isSurelyNotPromise, isSurelyNotThenableName } from '../../src/util/is-surely-not-promise.js';
import { plainTester, typedTester } from '../rule-tester.js';

// A probe rule: reports `probe(x)` when syntax alone proves `x` is neither a promise nor an array of
// promises, and `thenable(x)` when it proves the name `x` is no promise. These answers let the rules skip
// the type checker (issue 12 §3), so each must hold whatever types say: a wrong "surely not" loses a report.
const probe = createRule<[], 'surelyNot'>({
  name: 'probe-surely-not-promise',
  meta: {
    type: 'problem',
    docs: { description: 'Reports probe(x) when x is surely not a promise', requiresTypeChecking: false, usesTypeInformation: false },
    messages: { surelyNot: 'surely not a promise' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const argument = node.arguments[0];
        if (node.callee.type !== AST_NODE_TYPES.Identifier || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
        const sure =
          node.callee.name === 'probe'
            ? isSurelyNotPromise(context.sourceCode, argument)
            : node.callee.name === 'thenable' && argument.type === AST_NODE_TYPES.Identifier && isSurelyNotThenableName(context.sourceCode, argument);
        if (sure) context.report({ node, messageId: 'surelyNot' });
      },
    };
  },
});

const found = [{ messageId: 'surelyNot' as const }];

const cases = {
  valid: [
    // Names whose value syntax cannot pin down.
    'async function f() { const p = save(); probe(p); }',
    'function f(x: any) { probe(x); }',
    'function f(x) { probe(x); }',
    'function f(x = undefined) { probe(x); }',
    // `let x = null` leaves `x` open to anything assigned later.
    'let x = null; x = load(); probe(x);',
    // An assertion claims a promise, whatever the literal under it.
    'const v = 1 as unknown as Promise<void>; probe(v);',
    'const v = <Promise<void>>(<unknown>1); probe(v);',
    // Reassigned with a non-primitive declared type.
    'let n = a + b; n = load(); probe(n);',
    // An awaited value may be an array of promises, so only the thenable question is settled.
    'async function f() { const xs = await load(); probe(xs); }',
    // Calls that may return a promise or an array of them.
    'probe(Array.from(items, async (item) => save(item)));',
    'probe(Promise.resolve(1));',
    'class Task { constructor(run) {} } new Task((resolve) => probe(resolve()));',
    'const Promise = MyPromise; new Promise((resolve) => probe(resolve()));',
    'new Promise((resolve, reject, extra) => probe(extra()));',
    // A local that shadows a global.
    'function f(Array) { probe(Array.isArray(x)); }',
    'function f(options: Options) { thenable(options); }',
    // Standard-library receivers whose method may hand out a stored value, or reassigned, shadowed or unknown ones.
    'const cache = new Map(); probe(cache.get(key));',
    'const list = []; probe(list.map(async (x) => x)); probe(list.pop());',
    'let seen = new Set(); seen = other; probe(seen.add(1));',
    'function f(Set) { const seen = new Set(); probe(seen.add(1)); }',
    'class Q { items = new Map(); reset() { this.items = make(); } run() { probe(this.items.set(1, 2)); } }',
    'class Q { items = make(); run() { probe(this.items.set(1, 2)); } }',
    'class Q { static items = new Set(); run() { probe(this.items.add(1)); } }',
    'function f(window) { probe(window.addEventListener("x", g)); }',
    'function f(jobs: Jobs, list: Job[]) { probe(jobs.push(1)); list = other; probe(list.push(1)); }',
    'type Map<K, V> = { set(k: K, v: V): Promise<void> }; function f(index: Map<string, number>) { probe(index.set("a", 1)); }',
    'function f(index: Map<string, Promise<void>>) { probe(index.get("a")); }',
    'probe(window.fetch("/a")); probe(process.stdout.write("x"));',
    // Same-file functions that may return a promise.
    'function load(k) { return k ? fetchIt(k) : null; } probe(load(x));',
    'function wrap(p) { return p as Promise<void>; } probe(wrap(x));',
    'const get = (k) => cache[k]; probe(get(x));',
  ],
  invalid: [
    { code: 'function f(flag: boolean) { probe(flag); }', errors: found },
    { code: 'function f(ids: string[] | undefined) { probe(ids); }', errors: found },
    { code: 'let done = false; done = check(); probe(done);', errors: found },
    { code: 'function f(retries = 3) { probe(retries); }', errors: found },
    { code: 'const label = `#${n}`; probe(label);', errors: found },
    { code: 'const total = a + b; probe(total);', errors: found },
    { code: 'let same = a === b; same = a !== c; probe(same);', errors: found },
    { code: 'new Promise((resolve, reject) => { probe(resolve(1)); probe(reject(new Error("x"))); });', errors: [...found, ...found] },
    { code: 'class A extends B { constructor() { probe(super()); } }', errors: found },
    { code: 'probe(Array.isArray(x));', errors: found },
    { code: 'probe(Error.captureStackTrace(this));', errors: found },
    { code: 'async function f() { const body = await read(); thenable(body); }', errors: found },
    { code: 'function f(flag: boolean) { thenable(flag); }', errors: found },
    { code: 'const seen = new Set(); probe(seen.add(1)); probe(seen.has(1));', errors: [...found, ...found] },
    { code: 'const cache = new WeakMap(); let bytes = new Uint8Array(2); probe(cache.set(k, 1)); probe(bytes.set([1]));', errors: [...found, ...found] },
    { code: 'class Q { #items: Job[] = []; run(job) { probe(this.#items.push(job)); } }', errors: found },
    { code: 'function f(jobs: Job[], ids: string[] = []) { probe(jobs.push(1)); probe(ids.forEach(g)); }', errors: [...found, ...found] },
    { code: 'class Bus { private listeners: Set<() => void> = new Set(); on(f: () => void, seen: ReadonlyMap<string, 1> | Map<string, 1>, ids: readonly number[]) { probe(this.listeners.add(f)); probe(ids.includes(1)); } }', errors: [...found, ...found] },
    { code: 'function f(index: Map<string, Promise<void>>) { probe(index.set("a", p)); probe(index.delete("a")); }', errors: [...found, ...found] },
    { code: 'class Q { private readonly items = new Map(); run() { const go = () => probe(this.items.set(1, 2)); } }', errors: found },
    { code: 'const form = new FormData(); const ids = []; probe(form.append("a", "1")); probe(ids.includes(1));', errors: [...found, ...found] },
    { code: 'probe(window.addEventListener("online", f)); probe(document.removeEventListener("x", f)); probe(process.on("exit", f));', errors: [...found, ...found, ...found] },
    { code: 'function isReady(s) { if (!s) return false; return s.state === "ready"; } probe(isReady(x));', errors: found },
    { code: 'const isOpen = (s) => !s.closed && s.state !== "done"; probe(isOpen(x));', errors: found },
    { code: 'function kind(v) { return v ? typeof v : undefined; } probe(kind(x));', errors: found },
  ],
};

plainTester.run('is-surely-not-promise (plain)', probe, cases);
typedTester.run('is-surely-not-promise (typed)', probe, cases);
