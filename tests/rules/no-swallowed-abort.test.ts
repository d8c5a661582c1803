import tsParser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule, { type MessageId, type Options } from '../../rules/no-swallowed-abort.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageId, Options>;

// The same cases run without and with type information: types only add findings.
const valid: Valid[] = [
  // Signals the function owns: aborting them is its own decision, and catching the abort is the point.
  `async function load(url) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1000);
  try {
    return await fetch(url, { signal: controller.signal });
  } catch {
    return null;
  }
}`,
  `async function load(url) {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(1000) });
  } catch {
    return null;
  }
}`,
  `async function load(url) {
  const signal = AbortSignal.timeout(5000);
  try {
    return await fetch(url, { signal });
  } catch {
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    log(error);
    throw error;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    throw new LoadError(\`cannot load \${url}\`, { cause: error });
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (error === signal.reason || error.code === 'ABORT_ERR') throw error;
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (error.name !== 'AbortError' && error.name !== 'TimeoutError') return null;
    throw error;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } finally {
    release();
  }
}`,
  `async function save(record, signal) {
  try {
    await db.save(record);
  } catch (error) {
    log(error);
  }
  await fetch('/hook', { signal });
}`,
  `async function load(url) {
  try {
    return await fetch(url);
  } catch {
    return null;
  }
}`,
  `async function pause(ms, signal) {
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
  } catch {}
}`,
  `function prefetch(url, signal) {
  fetch(url, { signal }).catch(() => {});
}`,
  `function load(url, signal) {
  return new Promise((resolve, reject) => {
    (async () => {
      try {
        resolve(await fetch(url, { signal }));
      } catch (error) {
        reject(error);
      }
    })();
  });
}`,
  `process.on('SIGTERM', async (signal) => {
  try {
    await server.close(signal);
  } catch (error) {
    log(error);
  }
});`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    return null;
  }
}`,
  `async function load(url, signal) {
  return await fetch(url, { signal }).catch((error) => {
    if (error.name === 'AbortError') throw error;
    return null;
  });
}`,
  `async function load(url, signal) {
  return fetch(url, { signal }).then(parse, (error) => Promise.reject(error));
}`,
  `async function work(queue, signal) {
  while (true) {
    signal.throwIfAborted();
    try {
      await queue.take();
    } catch (error) {
      log(error);
    }
  }
}`,
  `async function work(queue, signal) {
  while (!signal.aborted) {
    try {
      await queue.take();
    } catch (error) {
      log(error);
    }
  }
}`,
  `function SearchBox({ query }) {
  useEffect(() => {
    const controller = new AbortController();
    fetch(\`/search?q=\${query}\`, { signal: controller.signal })
      .then((response) => response.json())
      .then(setResults)
      .catch(() => {});
    return () => controller.abort();
  }, [query]);
}`,
  `async function load(url: string, signal: string) {
  try {
    return await fetch(url, { headers: { 'x-signal': signal } });
  } catch {
    return null;
  }
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (error.name === 'TimeoutError') return null;
    throw error;
  }
}`,
  `async function run(task, signal) {
  try {
    signal.addEventListener('abort', onAbort);
    await task();
  } catch {
    return null;
  }
}`,
  `async function stream(response, controller) {
  try {
    await consume(response, controller);
  } catch (error) {
    if (controller.signal.aborted) return;
    throw error;
  } finally {
    controller.abort();
  }
}`,
  `async function load(url, signal) {
  let failure;
  try {
    await fetch(url, { signal });
  } catch (error) {
    failure = error;
  }
  return failure;
}`,
  // A test for another error class is false for an abort: only that class is retried, the abort is rethrown.
  `async function send(request, signal) {
  for (;;) {
    try {
      return await request.send({ signal });
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      await request.reset();
    }
  }
}`,
  // abortCheckers: helpers that rethrow an abort.
  { code: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    rethrowIfAborted(error);
    return null;
  }
}`, options: [{"abortCheckers": ["rethrowIfAborted"]}] },
  { code: `import { ensureNotAborted } from '@acme/abort';
async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    ensureNotAborted(error);
    return null;
  }
}`, options: [{"abortCheckers": [{"from": "@acme/abort", "name": "ensureNotAborted"}]}] },
  // Plain JavaScript, CommonJS.
  { code: `const { setTimeout: sleep } = require('node:timers/promises');
async function pause(ms, signal) {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
  }
}`, filename: fixture('file.js') },
  // Issue 10: a tool handler gets a context that carries a signal and hands it to a helper that only
  // reads the user from it. No abort can come out of that call, so its error result is no swallowed abort.
  `interface User { id: string }
