import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/no-leaked-timers.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

// Every case runs through both testers: the rule must say the same with and without type information.

const valid: (string | ValidTestCase<Options>)[] = [
  // One-shot timeouts complete on their own.
  "function later() { setTimeout(() => done(), 1000); }",
  "function later() { window.setTimeout(() => done(), 10); }",
  "function next() { setImmediate(run); }",
  // An awaited sleep is not a race.
  "async function sleep(ms: number) { await new Promise((r) => setTimeout(r, ms)); }",
  "function sleep(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }",
  "function delay(ms: number, value: string) { return new Promise((resolve) => { setTimeout(() => { log(value); resolve(value); }, ms); }); }",
  // Handles that are cleared, returned, passed on or unref'ed.
  "function poll() { const id = setInterval(tick, 1000); return () => clearInterval(id); }",
  "function poll() { return setInterval(tick, 1000); }",
  "const poll = () => setInterval(tick, 1000);",
  "function poll() { setInterval(tick, 1000).unref(); }",
  "function poll() { const t = setInterval(tick, 1000); t.unref(); }",
  "function poll() { const t = setInterval(tick, 1000); timers.push(t); }",
  "function poll() { timers.push(setInterval(tick, 1000)); }",
  "function poll() { const id = setInterval(() => { if (done()) clearInterval(id); }, 100); }",
  "function poll() { const state = { timer: setInterval(tick, 1) }; return state; }",
  "function poll() { let id; id = setInterval(tick, 1); return () => { id && clearInterval(id); }; }",
  "function poll() { const id = setInterval(tick, 1); id.close(); }",
  "let current; function restart() { clearInterval(current); current = setInterval(tick, 1000); }",
  "function poll() { using t = setInterval(tick, 1000); work(); }",
  // React-style effects that return a cleanup.
  { code: `
import { useEffect } from 'react';
export function Clock() {
  useEffect(() => {
    const id = setInterval(() => tick(), 1000);
    return () => clearInterval(id);
  }, []);
  return <span />;
}`, filename: fixture('file.tsx') },
  // Classes that clear what they schedule.
  "class Heartbeat { private timer?: NodeJS.Timeout; start() { this.timer = setInterval(() => this.ping(), 5000); } stop() { clearInterval(this.timer); } ping() {} }",
  "class Heartbeat { #timer = setInterval(() => {}, 1000); close() { clearInterval(this.#timer); } }",
  "class Heartbeat { start() { this.timer = setInterval(() => {}, 1000); } } function stop(h: Heartbeat) { clearInterval(h.timer); }",
  "class Reconnect { connect() { this.retry = setTimeout(() => this.connect(), 1000); } }",
  "class Base { stop() { clearInterval(this.timer); } } class Poller extends Base { start() { this.timer = setInterval(() => {}, 1000); } }",
  "class Dyn { start() { this.timer = setInterval(() => {}, 1); } stop() { for (const k of keys) clearInterval(this[k]); } }",
  // Node servers and CLI scripts that clean up.
  { code: `
import http from 'node:http';
export function startServer() {
  const server = http.createServer(handler);
  const interval = setInterval(() => reportStats(server), 10_000);
  server.on('close', () => clearInterval(interval));
  return server;
}` },
  { code: `
async function main() {
  const spinner = setInterval(draw, 80);
  try {
    await run();
  } finally {
    clearInterval(spinner);
  }
}` },
  // Module top level, unless checkTopLevel.
  "setInterval(tick, 1000);",
  "export const timer = setInterval(tick, 1000);",
  // Races that clear their timer.
  { code: `
async function withTimeout<T>(work: Promise<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}` },
  "function withTimeout(work, ms) { let t; return Promise.race([work, new Promise((_, r) => { t = setTimeout(r, ms); })]).finally(() => clearTimeout(t)); }",
  "function connect(socket, ms) { return new Promise((resolve, reject) => { const t = setTimeout(reject, ms); socket.once(\"connect\", () => { clearTimeout(t); resolve(); }); }); }",
  "function withTimeout(work, ms) { return Promise.race([work, new Promise((_, r) => setTimeout(r, ms).unref())]); }",
  "function all(work, ms) { return Promise.all([work, new Promise((r) => setTimeout(r, ms))]); }",
  // timers/promises iterators that stop.
  "import { setInterval } from 'node:timers/promises'; async function f(signal: AbortSignal) { for await (const _ of setInterval(1000, undefined, { signal })) tick(); }",
  "import { setInterval } from 'node:timers/promises'; async function f() { for await (const _ of setInterval(1000)) { if (done()) break; } }",
  "import { setInterval } from 'node:timers/promises'; async function* ticks() { for await (const t of setInterval(1000)) yield t; }",
  "import { setTimeout } from 'node:timers/promises'; async function f() { await setTimeout(100); }",
  // Abort listeners that are removed, once, or on a signal this function made.
  "function f(signal: AbortSignal) { signal.addEventListener(\"abort\", onAbort, { once: true }); }",
  "function f(signal: AbortSignal) { signal.addEventListener(\"abort\", onAbort); return () => signal.removeEventListener(\"abort\", onAbort); }",
  "function f(options) { options.signal.addEventListener(\"abort\", onAbort, { signal: local }); }",
  "function f() { const controller = new AbortController(); controller.signal.addEventListener(\"abort\", onAbort); }",
  "function f(ms) { const signal = AbortSignal.timeout(ms); signal.addEventListener(\"abort\", onAbort); }",
  "import { addAbortListener } from 'node:events'; function f(signal: AbortSignal) { const disposable = addAbortListener(signal, onAbort); return disposable; }",
  "function f(xhr) { xhr.addEventListener(\"abort\", onAbort); }",
  "async function runAll(jobs) { const controller = new AbortController(); const signal = controller.signal; await Promise.all(jobs.map((job) => new Promise((resolve) => { signal.addEventListener(\"abort\", resolve); job(resolve); }))); }",
  "signal.addEventListener(\"abort\", onAbort);",
  // Wiring handlers once, and loops that do not repeat over time.
  "function wire(emitter) { emitter.on(\"data\", handle); emitter.on(\"end\", finish); }",
  "function wire() { for (const sig of [\"SIGINT\", \"SIGTERM\"]) process.on(sig, shutdown); }",
  "function wire(bus, plugins) { for (const plugin of plugins) bus.on(\"ready\", plugin.init); }",
  "async function run(items) { for (const item of items) { const child = spawn(item); child.on(\"exit\", done); await once(child, \"exit\"); } }",
  "async function run(emitter) { while (true) { emitter.on(\"data\", handle); await next(); emitter.off(\"data\", handle); } }",
  "async function run(emitter) { for (;;) { try { await connect(); emitter.on(\"close\", reconnect); return; } catch { await sleep(1); } } }",
  "async function run() { let socket; while (true) { socket = await connect(); socket.on(\"data\", handle); await closed(socket); } }",
  // Not ours, or weird but valid: must not crash.
  "function f(setInterval) { setInterval(tick, 1); }",
  "function f() { new setInterval(tick, 1); }",
  "function f() { setTimeout(); setInterval; }",
  "function f(args) { setInterval(...args).unref(); }",
  "function f() { (0, setTimeout)(x); }",
  "class A { static { setInterval(tick, 1); } }",
  "function f() { const { timer } = this; }",
  "function f(signal) { signal.addEventListener(...args); }",
  "class A { accessor t = setInterval(f, 1); static s = setInterval(f, 1); }",
  "function f(this: Window) { this.setInterval(f, 1); }",
  "function f() { label: { setTimeout(f, 1); break label; } }",
  "enum E { A = setInterval(f, 1) as any }",
  // Issue 10: an 'abort' listener on a signal made for one request is dropped with the request.
  `export async function GET(request: Request) {
  request.signal.addEventListener('abort', () => stream.cancel());
  return new Response(stream);
}`,
  `app.get('/events', async (req, reply) => {
  req.raw.signal.addEventListener('abort', () => unsubscribe(req.id));
});`,
  `async function handle(incoming: Request) {
  incoming.signal.addEventListener('abort', () => log('client left'));
}`,
  // An interval armed once by the start-up function of a program that exits explicitly when done.
  `async function main() {
  setInterval(() => progress.render(), 100);
  await migrateAll();
  console.log('done');
}
main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });`,
  `async function main() {
  setInterval(report, 1000);
  await run();
  process.exit(0);
}
main();`,
  // Armed once, in a one-shot callback of start-up code: it lives as long as the process, like top level.
  `client.connect(function () {
  setInterval(function () { run(); }, 500);
});`,
  // A self-clearing interval that polls a synchronous condition.
  `function waitForStart(server) {
  return new Promise((resolve) => {
    const interval = setInterval(() => {
      if (server.started) {
        clearInterval(interval);
        resolve();
      }
    }, 1000);
  });
}`,
  // Retry intervals that give up: a cap on attempts, a clear on failure, a deadline, an abort.
  `function connectWithRetry(db) {
  let attempts = 0;
  const timer = setInterval(async () => {
    attempts += 1;
    try {
      await db.connect();
      clearInterval(timer);
    } catch (error) {
      if (attempts >= 10) clearInterval(timer);
    }
  }, 500);
}`,
  `function connectOnce(db) {
  const timer = setInterval(() => {
    db.connect().then(() => clearInterval(timer), () => clearInterval(timer));
  }, 500);
}`,
  `function waitForApi(url, signal) {
  const timer = setInterval(async () => {
    if (signal.aborted) return clearInterval(timer);
    const response = await fetch(url);
    if (response.ok) clearInterval(timer);
  }, 1000);
}`,
  // Functions handed to page.evaluate() run in the browser page, which is closed after the capture.
  `async function capture(page) {
  await page.evaluate(scrollToEnd, 30);
  return page.screenshot();
}
const scrollToEnd = async (seconds) => {
  const deadline = new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const scrolled = new Promise((resolve) => {
    const step = setInterval(() => {
      window.scrollBy(0, 100);
      if (window.scrollY + window.innerHeight >= document.body.scrollHeight) {
        clearInterval(step);
        resolve();
      }
    }, 100);
  });
  await Promise.race([scrolled, deadline]);
};`,
  `async function keepAwake(page) {
  await page.evaluate(() => {
    setInterval(() => document.dispatchEvent(new Event('mousemove')), 5000);
  });
}`,
  // The controller is made here and kept in an object built here: its signal dies with this request.
  `async function send(transport, messages) {
  const controller = new AbortController();
  const active = { controller, startedAt: Date.now() };
  active.controller.signal.addEventListener('abort', () => transport.cancel(messages));
  return transport.send(messages, { signal: active.controller.signal });
}`,
  // A test's mock listens to the signal of one call made by that test.
  {
    code: `it('stops streaming when the caller aborts', async () => {
  const transport = {
    async send(options) {
      options.signal.addEventListener('abort', () => stream.fail(new Error('aborted')));
      return stream;
    },
  };
  await chat(transport);
});`,
    filename: fixture('chat.test.js'),
  },
  // A latency budget under a second whose timer only resolves: once the work wins it resolves a settled
  // promise and is gone within the second.
  `async function suggest(editor) {
  const recent = await Promise.race([editor.recentSnippets(), new Promise((resolve) => setTimeout(() => resolve([]), 150))]);
  return rank(recent);
}`,
  `const BRANCH_WAIT_MS = 300;
async function describeWorkspace(ide, dirs) {
  const branches = await Promise.race([
    Promise.all(dirs.map((dir) => ide.branchOf(dir))),
    new Promise((resolve) => {
      setTimeout(() => {
        resolve(null);
      }, BRANCH_WAIT_MS);
    }),
  ]);
  return dirs.map((dir, i) => ({ dir, branch: branches?.[i] ?? 'unknown' }));
}`,
  // The budget is a parameter's default, and no call in the file passes a second or more.
  `function withinBudget(lookup, budgetMs = 250) {
  return Promise.race([lookup, new Promise((resolve) => { setTimeout(resolve, budgetMs); })]);
}
export async function hints(ide) {
  return Promise.all([withinBudget(ide.symbols()), withinBudget(ide.openTabs(), 400)]);
}`,
  `import { setTimeout as sleep } from 'node:timers/promises';
export async function quickPeek(queue) {
  return Promise.race([queue.peek(), sleep(200, null)]);
}`,
  // Each restart stores a new controller and listens to it once: the listener goes with the controller.
  `class Watcher {
  controller = new AbortController();
  async restart(source) {
    this.controller.abort();
    this.controller = new AbortController();
    await Promise.race([
      new Promise((resolve) => {
        this.controller.signal.addEventListener('abort', () => resolve(undefined));
      }),
      source.start(this.controller.signal),
    ]);
  }
}`,
  // A one-time probe behind a process-wide cache: at most one guard timer per process.
  `import { spawn } from 'node:child_process';
let gitAvailable = null;
export function probeGit() {
  if (gitAvailable !== null) return Promise.resolve(gitAvailable);
  return new Promise((resolve) => {
    const child = spawn('git', ['--version']);
    child.on('close', (code) => {
      gitAvailable = code === 0;
      resolve(gitAvailable);
    });
    setTimeout(() => {
      child.kill();
      gitAvailable = false;
      resolve(false);
    }, 2000);
  });
}`,
  // Test code: a race guard lives for one test, and the runner's timeout bounds it.
  {
    code: `it('emits a reading', async () => {
  const reading = await Promise.race([sensor.next(), new Promise((_, reject) => setTimeout(() => reject(new Error('no reading')), 3000))]);
  expect(reading.celsius).toBeGreaterThan(-50);
});`,
    filename: fixture('sensor.test.js'),
  },
  `import { test } from 'vitest';
export async function collect(stream: AsyncIterable<string>, ms: number) {
  const chunks: string[] = [];
  const done = (async () => { for await (const chunk of stream) chunks.push(chunk); })();
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, ms))]);
  return chunks;
}
test('collects', async () => {});`,
];

