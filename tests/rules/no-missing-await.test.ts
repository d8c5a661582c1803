import type { InvalidTestCase, TestLanguageOptions, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/no-missing-await.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Invalid = InvalidTestCase<MessageId, Options>;
type Valid = string | ValidTestCase<Options>;

// The tester hands languageOptions to ESLint as they are; its type leaves out ESLint's `sourceType`.
const commonjs = { sourceType: 'commonjs' } as unknown as TestLanguageOptions;

const CATCH = '.catch((error) => console.error(error))';

// ---------------------------------------------------------------------------------------------------
// Cases that hold with and without type information.
// ---------------------------------------------------------------------------------------------------

const valid: Valid[] = [
  // Awaited, returned, yielded, voided, handled.
  'async function save() {} async function run() { await save(); }',
  'async function save() {} function run() { return save(); }',
  'async function save() {} async function run() { return await save(); }',
  'async function save() {} function* run() { yield save(); }',
  'async function save() {} void save();',
  'async function save() {} save().catch(() => {});',
  'async function save() {} save().catch(console.error).finally(() => {});',
  'async function save() {} save().then(() => {}, (error) => console.error(error));',
  'async function save() {} async function run() { await Promise.all([save(), save()]); }',
  'async function save() {} Promise.allSettled([save()]).catch(() => {});',
  // Passed on, stored, returned by arrows.
  'async function save() {} declare function use(p: unknown): void; use(save());',
  'async function save() {} const box = { pending: save() }; export { box };',
  'async function save() {} class A { p?: Promise<void>; m() { this.p = save(); } }',
  'async function save() {} export const run = () => save();',
  'async function save() {} async function run() { const p = save(); await p; }',
  'async function save() {} export const p = save();',
  'async function save() {} async function run() { const all = [1, 2].map(async () => save()); await Promise.all(all); }',
  '(async () => { await work(); })().catch(() => {});',
  // Test frameworks: awaited or returned expectations.
  'it("x", async () => { await expect(load()).resolves.toBe(1); });',
  'it("y", () => expect(load()).rejects.toThrow());',
  // Not promises.
  'function save() {} save();',
  'async function* gen() {} gen();',
  '[1, 2].map((x) => x * 2);',
  'declare const items: number[]; items.forEach((x) => console.log(x));',
  'async function save() {} async function run() { for await (const x of stream()) { await save(); } }',
  // Standard-library methods that return no promise, on receivers the file creates (settled without the checker).
  'class Registry {\n  private readonly seen = new Set<string>();\n  #queue: string[] = [];\n  track(key: string) {\n    this.seen.add(key);\n    this.#queue.push(key);\n    window.addEventListener("online", () => this.#queue.forEach((k) => k));\n  }\n}',
  'const params = new URLSearchParams();\nconst bytes = new Uint8Array(4);\nparams.set("a", "1");\nbytes.set([1], 0);',
  // Same-class methods whose written return type is no promise (read from the annotation, not the receiver).
  'class Page {\n  render(): string {\n    return "";\n  }\n  size(): number[] {\n    return [];\n  }\n  refresh() {\n    this.render();\n    this.size();\n  }\n}',
  // A same-file helper whose every return is a comparison or a negation.
  'function isReady(job: { state: string }) {\n  if (!job) return false;\n  return job.state === "ready";\n}\nconst isDone = (job: { state: string }) => !isReady(job) && job.state !== "queued";\ndeclare const job: { state: string };\nif (isReady(job) || isDone(job)) {}',
  // Taking an element out of an array creates none.
  'async function save() {} const queue = [save()]; queue.length;',
  // Self-handling detached tasks.
  'declare function work(): Promise<void>; async function task(ready: boolean) { if (!ready) return; const started = Date.now(); try { await work(); } catch (error) { console.error(error, started); } } task(true);',
  'declare function work(): Promise<void>; async function task() { await work().catch((error) => console.error(error)); } task();',
  'declare function work(): Promise<void>; function task() { return work().catch(() => undefined); } task();',
  'declare function work(): Promise<void>; const task = () => work().then(() => {}, (error) => console.error(error)); task();',
  'declare function work(): Promise<void>; (async () => { if (!process.env.SYNC) return; try { await work(); } catch (error) { console.error(error); } })();',
  'declare function work(): Promise<void>; async function loop() { try { await work(); } catch (error) { console.error(error); } } async function start() { await loop(); } start();',
  'declare function work(): Promise<void>; class Sync { async loop() { try { await work(); } catch (error) { this.log(error); } } log(e: unknown) {} start() { return this.loop(); } run() { this.start(); } }',
  'declare function work(): Promise<void>; async function task() { try { await work(); } catch (error) { console.error(error); } } task().then(() => console.log("synced"));',
  'declare function work(): Promise<void>; async function task() { try { await work(); } catch (error) { try { await fetch("/report"); } catch { /* best effort */ } } } task();',
  'declare function finished(stream: unknown): Promise<void>; async function endWhenDone(source: { end(): void }) { try { await finished(source); } catch {} source.end(); } endWhenDone({ end() {} });',
  'declare function work(): Promise<void>; async function safeWait() { try { await work(); } catch {} } async function task() { try { await work(); } catch (error) { await safeWait(); console.error(error); } } task();',
  'declare function work(): Promise<void>; async function kill() { try { await work(); } catch {} } async function schedule(force: boolean) { if (force) { kill(); } } schedule(true);',
  'declare function work(): Promise<void>; async function connect(socket: { join(room: string): void; uid: number }) { try { await work(); } catch { return; } socket.join("a"); socket.join(`u${socket.uid}`); } connect({ join() {}, uid: 1 });',
  'declare function work(): Promise<void>; async function loop(ready: boolean) { if (!ready) throw new Error("not ready"); try { await work(); } catch (error) { console.error(error); } let retries = 0; try { await work(); } catch { retries++; } console.log(retries); } loop(true);',
  'declare function work(): Promise<void>; class Worker { done = Promise.resolve(); release() { return this.done; } async loop() { try { await work(); } catch { this.release(); } } start() { this.loop(); } }',
  // A catch that only waits for a promise that cannot reject (a stderr write) before it exits.
  'declare function runJob(): Promise<void>; (async () => { try { await runJob(); process.exit(0); } catch (error) { await new Promise((resolve) => process.stderr.write(String(error), resolve)); process.exit(1); } })();',
  // Waiting for tasks that each catch their own failure: the combined promise cannot reject.
  'declare function download(id: string): Promise<string>; async function downloadAll(ids: string[]) { const done: string[] = []; const failed: string[] = []; await Promise.all(ids.map(async (id) => { try { done.push(await download(id)); } catch { failed.push(id); } })); return { done, failed }; } downloadAll(["a"]).then(({ failed }) => console.log(failed));',
  'declare function work(): Promise<void>; async function quiet() { try { await work(); } catch {} } async function both() { await Promise.all([quiet(), quiet()]); } both();',
  // A function whose only await is of a self-handling task, followed by synchronous work.
  'declare function loadLocale(code: string): Promise<void>; async function switchLocale(code: string) { try { await loadLocale(code); } catch (error) { console.warn(error); } } async function applyLocale(view: { render(): void }, code: string) { await switchLocale(code); view.render(); } applyLocale({ render() {} }, "fr");',
  // Promises that cannot reject.
  'async function save() {} Promise.allSettled([save()]);',
  'new Promise((resolve) => setTimeout(resolve, 10));',
  'function sleep(ms: number) { return new Promise<void>((resolve) => setTimeout(resolve, ms)); } sleep(10);',
  'function sleep(ms: number) { return new Promise<void>((resolve) => setTimeout(resolve, ms)); } async function pause() { await sleep(5); } pause();',
  'function sleep(ms: number) { return new Promise<void>((resolve) => setTimeout(resolve, ms)); } let ready = false; sleep(10).then(() => { ready = true; });',
  // A stored drain promise whose async executor only resolves, closed by a callback that swallows its own error.
  'declare const pending: Promise<void>[]; declare const output: { close(): void }; const drained: Promise<void> = new Promise(async (resolve) => { while (pending.length > 0) await pending.shift(); resolve(); }); drained.finally(() => { try { output.close(); } catch { /* closed already */ } });',
  // A call that hands out the promise the object already holds.
  'async function run() {} const running = run(); function whenDone() { return Promise.resolve(running); } whenDone();',
  'class Connection { connecting?: Promise<void>; async open() {} ready() { if (!this.connecting) this.connecting = this.open(); return this.connecting; } use() { this.ready(); } }',
  // An inner helper that returns the field through the method's `const self = this`.
  'class Batch { promise = new Promise<void>(() => {}); run(): Promise<void> { const self = this; function flush(): Promise<void> { return self.promise; } flush(); return this.promise; } }',
  // `Promise.resolve()` of nothing or of a literal: only a thenable could make it reject.
  'Promise.resolve(); Promise.resolve(0); Promise.resolve("ready"); Promise.resolve(-1); Promise.resolve(`done`);',
  // Test frameworks: the runner awaits what they return.
  'import { test } from "node:test"; test("a", async (t) => { t.test("b", async () => {}); });',
  'import { describe, it } from "vitest"; describe("x", () => { it("y", async () => {}); });',
  // Type tests (vitest typecheck, tsd) are only type-checked, never run.
  { code: 'async function generate() {} generate();', filename: fixture('modules/typecheck.test-d.ts') },
  'const { describe, it } = require("mocha"); describe("x", () => { it.only("y", async () => {}); });',
  // Both sides handled: nothing floats and the left side is not a question.
  'async function a() {} async function b() {} a().catch(() => {}) || b().then(() => {}, () => {});',
  'async function task() { try { await work(); } catch (error) { console.error(error); } } task();',
  '(async () => { try { await work(); } catch (error) { console.error(error); } })();',
  'class Sync { async loop() { try { await this.step(); } catch (error) { this.log(error); } } async step() {} log(e: unknown) {} start() { this.loop(); } }',
  'const task = async () => { try { await work(); } catch { /* ignored on purpose */ } finally { done(); } }; task();',
  // An async function that awaits nothing, throws nothing itself and returns no promise has done its
  // work when the call returns: only an unexpected exception could reject it, as it would throw uncaught
  // from the same body without `async`.
  'declare const pool: Set<{ terminate(): void }>; async function clearPool() { for (const worker of pool) worker.terminate(); pool.clear(); } function onError() { clearPool(); }',
  'declare function setMode(mode: string): void; const submit = async (event?: { preventDefault(): void }) => { event?.preventDefault(); if (!event) return; setMode("view"); }; const onClose = () => { submit(); };',
  'class Panel { open = false; async toggle() { this.open = !this.open; return { open: this.open }; } onClick() { this.toggle(); } }',
  'const state: { value: unknown } = { value: null }; async function load(text: string) { try { state.value = JSON.parse(text); } catch { state.value = null; } } load("{}");',
  // `.finally()` on a `const` holding a handled chain is that handled chain spelled in two steps.
  'async function refresh() {} const inFlight = new Map<string, Promise<void>>(); function schedule(key: string) { const run = refresh().catch((error) => console.error(error)); inFlight.set(key, run); run.finally(() => { if (inFlight.get(key) === run) inFlight.delete(key); }); }',
  // Promise.all over a `const` read only there, holding tasks that each handle their own errors.
  'declare const subscribers: Set<(event: string) => Promise<void>>; async function broadcast(event: string) { if (subscribers.size === 0) return; const promises = Array.from(subscribers).map(async (send) => { try { await send(event); } catch (error) { console.error(error); subscribers.delete(send); } }); await Promise.all(promises); } broadcast("show");',
  // Dual callback/promise API called with a callback.
  'function get(key: string, cb?: (error: Error | null) => void): Promise<void> { return go(key, cb); } get("k", (error) => {});',
  // Options.
  { code: 'async function logEvent() {} logEvent();', options: [{ allow: ['logEvent'] }] },
  { code: 'async function logEvent() {} logEvent().then(() => 1);', options: [{ allow: ['logEvent'] }] },
  { code: 'const analytics = { async track() {} }; analytics.track();', options: [{ allow: ['analytics.track'] }] },
  {
    code: 'import { writeFile } from "node:fs/promises"; writeFile("a", "b");',
    options: [{ allow: [{ from: 'fs/promises', name: 'writeFile' }] }],
  },
  // Conditions that are not always a promise.
  'async function isAllowed() { return true; } async function run() { if (await isAllowed()) {} }',
  'function isAllowed() { return true; } if (isAllowed()) {}',
  'declare function cached(): Promise<number> | undefined; if (cached()) {}',
  'declare const pending: Promise<void> | undefined; if (pending) {}',
  // Weird but valid syntax must not crash.
  'label: for (;;) { break label; }',
  'declare const a: any; a?.b?.(); (0, eval)("x"); new (class {})(); a[Symbol.iterator](); a`x`;',
  'class A { #x() {} m() { this.#x(); } static { init(); } accessor y = 1; }',
  'if (a) ; else ;',
  'do ; while (0);',
  '"use strict"; ;',
  'export default async function () {}',
  'enum E { A } namespace N { export const x = 1; } declare module "m" {}',
  '@dec class D { @dec m() {} }',
  'async function save() {} const [a, b] = [save(), save()]; export { a, b };',
  'for (const x in {}) ; for (;;) break;',
  'async function run() { using res = open(); await using other = open(); }',
];

const invalid: Invalid[] = [
  // The close callback is not guarded: if it throws, the chain rejects.
  {
    code: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise(async (resolve) => { while (pending.length > 0) await pending.shift(); resolve(); });\ndrained.finally(() => output.close());',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise(async (resolve) => { while (pending.length > 0) await pending.shift(); resolve(); });\nawait drained.finally(() => output.close());' },
          { messageId: 'addVoid', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise(async (resolve) => { while (pending.length > 0) await pending.shift(); resolve(); });\nvoid drained.finally(() => output.close());' },
          { messageId: 'addCatch', output: `declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise(async (resolve) => { while (pending.length > 0) await pending.shift(); resolve(); });\ndrained.finally(() => output.close())${CATCH};` },
        ],
      },
    ],
  },
  // The executor can reject.
  {
    code: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve, reject) => { Promise.all(pending).then(() => resolve(), reject); });\ndrained.finally(() => { try { output.close(); } catch {} });',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve, reject) => { Promise.all(pending).then(() => resolve(), reject); });\nawait drained.finally(() => { try { output.close(); } catch {} });' },
          { messageId: 'addVoid', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve, reject) => { Promise.all(pending).then(() => resolve(), reject); });\nvoid drained.finally(() => { try { output.close(); } catch {} });' },
          { messageId: 'addCatch', output: `declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve, reject) => { Promise.all(pending).then(() => resolve(), reject); });\ndrained.finally(() => { try { output.close(); } catch {} })${CATCH};` },
        ],
      },
    ],
  },
  // A value returned from the guarded block may be a promise that rejects.
  {
    code: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve) => { setTimeout(resolve, 10); });\ndrained.then(() => { try { return pending[0]; } catch {} });',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve) => { setTimeout(resolve, 10); });\nawait drained.then(() => { try { return pending[0]; } catch {} });' },
          { messageId: 'addVoid', output: 'declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve) => { setTimeout(resolve, 10); });\nvoid drained.then(() => { try { return pending[0]; } catch {} });' },
          { messageId: 'addCatch', output: `declare const pending: Promise<void>[]; declare const output: { close(): void };\nconst drained: Promise<void> = new Promise((resolve) => { setTimeout(resolve, 10); });\ndrained.then(() => { try { return pending[0]; } catch {} })${CATCH};` },
        ],
      },
    ],
  },
  // `Promise.resolve(value)` adopts a thenable, which may reject.
  {
    code: 'function settle(value: unknown) {\n  Promise.resolve(value);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function settle(value: unknown) {\n  void Promise.resolve(value);\n}' },
          { messageId: 'addCatch', output: `function settle(value: unknown) {\n  Promise.resolve(value)${CATCH};\n}` },
        ],
      },
    ],
  },
  // The callee's own `self` hides the method's alias of `this`.
  {
    code: 'declare const other: { promise: Promise<void> };\nclass Batch {\n  promise = new Promise<void>(() => {});\n  run() {\n    const self = this;\n    function flush(): Promise<void> { const self = other; return self.promise; }\n    flush();\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 7,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'declare const other: { promise: Promise<void> };\nclass Batch {\n  promise = new Promise<void>(() => {});\n  run() {\n    const self = this;\n    function flush(): Promise<void> { const self = other; return self.promise; }\n    void flush();\n  }\n}' },
          { messageId: 'addCatch', output: `declare const other: { promise: Promise<void> };\nclass Batch {\n  promise = new Promise<void>(() => {});\n  run() {\n    const self = this;\n    function flush(): Promise<void> { const self = other; return self.promise; }\n    flush()${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // The alias is another object's, not the method's `this`: its promise is not held here.
  {
    code: 'declare const other: { promise: Promise<void> };\nclass Batch {\n  run() {\n    const self = other;\n    function flush(): Promise<void> { return self.promise; }\n    flush();\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 6,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'declare const other: { promise: Promise<void> };\nclass Batch {\n  run() {\n    const self = other;\n    function flush(): Promise<void> { return self.promise; }\n    void flush();\n  }\n}' },
          { messageId: 'addCatch', output: `declare const other: { promise: Promise<void> };\nclass Batch {\n  run() {\n    const self = other;\n    function flush(): Promise<void> { return self.promise; }\n    flush()${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // Autofix: a statement in the body of an async function.
  {
    code: 'async function save() {}\nasync function run() {\n  save();\n}',
    options: [{ autofix: true }],
    output: 'async function save() {}\nasync function run() {\n  await save();\n}',
    errors: [
      {
        messageId: 'floating',
        data: { name: 'save()' },
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', data: { name: 'save()' }, output: 'async function save() {}\nasync function run() {\n  void save();\n}' },
          { messageId: 'addCatch', data: { name: 'save()' }, output: `async function save() {}\nasync function run() {\n  save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // autofix: false turns the fix into a suggestion.
  {
    code: 'async function save() {}\nasync function run() {\n  save();\n}',
    options: [{ autofix: false }],
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  await save();\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run() {\n  void save();\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // A plain function: no await possible.
  {
    code: 'async function save() {}\nfunction run() {\n  if (ready) save();\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 14,
        suggestions: [
          { messageId: 'addVoid', output: 'async function save() {}\nfunction run() {\n  if (ready) void save();\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nfunction run() {\n  if (ready) save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // Async arrows.
  {
    code: 'const save = async () => {};\nconst run = async () => {\n  save();\n};',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'const save = async () => {};\nconst run = async () => {\n  await save();\n};' },
          { messageId: 'addVoid', output: 'const save = async () => {};\nconst run = async () => {\n  void save();\n};' },
          { messageId: 'addCatch', output: `const save = async () => {};\nconst run = async () => {\n  save()${CATCH};\n};` },
        ],
      },
    ],
  },
  // Class fields holding async arrows.
  {
    code: 'class Repo {\n  save = async () => {};\n  run = async () => {\n    this.save();\n  };\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'this.save()' },
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'addAwait', output: 'class Repo {\n  save = async () => {};\n  run = async () => {\n    await this.save();\n  };\n}' },
          { messageId: 'addVoid', output: 'class Repo {\n  save = async () => {};\n  run = async () => {\n    void this.save();\n  };\n}' },
          { messageId: 'addCatch', output: `class Repo {\n  save = async () => {};\n  run = async () => {\n    this.save()${CATCH};\n  };\n}` },
        ],
      },
    ],
  },
  // An instance of a class declared in the file, at module level (top-level await is possible).
  {
    code: 'class Repo { async save() {} }\nconst repo = new Repo();\nrepo.save();',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'repo.save()' },
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'class Repo { async save() {} }\nconst repo = new Repo();\nawait repo.save();' },
          { messageId: 'addVoid', output: 'class Repo { async save() {} }\nconst repo = new Repo();\nvoid repo.save();' },
          { messageId: 'addCatch', output: `class Repo { async save() {} }\nconst repo = new Repo();\nrepo.save()${CATCH};` },
        ],
      },
    ],
  },
  // Optional calls.
  {
    code: 'class Repo { async save() {} }\nasync function run(repo?: Repo) {\n  repo?.save();\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'class Repo { async save() {} }\nasync function run(repo?: Repo) {\n  await repo?.save();\n}' },
          { messageId: 'addVoid', output: 'class Repo { async save() {} }\nasync function run(repo?: Repo) {\n  void repo?.save();\n}' },
          { messageId: 'addCatch', output: `class Repo { async save() {} }\nasync function run(repo?: Repo) {\n  repo?.save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // `.then(onFulfilled)` has no rejection handler.
  {
    code: 'function load() {\n  fetch("/a").then((response) => response.json());\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'fetch("/a").then()' },
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function load() {\n  void fetch("/a").then((response) => response.json());\n}' },
          { messageId: 'addCatch', output: `function load() {\n  fetch("/a").then((response) => response.json())${CATCH};\n}` },
        ],
      },
    ],
  },
  // `.finally(fn)` passes the rejection on.
  {
    code: 'async function run() {\n  fetch("/a").finally(() => done());\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'async function run() {\n  await fetch("/a").finally(() => done());\n}' },
          { messageId: 'addVoid', output: 'async function run() {\n  void fetch("/a").finally(() => done());\n}' },
          { messageId: 'addCatch', output: `async function run() {\n  fetch("/a").finally(() => done())${CATCH};\n}` },
        ],
      },
    ],
  },
  // `.catch()` without a handler and `.then(f, undefined)` handle nothing.
  {
    code: 'function run() {\n  fetch("/a").catch();\n  fetch("/b").then(use, undefined);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function run() {\n  void fetch("/a").catch();\n  fetch("/b").then(use, undefined);\n}' },
          { messageId: 'addCatch', output: `function run() {\n  fetch("/a").catch()${CATCH};\n  fetch("/b").then(use, undefined);\n}` },
        ],
      },
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function run() {\n  fetch("/a").catch();\n  void fetch("/b").then(use, undefined);\n}' },
          { messageId: 'addCatch', output: `function run() {\n  fetch("/a").catch();\n  fetch("/b").then(use, undefined)${CATCH};\n}` },
        ],
      },
    ],
  },
  // Promise statics and the constructor.
  {
    code: 'function run() {\n  Promise.all([fetch("/a"), fetch("/b")]);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'Promise.all()' },
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function run() {\n  void Promise.all([fetch("/a"), fetch("/b")]);\n}' },
          { messageId: 'addCatch', output: `function run() {\n  Promise.all([fetch("/a"), fetch("/b")])${CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'function wait() {\n  new Promise((resolve, reject) => setTimeout(reject, 10));\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'new Promise()' },
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function wait() {\n  void new Promise((resolve, reject) => setTimeout(reject, 10));\n}' },
          { messageId: 'addCatch', output: `function wait() {\n  new Promise((resolve, reject) => setTimeout(reject, 10))${CATCH};\n}` },
        ],
      },
    ],
  },
  // Logical and ternary statements: the fix goes on the promise itself.
  {
    code: 'async function save() {}\nasync function run(ok: boolean) {\n  ok && save();\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run(ok: boolean) {\n  ok && await save();\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run(ok: boolean) {\n  ok && void save();\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run(ok: boolean) {\n  ok && save()${CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'async function save() {}\nfunction run(ok: boolean) {\n  ok ? save() : undefined;\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 8,
        suggestions: [
          { messageId: 'addVoid', output: 'async function save() {}\nfunction run(ok: boolean) {\n  ok ? void save() : undefined;\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nfunction run(ok: boolean) {\n  ok ? save()${CATCH} : undefined;\n}` },
        ],
      },
    ],
  },
  // Sequence expressions.
  {
    code: 'async function save() {}\nasync function run() {\n  (log(), save());\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 11,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  (log(), await save());\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run() {\n  (log(), void save());\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  (log(), save()${CATCH});\n}` },
        ],
      },
    ],
  },
  // Parentheses around a cast stay correct.
  {
    code: 'async function save() {}\nasync function run() {\n  (save() as Promise<void>);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 4,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  (await (save() as Promise<void>));\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run() {\n  (void (save() as Promise<void>));\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  ((save() as Promise<void>)${CATCH});\n}` },
        ],
      },
    ],
  },
  // Comments next to the fix are kept.
  {
    code: 'async function save(id: number) {}\nasync function run() {\n  /* keep */ save(/* id */ 1); // trailing\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 14,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save(id: number) {}\nasync function run() {\n  /* keep */ await save(/* id */ 1); // trailing\n}' },
          { messageId: 'addVoid', output: 'async function save(id: number) {}\nasync function run() {\n  /* keep */ void save(/* id */ 1); // trailing\n}' },
          { messageId: 'addCatch', output: `async function save(id: number) {}\nasync function run() {\n  /* keep */ save(/* id */ 1)${CATCH}; // trailing\n}` },
        ],
      },
    ],
  },
  // Promises in conditions are always truthy.
  {
    code: 'async function isAllowed(user: string) { return user === "root"; }\nasync function run(user: string) {\n  if (!isAllowed(user)) return;\n}',
    output: null,
    errors: [
      {
        messageId: 'conditionPromise',
        data: { name: 'isAllowed()' },
        line: 3,
        column: 8,
        suggestions: [
          {
            messageId: 'addAwait',
            output: 'async function isAllowed(user: string) { return user === "root"; }\nasync function run(user: string) {\n  if (!await isAllowed(user)) return;\n}',
          },
        ],
      },
    ],
  },
  {
    code: 'async function isReady() { return true; }\nfunction poll() {\n  while (isReady() && more) step();\n}',
    output: null,
    errors: [{ messageId: 'conditionPromise', line: 3, column: 10, suggestions: [] }],
  },
  {
    code: 'async function isAllowed() { return true; }\nconst label = isAllowed() ? "yes" : "no";',
    output: null,
    errors: [
      {
        messageId: 'conditionPromise',
        line: 2,
        column: 15,
        suggestions: [{ messageId: 'addAwait', output: 'async function isAllowed() { return true; }\nconst label = await isAllowed() ? "yes" : "no";' }],
      },
    ],
  },
  {
    code: 'async function isAllowed() { return true; }\nfunction run() {\n  isAllowed() && go();\n}',
    output: null,
    errors: [{ messageId: 'conditionPromise', line: 3, column: 3, suggestions: [] }],
  },
  // An overloaded method: the overload the call picks decides, not the first signature's written type alone.
  {
    code: 'class Api {\n  get(id: string): Promise<string>;\n  get(id: number): string;\n  get(id: string | number): Promise<string> | string {\n    return typeof id === "number" ? String(id) : Promise.resolve(id);\n  }\n  run() {\n    this.get("a");\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'this.get()' },
        line: 8,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'class Api {\n  get(id: string): Promise<string>;\n  get(id: number): string;\n  get(id: string | number): Promise<string> | string {\n    return typeof id === "number" ? String(id) : Promise.resolve(id);\n  }\n  run() {\n    void this.get("a");\n  }\n}' },
          { messageId: 'addCatch', output: `class Api {\n  get(id: string): Promise<string>;\n  get(id: number): string;\n  get(id: string | number): Promise<string> | string {\n    return typeof id === "number" ? String(id) : Promise.resolve(id);\n  }\n  run() {\n    this.get("a")${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // A method named like a standard one (`set`) on an object of the file is not the standard one.
  {
    code: 'const store = {\n  async set(key: string) {},\n};\nfunction save() {\n  store.set("a");\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'store.set()' },
        line: 5,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'const store = {\n  async set(key: string) {},\n};\nfunction save() {\n  void store.set("a");\n}' },
          { messageId: 'addCatch', output: `const store = {\n  async set(key: string) {},\n};\nfunction save() {\n  store.set("a")${CATCH};\n}` },
        ],
      },
    ],
  },
  // A promise kept in a variable that nothing reads.
  {
    code: 'async function save() {}\nasync function run() {\n  const pending = save();\n}',
    output: null,
    errors: [
      {
        messageId: 'unusedVariable',
        data: { variable: 'pending', name: 'save()' },
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'awaitDeclaration', output: 'async function save() {}\nasync function run() {\n  const pending = await save();\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  const pending = save()${CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'async function save() {}\nfunction run() {\n  let pending = save();\n  pending = save();\n}',
    output: null,
    errors: [
      {
        messageId: 'unusedVariable',
        line: 3,
        column: 7,
        suggestions: [{ messageId: 'addCatch', output: `async function save() {}\nfunction run() {\n  let pending = save()${CATCH};\n  pending = save();\n}` }],
      },
    ],
  },
  // Arrays of promises.
  {
    code: 'async function save(x: number) {}\nasync function run(items: number[]) {\n  items.map(async (item) => {\n    await save(item);\n  });\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingArray',
        data: { name: 'items.map()' },
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'awaitAll',
            output: 'async function save(x: number) {}\nasync function run(items: number[]) {\n  await Promise.all(items.map(async (item) => {\n    await save(item);\n  }));\n}',
          },
          {
            messageId: 'catchAll',
            output: `async function save(x: number) {}\nasync function run(items: number[]) {\n  Promise.all(items.map(async (item) => {\n    await save(item);\n  }))${CATCH};\n}`,
          },
        ],
      },
    ],
  },
  {
    code: 'async function save(x: number) {}\nfunction run() {\n  [save(1), save(2)];\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingArray',
        data: { name: '[save(), …]' },
        line: 3,
        column: 3,
        suggestions: [{ messageId: 'catchAll', output: `async function save(x: number) {}\nfunction run() {\n  Promise.all([save(1), save(2)])${CATCH};\n}` }],
      },
    ],
  },
  // `.finally()` on a `const` whose chain has no handler passes the rejection on.
  {
    code: 'async function refresh() {}\nconst run = refresh().then(() => 1);\nrun.finally(() => {});',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'async function refresh() {}\nconst run = refresh().then(() => 1);\nawait run.finally(() => {});' },
          { messageId: 'addVoid', output: 'async function refresh() {}\nconst run = refresh().then(() => 1);\nvoid run.finally(() => {});' },
          { messageId: 'addCatch', output: `async function refresh() {}\nconst run = refresh().then(() => 1);\nrun.finally(() => {})${CATCH};` },
        ],
      },
    ],
  },
  // In a try block: the catch cannot see the rejection.
  // Also for an async callee that does its work before returning: without `async` the catch would see its throw.
  {
    code: 'declare const cache: Map<string, string>;\nasync function reset() { cache.clear(); }\nfunction run() {\n  try {\n    reset();\n  } catch (error) {\n    report(error);\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingInTry',
        line: 5,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'declare const cache: Map<string, string>;\nasync function reset() { cache.clear(); }\nfunction run() {\n  try {\n    void reset();\n  } catch (error) {\n    report(error);\n  }\n}' },
          { messageId: 'addCatch', output: `declare const cache: Map<string, string>;\nasync function reset() { cache.clear(); }\nfunction run() {\n  try {\n    reset()${CATCH};\n  } catch (error) {\n    report(error);\n  }\n}` },
        ],
      },
    ],
  },
  {
    code: 'async function save() {}\nasync function run() {\n  try {\n    save();\n  } catch (error) {\n    report(error);\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingInTry',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  try {\n    await save();\n  } catch (error) {\n    report(error);\n  }\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run() {\n  try {\n    void save();\n  } catch (error) {\n    report(error);\n  }\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  try {\n    save()${CATCH};\n  } catch (error) {\n    report(error);\n  }\n}` },
        ],
      },
    ],
  },
  // Loops: a suggestion, because awaiting there serialises the work.
  {
    code: 'async function save(x: number) {}\nasync function run(items: number[]) {\n  for (const item of items) {\n    save(item);\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save(x: number) {}\nasync function run(items: number[]) {\n  for (const item of items) {\n    await save(item);\n  }\n}' },
          { messageId: 'addVoid', output: 'async function save(x: number) {}\nasync function run(items: number[]) {\n  for (const item of items) {\n    void save(item);\n  }\n}' },
          { messageId: 'addCatch', output: `async function save(x: number) {}\nasync function run(items: number[]) {\n  for (const item of items) {\n    save(item)${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // `for await` bodies are loops too.
  {
    code: 'async function save(x: unknown) {}\nasync function run(stream: AsyncIterable<string>) {\n  for await (const chunk of stream) save(chunk);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 37,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save(x: unknown) {}\nasync function run(stream: AsyncIterable<string>) {\n  for await (const chunk of stream) await save(chunk);\n}' },
          { messageId: 'addVoid', output: 'async function save(x: unknown) {}\nasync function run(stream: AsyncIterable<string>) {\n  for await (const chunk of stream) void save(chunk);\n}' },
          { messageId: 'addCatch', output: `async function save(x: unknown) {}\nasync function run(stream: AsyncIterable<string>) {\n  for await (const chunk of stream) save(chunk)${CATCH};\n}` },
        ],
      },
    ],
  },
  // Async callbacks: a suggestion, the caller does not wait for the callback anyway.
  {
    code: 'async function save(x: number) {}\nfunction run(items: number[]) {\n  items.forEach(async (item) => {\n    save(item);\n  });\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save(x: number) {}\nfunction run(items: number[]) {\n  items.forEach(async (item) => {\n    await save(item);\n  });\n}' },
          { messageId: 'addVoid', output: 'async function save(x: number) {}\nfunction run(items: number[]) {\n  items.forEach(async (item) => {\n    void save(item);\n  });\n}' },
          { messageId: 'addCatch', output: `async function save(x: number) {}\nfunction run(items: number[]) {\n  items.forEach(async (item) => {\n    save(item)${CATCH};\n  });\n}` },
        ],
      },
    ],
  },
  // A pump with try/finally but no catch is not self-handling.
  {
    code: 'class Worker {\n  running = false;\n  async pump() {\n    try {\n      await this.step();\n    } finally {\n      this.running = false;\n    }\n  }\n  async step() {}\n  start() {\n    this.pump();\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'this.pump()' },
        line: 12,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'class Worker {\n  running = false;\n  async pump() {\n    try {\n      await this.step();\n    } finally {\n      this.running = false;\n    }\n  }\n  async step() {}\n  start() {\n    void this.pump();\n  }\n}' },
          { messageId: 'addCatch', output: `class Worker {\n  running = false;\n  async pump() {\n    try {\n      await this.step();\n    } finally {\n      this.running = false;\n    }\n  }\n  async step() {}\n  start() {\n    this.pump()${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // Stubs, empty tries and rethrowing catches are not self-handling either.
  ...[
    'async function task() {}',
    'async function task() { try {} catch {} }',
    'async function task() { try { await work(); } catch (error) { throw error; } }',
    'async function task() { try { await work(); } catch (error) { await report(error); } }',
    'async function task() { try { await work(); } catch (error) { void fetch("/report"); } }',
    // Promise.all rejects when one task does, and a throw after a safe await rejects the function.
    'async function task() { await Promise.all([1, 2].map(async (n) => work())); }',
    'async function quiet() { try { await work(); } catch {} } async function task() { await Promise.all([quiet(), work()]); }',
    'async function quiet() { try { await work(); } catch {} } async function task() { await quiet(); throw new Error("after"); }',
    'async function task() { try { await work(); } catch (error) { await new Promise((resolve, reject) => setTimeout(reject, 10)); } }',
    // An async function that awaits nothing still floats work when it throws on purpose, returns a
    // promise it starts, or a value nobody can tell is none.
    'async function task() { if (!ready) throw new Error("not ready"); ready.mark(); }',
    'async function task() { try { ready.mark(); } catch (error) { throw error; } }',
    'async function task() { ready.mark(); return work(); }',
    'async function task() { const pending = work(); return pending; }',
    'async function task() { ready.mark(); for await (const item of items) use(item); }',
    // The list of self-handling tasks is used elsewhere too: something else may be in it.
    'async function task() { const promises = [1, 2].map(async (n) => { try { await work(); } catch {} }); promises.push(work()); await Promise.all(promises); }',
  ].map(
    (declaration): Invalid => ({
      code: `${declaration}\ntask();`,
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addAwait', output: `${declaration}\nawait task();` },
            { messageId: 'addVoid', output: `${declaration}\nvoid task();` },
            { messageId: 'addCatch', output: `${declaration}\ntask()${CATCH};` },
          ],
        },
      ],
    }),
  ),
  // allowVoid: false reports `void` too.
  {
    code: 'async function save() {}\nfunction run() {\n  void save();\n}',
    options: [{ allowVoid: false }],
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 8,
        suggestions: [{ messageId: 'addCatch', output: `async function save() {}\nfunction run() {\n  void save()${CATCH};\n}` }],
      },
    ],
  },
  {
    code: 'async function save() {}\nasync function run() {\n  void save();\n}',
    options: [{ allowVoid: false }],
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 8,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  await save();\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  void save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // An allow entry covers only its callee.
  {
    code: 'async function logEvent() {}\nasync function save() {}\nfunction run() {\n  logEvent();\n  save();\n}',
    options: [{ allow: ['logEvent'] }],
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 5,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'async function logEvent() {}\nasync function save() {}\nfunction run() {\n  logEvent();\n  void save();\n}' },
          { messageId: 'addCatch', output: `async function logEvent() {}\nasync function save() {}\nfunction run() {\n  logEvent();\n  save()${CATCH};\n}` },
        ],
      },
    ],
  },
  // A self-handling task or a promise that cannot reject still loses its work when the process ends
  // (or a serverless handler returns) right after.
  {
    code: 'declare function work(): Promise<void>;\nasync function task() { try { await work(); } catch (error) { console.error(error); } }\nfunction main() {\n  task();\n  process.exit(0);\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'task()' },
        line: 4,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'declare function work(): Promise<void>;\nasync function task() { try { await work(); } catch (error) { console.error(error); } }\nfunction main() {\n  void task();\n  process.exit(0);\n}' },
          { messageId: 'addCatch', output: `declare function work(): Promise<void>;\nasync function task() { try { await work(); } catch (error) { console.error(error); } }\nfunction main() {\n  task()${CATCH};\n  process.exit(0);\n}` },
        ],
      },
    ],
  },
  {
    code: 'async function save() {}\nexport const handler = async () => {\n  Promise.allSettled([save()]);\n  return { statusCode: 200 };\n};',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'Promise.allSettled()' },
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nexport const handler = async () => {\n  await Promise.allSettled([save()]);\n  return { statusCode: 200 };\n};' },
          { messageId: 'addVoid', output: 'async function save() {}\nexport const handler = async () => {\n  void Promise.allSettled([save()]);\n  return { statusCode: 200 };\n};' },
          { messageId: 'addCatch', output: `async function save() {}\nexport const handler = async () => {\n  Promise.allSettled([save()])${CATCH};\n  return { statusCode: 200 };\n};` },
        ],
      },
    ],
  },
  // Not self-handling: a guard that returns a promise, a `try` that returns one without awaiting it,
  // a handler that rethrows.
  ...[
    'async function work() {}\nasync function task(cached: boolean) { if (cached) return work(); try { await work(); } catch {} }',
    'async function work() {}\nasync function task() { try { return work(); } catch {} }',
    'async function work() {}\nfunction task(): Promise<void> { return work().catch((error) => { throw error; }); }',
  ].map(
    (declaration): Invalid => ({
      code: `${declaration}\nfunction run() {\n  task(true);\n}`,
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: `${declaration}\nfunction run() {\n  void task(true);\n}` },
            { messageId: 'addCatch', output: `${declaration}\nfunction run() {\n  task(true)${CATCH};\n}` },
          ],
        },
      ],
    }),
  ),
  // An `await` outside the swallowing `try` can reject.
  {
    code: 'async function work() {}\nasync function task(socket: { join(room: string): void; uid: number }) { try { await work(); } catch { return; } socket.join("a"); await work(); }\nfunction run() {\n  task({ join() {}, uid: 1 });\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'async function work() {}\nasync function task(socket: { join(room: string): void; uid: number }) { try { await work(); } catch { return; } socket.join("a"); await work(); }\nfunction run() {\n  void task({ join() {}, uid: 1 });\n}' },
          { messageId: 'addCatch', output: `async function work() {}\nasync function task(socket: { join(room: string): void; uid: number }) { try { await work(); } catch { return; } socket.join("a"); await work(); }\nfunction run() {\n  task({ join() {}, uid: 1 })${CATCH};\n}` },
        ],
      },
    ],
  },
  // A bare promise as a statement does nothing with it.
  {
    code: 'async function save() {}\nasync function run() {\n  const pending = save();\n  pending;\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingValue',
        data: { name: 'pending' },
        line: 4,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'async function save() {}\nasync function run() {\n  const pending = save();\n  await pending;\n}' },
          { messageId: 'addVoid', output: 'async function save() {}\nasync function run() {\n  const pending = save();\n  void pending;\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nasync function run() {\n  const pending = save();\n  pending${CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'declare const value: unknown;\nfunction run() {\n  (value as Promise<void>);\n}',
    output: null,
    errors: [
      {
        messageId: 'floatingValue',
        data: { name: 'value' },
        line: 3,
        column: 4,
        suggestions: [
          { messageId: 'addVoid', output: 'declare const value: unknown;\nfunction run() {\n  (void (value as Promise<void>));\n}' },
          { messageId: 'addCatch', output: `declare const value: unknown;\nfunction run() {\n  ((value as Promise<void>)${CATCH});\n}` },
        ],
      },
    ],
  },
  // `await` on an array of promises waits for none of them.
  {
    code: 'async function run(items: number[]) {\n  await items.map(async (item) => item);\n}',
    output: null,
    errors: [
      {
        messageId: 'awaitedArray',
        line: 2,
        column: 3,
        suggestions: [{ messageId: 'awaitAll', output: 'async function run(items: number[]) {\n  await Promise.all(items.map(async (item) => item));\n}' }],
      },
    ],
  },
  // `allowVoid: false`: an array of promises under `void`, and an arrow that voids a promise.
  {
    code: 'async function save(x: number) {}\nfunction run() {\n  void [save(1), save(2)];\n}',
    options: [{ allowVoid: false }],
    output: null,
    errors: [
      {
        messageId: 'floatingArray',
        line: 3,
        column: 8,
        suggestions: [{ messageId: 'catchAll', output: `async function save(x: number) {}\nfunction run() {\n  void Promise.all([save(1), save(2)])${CATCH};\n}` }],
      },
    ],
  },
  {
    code: 'async function save() {}\nexport const fire = () => void save();',
    options: [{ allowVoid: false }],
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 32,
        suggestions: [{ messageId: 'addCatch', output: `async function save() {}\nexport const fire = () => void save()${CATCH};` }],
      },
    ],
  },
  // `.then(...args, onRejected)`: the spread may fill both places.
  {
    code: 'declare const args: [(value: Response) => void];\nfunction run() {\n  fetch("/a").then(...args, (error) => console.error(error));\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'declare const args: [(value: Response) => void];\nfunction run() {\n  void fetch("/a").then(...args, (error) => console.error(error));\n}' },
          { messageId: 'addCatch', output: `declare const args: [(value: Response) => void];\nfunction run() {\n  fetch("/a").then(...args, (error) => console.error(error))${CATCH};\n}` },
        ],
      },
    ],
  },
  // A promise kept in a const and tested: always true.
  {
    code: 'async function isAllowed() { return true; }\nfunction run() {\n  const allowed = isAllowed();\n  if (allowed) log();\n}',
    output: null,
    errors: [{ messageId: 'conditionValue', data: { name: 'allowed' }, line: 4, column: 7, suggestions: [] }],
  },
  // A same-file function that happens to be called `test` is no test framework.
  {
    code: 'async function test() {}\nfunction run() {\n  test();\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'async function test() {}\nfunction run() {\n  void test();\n}' },
          { messageId: 'addCatch', output: `async function test() {}\nfunction run() {\n  test()${CATCH};\n}` },
        ],
      },
    ],
  },
  // Known promise APIs, the for-statement's own expressions, dynamic import.
  {
    code: 'import { writeFile } from "node:fs/promises";\nfor (let i = 0; i < 3; i++, writeFile("a", "b")) {}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'writeFile()' },
        line: 2,
        column: 29,
        suggestions: [
          { messageId: 'addAwait', output: 'import { writeFile } from "node:fs/promises";\nfor (let i = 0; i < 3; i++, await writeFile("a", "b")) {}' },
          { messageId: 'addVoid', output: 'import { writeFile } from "node:fs/promises";\nfor (let i = 0; i < 3; i++, void writeFile("a", "b")) {}' },
          { messageId: 'addCatch', output: `import { writeFile } from "node:fs/promises";\nfor (let i = 0; i < 3; i++, writeFile("a", "b")${CATCH}) {}` },
        ],
      },
    ],
  },
  {
    code: 'function boot() {\n  import("./plugin.js");\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'import()' },
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function boot() {\n  void import("./plugin.js");\n}' },
          { messageId: 'addCatch', output: `function boot() {\n  import("./plugin.js")${CATCH};\n}` },
        ],
      },
    ],
  },
  // A callee that returns a promise by its written type; an abstract async method.
  {
    code: 'function run(job: () => Promise<void>) {\n  job();\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'function run(job: () => Promise<void>) {\n  void job();\n}' },
          { messageId: 'addCatch', output: `function run(job: () => Promise<void>) {\n  job()${CATCH};\n}` },
        ],
      },
    ],
  },
  {
    code: 'abstract class Base {\n  abstract save(): Promise<void>;\n  run() {\n    this.save();\n  }\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'addVoid', output: 'abstract class Base {\n  abstract save(): Promise<void>;\n  run() {\n    void this.save();\n  }\n}' },
          { messageId: 'addCatch', output: `abstract class Base {\n  abstract save(): Promise<void>;\n  run() {\n    this.save()${CATCH};\n  }\n}` },
        ],
      },
    ],
  },
  // A same-file async function called with a trailing callback is still a promise.
  {
    code: 'async function save(data: object, done: () => void) {}\nfunction run() {\n  save({}, () => {});\n}',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'async function save(data: object, done: () => void) {}\nfunction run() {\n  void save({}, () => {});\n}' },
          { messageId: 'addCatch', output: `async function save(data: object, done: () => void) {}\nfunction run() {\n  save({}, () => {})${CATCH};\n}` },
        ],
      },
    ],
  },
  // TSX.
  {
    code: 'async function save() {}\nexport function Button() {\n  return <button onClick={() => { save(); }}>Save</button>;\n}',
    filename: fixture('file.tsx'),
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 35,
        suggestions: [
          { messageId: 'addVoid', output: 'async function save() {}\nexport function Button() {\n  return <button onClick={() => { void save(); }}>Save</button>;\n}' },
          { messageId: 'addCatch', output: `async function save() {}\nexport function Button() {\n  return <button onClick={() => { save()${CATCH}; }}>Save</button>;\n}` },
        ],
      },
    ],
  },
  // CommonJS: no top-level await, so no await suggestion at the top.
  {
    code: 'const fs = require("fs");\nfs.promises.writeFile("a", "b");',
    filename: fixture('file.cjs'),
    languageOptions: commonjs,
    output: null,
    errors: [
      {
        messageId: 'floating',
        data: { name: 'fs.promises.writeFile()' },
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'addVoid', output: 'const fs = require("fs");\nvoid fs.promises.writeFile("a", "b");' },
          { messageId: 'addCatch', output: `const fs = require("fs");\nfs.promises.writeFile("a", "b")${CATCH};` },
        ],
      },
    ],
  },
  {
    code: 'const { readFile } = require("node:fs/promises");\nmodule.exports = async function load() {\n  readFile("a");\n};',
    filename: fixture('file.cjs'),
    languageOptions: commonjs,
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'const { readFile } = require("node:fs/promises");\nmodule.exports = async function load() {\n  await readFile("a");\n};' },
          { messageId: 'addVoid', output: 'const { readFile } = require("node:fs/promises");\nmodule.exports = async function load() {\n  void readFile("a");\n};' },
          { messageId: 'addCatch', output: `const { readFile } = require("node:fs/promises");\nmodule.exports = async function load() {\n  readFile("a")${CATCH};\n};` },
        ],
      },
    ],
  },
];