async function handle(ctx: { signal: AbortSignal; user: User }) {
  try {
    await audit(ctx);
  } catch (error) {
    return { isError: true, content: String(error) };
  }
}
async function audit(context: { user: User }) {
  await db.insert(context.user);
}`,
  `interface ToolContext { signal: AbortSignal; userId: string }
async function listNotes(ctx: ToolContext) {
  try {
    return { notes: await findNotes(ctx) };
  } catch (error) {
    return { error: String(error) };
  }
}
async function findNotes(ctx: ToolContext) {
  return db.notes.where({ owner: ctx.userId });
}`,
  // The retry loop require-signal-propagation's doc shows as correct: after an abort the backoff sleep,
  // given the signal, rejects at once, so the handler cannot carry on.
  `import { setTimeout as sleep } from 'node:timers/promises';
async function runWithRetry(task, { signal }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task({ signal });
    } catch (error) {
      if (attempt === 5) throw error;
      await sleep(2 ** attempt * 100, undefined, { signal });
    }
  }
}`,
  `async function poll(url: string, signal: AbortSignal) {
  try {
    return await fetch(url, { signal });
  } catch {
    const delay = await wait(1000, signal);
    return retryLater(delay);
  }
}
function wait(ms: number, signal: AbortSignal) {
  return new Promise((resolve) => setTimeout(resolve, ms, ms));
}`,
  // A signal read only to see whether to skip work, without throwing: no abort error from there.
  `async function flush(buffer, signal) {
  try {
    if (signal.aborted) return;
    await buffer.write();
  } catch (error) {
    log(error);
  }
}`,  // Result-value protocols: the handler answers with a failure the caller can see, not a fake success.
  `async function complete(prompt, signal) {
  try {
    const response = await fetch('/api/complete', { method: 'POST', body: prompt, signal });
    return { text: await response.text(), error: null };
  } catch (error) {
    if (error.name === 'AbortError') return { text: '', error: new CompletionError('cancelled', 499) };
    return { text: '', error };
  }
}`,
  `async function callTool(args, signal) {
  try {
    return { content: await runTool(args, { signal }) };
  } catch (caught) {
    const message = describe(caught);
    return toolFailure(message);
  }
}`,
  // A stream hands the error to its reader in-band.
  `function executeAll(calls, signal) {
  return new ReadableStream({
    async start(controller) {
      for (const call of calls) {
        try {
          controller.enqueue(await execute(call, { signal }));
        } catch (error) {
          controller.enqueue({ type: 'error', error });
        }
      }
      controller.close();
    },
  });
}`,
  // A generator of events tells its consumer in-band: the last event carries the failure (and whether it was
  // the abort), as a stream's \`enqueue({ type: 'error', error })\` does.
  `async function* chatEvents(prompt, request) {
  try {
    for await (const part of model.stream(prompt, { signal: request.signal })) yield { type: 'text', part };
    yield { type: 'end', reason: 'done' };
  } catch (error) {
    const cancelled = request.signal.aborted;
    yield { type: 'end', reason: cancelled ? 'cancelled' : 'failed', error: String(error) };
  }
}`,
  // Teardown is best-effort: an abort of the goodbye must not keep the rest from being released.
  `class Session {
  async close(options) {
    this.events.close();
    try {
      await fetch(this.url, { method: 'DELETE', signal: options?.signal });
    } catch {}
    this.onclose?.();
  }
}`,
  `async function shutdownWorker(worker, signal) {
  await fetch(worker.drainUrl, { method: 'POST', signal }).catch(() => undefined);
  worker.kill();
}`,
  // A reader loop ends with its stream, and a failed read (an abort too) ends it through the await outside the try.
  `async function readEvents(url, signal, onEvent) {
  const response = await fetch(url, { signal });
  const reader = response.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) return;
    try {
      onEvent(await decode(value));
    } catch (error) {
      report(error);
    }
  }
}`,
  // The error goes to a helper of this file that hands it on (it rejects the deferred), telling abort from failure itself.
  `async function upload(file, signal, deferred) {
  const settle = (error) => {
    if (signal.aborted) deferred.reject(signal.reason);
    else deferred.reject(error);
  };
  try {
    await fetch('/upload', { method: 'PUT', body: file, signal });
  } catch (error) {
    settle(error);
  }
}`,
  // A helper of this file that always throws: the handler cannot complete normally through it.
  `function raise(cause) {
  throw new SyncError('sync failed', { cause });
}
async function sync(store, signal) {
  try {
    await store.push({ signal });
  } catch (error) {
    raise(error);
  }
}`,
  // The abort becomes a result that says so, after telling it apart: the caller learns it cancelled.
  `async function step(input, signal) {
  try {
    return { aborted: false, response: await fetch(input, { signal }) };
  } catch (error) {
    if (signal.aborted) return { aborted: true };
    throw error;
  }
}`,
  // A private probe whose only caller polls it in an endless loop that checks the signal first on every turn.
  `async function probe(url, signal) {
  return fetch(url, { signal }).then((response) => response.ok).catch(() => false);
}
async function waitUntilHealthy(url, signal) {
  while (true) {
    if (signal.aborted) throw signal.reason;
    if (await probe(url, signal)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
];

const invalid: Invalid[] = [
  // Exported, the probe has callers that may not check the signal after it: the swallowed abort reads as "unhealthy".
  {
    code: `export async function probe(url, signal) {
  return fetch(url, { signal }).then((response) => response.ok).catch(() => false);
}
async function waitUntilHealthy(url, signal) {
  while (true) {
    if (signal.aborted) throw signal.reason;
    if (await probe(url, signal)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
    output: `export async function probe(url, signal) {
  return fetch(url, { signal }).then((response) => response.ok).catch(() => { signal?.throwIfAborted(); return false; });
}
async function waitUntilHealthy(url, signal) {
  while (true) {
    if (signal.aborted) throw signal.reason;
    if (await probe(url, signal)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 2, column: 71 }],
  },
  // The poll loop never checks the signal: nothing after the probe observes the abort.
  {
    code: `async function probe(url, signal) {
  return fetch(url, { signal }).then((response) => response.ok).catch(() => false);
}
async function waitUntilHealthy(url, signal) {
  while (true) {
    if (await probe(url, signal)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
    output: `async function probe(url, signal) {
  return fetch(url, { signal }).then((response) => response.ok).catch(() => { signal?.throwIfAborted(); return false; });
}
async function waitUntilHealthy(url, signal) {
  while (true) {
    if (await probe(url, signal)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 2, column: 71 }],
  },
  // A generator that ends with an ordinary last event after any failure: its consumer cannot tell the
  // abort from the end of the answer.
  {
    code: `async function* chatEvents(prompt, request) {
  try {
    for await (const part of model.stream(prompt, { signal: request.signal })) yield { type: 'text', part };
  } catch {
    yield { type: 'end', reason: 'done' };
  }
}`,
    output: `async function* chatEvents(prompt, request) {
  try {
    for await (const part of model.stream(prompt, { signal: request.signal })) yield { type: 'text', part };
  } catch {
    request.signal?.throwIfAborted();
    yield { type: 'end', reason: 'done' };
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 4, column: 5 }],
  },
  // A helper that only logs the error does not hand it on: the abort still turns into a quiet success.
  {
    code: `async function upload(file, signal) {
  const note = (error) => {
    console.warn('upload failed', error);
  };
  try {
    await fetch('/upload', { method: 'PUT', body: file, signal });
  } catch (error) {
    note(error);
  }
}`,
    output: `async function upload(file, signal) {
  const note = (error) => {
    console.warn('upload failed', error);
  };
  try {
    await fetch('/upload', { method: 'PUT', body: file, signal });
  } catch (error) {
    signal?.throwIfAborted();
    note(error);
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 7, column: 5 }],
  },
  // A helper that recognises the abort and then returns quietly is the same pitfall one call away.
  {
    code: `async function upload(file, signal, deferred) {
  const settle = (error) => {
    if (signal.aborted) return;
    console.warn('upload failed', error);
  };
  try {
    await fetch('/upload', { method: 'PUT', body: file, signal });
  } catch (error) {
    settle(error);
  }
}`,
    output: `async function upload(file, signal, deferred) {
  const settle = (error) => {
    if (signal.aborted) return;
    console.warn('upload failed', error);
  };
  try {
    await fetch('/upload', { method: 'PUT', body: file, signal });
  } catch (error) {
    signal?.throwIfAborted();
    settle(error);
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 8, column: 5 }],
  },
  // A result that does not tell abort from failure: the caller cannot learn that it cancelled.
  {
    code: `async function step(input, signal) {
  try {
    return { ok: true, response: await fetch(input, { signal }) };
  } catch (error) {
    return { ok: false };
  }
}`,
    output: `async function step(input, signal) {
  try {
    return { ok: true, response: await fetch(input, { signal }) };
  } catch (error) {
    signal?.throwIfAborted();
    return { ok: false };
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 4, column: 5 }],
  },
  // `aborted: false` after recognising the abort says the opposite of what happened.
  {
    code: `async function step(input, signal) {
  try {
    return { aborted: false, response: await fetch(input, { signal }) };
  } catch (error) {
    if (signal.aborted) return { aborted: false, response: null };
    throw error;
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'rethrowAbort',
            output: `async function step(input, signal) {
  try {
    return { aborted: false, response: await fetch(input, { signal }) };
  } catch (error) {
    if (signal.aborted) throw error;
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  // A retry loop whose work all sits in the try retries forever even though it leaves once connected.
  {
    code: `async function connectUntilUp(client, signal) {
  while (true) {
    let connected = false;
    try {
      await client.connect();
      connected = true;
    } catch (error) {
      log(error);
    }
    if (connected) return;
    await sleep(1000);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'loopIgnoresAbort',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'checkSignal', output: `async function connectUntilUp(client, signal) {
  while (true) {
    signal?.throwIfAborted();
    let connected = false;
    try {
      await client.connect();
      connected = true;
    } catch (error) {
      log(error);
    }
    if (connected) return;
    await sleep(1000);
  }
}` },
        ],
      },
    ],
  },
  // Only the error itself, or a failure made from it, tells the caller: its message alone is a fake answer.
  {
    code: `async function summary(url, signal) {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    return error.message;
  }
}`,
    output: `async function summary(url, signal) {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    signal?.throwIfAborted();
    return error.message;
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] }],
  },
  // A context handed to a helper that does pass its signal on: the abort comes back through it.
  {
    code: `async function load(url: string, ctx: { signal?: AbortSignal }) {
  try {
    return await get(url, ctx);
  } catch {
    return null;
  }
}
async function get(url: string, options: { signal?: AbortSignal }) {
  return fetch(url, { signal: options.signal });
}`,
    output: `async function load(url: string, ctx: { signal?: AbortSignal }) {
  try {
    return await get(url, ctx);
  } catch {
    ctx.signal?.throwIfAborted();
    return null;
  }
}
async function get(url: string, options: { signal?: AbortSignal }) {
  return fetch(url, { signal: options.signal });
}`,
    errors: [{ messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] }],
  },
  // Checking the signal and throwing is an abort the catch then swallows.
  {
    code: `async function copy(items: string[], signal: AbortSignal) {
  try {
    for (const item of items) {
      if (signal.aborted) throw signal.reason;
      await store(item);
    }
  } catch (error) {
    report(error);
  }
}`,
    output: `async function copy(items: string[], signal: AbortSignal) {
  try {
    for (const item of items) {
      if (signal.aborted) throw signal.reason;
      await store(item);
    }
  } catch (error) {
    signal.throwIfAborted();
    report(error);
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 7, column: 5, suggestions: [] }],
  },
  // A controller linked to the caller's signal aborts with it.
  {
    code: `async function load(url: string, signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  try {
    return await fetch(url, { signal: controller.signal });
  } catch {
    return null;
  }
}`,
    output: `async function load(url: string, signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  try {
    return await fetch(url, { signal: controller.signal });
  } catch {
    signal.throwIfAborted();
    return null;
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 6, column: 5, suggestions: [] }],
  },
  // The written type says the destructured signal is always there: no \`?.\`.
  {
    code: `async function load(url: string, { signal }: { signal: AbortSignal }) {
  try {
    return await fetch(url, { signal });
  } catch {
    return null;
  }
}`,
    output: `async function load(url: string, { signal }: { signal: AbortSignal }) {
  try {
    return await fetch(url, { signal });
  } catch {
    signal.throwIfAborted();
    return null;
  }
}`,
    errors: [{ messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] }],
  },
  // An endless worker loop given a context with a signal that it never checks: it never stops.
  {
    code: `async function serve(queue, ctx: { signal: AbortSignal; log: Log }) {
  while (true) {
    try {
      await take(queue, ctx);
    } catch (error) {
      ctx.log.error(error);
    }
  }
}
async function take(queue, context: { log: Log }) {
  context.log.info(await queue.next());
}`,
    output: null,
    errors: [
      {
        messageId: 'loopIgnoresAbort',
        line: 2,
        column: 3,
        suggestions: [{ messageId: 'checkSignal', output: `async function serve(queue, ctx: { signal: AbortSignal; log: Log }) {
  while (true) {
    ctx.signal.throwIfAborted();
    try {
      await take(queue, ctx);
    } catch (error) {
      ctx.log.error(error);
    }
  }
}
async function take(queue, context: { log: Log }) {
  context.log.info(await queue.next());
}` }],
      },
    ],
  },
  {
    // A prompt whose signal comes from the caller: from this function alone the abort may be the caller's
    // own cancellation (Ctrl-C, a deadline), and returning normally lets the caller carry on. Whether the
    // caller only meant "stop asking" is not visible here, so it stays reported.
    code: `import readline from 'node:readline/promises';
export async function confirmOpen(url, { signal }) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    await rl.question('Open ' + url + '? ', { signal });
    await openBrowser(url);
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  } finally {
    rl.close();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 7,
        column: 5,
        suggestions: [
          { messageId: 'rethrowAbort', output: `import readline from 'node:readline/promises';
export async function confirmOpen(url, { signal }) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    await rl.question('Open ' + url + '? ', { signal });
    await openBrowser(url);
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
    throw error;
  } finally {
    rl.close();
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
    output: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    console.error(error);
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function load(url: string, signal: AbortSignal) {
  try {
    const response = await fetch(url, { signal });
    return await response.json();
  } catch {
    return undefined;
  }
}`,
    output: `async function load(url: string, signal: AbortSignal) {
  try {
    const response = await fetch(url, { signal });
    return await response.json();
  } catch {
    signal.throwIfAborted();
    return undefined;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function load(url: string, options: { signal?: AbortSignal } = {}) {
  try {
    return await fetch(url, { signal: options.signal });
  } catch (error) {
    // Treat every failure as a miss.
    return null;
  }
}`,
    output: `async function load(url: string, options: { signal?: AbortSignal } = {}) {
  try {
    return await fetch(url, { signal: options.signal });
  } catch (error) {
    options.signal?.throwIfAborted();
    // Treat every failure as a miss.
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function poll(url, { signal, retries = 3 } = {}) {
  try {
    return await fetch(url, { signal });
  } catch {}
}`,
    output: `async function poll(url, { signal, retries = 3 } = {}) {
  try {
    return await fetch(url, { signal });
  } catch { signal?.throwIfAborted(); }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `class Crawler {
  constructor(private readonly signal: AbortSignal) {}
  async visit(url: string) {
    try {
      await fetch(url, { signal: this.signal });
    } catch (error) {
      this.failures.push(url);
    }
  }
}`,
    output: `class Crawler {
  constructor(private readonly signal: AbortSignal) {}
  async visit(url: string) {
    try {
      await fetch(url, { signal: this.signal });
    } catch (error) {
      this.signal.throwIfAborted();
      this.failures.push(url);
    }
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 6, column: 7, suggestions: [] },
    ],
  },
  {
    code: `class Job {
  constructor(options) {
    this.signal = options.signal;
  }
  async run() {
    try { await step(this.signal); } catch (error) { log(error); }
  }
}`,
    output: `class Job {
  constructor(options) {
    this.signal = options.signal;
  }
  async run() {
    try { await step(this.signal); } catch (error) { this.signal?.throwIfAborted(); log(error); }
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 6, column: 38, suggestions: [] },
    ],
  },
  {
    code: `async function load(url, signal) {
  return fetch(url, { signal }).then((response) => response.json()).catch(() => null);
}`,
    output: `async function load(url, signal) {
  return fetch(url, { signal }).then((response) => response.json()).catch(() => { signal?.throwIfAborted(); return null; });
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 2, column: 75, suggestions: [] },
    ],
  },
  {
    code: `async function load(url, options) {
  const body = await fetch(url, { signal: options.signal }).then(
    (response) => response.json(),
    (error) => {
      report(error);
      return {};
    },
  );
  return body;
}`,
    output: `async function load(url, options) {
  const body = await fetch(url, { signal: options.signal }).then(
    (response) => response.json(),
    (error) => {
      options.signal?.throwIfAborted();
      report(error);
      return {};
    },
  );
  return body;
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function sync(items, signal) {
  try {
    for (const item of items) {
      try {
        await upload(item, { signal });
      } catch (error) {
        failed.add(item);
      }
    }
  } catch (error) {
    throw new SyncError('sync failed', { cause: error });
  }
}`,
    output: `async function sync(items, signal) {
  try {
    for (const item of items) {
      try {
        await upload(item, { signal });
      } catch (error) {
        signal?.throwIfAborted();
        failed.add(item);
      }
    }
  } catch (error) {
    throw new SyncError('sync failed', { cause: error });
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 6, column: 9, suggestions: [] },
    ],
  },
  {
    code: `import { on } from 'node:events';
async function consume(emitter, { signal }) {
  try {
    for await (const [message] of on(emitter, 'message', { signal })) handle(message);
  } catch (error) {
    logger.warn(error);
  }
}`,
    output: `import { on } from 'node:events';
async function consume(emitter, { signal }) {
  try {
    for await (const [message] of on(emitter, 'message', { signal })) handle(message);
  } catch (error) {
    signal?.throwIfAborted();
    logger.warn(error);
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function download(url, signal) {
  try {
    await fetchToDisk(url, signal);
  } catch (error) {
    if (error.name === 'AbortError') {
      await removePartialFile(url);
      return;
    }
    throw error;
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'rethrowAbort', output: `async function download(url, signal) {
  try {
    await fetchToDisk(url, signal);
  } catch (error) {
    if (error.name === 'AbortError') {
      await removePartialFile(url);
      throw error;
    }
    throw error;
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) return null;
    throw error;
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 4,
        column: 5,
        suggestions: [
          { messageId: 'rethrowAbort', output: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw error;
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch {
    const signal = 'failed';
    return signal;
  }
}`,
    output: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const signal = 'failed';
    return signal;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function work(queue, signal) {
  while (true) {
    try {
      const job = await queue.take();
      await job.run();
    } catch (error) {
      logger.error(error);
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'loopIgnoresAbort',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'checkSignal', output: `async function work(queue, signal) {
  while (true) {
    signal?.throwIfAborted();
    try {
      const job = await queue.take();
      await job.run();
    } catch (error) {
      logger.error(error);
    }
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function work(queue, signal) {
  for (;;) {
    try {
      await queue.process({ signal });
    } catch (error) {
      logger.error(error);
    }
  }
}`,
    output: `async function work(queue, signal) {
  for (;;) {
    try {
      await queue.process({ signal });
    } catch (error) {
      signal?.throwIfAborted();
      logger.error(error);
    }
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 7, suggestions: [] },
    ],
  },
  {
    code: `async function crawl(urls, signal) {
  for (const url of urls) {
    try {
      await fetch(url, { signal });
    } catch (e) {
      if (signal.aborted) continue;
      log(e);
      throw e;
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 5,
        column: 7,
        suggestions: [
          { messageId: 'rethrowAbort', output: `async function crawl(urls, signal) {
  for (const url of urls) {
    try {
      await fetch(url, { signal });
    } catch (e) {
      if (signal.aborted) throw e;
      log(e);
      throw e;
    }
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function ping(url, signal) {
  try { await fetch(url, { signal }); } catch (e) { /* offline */ }
}`,
    output: `async function ping(url, signal) {
  try { await fetch(url, { signal }); } catch (e) { signal?.throwIfAborted(); /* offline */ }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 2, column: 41, suggestions: [] },
    ],
  },
  {
    code: `async function load(url: string, options?: { signal?: AbortSignal }) {
  try {
    return await fetch(url, { signal: options?.signal });
  } catch (error) {
    return null;
  }
}`,
    output: `async function load(url: string, options?: { signal?: AbortSignal }) {
  try {
    return await fetch(url, { signal: options?.signal });
  } catch (error) {
    options?.signal?.throwIfAborted();
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function load(url, signal) {
  const data = await fetch(url, { signal }).then((r) => r.json()).catch(() => ({ items: [] }));
  return data;
}`,
    output: `async function load(url, signal) {
  const data = await fetch(url, { signal }).then((r) => r.json()).catch(() => { signal?.throwIfAborted(); return { items: [] }; });
  return data;
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 2, column: 73, suggestions: [] },
    ],
  },
  {
    code: `async function load(url, options) {
  const signal = options.signal ?? AbortSignal.timeout(5000);
  try {
    return await fetch(url, { signal });
  } catch {
    return null;
  }
}`,
    output: `async function load(url, options) {
  const signal = options.signal ?? AbortSignal.timeout(5000);
  try {
    return await fetch(url, { signal });
  } catch {
    options.signal?.throwIfAborted();
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function load(url: string, signal: AbortSignal) {
  const combined = AbortSignal.any([signal, AbortSignal.timeout(5000)]);
  try {
    return await fetch(url, { signal: combined });
  } catch {
    return null;
  }
}`,
    output: `async function load(url: string, signal: AbortSignal) {
  const combined = AbortSignal.any([signal, AbortSignal.timeout(5000)]);
  try {
    return await fetch(url, { signal: combined });
  } catch {
    signal.throwIfAborted();
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  {
    code: `export async function GET(request) {
  try {
    const upstream = await fetch('https://api.example.com/data', { signal: request.signal });
    return new Response(upstream.body);
  } catch {
    return Response.json({ items: [] });
  }
}`,
    output: `export async function GET(request) {
  try {
    const upstream = await fetch('https://api.example.com/data', { signal: request.signal });
    return new Response(upstream.body);
  } catch {
    request.signal?.throwIfAborted();
    return Response.json({ items: [] });
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  {
    code: `const { setTimeout: sleep } = require('node:timers/promises');
async function pause(ms, signal) {
  try {
    await sleep(ms, undefined, { signal });
  } catch {}
}`,
    filename: fixture('file.js'),
    output: `const { setTimeout: sleep } = require('node:timers/promises');
async function pause(ms, signal) {
  try {
    await sleep(ms, undefined, { signal });
  } catch { signal?.throwIfAborted(); }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
  // A destructured catch parameter, a labelled break out of a switch, a named function handler.
  {
    code: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch ({ message }) {
    return message;
  }
}`,
    output: `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch ({ message }) {
    signal?.throwIfAborted();
    return message;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 4, column: 5, suggestions: [] },
    ],
  },
  {
    code: `async function load(urls, signal) {
  outer: for (const url of urls) {
    try {
      await fetch(url, { signal });
    } catch (error) {
      switch (error.name) {
        case 'AbortError':
          break outer;
        default:
          throw error;
      }
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 5,
        column: 7,
        suggestions: [{ messageId: 'rethrowAbort', output: `async function load(urls, signal) {
  outer: for (const url of urls) {
    try {
      await fetch(url, { signal });
    } catch (error) {
      switch (error.name) {
        case 'AbortError':
          throw error;
        default:
          throw error;
      }
    }
  }
}` }],
      },
    ],
  },
  {
    code: `async function load(url, signal) {
  try {
    await fetch(url, { signal });
  } catch (error) {
    switch (error.name) {
      case 'AbortError':
        cleanup();
        break;
      case 'TypeError':
        return null;
      default:
        throw error;
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'abortNotRethrown',
        line: 4,
        column: 5,
        suggestions: [{ messageId: 'rethrowAbort', output: `async function load(url, signal) {
  try {
    await fetch(url, { signal });
  } catch (error) {
    switch (error.name) {
      case 'AbortError':
        cleanup();
        break;
      case 'TypeError':
        return null;
      default:
        throw error;
    }
    throw error;
  }
}` }],
      },
    ],
  },

  {
    code: `async function load(url, signal) {
  const pending = fetch(url, { signal });
  return await pending.catch(function onError() {
    return null;
  });
}`,
    output: `async function load(url, signal) {
  const pending = fetch(url, { signal });
  return await pending.catch(function onError() {
    signal?.throwIfAborted();
    return null;
  });
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 3, column: 30, suggestions: [] },
    ],
  },
];

plainTester.run('no-swallowed-abort (plain)', rule, { valid, invalid });
typedTester.run('no-swallowed-abort (typed)', rule, { valid, invalid });

// TSX, parsed with JSX on.
plainTester.run('no-swallowed-abort (tsx)', rule, {
  valid: [],
  invalid: [
    {
      code: `function useUsers(url: string, signal: AbortSignal) {
    return fetch(url, { signal }).then((response) => response.json()).catch(() => <EmptyList />);
  }`,
      filename: fixture('file.tsx'),
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      output: `function useUsers(url: string, signal: AbortSignal) {
    return fetch(url, { signal }).then((response) => response.json()).catch(() => { signal.throwIfAborted(); return <EmptyList />; });
  }`,
      errors: [
        { messageId: 'abortSwallowed', line: 2, column: 77, suggestions: [] },
      ],
    },
  ],
});

// Types find signals that names do not show: an options interface, a contextually typed parameter.
const typedOnly: Invalid[] = [
  {
    code: `interface LoadOptions {
  signal?: AbortSignal;
  retries?: number;
}
async function load(url: string, options: LoadOptions) {
  try {
    return await fetch(url, options);
  } catch {
    return null;
  }
}`,
    output: `interface LoadOptions {
  signal?: AbortSignal;
  retries?: number;
}
async function load(url: string, options: LoadOptions) {
  try {
    return await fetch(url, options);
  } catch {
    options.signal?.throwIfAborted();
    return null;
  }
}`,
    errors: [
      { messageId: 'abortSwallowed', line: 8, column: 5, suggestions: [] },
    ],
  },
  {
    code: `type Loader = (url: string, cancel: AbortSignal) => Promise<unknown>;
const load: Loader = async (url, cancel) => {
  try {
    return await fetch(url, { signal: cancel });
  } catch {
    return null;
  }
};`,
    output: `type Loader = (url: string, cancel: AbortSignal) => Promise<unknown>;
const load: Loader = async (url, cancel) => {
  try {
    return await fetch(url, { signal: cancel });
  } catch {
    cancel.throwIfAborted();
    return null;
  }
};`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
];

typedTester.run('no-swallowed-abort (typed only)', rule, { valid: [], invalid: typedOnly });
plainTester.run('no-swallowed-abort (plain: no types, no finding)', rule, { valid: typedOnly.map(({ code }) => code), invalid: [] });

// Across files: a Request handed to helpers counts only when one of them lets its signal reach I/O.
typedTester.run('no-swallowed-abort (typed: helpers in other files)', rule, {
  valid: [
    `import { readPayload } from './modules/requests.js';
export async function POST(request: Request) {
  try {
    await store(await readPayload(request));
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false });
  }
}
declare function store(payload: unknown): Promise<void>;`,
  ],
  invalid: [
    {
      code: `import { proxy } from './modules/requests.js';
export async function GET(request: Request) {
  try {
    return await proxy(request);
  } catch {
    return new Response(null, { status: 204 });
  }
}`,
      output: `import { proxy } from './modules/requests.js';
export async function GET(request: Request) {
  try {
    return await proxy(request);
  } catch {
    request.signal.throwIfAborted();
    return new Response(null, { status: 204 });
  }
}`,
      errors: [{ messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] }],
    },
    // Without DOM or Node types `AbortSignal` is an error type: that means "unknown", and the code's own
    // words (`data.signal`) still name the caller's signal.
    {
      code: `interface RequestData { body?: string; signal?: AbortSignal | undefined }
export async function send(url: string, data: RequestData, retries: number) {
  const controller = new AbortController();
  if (data.signal) data.signal.addEventListener('abort', () => controller.abort());
  try {
    return await request(url, { signal: controller.signal });
  } catch (error) {
    if (retries > 0) return null;
    throw error;
  }
}
declare function request(url: string, init: { signal: unknown }): Promise<unknown>;`,
      filename: fixture('bare/file.ts'),
      output: `interface RequestData { body?: string; signal?: AbortSignal | undefined }
export async function send(url: string, data: RequestData, retries: number) {
  const controller = new AbortController();
  if (data.signal) data.signal.addEventListener('abort', () => controller.abort());
  try {
    return await request(url, { signal: controller.signal });
  } catch (error) {
    data.signal?.throwIfAborted();
    if (retries > 0) return null;
    throw error;
  }
}
declare function request(url: string, init: { signal: unknown }): Promise<unknown>;`,
      errors: [{ messageId: 'abortSwallowed', line: 7, column: 5, suggestions: [] }],
    },
  ],
});

// A parameter named `signal` that its type says is a string: only the checker can tell.
const plainOnly: Invalid[] = [
  {
    code: `type Notify = (signal: string) => Promise<void>;
const onShutdown: Notify = async (signal) => {
  try {
    await notify(signal);
  } catch {}
};`,
    output: `type Notify = (signal: string) => Promise<void>;
const onShutdown: Notify = async (signal) => {
  try {
    await notify(signal);
  } catch { signal?.throwIfAborted(); }
};`,
    errors: [
      { messageId: 'abortSwallowed', line: 5, column: 5, suggestions: [] },
    ],
  },
];

plainTester.run('no-swallowed-abort (plain only)', rule, { valid: [], invalid: plainOnly });
typedTester.run('no-swallowed-abort (typed: the checker knows better)', rule, { valid: plainOnly.map(({ code }) => code), invalid: [] });

// Every fix parses and is stable: a second --fix pass over its output changes nothing and reports nothing.
describe('no-swallowed-abort fixes are stable', () => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: { parser: tsParser as never },
      plugins: { 'async-pitfalls': { rules: { 'no-swallowed-abort': rule } } as never },
      rules: { 'async-pitfalls/no-swallowed-abort': 'error' },
    },
  ];
  it.each(invalid.filter((testCase) => typeof testCase.output === 'string').map((testCase) => [testCase.output as string]))('%s', (output) => {
    const second = linter.verifyAndFix(output, config, 'file.ts');
    expect(second.messages).toEqual([]);
    expect(second.fixed).toBe(false);
  });
});