const invalid: InvalidTestCase<MessageId, Options>[] = [
  // Outside page.evaluate() the same race leaves the timer armed in this process.
  {
    code: `async function scrollFor(page, seconds) {
  const deadline = new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await Promise.race([page.evaluate(() => window.scrollTo(0, document.body.scrollHeight)), deadline]);
}`,
    output: null,
    errors: [{ messageId: 'raceTimeoutNotCleared', line: 2, column: 45 }],
  },
  // A controller kept in an object that came from elsewhere is not this function's own.
  {
    code: `function watch(active, onAbort) {
  active.controller.signal.addEventListener('abort', onAbort);
}`,
    output: `function watch(active, onAbort) {
  active.controller.signal.addEventListener('abort', onAbort, { once: true });
}`,
    errors: [{ messageId: 'abortListenerNotRemoved', line: 2, column: 3 }],
  },
  // Issue 10: retry intervals cleared only when the I/O succeeds retry forever when the service never comes up.
  {
    code: `function waitForRedis(client) {
  const retry = setInterval(async () => {
    try {
      await client.connect();
      clearInterval(retry);
    } catch (error) {
      console.warn('redis is not up yet', error);
    }
  }, 1000);
}`,
    output: null,
    errors: [{ messageId: 'retryNeverGivesUp', data: { operation: 'client.connect()' }, line: 2, column: 17 }],
  },
  {
    code: `function waitForDb(db) {
  const timer = setInterval(() => {
    db.ping((err) => {
      if (err) return console.warn(err);
      clearInterval(timer);
    });
  }, 500);
}`,
    output: null,
    errors: [{ messageId: 'retryNeverGivesUp', data: { operation: 'db.ping()' }, line: 2, column: 17 }],
  },
  {
    code: `class Registry {
  register(url) {
    this.retry = setInterval(() => {
      fetch(url, { method: 'POST' }).then(() => clearInterval(this.retry));
    }, 5000);
  }
}`,
    output: null,
    errors: [{ messageId: 'retryNeverGivesUp', data: { operation: 'fetch()' }, line: 3, column: 18 }],
  },
  // A signal the handler shares with other requests (or does not know): its listeners pile up.
  {
    code: `function track(job, sharedSignal: AbortSignal) {
  sharedSignal.addEventListener('abort', () => job.cancel());
}`,
    output: `function track(job, sharedSignal: AbortSignal) {
  sharedSignal.addEventListener('abort', () => job.cancel(), { once: true });
}`,
    errors: [{ messageId: 'abortListenerNotRemoved', line: 2, column: 3, suggestions: [] }],
  },
  // An interval in a start-up function of a program that never exits: nothing stops it.
  {
    code: `async function main() {
  setInterval(() => progress.render(), 100);
  await migrateAll();
}
main();`,
    output: null,
    errors: [{ messageId: 'intervalDiscarded', line: 2, column: 3, suggestions: [] }],
  },
  // Discarded intervals in plain functions: return a stop function.
  {
    code: `function startPolling() {
  setInterval(() => poll(), 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `function startPolling() {
  const timer = setInterval(() => poll(), 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function startPolling(): void {
  setInterval(() => poll(), 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `function startPolling(): () => void {
  const timer = setInterval(() => poll(), 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const startPolling = (): void => {
  log("start");
  setInterval(poll, 1000); // poll
};`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `const startPolling = (): () => void => {
  log("start");
  const timer = setInterval(poll, 1000); // poll
  return () => clearInterval(timer);
};`,
          },
        ],
      },
    ],
  },
  {
    code: "function start() { setInterval(poll, 1000); }",
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 1,
        column: 20,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: "function start() { const timer = setInterval(poll, 1000); return () => clearInterval(timer); }",
          },
        ],
      },
    ],
  },
  {
    code: `function start(timer) {
  setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `function start(timer) {
  const timer2 = setInterval(poll, 1000);
  return () => clearInterval(timer2);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function start() {
  void setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 8,
        suggestions: [],
      },
    ],
  },
  // No suggestion: async, early returns, constructor functions, callbacks, nested blocks.
  {
    code: `async function main() {
  setInterval(progress, 100);
  await work();
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function start(on) {
  if (!on) return;
  setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function Poller() {
  this.n = 0;
  setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `server.on('listening', () => {
  setInterval(reportStats, 10_000);
});`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function start(on) {
  if (on) {
    setInterval(poll, 1000);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `function start(): void;
function start(): void {
  setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function start(): number {
  setInterval(poll, 1000);
  return 1;
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  // Spellings: node:timers, globalThis, require.
  {
    code: `import { setInterval as every } from 'node:timers';
function start() {
  every(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `import { setInterval as every } from 'node:timers';
function start() {
  const timer = every(poll, 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function start() {
  globalThis.setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `function start() {
  const timer = globalThis.setInterval(poll, 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const timers = require('timers');
function start() {
  timers.setInterval(poll, 1000);
}`,
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `const timers = require('timers');
function start() {
  const timer = timers.setInterval(poll, 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function start() {
  setInterval?.(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `function start() {
  const timer = setInterval?.(poll, 1000);
  return () => clearInterval(timer);
}`,
          },
        ],
      },
    ],
  },
  // React-style effect without a cleanup.
  {
    code: `import { useEffect } from 'react';
export function Clock() {
  useEffect(() => {
    setInterval(() => tick(), 1000);
  }, []);
  return <span />;
}`,
    filename: fixture('file.tsx'),
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'returnStopFunction',
            output: `import { useEffect } from 'react';
export function Clock() {
  useEffect(() => {
    const timer = setInterval(() => tick(), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span />;
}`,
          },
        ],
      },
    ],
  },
  // Stored but never cleared.
  {
    code: `function start() {
  const id = setInterval(poll, 1000);
  console.log("started", id, typeof id);
  if (id) log(\`\${id}\`);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalNeverCleared',
        line: 2,
        column: 14,
        suggestions: [],
      },
    ],
  },
  {
    code: `function start() {
  let id;
  id = setInterval(poll, 1000);
}`,
    output: null,
    errors: [
      {
        messageId: 'intervalNeverCleared',
        line: 3,
        column: 8,
        suggestions: [],
      },
    ],
  },
  // Classes.
  {
    code: `class Heartbeat {
  start() {
    setInterval(() => this.ping(), 5000);
  }
  ping() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Heartbeat {
  private timer?: ReturnType<typeof setInterval>;
  start() {
    this.timer = setInterval(() => this.ping(), 5000);
  }
  ping() {}

  stop(): void {
    clearInterval(this.timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Heartbeat {
  start() {
    setInterval(() => this.ping(), 5000);
  }
  ping() {}
}`,
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Heartbeat {
  start() {
    this.timer = setInterval(() => this.ping(), 5000);
  }
  ping() {}

  stop() {
    clearInterval(this.timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Connection {
  connect() {
    this.socket.on("open", () => {
      setInterval(() => this.ping(), 5000);
    });
  }
  close() {
    this.socket.end();
  }
  ping() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 4,
        column: 7,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Connection {
  private timer?: ReturnType<typeof setInterval>;
  connect() {
    this.socket.on("open", () => {
      this.timer = setInterval(() => this.ping(), 5000);
    });
  }
  close() {
    clearInterval(this.timer);
    this.socket.end();
  }
  ping() {}
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Heartbeat {
  private timer?: NodeJS.Timeout;
  start() {
    this.timer = setInterval(() => this.ping(), 5000);
  }
  ping() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 4,
        column: 18,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Poller {
  constructor() {
    setInterval(() => this.poll(), 1000);
  }
  poll() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Poller {
  private timer?: ReturnType<typeof setInterval>;
  constructor() {
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll() {}

  stop(): void {
    clearInterval(this.timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Poller {
  timer = setInterval(() => this.poll(), 1000);
  poll() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 2,
        column: 11,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Jobs {
  [key]() {
    setInterval(() => this.run(), 1000);
  }
  get ticker() {
    setInterval(() => this.run(), 1000);
    return 1;
  }
  run() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Jobs {
  private timer?: ReturnType<typeof setInterval>;
  [key]() {
    this.timer = setInterval(() => this.run(), 1000);
  }
  get ticker() {
    setInterval(() => this.run(), 1000);
    return 1;
  }
  run() {}

  stop(): void {
    clearInterval(this.timer);
  }
}`,
          },
        ],
      },
      {
        messageId: 'classTimerNeverCleared',
        line: 6,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `class Jobs {
  private timer?: ReturnType<typeof setInterval>;
  [key]() {
    setInterval(() => this.run(), 1000);
  }
  get ticker() {
    this.timer = setInterval(() => this.run(), 1000);
    return 1;
  }
  run() {}

  stop(): void {
    clearInterval(this.timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Poller extends Base {
  start() {
    setInterval(() => this.poll(), 1000);
  }
  poll() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Client {
  private retry?: NodeJS.Timeout;
  connect() {
    this.retry = setTimeout(() => this.connect(), 1000);
  }
  close() {}
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 4,
        column: 18,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Pool {
  start() {
    for (const w of this.workers) {
      setInterval(() => w.ping(), 1000);
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 4,
        column: 7,
        suggestions: [],
      },
    ],
  },
  // Races.
  {
    code: `async function fetchWithTimeout(url: string, ms: number) {
  return Promise.race([
    fetch(url),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 4,
        column: 32,
        suggestions: [
          {
            messageId: 'useAbortSignalTimeout',
            output: `async function fetchWithTimeout(url: string, ms: number) {
  return fetch(url, { signal: AbortSignal.timeout(ms) });
}`,
          },
          {
            messageId: 'clearInFinally',
            output: `async function fetchWithTimeout(url: string, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      fetch(url),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function fetchJson(url: string, ms: number) {
  return Promise.race([fetch(url, { headers: { accept: 'json' } }), new Promise((_, reject) => setTimeout(reject, ms))]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 96,
        suggestions: [
          {
            messageId: 'useAbortSignalTimeout',
            output: `function fetchJson(url: string, ms: number) {
  return fetch(url, { headers: { accept: 'json' }, signal: AbortSignal.timeout(ms) });
}`,
          },
          {
            messageId: 'clearInFinally',
            output: `async function fetchJson(url: string, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([fetch(url, { headers: { accept: 'json' } }), new Promise((_, reject) => { timer = setTimeout(reject, ms); })]);
  } finally {
    clearTimeout(timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const withTimeout = <T,>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(reject, ms))]);`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 57,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `const withTimeout = async <T,>(work: Promise<T>, ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => { timer = setTimeout(reject, ms); })]);
  } finally {
    clearTimeout(timer);
  }
};`,
          },
        ],
      },
    ],
  },
  {
    code: "const withTimeout = (work, ms) => (Promise.race([work, new Promise((_, reject) => setTimeout(reject, ms))]));",
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 1,
        column: 83,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `const withTimeout = async (work, ms) => {
  let timer;
  try {
    return await Promise.race([work, new Promise((_, reject) => { timer = setTimeout(reject, ms); })]);
  } finally {
    clearTimeout(timer);
  }
};`,
          },
        ],
      },
    ],
  },
  {
    code: `async function load(cache, ms) {
  if (cache) return await Promise.race([cache.get(), new Promise((resolve) => { setTimeout(resolve, ms); })]);
  return null;
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 81,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `async function load(cache, ms) {
  if (cache) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([cache.get(), new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
    } finally {
      clearTimeout(timer);
    }
  }
  return null;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Api {
  call(work: Promise<string>, ms: number) {
    return Promise.race([work, new Promise<string>((resolve) => setTimeout(() => resolve("late"), ms))]);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 3,
        column: 65,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `class Api {
  async call(work: Promise<string>, ms: number) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([work, new Promise<string>((resolve) => { timer = setTimeout(() => resolve("late"), ms); })]);
    } finally {
      clearTimeout(timer);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function first(work, ms) {
  const result = await Promise.race([work, new Promise((r) => setTimeout(r, ms))]);
  return result;
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 63,
        suggestions: [
          {
            messageId: 'clearWithFinallyCall',
            output: `async function first(work, ms) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const result = await Promise.race([work, new Promise((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
  return result;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function poll(work: () => Promise<void>, ms: number) {
  for (;;) {
    await Promise.race([work(), new Promise((_, reject) => { setTimeout(reject, ms); })]);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 3,
        column: 62,
        suggestions: [
          {
            messageId: 'clearWithFinallyCall',
            output: `async function poll(work: () => Promise<void>, ms: number) {
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([work(), new Promise((_, reject) => { timer = setTimeout(reject, ms); })]).finally(() => clearTimeout(timer));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function withTimeout(work: Promise<string>, ms: number): PromiseLike<string> {
  return Promise.race([work, new Promise<string>((r) => setTimeout(r, ms))]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 57,
        suggestions: [],
      },
    ],
  },
  {
    code: `function connect(socket, ms) {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('connect timeout')), ms);
    socket.once('connect', resolve);
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `import { setTimeout as sleep } from 'node:timers/promises';
async function f(work) {
  return Promise.race([work, sleep(5000)]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 3,
        column: 30,
        suggestions: [],
      },
    ],
  },
  // timers/promises iterators that never stop.
  {
    code: `import { setInterval } from 'node:timers/promises';
async function heartbeat() {
  for await (const _ of setInterval(1000)) {
    for (const x of xs) { if (x) break; }
    await ping();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'iteratorNeverStops',
        line: 3,
        column: 25,
        suggestions: [],
      },
    ],
  },
  {
    code: `import timers from 'node:timers/promises';
async function heartbeat() {
  const ticks = timers.setInterval(1000);
  for await (const _ of ticks) await ping();
}`,
    output: null,
    errors: [
      {
        messageId: 'iteratorNeverStops',
        line: 3,
        column: 17,
        suggestions: [],
      },
    ],
  },
  // Abort listeners.
  {
    code: `function request(url: string, signal: AbortSignal) {
  signal.addEventListener('abort', () => cancel(url));
}`,
    output: `function request(url: string, signal: AbortSignal) {
  signal.addEventListener('abort', () => cancel(url), { once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(options) {
  options.signal?.addEventListener('abort', onAbort /* keep */, { passive: true });
}`,
    output: `function request(options) {
  options.signal?.addEventListener('abort', onAbort /* keep */, { passive: true, once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(signal) {
  signal.addEventListener('abort', onAbort, true);
}`,
    output: `function request(signal) {
  signal.addEventListener('abort', onAbort, { capture: true, once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(signal) {
  signal.addEventListener(
    'abort',
    onAbort,
  );
}`,
    output: `function request(signal) {
  signal.addEventListener(
    'abort',
    onAbort, { once: true }
  );
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(signal) {
  signal.addEventListener('abort', onAbort, { once: false });
}`,
    output: `function request(signal) {
  signal.addEventListener('abort', onAbort, { once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(signal) {
  signal.addEventListener(\`abort\`, onAbort);
}`,
    output: `function request(signal) {
  signal.addEventListener(\`abort\`, onAbort, { once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function request(signal) {
  signal.addEventListener('abort', onAbort, {});
}`,
    output: `function request(signal) {
  signal.addEventListener('abort', onAbort, { once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `const shutdown = new AbortController();
export function work() {
  shutdown.signal.addEventListener('abort', stop);
}`,
    output: `const shutdown = new AbortController();
export function work() {
  shutdown.signal.addEventListener('abort', stop, { once: true });
}`,
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 3,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `async function onceOrThrow(target, event, after) {
  return new Promise((resolve, reject) => {
    target.on(event, resolve);
    setTimeout(() => reject(new Error('Time up')), after);
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 4,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `const Poller = class {
  start() {
    setInterval(() => this.poll(), 1000);
  }
  poll() {}
};`,
    output: null,
    errors: [
      {
        messageId: 'classTimerNeverCleared',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'storeOnThis',
            output: `const Poller = class {
  private timer?: ReturnType<typeof setInterval>;
  start() {
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll() {}

  stop(): void {
    clearInterval(this.timer);
  }
};`,
          },
        ],
      },
    ],
  },
  {
    code: `async function worker(parentSignal) {
  while (true) {
    parentSignal.addEventListener('abort', stop);
    await job();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'listenerInLoop',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  // Listeners in loops that repeat over time.
  {
    code: `async function consume(socket) {
  while (true) {
    socket.on('error', onError);
    await read(socket);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'listenerInLoop',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `async function consume(queue, emitter) {
  while (await queue.next()) {
    emitter.on('drain', resume);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'listenerInLoop',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `async function consume(stream) {
  for await (const chunk of stream) {
    process.on('SIGINT', () => save(chunk));
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'listenerInLoop',
        line: 3,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `class Client {
  async loop() {
    do {
      this.socket.addEventListener('message', this.onMessage);
      await this.wait();
    } while (this.running);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'listenerInLoop',
        line: 4,
        column: 7,
        suggestions: [],
      },
    ],
  },
  // A second or more is a deadline, not a latency budget: still reported.
  {
    code: `async function confirmCwd(terminal, ready) {
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 1000))]);
  return terminal.cwd;
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 55,
        suggestions: [
          {
            messageId: 'clearWithFinallyCall',
            output: `async function confirmCwd(terminal, ready) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([ready, new Promise((resolve) => { timer = setTimeout(resolve, 1000); })]).finally(() => clearTimeout(timer));
  return terminal.cwd;
}`,
          },
        ],
      },
    ],
  },
  // Short, but the timer does more than resolve: it arms more work.
  {
    code: `async function settle(page) {
  let sawResponse = false;
  page.on('response', () => { sawResponse = true; });
  await Promise.race([page.waitForNavigation(), new Promise((resolve) => {
    setTimeout(() => {
      if (sawResponse) setTimeout(resolve, 5000);
      else resolve();
    }, 500);
  })]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'clearWithFinallyCall',
            output: `async function settle(page) {
  let sawResponse = false;
  page.on('response', () => { sawResponse = true; });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([page.waitForNavigation(), new Promise((resolve) => {
    timer = setTimeout(() => {
      if (sawResponse) setTimeout(resolve, 5000);
      else resolve();
    }, 500);
  })]).finally(() => clearTimeout(timer));
}`,
          },
        ],
      },
    ],
  },
  // Short, but it rejects: a deadline the caller's error handling waits on.
  {
    code: `async function lookup(cache, key) {
  return Promise.race([cache.get(key), new Promise((_, reject) => setTimeout(() => reject(new Error('slow cache')), 300))]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 67,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `async function lookup(cache, key) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([cache.get(key), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('slow cache')), 300); })]);
  } finally {
    clearTimeout(timer);
  }
}`,
          },
        ],
      },
    ],
  },
  // The default is short, but one caller passes five seconds.
  {
    code: `function withinBudget(lookup, budgetMs = 250) {
  return Promise.race([lookup, new Promise((resolve) => { setTimeout(resolve, budgetMs); })]);
}
export async function hints(ide) {
  return Promise.all([withinBudget(ide.symbols()), withinBudget(ide.index(), 5000)]);
}`,
    output: null,
    errors: [
      {
        messageId: 'raceTimeoutNotCleared',
        line: 2,
        column: 59,
        suggestions: [
          {
            messageId: 'clearInFinally',
            output: `async function withinBudget(lookup, budgetMs = 250) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([lookup, new Promise((resolve) => { timer = setTimeout(resolve, budgetMs); })]);
  } finally {
    clearTimeout(timer);
  }
}
export async function hints(ide) {
  return Promise.all([withinBudget(ide.symbols()), withinBudget(ide.index(), 5000)]);
}`,
          },
        ],
      },
    ],
  },
  // The controller is stored by another method: every call adds a listener to the same one.
  {
    code: `class Watcher {
  reset() {
    this.controller = new AbortController();
  }
  wait(source) {
    return new Promise((resolve) => {
      this.controller.signal.addEventListener('abort', () => resolve(undefined));
      source.start(resolve);
    });
  }
}`,
    output: `class Watcher {
  reset() {
    this.controller = new AbortController();
  }
  wait(source) {
    return new Promise((resolve) => {
      this.controller.signal.addEventListener('abort', () => resolve(undefined), { once: true });
      source.start(resolve);
    });
  }
}`,
    errors: [{ messageId: 'abortListenerNotRemoved', line: 7, column: 7, suggestions: [] }],
  },
  // A cache that the function never fills is no one-time probe.
  {
    code: `let lastVersion = null;
export function probeGit(spawnGit) {
  if (lastVersion !== null) return Promise.resolve(lastVersion);
  return new Promise((resolve) => {
    const child = spawnGit();
    child.on('close', resolve);
    setTimeout(() => { child.kill(); resolve(false); }, 2000);
  });
}`,
    output: null,
    errors: [{ messageId: 'raceTimeoutNotCleared', line: 7, column: 5, suggestions: [] }],
  },
];

const withOptions: { valid: (string | ValidTestCase<Options>)[]; invalid: InvalidTestCase<MessageId, Options>[] } = {
  valid: [
  { code: `const t = setInterval(tick, 1000);
export function stop() { clearInterval(t); }`, options: [{"checkTopLevel":true}] },
  { code: "function f(signal) { signal.addEventListener('abort', onAbort); }", options: [{"checkAbortListeners":false}] },
  { code: "async function f(s) { while (true) { s.on('x', h); await n(); } }", options: [{"checkAbortListeners":false}] },
],
  invalid: [
  {
    code: `function poll() {
  setInterval(tick, 1000).unref();
}`,
    options: [{"allowUnref":false}],
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 2,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    code: `function poll() {
  const t = setInterval(tick, 1000);
  t.unref();
}`,
    options: [{"allowUnref":false}],
    output: null,
    errors: [
      {
        messageId: 'intervalNeverCleared',
        line: 2,
        column: 13,
        suggestions: [],
      },
    ],
  },
  {
    code: "setInterval(tick, 1000);",
    options: [{"checkTopLevel":true}],
    output: null,
    errors: [
      {
        messageId: 'intervalDiscarded',
        line: 1,
        column: 1,
        suggestions: [],
      },
    ],
  },
  {
    code: "signal.addEventListener('abort', onAbort);",
    options: [{"checkTopLevel":true}],
    output: "signal.addEventListener('abort', onAbort, { once: true });",
    errors: [
      {
        messageId: 'abortListenerNotRemoved',
        line: 1,
        column: 1,
        suggestions: [],
      },
    ],
  },
],
};

plainTester.run('no-leaked-timers (plain)', rule, { valid, invalid });
typedTester.run('no-leaked-timers (typed)', rule, { valid, invalid });
plainTester.run('no-leaked-timers options (plain)', rule, withOptions);
typedTester.run('no-leaked-timers options (typed)', rule, withOptions);

// Without types, only a receiver named like a signal is taken for one: `s` could be an XMLHttpRequest.
plainTester.run('no-leaked-timers (plain only)', rule, {
  valid: ["function request(s: AbortSignal) {\n  s.addEventListener('abort', onAbort);\n}"],
  invalid: [],
});

typedTester.run('no-leaked-timers (typed only)', rule, {
  valid: ["function upload(request: XMLHttpRequest) {\n  request.addEventListener('abort', onAbort);\n}"],
  invalid: [
    {
      code: "function request(s: AbortSignal) {\n  s.addEventListener('abort', onAbort);\n}",
      output: "function request(s: AbortSignal) {\n  s.addEventListener('abort', onAbort, { once: true });\n}",
      errors: [{ messageId: 'abortListenerNotRemoved', line: 2, column: 3, suggestions: [] }],
    },
    {
      code: "function request(init: { signal: AbortSignal }) {\n  const { signal: s } = init;\n  s.addEventListener('abort', onAbort);\n}",
      output: "function request(init: { signal: AbortSignal }) {\n  const { signal: s } = init;\n  s.addEventListener('abort', onAbort, { once: true });\n}",
      errors: [{ messageId: 'abortListenerNotRemoved', line: 3, column: 3, suggestions: [] }],
    },
  ],
});