plainTester.run('no-missing-await (plain)', rule, { valid, invalid });
typedTester.run('no-missing-await (typed)', rule, { valid, invalid });

// ---------------------------------------------------------------------------------------------------
// Callees imported from a relative module: with types the checker finds them, without types the
// module is read from disk and parsed. Either way a callee that handles its own errors may float.
// ---------------------------------------------------------------------------------------------------

const siblingValid: Valid[] = [
  // A locale switch that awaits a loader falling back on failure.
  'import useLocale from "./modules/locale.js";\ndeclare function render(): void;\nasync function switchTo(code: string) {\n  await useLocale(code);\n  render();\n}\nswitchTo("fr");',
  // Per-file loads that each catch their error: the batch cannot reject, so its `.then` chain may float.
  'import { loadFiles } from "./modules/tasks.js";\nloadFiles(["a.png"]).then(({ failed }) => console.log(failed));',
  // A guard in front of a reader that falls back on failure and retries its backup through itself.
  'import { readNoteLater } from "./modules/tasks.js";\nreadNoteLater("todo.md").then((note) => console.log(note));',
].map((code) => ({ code, filename: fixture('file.ts') }));

const siblingInvalid: Invalid[] = [
  // The imported loader logs and rethrows: the caller's promise can reject.
  {
    code: 'import { useLocaleStrictly } from "./modules/locale.js";\nasync function switchTo(code: string) {\n  await useLocaleStrictly(code);\n}\nswitchTo("fr");',
    filename: fixture('file.ts'),
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 5,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'import { useLocaleStrictly } from "./modules/locale.js";\nasync function switchTo(code: string) {\n  await useLocaleStrictly(code);\n}\nawait switchTo("fr");' },
          { messageId: 'addVoid', output: 'import { useLocaleStrictly } from "./modules/locale.js";\nasync function switchTo(code: string) {\n  await useLocaleStrictly(code);\n}\nvoid switchTo("fr");' },
          { messageId: 'addCatch', output: `import { useLocaleStrictly } from "./modules/locale.js";\nasync function switchTo(code: string) {\n  await useLocaleStrictly(code);\n}\nswitchTo("fr")${CATCH};` },
        ],
      },
    ],
  },
  // One failed load rejects the whole batch.
  {
    code: 'import { loadAll } from "./modules/tasks.js";\nloadAll(["a.png"]).then(() => console.log("done"));',
    filename: fixture('file.ts'),
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'import { loadAll } from "./modules/tasks.js";\nawait loadAll(["a.png"]).then(() => console.log("done"));' },
          { messageId: 'addVoid', output: 'import { loadAll } from "./modules/tasks.js";\nvoid loadAll(["a.png"]).then(() => console.log("done"));' },
          { messageId: 'addCatch', output: `import { loadAll } from "./modules/tasks.js";\nloadAll(["a.png"]).then(() => console.log("done"))${CATCH};` },
        ],
      },
    ],
  },
  // The same reader without its fallback: a failed read rejects.
  {
    code: 'import { readNoteOrFail } from "./modules/tasks.js";\nreadNoteOrFail("todo.md").then((note) => console.log(note));',
    filename: fixture('file.ts'),
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'import { readNoteOrFail } from "./modules/tasks.js";\nawait readNoteOrFail("todo.md").then((note) => console.log(note));' },
          { messageId: 'addVoid', output: 'import { readNoteOrFail } from "./modules/tasks.js";\nvoid readNoteOrFail("todo.md").then((note) => console.log(note));' },
          { messageId: 'addCatch', output: `import { readNoteOrFail } from "./modules/tasks.js";\nreadNoteOrFail("todo.md").then((note) => console.log(note))${CATCH};` },
        ],
      },
    ],
  },
  // A package import is not read from disk: the same shape stays reported without types.
  {
    code: 'import { startSync } from "sync-package";\nasync function refresh() {\n  await startSync();\n}\nrefresh();',
    filename: fixture('file.ts'),
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 5,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'import { startSync } from "sync-package";\nasync function refresh() {\n  await startSync();\n}\nawait refresh();' },
          { messageId: 'addVoid', output: 'import { startSync } from "sync-package";\nasync function refresh() {\n  await startSync();\n}\nvoid refresh();' },
          { messageId: 'addCatch', output: `import { startSync } from "sync-package";\nasync function refresh() {\n  await startSync();\n}\nrefresh()${CATCH};` },
        ],
      },
    ],
  },
];

plainTester.run('no-missing-await (imported callees, plain)', rule, { valid: siblingValid, invalid: siblingInvalid });
typedTester.run('no-missing-await (imported callees, typed)', rule, { valid: siblingValid, invalid: siblingInvalid });

// ---------------------------------------------------------------------------------------------------
// Shapes visible without types: CommonJS requires of sibling modules, `Promise.resolve()` of nothing,
// awaited `.catch` fallbacks, recursion and a second wrapper over a self-handling function.
// ---------------------------------------------------------------------------------------------------

const visibleValid: Valid[] = [
  // A best-effort ping reached through `require`: every step of the required module falls back to null.
  { code: 'const sendUsagePing = require("./modules/cjs/ping.cjs");\nmodule.exports = async function main(options) {\n  sendUsagePing(options).then((status) => {\n    options.pingStatus = status;\n  });\n  await options.run();\n};', filename: fixture('file.cjs'), languageOptions: commonjs },
  // The same module's helpers, destructured or read off the `require` call.
  { code: 'const { quietPing } = require("./modules/cjs/ping.cjs");\nconst alsoQuiet = require("./modules/cjs/ping.cjs").quietPing;\nfunction start(options) {\n  quietPing(options).then(() => {});\n  alsoQuiet(options).then(() => {});\n}\nmodule.exports = start;', filename: fixture('file.cjs'), languageOptions: commonjs },
  // `Promise.resolve()` of no value cannot reject, and a callback that only assigns cannot throw.
  'let flushed = false;\nPromise.resolve().then(() => {\n  flushed = true;\n});\nexport { flushed };',
  // An awaited read that falls back to an empty text on failure: the reader cannot reject.
  'import { readFile } from "node:fs/promises";\nasync function readNotes(path: string) {\n  const text = await readFile(path, "utf8").catch(() => "");\n  return text.trim();\n}\nreadNotes("notes.txt").then((notes) => console.log(notes));',
  // A request that retries once on a fallback address through itself: each call catches its own failure.
  'async function fetchWithFallback(url: string, fallback?: string): Promise<Response | null> {\n  const response = await fetch(url).catch(() => null);\n  if (!response && fallback) return fetchWithFallback(fallback);\n  return response;\n}\nfetchWithFallback("https://a.example", "https://b.example").then((response) => console.log(response?.status));',
  // Two wrappers over a self-handling pull: `return pullOnce()` settles as `return await pullOnce()` would.
  'declare function syncAll(): Promise<void>;\nasync function pullOnce() {\n  try {\n    await syncAll();\n  } catch (error) {\n    console.error(error);\n  }\n}\nasync function pullIfEnabled(enabled: boolean) {\n  if (!enabled) return;\n  return pullOnce();\n}\nfunction pullSoon(enabled: boolean) {\n  return pullIfEnabled(enabled);\n}\npullSoon(true).then(() => console.log("pulled"));',
];

const visibleInvalid: Invalid[] = [
  // A helper of the same module that lets the request fail: its rejection escapes.
  {
    code: 'const { pingOrFail } = require("./modules/cjs/ping.cjs");\nfunction start(url) {\n  pingOrFail(url).then(() => {});\n}\nmodule.exports = start;',
    filename: fixture('file.cjs'),
    languageOptions: commonjs,
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'addVoid', output: 'const { pingOrFail } = require("./modules/cjs/ping.cjs");\nfunction start(url) {\n  void pingOrFail(url).then(() => {});\n}\nmodule.exports = start;' },
          { messageId: 'addCatch', output: `const { pingOrFail } = require("./modules/cjs/ping.cjs");\nfunction start(url) {\n  pingOrFail(url).then(() => {})${CATCH};\n}\nmodule.exports = start;` },
        ],
      },
    ],
  },
  // A callback that calls something may throw: the chain can reject.
  {
    code: 'declare const queue: { flush(): void };\nPromise.resolve().then(() => queue.flush());',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 2,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare const queue: { flush(): void };\nawait Promise.resolve().then(() => queue.flush());' },
          { messageId: 'addVoid', output: 'declare const queue: { flush(): void };\nvoid Promise.resolve().then(() => queue.flush());' },
          { messageId: 'addCatch', output: `declare const queue: { flush(): void };\nPromise.resolve().then(() => queue.flush())${CATCH};` },
        ],
      },
    ],
  },
  // A value of unknown kind may be a thenable that rejects.
  {
    code: 'declare const value: unknown;\nlet seen = false;\nPromise.resolve(value).then(() => {\n  seen = true;\n});\nexport { seen };',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 3,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare const value: unknown;\nlet seen = false;\nawait Promise.resolve(value).then(() => {\n  seen = true;\n});\nexport { seen };' },
          { messageId: 'addVoid', output: 'declare const value: unknown;\nlet seen = false;\nvoid Promise.resolve(value).then(() => {\n  seen = true;\n});\nexport { seen };' },
          { messageId: 'addCatch', output: `declare const value: unknown;\nlet seen = false;\nPromise.resolve(value).then(() => {\n  seen = true;\n})${CATCH};\nexport { seen };` },
        ],
      },
    ],
  },
  // The fallback handler wraps and rethrows: the reader can reject.
  {
    code: 'import { readFile } from "node:fs/promises";\nasync function readNotes(path: string) {\n  const text = await readFile(path, "utf8").catch((error) => {\n    throw new Error("cannot read notes", { cause: error });\n  });\n  return text.trim();\n}\nreadNotes("notes.txt").then((notes) => console.log(notes));',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 8,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'import { readFile } from "node:fs/promises";\nasync function readNotes(path: string) {\n  const text = await readFile(path, "utf8").catch((error) => {\n    throw new Error("cannot read notes", { cause: error });\n  });\n  return text.trim();\n}\nawait readNotes("notes.txt").then((notes) => console.log(notes));' },
          { messageId: 'addVoid', output: 'import { readFile } from "node:fs/promises";\nasync function readNotes(path: string) {\n  const text = await readFile(path, "utf8").catch((error) => {\n    throw new Error("cannot read notes", { cause: error });\n  });\n  return text.trim();\n}\nvoid readNotes("notes.txt").then((notes) => console.log(notes));' },
          { messageId: 'addCatch', output: `import { readFile } from "node:fs/promises";\nasync function readNotes(path: string) {\n  const text = await readFile(path, "utf8").catch((error) => {\n    throw new Error("cannot read notes", { cause: error });\n  });\n  return text.trim();\n}\nreadNotes("notes.txt").then((notes) => console.log(notes))${CATCH};` },
        ],
      },
    ],
  },
  // The same recursion with an unguarded request: a network failure rejects.
  {
    code: 'async function fetchWithFallback(url: string, fallback?: string): Promise<Response | null> {\n  const response = await fetch(url);\n  if (!response.ok && fallback) return fetchWithFallback(fallback);\n  return response;\n}\nfetchWithFallback("https://a.example", "https://b.example").then((response) => console.log(response?.status));',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 6,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'async function fetchWithFallback(url: string, fallback?: string): Promise<Response | null> {\n  const response = await fetch(url);\n  if (!response.ok && fallback) return fetchWithFallback(fallback);\n  return response;\n}\nawait fetchWithFallback("https://a.example", "https://b.example").then((response) => console.log(response?.status));' },
          { messageId: 'addVoid', output: 'async function fetchWithFallback(url: string, fallback?: string): Promise<Response | null> {\n  const response = await fetch(url);\n  if (!response.ok && fallback) return fetchWithFallback(fallback);\n  return response;\n}\nvoid fetchWithFallback("https://a.example", "https://b.example").then((response) => console.log(response?.status));' },
          { messageId: 'addCatch', output: `async function fetchWithFallback(url: string, fallback?: string): Promise<Response | null> {\n  const response = await fetch(url);\n  if (!response.ok && fallback) return fetchWithFallback(fallback);\n  return response;\n}\nfetchWithFallback("https://a.example", "https://b.example").then((response) => console.log(response?.status))${CATCH};` },
        ],
      },
    ],
  },
  // Recursion alone is no handling: nothing in this body catches anything.
  {
    code: 'async function retryForever(attempt: number): Promise<void> {\n  return retryForever(attempt + 1);\n}\nretryForever(0).then(() => console.log("done"));',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 4,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'async function retryForever(attempt: number): Promise<void> {\n  return retryForever(attempt + 1);\n}\nawait retryForever(0).then(() => console.log("done"));' },
          { messageId: 'addVoid', output: 'async function retryForever(attempt: number): Promise<void> {\n  return retryForever(attempt + 1);\n}\nvoid retryForever(0).then(() => console.log("done"));' },
          { messageId: 'addCatch', output: `async function retryForever(attempt: number): Promise<void> {\n  return retryForever(attempt + 1);\n}\nretryForever(0).then(() => console.log("done"))${CATCH};` },
        ],
      },
    ],
  },
  // The middle wrapper first awaits an access check that can reject.
  {
    code: 'declare function syncAll(): Promise<void>;\ndeclare function checkAccess(): Promise<void>;\nasync function pullOnce() {\n  try {\n    await syncAll();\n  } catch (error) {\n    console.error(error);\n  }\n}\nasync function pullIfEnabled() {\n  await checkAccess();\n  return pullOnce();\n}\nfunction pullSoon() {\n  return pullIfEnabled();\n}\npullSoon().then(() => console.log("pulled"));',
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 17,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: 'declare function syncAll(): Promise<void>;\ndeclare function checkAccess(): Promise<void>;\nasync function pullOnce() {\n  try {\n    await syncAll();\n  } catch (error) {\n    console.error(error);\n  }\n}\nasync function pullIfEnabled() {\n  await checkAccess();\n  return pullOnce();\n}\nfunction pullSoon() {\n  return pullIfEnabled();\n}\nawait pullSoon().then(() => console.log("pulled"));' },
          { messageId: 'addVoid', output: 'declare function syncAll(): Promise<void>;\ndeclare function checkAccess(): Promise<void>;\nasync function pullOnce() {\n  try {\n    await syncAll();\n  } catch (error) {\n    console.error(error);\n  }\n}\nasync function pullIfEnabled() {\n  await checkAccess();\n  return pullOnce();\n}\nfunction pullSoon() {\n  return pullIfEnabled();\n}\nvoid pullSoon().then(() => console.log("pulled"));' },
          { messageId: 'addCatch', output: `declare function syncAll(): Promise<void>;\ndeclare function checkAccess(): Promise<void>;\nasync function pullOnce() {\n  try {\n    await syncAll();\n  } catch (error) {\n    console.error(error);\n  }\n}\nasync function pullIfEnabled() {\n  await checkAccess();\n  return pullOnce();\n}\nfunction pullSoon() {\n  return pullIfEnabled();\n}\npullSoon().then(() => console.log("pulled"))${CATCH};` },
        ],
      },
    ],
  },
];

plainTester.run('no-missing-await (shapes visible without types, plain)', rule, { valid: visibleValid, invalid: visibleInvalid });
typedTester.run('no-missing-await (shapes visible without types, typed)', rule, { valid: visibleValid, invalid: visibleInvalid });

// Without types only: with types the checker's signature for the reassigned variable decides.
plainTester.run('no-missing-await (shapes visible without types, plain only)', rule, {
  valid: [],
  invalid: [
    // A required name that is reassigned may no longer be the module's function.
    {
      code: 'let ping = require("./modules/cjs/ping.cjs");\nif (process.env.DRY_RUN) ping = () => Promise.reject(new Error("dry run"));\nfunction start(options) {\n  ping(options).then(() => {});\n}\nmodule.exports = start;',
      filename: fixture('file.cjs'),
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'let ping = require("./modules/cjs/ping.cjs");\nif (process.env.DRY_RUN) ping = () => Promise.reject(new Error("dry run"));\nfunction start(options) {\n  void ping(options).then(() => {});\n}\nmodule.exports = start;' },
            { messageId: 'addCatch', output: `let ping = require("./modules/cjs/ping.cjs");\nif (process.env.DRY_RUN) ping = () => Promise.reject(new Error("dry run"));\nfunction start(options) {\n  ping(options).then(() => {})${CATCH};\n}\nmodule.exports = start;` },
          ],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------
// Without types: syntax decides.
// ---------------------------------------------------------------------------------------------------

plainTester.run('no-missing-await (plain only)', rule, {
  valid: [
    // Imported functions are found with types only.
    'import { saveUser } from "./modules/api.js"; saveUser({ id: "1" });',
    // Plain JS may reassign: the declaration no longer decides.
    'let f = async () => {}; f = () => 1; f();',
    // Tagged templates are promises only by type.
    'sql`delete from t`;',
    // A self-handling loader reached through a tsconfig `paths` alias is read from disk too.
    { code: 'import getAnnouncement from "@/announcement";\ngetAnnouncement().then((text) => console.log(text));', filename: fixture('aliased/file.ts') },
    // A file that spells nothing a promise by syntax builds on is skipped whole (issue 12 §4).
    'const offset = compute(1);\nif (offset) write(offset);\nfetcher;',
  ],
  invalid: [
    // The file-level skip still sees a dynamic import with a comment before its parenthesis.
    {
      code: 'function boot() {\n  import /* lazy */ ("./plugin.js");\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'import()' },
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'function boot() {\n  void import /* lazy */ ("./plugin.js");\n}' },
            { messageId: 'addCatch', output: `function boot() {\n  import /* lazy */ ("./plugin.js")${CATCH};\n}` },
          ],
        },
      ],
    },
    // Any `.then(onFulfilled)` looks like a promise chain without types.
    {
      code: 'declare const query: { then(cb: () => void): void };\nquery.then(() => {});',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addAwait', output: 'declare const query: { then(cb: () => void): void };\nawait query.then(() => {});' },
            { messageId: 'addVoid', output: 'declare const query: { then(cb: () => void): void };\nvoid query.then(() => {});' },
            { messageId: 'addCatch', output: `declare const query: { then(cb: () => void): void };\nquery.then(() => {})${CATCH};` },
          ],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------
// With types: cross-file imports, unions, thenables, `any`.
// ---------------------------------------------------------------------------------------------------

typedTester.run('no-missing-await (typed only)', rule, {
  valid: [
    // `any` is never reported, however it is called.
    'import { untyped } from "./modules/api.js"; untyped.save(); untyped.then(() => 1);',
    'declare const x: any; x.then(() => 1); x();',
    'declare const host: any; host.window.notify("saved").then(() => 1);',
    // A call of an `any` callee is `any` whatever its arguments: quiet as a statement, a test and an awaited value.
    'declare const run: any; declare function save(): Promise<void>; export async function go() { run(async () => { await save(); }); run.later(save()); if (run(save())) return 1; if (run.ready(save())) return 2; await run(save()); return 0; }',
    'import { loadConfig } from "./modules/api.js"; loadConfig();',
    // A `.then` that returns no promise is not one.
    'declare const query: { then(cb: () => void): void }; query.then(() => {});',
    // Thenables whose `then` returns nothing are replies, not pending work.
    'import { customThenable } from "./modules/api.js"; customThenable();',
    'import { reply } from "./modules/thenables.js"; reply.code(200).send("ok");',
    // Array mutators called for their effect.
    'declare const pending: Promise<void>[]; pending.splice(0, 1); pending.reverse(); pending.sort();',
    // A dual API given a callback wrapped by a helper.
    'declare function timeout<T extends (...args: never[]) => void>(fn: T, ms: number): T; declare function cluster(cmd: string, cb?: (error: Error | null) => void): Promise<void>; cluster("SLOTS", timeout((error: Error | null) => {}, 100));',
    // A method of another file that hands out its stored promise; a self-handling wrapper there.
    'import { Connection } from "./modules/tasks.js"; new Connection().ready();',
    'import { startLater } from "./modules/tasks.js"; startLater();',
    // Without strictNullChecks, a promise-typed name in a condition is a presence check.
    { code: 'class Client { closing: Promise<void>; stop() { if (this.closing) return this.closing; return this.closing ? this.closing : null; } }', filename: fixture('loose/file.ts') },
    { code: 'declare let pending: Promise<void>; if (pending) {}', filename: fixture('loose/file.ts') },
    // A union that may be no promise is a legitimate test.
    'import { maybeAsync } from "./modules/api.js"; if (maybeAsync(true)) {}',
    // Detached, self-handling tasks declared in another module.
    'import { startSync } from "./modules/tasks.js"; startSync();',
    'import { loadFiles } from "./modules/tasks.js"; loadFiles(["a"]).then(({ failed }) => console.log(failed));',
    'import { startSync } from "./modules/tasks.js"; async function refresh(view: { render(): void }) { await startSync(); view.render(); } refresh({ render() {} });',
    'import { Poller } from "./modules/tasks.js"; new Poller().start();',
    // Dual callback/promise APIs called with a callback.
    'import { connect } from "./modules/tasks.js"; connect({}, () => {});',
    'import { get } from "./modules/tasks.js"; get("k", (error, value) => {});',
    'import { connect } from "./modules/tasks.js"; function f(this: unknown, done: () => void) { connect.call(this, {}, done); }',
    // The promise the function already hands out.
    'import { saveUser } from "./modules/api.js"; export function f() { const p = saveUser({ id: "1" }); Object.assign(p, { cancel() {} }); return p; }',
    // An allow entry naming a module export, under any local name.
    {
      code: 'import { saveUser as persist } from "./modules/api.js"; persist({ id: "1" });',
      options: [{ allow: [{ from: './modules/api.js', name: 'saveUser' }] }],
    },
    // Taking an existing promise out of an array creates none.
    'declare const pending: Promise<void>[]; pending.shift(); pending.pop();',
    'declare const stack: [number, Promise<void>][]; stack.pop();',
    // node:test's runner handles what test() and describe() return.
    'import test, { describe, it } from "node:test"; test("a", async () => {}); describe("b", () => { it("c", async () => {}); });',
    'const { test } = require("node:test"); test("a", async () => {});',
    // Library methods documented not to reject (src/knowledge/non-rejecting-apis.ts).
    // A function of another file that returns its object's field through `const self = this`.
    'import { Batch } from "./modules/held.js"; new Batch().flusher()();',
    // Functions of another file that hand every caller the module's one connection promise.
    'import { whenConnected, settledConnection } from "./modules/held.js"; export function warmUp() { whenConnected(); settledConnection(); }',
    'import { Worker } from "node:worker_threads"; export function stop(worker: Worker) { worker.terminate(); }',
    // A method declared to return `this` hands back its receiver: no promise when the receiver is none.
    'class Emitter { on(event: string, listener: () => void): this { return this; } start() { this.on("ready", () => {}).on("end", () => {}); } }',
    // A const whose every operand says no (`!ready && check()`, `ready ? check() : undefined`) is no promise.
    'export function run(ready: boolean, check: () => boolean) { const due = !ready && check(); if (due) {} const value = ready ? check() : undefined; if (value) {} }',
    'import { useQueryClient } from "@tanstack/react-query"; export function useRefresh() { const client = useQueryClient(); return () => { client.invalidateQueries({ queryKey: ["todos"] }); client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: false }); client.prefetchQuery({ queryKey: ["todo"], queryFn: async () => 1 }); }; }',
    // A method of a const made by a call: read from the call's declared return type, not the const's own type.
    'interface Subscription { unsubscribe(): void } declare function subscribe(topic: string, onMessage: (message: string) => void): Subscription; export function watch() { const subscription = subscribe("news", (message) => console.log(message)); subscription.unsubscribe(); }',
    // A conditional with a literal branch is no promise on every path: a test of it at its first read is a real test.
    'declare function load(): Promise<string>; export function run(ready: boolean) { const result = ready ? load() : null; if (!result) return 0; return 1; }',
    'declare function load(): Promise<string>; export function run(kind: string) { const result = kind === "a" ? load() : kind === "b" ? [] : `none`; return result ? 1 : 0; }',
    // An object literal without `then`, or the right side of `&&` that says no, settles the test too.
    'declare function load(): Promise<void>; export function run(fast: boolean) { const target = fast ? load() : { next() {} }; if (target) return 1; return 0; }',
    'export function run(mounted: unknown, shouldFetch: () => boolean) { const due = mounted && shouldFetch(); if (due) return 1; return 0; }',
    'declare function load(): Promise<void>; export function run(mounted: unknown, count: number) { const due = mounted && (count > 0 ? load() : false); if (due) return 1; return 0; }',
    // Also from a generic signature whose return type and method return have a fixed shape.
    'interface Stream<T> { close(): void; first(): T | undefined } declare function open<T>(name: string): Stream<T>; export function run() { const stream = open<number>("a"); stream.close(); stream.first(); }',
    // A method of a receiver that is itself a call or a `new`: read from that call's declared return types.
    'interface Subscription { unsubscribe(): void } interface Feed<T> { subscribe(onValue: (value: T) => void): Subscription; close(): void } declare function feed<T>(items: T[]): Feed<T>; export function run() { feed([1, 2]).subscribe((value) => console.log(value)); feed(["a"]).subscribe(() => {}).unsubscribe(); }',
    // Imported helpers whose declaration settles it (a written boolean, void or predicate, plain returns): no report, as by their types.
    'import { isBrowser, isServer, isAbortError, logLine, countWords, later } from "./modules/helpers.js"; export function run(error: unknown) { if (isBrowser()) return 1; if (!isServer() && isAbortError(error)) return 2; logLine("x"); countWords("a b"); later(); return isServer() ? 3 : 0; }',
    'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> } export function run(queue: Socket[]) { new Socket("ws://a").close(); const socket = new Socket("ws://b"); socket.close(); queue.shift()!.close(); }',
  ],
  invalid: [
    // A receiver the checker cannot resolve (a generated module that is missing) makes the chain `any` for
    // want of knowledge, not by the user's choice: the `.then()` chain is judged as without types.
    {
      code: 'import { host } from "./generated/does-not-exist.js";\nexport function warn() {\n  host.window.notify("saved").then(() => 1);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { host } from "./generated/does-not-exist.js";\nexport function warn() {\n  void host.window.notify("saved").then(() => 1);\n}' },
            { messageId: 'addCatch', output: `import { host } from "./generated/does-not-exist.js";\nexport function warn() {\n  host.window.notify("saved").then(() => 1)${CATCH};\n}` },
          ],
        },
      ],
    },
    // Narrowed before the test (`result !== null`), the conditional's literal branch is gone: the promise is tested.
    {
      code: 'declare function load(): Promise<string>;\nexport function run(ready: boolean) {\n  const result = ready ? load() : null;\n  if (result !== null) {\n    if (result) return 1;\n  }\n  return 0;\n}',
      output: null,
      errors: [{ messageId: 'conditionValue', data: { name: 'result' }, line: 5, column: 9, suggestions: [] }],
    },
    // An object literal with a `then` that starts work is a thenable branch, not a plain one.
    {
      code: 'declare function load(): Promise<void>;\nexport function run(fast: boolean) {\n  const target = fast ? load() : { then: (resolve: (value: number) => void) => load() };\n  if (target) return 1;\n  return 0;\n}',
      output: null,
      errors: [{ messageId: 'conditionValue', data: { name: 'target' }, line: 4, column: 7, suggestions: [] }],
    },
    // `a && b` where `a` is never falsy is `b`: a promise on the right is tested.
    {
      code: 'declare function load(): Promise<void>;\ndeclare const started: true;\nexport function run() {\n  const job = started && load();\n  if (job) return 1;\n  return 0;\n}',
      output: null,
      errors: [{ messageId: 'conditionValue', data: { name: 'job' }, line: 5, column: 7, suggestions: [] }],
    },
    // The same reading of a const made by a call reports a method declared to return a promise.
    {
      code: 'interface Connection { close(): Promise<void> }\ndeclare function connect(url: string): Connection;\nexport function stop() {\n  const connection = connect("db");\n  connection.close();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'connection.close()' },
          line: 5,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'interface Connection { close(): Promise<void> }\ndeclare function connect(url: string): Connection;\nexport function stop() {\n  const connection = connect("db");\n  void connection.close();\n}' },
            { messageId: 'addCatch', output: `interface Connection { close(): Promise<void> }\ndeclare function connect(url: string): Connection;\nexport function stop() {\n  const connection = connect("db");\n  connection.close()${CATCH};\n}` },
          ],
        },
      ],
    },
    // A union of declared return types: the member whose method returns a promise decides.
    {
      code: 'interface FileSink { flush(): void }\ninterface NetSink { flush(): Promise<void> }\ndeclare function pick(fast: boolean): FileSink | NetSink | undefined;\nexport function end(fast: boolean) {\n  const sink = pick(fast);\n  sink?.flush();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'sink?.flush()' },
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'interface FileSink { flush(): void }\ninterface NetSink { flush(): Promise<void> }\ndeclare function pick(fast: boolean): FileSink | NetSink | undefined;\nexport function end(fast: boolean) {\n  const sink = pick(fast);\n  void sink?.flush();\n}' },
            { messageId: 'addCatch', output: `interface FileSink { flush(): void }\ninterface NetSink { flush(): Promise<void> }\ndeclare function pick(fast: boolean): FileSink | NetSink | undefined;\nexport function end(fast: boolean) {\n  const sink = pick(fast);\n  sink?.flush()${CATCH};\n}` },
          ],
        },
      ],
    },
    // A generic signature's method that returns its type parameter: the call's own type decides.
    {
      code: 'interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  const held = box(job);\n  held.take();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'held.take()' },
          line: 5,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  const held = box(job);\n  void held.take();\n}' },
            { messageId: 'addCatch', output: `interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  const held = box(job);\n  held.take()${CATCH};\n}` },
          ],
        },
      ],
    },
    // The same method on a receiver that is the call itself: the call's own type decides.
    {
      code: 'interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  box(job).take();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'box(job).take()' },
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  void box(job).take();\n}' },
            { messageId: 'addCatch', output: `interface Box<T> { take(): T | undefined }\ndeclare function box<T>(value: T): Box<T>;\nexport function run(job: Promise<void>) {\n  box(job).take()${CATCH};\n}` },
          ],
        },
      ],
    },
    // A same-file function whose written return type is its type parameter: the call's own type decides.
    {
      code: 'function first<T>(items: T[]): T {\n  return items[0];\n}\ndeclare const tasks: Promise<void>[];\nexport function run() {\n  first(tasks);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'first()' },
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'function first<T>(items: T[]): T {\n  return items[0];\n}\ndeclare const tasks: Promise<void>[];\nexport function run() {\n  void first(tasks);\n}' },
            { messageId: 'addCatch', output: `function first<T>(items: T[]): T {\n  return items[0];\n}\ndeclare const tasks: Promise<void>[];\nexport function run() {\n  first(tasks)${CATCH};\n}` },
          ],
        },
      ],
    },
    // `Map#get` may hand out a stored promise: a field created by `new Map()` is still asked about it.
    {
      code: 'class Jobs {\n  private readonly running = new Map<string, Promise<void>>();\n  poke(id: string) {\n    this.running.get(id);\n  }\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 5,
          suggestions: [
            { messageId: 'addVoid', output: 'class Jobs {\n  private readonly running = new Map<string, Promise<void>>();\n  poke(id: string) {\n    void this.running.get(id);\n  }\n}' },
            { messageId: 'addCatch', output: `class Jobs {\n  private readonly running = new Map<string, Promise<void>>();\n  poke(id: string) {\n    this.running.get(id)${CATCH};\n  }\n}` },
          ],
        },
      ],
    },
    // A same-file helper that returns another function's promise is not settled by syntax.
    {
      code: 'declare function verify(user: string): Promise<boolean>;\nfunction isAllowed(user: string) {\n  if (!user) return verify("guest");\n  return verify(user);\n}\nexport function run(user: string) {\n  if (isAllowed(user)) return 1;\n  return 0;\n}',
      output: null,
      errors: [{ messageId: 'conditionPromise', data: { name: 'isAllowed()' }, line: 7, column: 7, suggestions: [] }],
    },
    // Held on every path but one, which hands out what another method returns: that may be a new promise.
    {
      code: 'class Batch {\n  promise: Promise<void> = new Promise<void>(() => {});\n  pending = 0;\n  flush(): Promise<void> {\n    if (this.pending > 0) return this.send();\n    return this.promise;\n  }\n  async send(): Promise<void> {}\n  retry() {\n    this.flush();\n  }\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 10,
          column: 5,
          suggestions: [
            { messageId: 'addVoid', output: 'class Batch {\n  promise: Promise<void> = new Promise<void>(() => {});\n  pending = 0;\n  flush(): Promise<void> {\n    if (this.pending > 0) return this.send();\n    return this.promise;\n  }\n  async send(): Promise<void> {}\n  retry() {\n    void this.flush();\n  }\n}' },
            { messageId: 'addCatch', output: `class Batch {\n  promise: Promise<void> = new Promise<void>(() => {});\n  pending = 0;\n  flush(): Promise<void> {\n    if (this.pending > 0) return this.send();\n    return this.promise;\n  }\n  async send(): Promise<void> {}\n  retry() {\n    this.flush()${CATCH};\n  }\n}` },
          ],
        },
      ],
    },
    // Piping into a sink that cannot fail still rejects when the source errors.
    {
      code: 'export function collect(source: ReadableStream<string>, chunks: string[]) {\n  source.pipeTo(new WritableStream({ write(chunk) { chunks.push(chunk); } }));\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'export function collect(source: ReadableStream<string>, chunks: string[]) {\n  void source.pipeTo(new WritableStream({ write(chunk) { chunks.push(chunk); } }));\n}' },
            { messageId: 'addCatch', output: `export function collect(source: ReadableStream<string>, chunks: string[]) {\n  source.pipeTo(new WritableStream({ write(chunk) { chunks.push(chunk); } }))${CATCH};\n}` },
          ],
        },
      ],
    },
    // A callback prop may be any implementation: the one the app passes today is not the type's promise.
    {
      code: 'type OnGenerate = (prompt: string) => Promise<void>;\nexport function submit({ onGenerate }: { onGenerate: OnGenerate }, prompt: string) {\n  onGenerate(prompt);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'type OnGenerate = (prompt: string) => Promise<void>;\nexport function submit({ onGenerate }: { onGenerate: OnGenerate }, prompt: string) {\n  void onGenerate(prompt);\n}' },
            { messageId: 'addCatch', output: `type OnGenerate = (prompt: string) => Promise<void>;\nexport function submit({ onGenerate }: { onGenerate: OnGenerate }, prompt: string) {\n  onGenerate(prompt)${CATCH};\n}` },
          ],
        },
      ],
    },
    // A fire-and-forget broadcast whose encryption step can reject: the rejection is lost.
    {
      code: 'declare function seal(data: string): Promise<ArrayBuffer>;\nclass Portal {\n  constructor(private send: (payload: ArrayBuffer) => void) {}\n  async broadcast(data: string) {\n    this.send(await seal(data));\n  }\n  onMove(data: string) {\n    this.broadcast(data);\n  }\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 8,
          column: 5,
          suggestions: [
            { messageId: 'addVoid', output: 'declare function seal(data: string): Promise<ArrayBuffer>;\nclass Portal {\n  constructor(private send: (payload: ArrayBuffer) => void) {}\n  async broadcast(data: string) {\n    this.send(await seal(data));\n  }\n  onMove(data: string) {\n    void this.broadcast(data);\n  }\n}' },
            { messageId: 'addCatch', output: `declare function seal(data: string): Promise<ArrayBuffer>;\nclass Portal {\n  constructor(private send: (payload: ArrayBuffer) => void) {}\n  async broadcast(data: string) {\n    this.send(await seal(data));\n  }\n  onMove(data: string) {\n    this.broadcast(data)${CATCH};\n  }\n}` },
          ],
        },
      ],
    },
    // A fresh connection on one path: that promise is new, and nobody holds it.
    {
      code: 'import { whenConnectedOrRetry } from "./modules/held.js";\nexport function reconnect() {\n  whenConnectedOrRetry(true);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { whenConnectedOrRetry } from "./modules/held.js";\nexport function reconnect() {\n  void whenConnectedOrRetry(true);\n}' },
            { messageId: 'addCatch', output: `import { whenConnectedOrRetry } from "./modules/held.js";\nexport function reconnect() {\n  whenConnectedOrRetry(true)${CATCH};\n}` },
          ],
        },
      ],
    },
    // The function hands back the caller's own promise, which nothing else awaits.
    {
      code: 'import { passThrough } from "./modules/held.js";\nexport function track(pending: Promise<void>) {\n  passThrough({ pending });\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { passThrough } from "./modules/held.js";\nexport function track(pending: Promise<void>) {\n  void passThrough({ pending });\n}' },
            { messageId: 'addCatch', output: `import { passThrough } from "./modules/held.js";\nexport function track(pending: Promise<void>) {\n  passThrough({ pending })${CATCH};\n}` },
          ],
        },
      ],
    },
    // A lazy thenable's method that returns `this`, called inside the class: the builder floats.
    {
      code: 'class Query {\n  where(): this { return this; }\n  then<T>(resolve: (rows: string[]) => T): Promise<T> { return Promise.resolve(resolve([])); }\n  run() {\n    this.where();\n  }\n}',
      output: null,
      errors: [
        {
          messageId: 'floatingThenable',
          line: 5,
          column: 5,
          suggestions: [
            { messageId: 'addVoid', output: 'class Query {\n  where(): this { return this; }\n  then<T>(resolve: (rows: string[]) => T): Promise<T> { return Promise.resolve(resolve([])); }\n  run() {\n    void this.where();\n  }\n}' },
          ],
        },
      ],
    },
    // A const whose operands are both promises is always one: its test is always true.
    {
      code: 'declare function save(): Promise<void>;\ndeclare function load(): Promise<void>;\nexport function run(fresh: boolean) {\n  const pending = fresh ? load() : save();\n  if (pending) {}\n}',
      output: null,
      errors: [{ messageId: 'conditionValue', line: 5, column: 7, suggestions: [] }],
    },
    // There `self` is another object: its promise is not held by the function's own object.
    {
      code: 'import { Batch } from "./modules/held.js";\nexport function run(other: { promise: Promise<void> }) {\n  new Batch().borrowed(other)();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { Batch } from "./modules/held.js";\nexport function run(other: { promise: Promise<void> }) {\n  void new Batch().borrowed(other)();\n}' },
            { messageId: 'addCatch', output: `import { Batch } from "./modules/held.js";\nexport function run(other: { promise: Promise<void> }) {\n  new Batch().borrowed(other)()${CATCH};\n}` },
          ],
        },
      ],
    },
    // A same-named method of another class is not the catalogue's.
    {
      code: 'class Pool { async terminate() {} }\nexport function stop(pool: Pool) {\n  pool.terminate();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'class Pool { async terminate() {} }\nexport function stop(pool: Pool) {\n  void pool.terminate();\n}' },
            { messageId: 'addCatch', output: `class Pool { async terminate() {} }\nexport function stop(pool: Pool) {\n  pool.terminate()${CATCH};\n}` },
          ],
        },
      ],
    },
    // `throwOnError` (or options the code cannot see) makes the refetch reject; `fetchQuery` always may.
    {
      code: 'import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  client.invalidateQueries({}, options);\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  void client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  client.invalidateQueries({}, options);\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}' },
            { messageId: 'addCatch', output: `import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true })${CATCH};\n  client.invalidateQueries({}, options);\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}` },
          ],
        },
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  void client.invalidateQueries({}, options);\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}' },
            { messageId: 'addCatch', output: `import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  client.invalidateQueries({}, options)${CATCH};\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}` },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  client.invalidateQueries({}, options);\n  void client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 });\n}' },
            { messageId: 'addCatch', output: `import { QueryClient, type RefetchOptions } from "@tanstack/react-query";\nexport function refresh(client: QueryClient, options: RefetchOptions) {\n  client.invalidateQueries({ queryKey: ["todos"] }, { throwOnError: true });\n  client.invalidateQueries({}, options);\n  client.fetchQuery({ queryKey: ["todo"], queryFn: async () => 1 })${CATCH};\n}` },
          ],
        },
      ],
    },
    // `require()` in a .ts file is `any` to the checker, but the API it reaches is known: the syntactic
    // finding stands in typed mode.
    {
      code: 'const fs = require("fs");\nasync function run() {\n  fs.promises.readFile("a");\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'fs.promises.readFile()' },
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addAwait', output: 'const fs = require("fs");\nasync function run() {\n  await fs.promises.readFile("a");\n}' },
            { messageId: 'addVoid', output: 'const fs = require("fs");\nasync function run() {\n  void fs.promises.readFile("a");\n}' },
            { messageId: 'addCatch', output: `const fs = require("fs");\nasync function run() {\n  fs.promises.readFile("a")${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      code: 'import { saveUser } from "./modules/api.js";\nasync function run() {\n  saveUser({ id: "1" });\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'saveUser()' },
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addAwait', output: 'import { saveUser } from "./modules/api.js";\nasync function run() {\n  await saveUser({ id: "1" });\n}' },
            { messageId: 'addVoid', output: 'import { saveUser } from "./modules/api.js";\nasync function run() {\n  void saveUser({ id: "1" });\n}' },
            { messageId: 'addCatch', output: `import { saveUser } from "./modules/api.js";\nasync function run() {\n  saveUser({ id: "1" })${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      code: 'import { Repository } from "./modules/api.js";\nfunction run(repo: Repository) {\n  repo.save({});\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { Repository } from "./modules/api.js";\nfunction run(repo: Repository) {\n  void repo.save({});\n}' },
            { messageId: 'addCatch', output: `import { Repository } from "./modules/api.js";\nfunction run(repo: Repository) {\n  repo.save({})${CATCH};\n}` },
          ],
        },
      ],
    },
    // A union with a promise member.
    {
      code: 'import { maybeAsync } from "./modules/api.js";\nasync function run() {\n  maybeAsync(true);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addAwait', output: 'import { maybeAsync } from "./modules/api.js";\nasync function run() {\n  await maybeAsync(true);\n}' },
            { messageId: 'addVoid', output: 'import { maybeAsync } from "./modules/api.js";\nasync function run() {\n  void maybeAsync(true);\n}' },
            { messageId: 'addCatch', output: `import { maybeAsync } from "./modules/api.js";\nasync function run() {\n  maybeAsync(true)${CATCH};\n}` },
          ],
        },
      ],
    },
    // A lazy thenable (a query builder) never runs its query; it has no `.catch` to offer.
    {
      code: 'import { query } from "./modules/thenables.js";\nfunction run() {\n  query("users").where("id", 1);\n}',
      output: null,
      errors: [
        {
          messageId: 'floatingThenable',
          data: { name: 'query("users").where()' },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'addVoid', output: 'import { query } from "./modules/thenables.js";\nfunction run() {\n  void query("users").where("id", 1);\n}' }],
        },
      ],
    },
    // Plug-in hooks typed `void | Promise<void>` are real latent bugs.
    {
      code: 'declare const plugin: { onReady(): void | Promise<void> };\nfunction boot() {\n  plugin.onReady();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare const plugin: { onReady(): void | Promise<void> };\nfunction boot() {\n  void plugin.onReady();\n}' },
            { messageId: 'addCatch', output: `declare const plugin: { onReady(): void | Promise<void> };\nfunction boot() {\n  plugin.onReady()${CATCH};\n}` },
          ],
        },
      ],
    },
    // Generic constraints and unions of promises and of arrays of promises.
    {
      code: 'function run<T extends Promise<void>>(task: () => T) {\n  task();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'function run<T extends Promise<void>>(task: () => T) {\n  void task();\n}' },
            { messageId: 'addCatch', output: `function run<T extends Promise<void>>(task: () => T) {\n  task()${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      code: 'declare function pending(): Promise<void>[] | undefined;\nfunction run() {\n  pending();\n}',
      output: null,
      errors: [
        {
          messageId: 'floatingArray',
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'catchAll', output: `declare function pending(): Promise<void>[] | undefined;\nfunction run() {\n  Promise.all(pending())${CATCH};\n}` }],
        },
      ],
    },
    // Bare members and arrays by type; `await` on an array of promises.
    {
      code: 'declare const connection: { closing: Promise<void> };\nfunction stop() {\n  connection.closing;\n}',
      output: null,
      errors: [
        {
          messageId: 'floatingValue',
          data: { name: 'connection.closing' },
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare const connection: { closing: Promise<void> };\nfunction stop() {\n  void connection.closing;\n}' },
            { messageId: 'addCatch', output: `declare const connection: { closing: Promise<void> };\nfunction stop() {\n  connection.closing${CATCH};\n}` },
          ],
        },
      ],
    },
    {
      code: 'declare const writes: Promise<void>[];\nasync function flush() {\n  await writes;\n}',
      output: null,
      errors: [
        {
          messageId: 'awaitedArray',
          data: { name: 'writes' },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'awaitAll', output: 'declare const writes: Promise<void>[];\nasync function flush() {\n  await Promise.all(writes);\n}' }],
        },
      ],
    },
    {
      code: 'declare const writes: Promise<void>[];\nfunction flush() {\n  void writes;\n}',
      options: [{ allowVoid: false }],
      output: null,
      errors: [
        {
          messageId: 'floatingArray',
          line: 3,
          column: 8,
          suggestions: [{ messageId: 'catchAll', output: `declare const writes: Promise<void>[];\nfunction flush() {\n  void Promise.all(writes)${CATCH};\n}` }],
        },
      ],
    },
    // With strictNullChecks a promise-typed name is always truthy.
    {
      code: 'declare const ready: Promise<void>;\nfunction run() {\n  if (ready) start();\n}',
      output: null,
      errors: [{ messageId: 'conditionValue', line: 3, column: 7, suggestions: [] }],
    },
    // Without strictNullChecks a call in a condition is still reported.
    {
      code: 'async function isAllowed() { return true; }\nfunction run() {\n  if (isAllowed()) start();\n}',
      filename: fixture('loose/file.ts'),
      output: null,
      errors: [{ messageId: 'conditionPromise', line: 3, column: 7, suggestions: [] }],
    },
    // Not self-handling across files: a stub, and a pump without catch.
    {
      code: 'import { stubTask, pump } from "./modules/tasks.js";\nfunction run() {\n  stubTask();\n  pump();\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { stubTask, pump } from "./modules/tasks.js";\nfunction run() {\n  void stubTask();\n  pump();\n}' },
            { messageId: 'addCatch', output: `import { stubTask, pump } from "./modules/tasks.js";\nfunction run() {\n  stubTask()${CATCH};\n  pump();\n}` },
          ],
        },
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { stubTask, pump } from "./modules/tasks.js";\nfunction run() {\n  stubTask();\n  void pump();\n}' },
            { messageId: 'addCatch', output: `import { stubTask, pump } from "./modules/tasks.js";\nfunction run() {\n  stubTask();\n  pump()${CATCH};\n}` },
          ],
        },
      ],
    },
    // Across files: Promise.all over tasks that do not catch rejects with the first failure.
    {
      code: 'import { loadAll } from "./modules/tasks.js";\nfunction run() {\n  loadAll(["a"]);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { loadAll } from "./modules/tasks.js";\nfunction run() {\n  void loadAll(["a"]);\n}' },
            { messageId: 'addCatch', output: `import { loadAll } from "./modules/tasks.js";\nfunction run() {\n  loadAll(["a"])${CATCH};\n}` },
          ],
        },
      ],
    },
    // The promise-only overload: no callback passed.
    {
      code: 'import { connect } from "./modules/tasks.js";\nfunction run() {\n  connect({});\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { connect } from "./modules/tasks.js";\nfunction run() {\n  void connect({});\n}' },
            { messageId: 'addCatch', output: `import { connect } from "./modules/tasks.js";\nfunction run() {\n  connect({})${CATCH};\n}` },
          ],
        },
      ],
    },
    // Arrays of promises found by type.
    {
      code: 'import { saveUser } from "./modules/api.js";\nfunction run(users: { id: string }[]) {\n  users.map((user) => saveUser(user));\n}',
      output: null,
      errors: [
        {
          messageId: 'floatingArray',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'catchAll', output: `import { saveUser } from "./modules/api.js";\nfunction run(users: { id: string }[]) {\n  Promise.all(users.map((user) => saveUser(user)))${CATCH};\n}` },
          ],
        },
      ],
    },
    // Conditions and unused variables found by type.
    {
      code: 'import { saveUser } from "./modules/api.js";\nfunction run() {\n  if (saveUser({ id: "1" })) log();\n}',
      output: null,
      errors: [{ messageId: 'conditionPromise', data: { name: 'saveUser()' }, line: 3, column: 7, suggestions: [] }],
    },
    {
      code: 'import { saveUser } from "./modules/api.js";\nfunction run() {\n  const pending = saveUser({ id: "1" });\n}',
      output: null,
      errors: [
        {
          messageId: 'unusedVariable',
          line: 3,
          column: 9,
          suggestions: [
            { messageId: 'addCatch', output: `import { saveUser } from "./modules/api.js";\nfunction run() {\n  const pending = saveUser({ id: "1" })${CATCH};\n}` },
          ],
        },
      ],
    },
    // Tagged templates that return promises (query builders).
    {
      code: 'declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;\nasync function run() {\n  sql`delete from t`;\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'sql`…`' },
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addAwait', output: 'declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;\nasync function run() {\n  await sql`delete from t`;\n}' },
            { messageId: 'addVoid', output: 'declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;\nasync function run() {\n  void sql`delete from t`;\n}' },
            { messageId: 'addCatch', output: `declare function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]>;\nasync function run() {\n  sql\`delete from t\`${CATCH};\n}` },
          ],
        },
      ],
    },
    // Not-awaited expectations let the test pass before they settle.
    {
      code: 'declare function expectAsync(p: unknown): { resolves: { toBe(v: unknown): Promise<void> } };\nasync function check() {\n  expectAsync(Promise.resolve(1)).resolves.toBe(1);\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addAwait', output: 'declare function expectAsync(p: unknown): { resolves: { toBe(v: unknown): Promise<void> } };\nasync function check() {\n  await expectAsync(Promise.resolve(1)).resolves.toBe(1);\n}' },
            { messageId: 'addVoid', output: 'declare function expectAsync(p: unknown): { resolves: { toBe(v: unknown): Promise<void> } };\nasync function check() {\n  void expectAsync(Promise.resolve(1)).resolves.toBe(1);\n}' },
            { messageId: 'addCatch', output: `declare function expectAsync(p: unknown): { resolves: { toBe(v: unknown): Promise<void> } };\nasync function check() {\n  expectAsync(Promise.resolve(1)).resolves.toBe(1)${CATCH};\n}` },
          ],
        },
      ],
    },
    // Imported helpers whose declaration does not settle it (returns a call, async, a union, overloads): the checker decides.
    {
      code: 'import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true);\n  flush();\n  later(5);\n  return 0;\n}',
      output: null,
      errors: [
        { messageId: 'conditionPromise', data: { name: 'checkAccess()' }, line: 3, column: 7, suggestions: [] },
        { messageId: 'conditionPromise', data: { name: 'isAllowed()' }, line: 4, column: 7, suggestions: [] },
        {
          messageId: 'floating',
          data: { name: 'refresh()' },
          line: 5,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  void refresh();\n  pick(true);\n  flush();\n  later(5);\n  return 0;\n}' },
            { messageId: 'addCatch', output: `import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh()${CATCH};\n  pick(true);\n  flush();\n  later(5);\n  return 0;\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'pick()' },
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  void pick(true);\n  flush();\n  later(5);\n  return 0;\n}' },
            { messageId: 'addCatch', output: `import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true)${CATCH};\n  flush();\n  later(5);\n  return 0;\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'flush()' },
          line: 7,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true);\n  void flush();\n  later(5);\n  return 0;\n}' },
            { messageId: 'addCatch', output: `import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true);\n  flush()${CATCH};\n  later(5);\n  return 0;\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'later()' },
          line: 8,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true);\n  flush();\n  void later(5);\n  return 0;\n}' },
            { messageId: 'addCatch', output: `import { checkAccess, isAllowed, refresh, pick, flush, later } from "./modules/helpers.js";\nexport function run() {\n  if (checkAccess("u")) return 1;\n  if (isAllowed("u")) return 2;\n  refresh();\n  pick(true);\n  flush();\n  later(5)${CATCH};\n  return 0;\n}` },
          ],
        },
      ],
    },
    // A promise from a method of a receiver that is a call or a `new` (or a `const` made by one) still floats.
    {
      code: 'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}',
      output: null,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'new Socket("ws://a").send()' },
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  void new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}' },
            { messageId: 'addCatch', output: `declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x")${CATCH};\n  connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'connect("ws://b").send()' },
          line: 5,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  void connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}' },
            { messageId: 'addCatch', output: `declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x")${CATCH};\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'queue.shift()!.send()' },
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  void queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}' },
            { messageId: 'addCatch', output: `declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  queue.shift()!.send("x")${CATCH};\n  const socket = new Socket("ws://c");\n  socket.send("x");\n}` },
          ],
        },
        {
          messageId: 'floating',
          data: { name: 'socket.send()' },
          line: 8,
          column: 3,
          suggestions: [
            { messageId: 'addVoid', output: 'declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  void socket.send("x");\n}' },
            { messageId: 'addCatch', output: `declare class Socket { constructor(url: string); close(): void; send(data: string): Promise<void> }\ndeclare function connect(url: string): Socket;\nexport function run(queue: Socket[]) {\n  new Socket("ws://a").send("x");\n  connect("ws://b").send("x");\n  queue.shift()!.send("x");\n  const socket = new Socket("ws://c");\n  socket.send("x")${CATCH};\n}` },
          ],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------
// A local list of tasks that each handle their own errors (src/util/handles-own-errors.ts): awaiting
// all of them cannot reject, so the function that does may float. A task without its catch may reject.
// ---------------------------------------------------------------------------------------------------

const WARM_ALL = (push: string): string =>
  `declare function warm(key: string): Promise<void>;\nasync function warmAll(keys: string[]) {\n  const warming: Promise<void>[] = [];\n  for (const key of keys) ${push};\n  await Promise.all(warming);\n}\nwarmAll(['home', 'search']);`;

const UNHANDLED_WARM = WARM_ALL('warming.push(warm(key))');

const listValid: Valid[] = [WARM_ALL("warming.push(warm(key).catch((error) => console.warn('cold cache', key, error)))")];

const listInvalid: Invalid[] = [
  {
    code: UNHANDLED_WARM,
    output: null,
    errors: [
      {
        messageId: 'floating',
        line: 7,
        column: 1,
        suggestions: [
          { messageId: 'addAwait', output: UNHANDLED_WARM.replace("\nwarmAll(['home", "\nawait warmAll(['home") },
          { messageId: 'addVoid', output: UNHANDLED_WARM.replace("\nwarmAll(['home", "\nvoid warmAll(['home") },
          { messageId: 'addCatch', output: UNHANDLED_WARM.replace("'search']);", `'search'])${CATCH};`) },
        ],
      },
    ],
  },
];

plainTester.run('no-missing-await (lists of self-handling tasks, plain)', rule, { valid: listValid, invalid: listInvalid });
typedTester.run('no-missing-await (lists of self-handling tasks, typed)', rule, { valid: listValid, invalid: listInvalid });
