import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/no-misused-async-callback.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

// Every case runs through both testers: types only add findings, so both must say the same here.

const valid: (string | ValidTestCase<Options>)[] = [
  // Synchronous callbacks, and the loops that await.
  'function f(items: string[]) { items.forEach((item) => console.log(item)); }',
  'async function f(items: string[]) { for (const item of items) await save(item); }',
  'function f(items: string[]) { return items.filter(Boolean); }',
  'function f(items: string[]) { return items.map(async (item) => save(item)); }',
  // An async forEach callback that awaits nothing does all its work before forEach returns.
  'function f(items: string[]) { items.forEach(async (item) => { console.log(item); }); }',
  // Listeners that handle their own errors: the whole body, or every await, inside a try whose catch does not rethrow.
  "emitter.on('data', async (chunk) => { try { await save(chunk); } catch (error) { console.error(error); } });",
  "io.on('connection', (socket) => { socket.on('join', async (room) => { socket.join(room); try { await audit(room); } catch { socket.emit('failed'); } }); });",
  "emitter.on('data', (chunk) => save(chunk).catch((error) => console.error(error)));",
  "emitter.on('data', async (chunk) => { await save(chunk).catch(report); });",
  "window.addEventListener('load', async () => { console.log('loaded'); });",
  // A message listener that refuses foreign senders with a throw and catches the work it awaits: in the
  // browser that throw is as uncaught as a synchronous listener's would be, so async adds nothing to lose.
  "window.addEventListener('message', async (event) => {\n  if (event.origin !== TRUSTED_ORIGIN) throw new Error('untrusted origin');\n  try {\n    event.source.postMessage(await exportScene(event.data));\n  } catch (error) {\n    event.source.postMessage({ type: 'error', message: String(error) });\n  }\n});",
  "setTimeout(async () => {\n  if (!state.ready) throw new Error('started before ready');\n  try {\n    await state.flush();\n  } catch (error) {\n    console.error(error);\n  }\n}, 10);",
  // Emitters that route a listener's rejection to 'error'.
  "import { EventEmitter } from 'node:events'; const bus = new EventEmitter({ captureRejections: true }); bus.on('job', async (job) => { await run(job); });",
  "import { EventEmitter } from 'node:events'; class Bus extends EventEmitter { constructor() { super({ captureRejections: true }); this.on('job', async (job) => { await run(job); }); } }",
  "import { EventEmitter } from 'node:events'; EventEmitter.captureRejections = true; emitter.on('job', async (job) => { await run(job); });",
  {
    code: "bot.on('text', async (ctx) => { await ctx.reply('hi'); });",
    options: [{ promiseAwareEmitters: ['bot'] }],
  },
  {
    code: "import { Telegraf } from 'telegraf'; const app = new Telegraf(token); app.on('text', async (ctx) => { await ctx.reply('hi'); });",
    options: [{ promiseAwareEmitters: [{ from: 'telegraf', name: 'Telegraf' }] }],
  },
  // Timers whose callback catches what it awaits, or calls a function that does.
  'setInterval(async () => { try { await poll(); } catch (error) { console.error(error); } }, 1000);',
  'async function tick() { try { await poll(); } catch (error) { console.error(error); } }\nsetInterval(tick, 1000);',
  'class Cache { async refresh() { try { this.data = await load(); } catch (error) { console.error(error); } } start() { setTimeout(() => this.refresh(), 10); } }',
  'setTimeout(() => resolve(), 10);',
  'class Monitor { static start() { setInterval(async () => { const failure = await this.check(); if (failure) report(failure); }, 1000); } static async check() { try { return await probe(); } catch (error) { return error; } } }',
  // Shutdown and crash handlers: a rejection on the way ends the process, as process.exit() would.
  "server.once('error', async (error) => { console.error(error); await shutdown(); process.exit(1); });",
  "process.on('uncaughtException', async (error) => { await report(error); process.exit(); });",
  "process.on('SIGTERM', async () => { try { await drain(); } finally { process.exit(0); } });",
  // Promise executors that cannot lose an error.
  'const ready = new Promise((resolve) => setTimeout(resolve, 10));',
  'const ready = new Promise(async (resolve) => { resolve(1); });',
  'const ready = new Promise(async (resolve, reject) => { try { resolve(await load()); } catch (error) { reject(error); } });',
  'const loaded = new Promise(async (resolve) => { for (const name of names) { try { await import(name); break; } catch {} } resolve(); });',
  // Reducers that chain through the accumulator.
  'async function f(items: string[]) { await items.reduce(async (previous, item) => { await previous; await save(item); }, Promise.resolve()); }',
  'async function f(items: string[]) { return items.reduce(async (acc, item) => (await acc).concat(await load(item)), Promise.resolve([])); }',
  'function f(items: string[]) { return items.reduce((acc, item) => acc.then(() => save(item)), Promise.resolve()); }',
  // describe bodies: vitest (this repository's runner) and node:test await them.
  "describe('users', async () => { const db = await connect(); it('reads', () => { expect(db).toBeDefined(); }); });",
  "import { describe, it } from 'node:test'; describe('users', async () => { await setup(); it('reads', () => {}); });",
  // Express: no express in the nearest package.json, so the version (and whether promises are handled) is unknown.
  "import express from 'express'; const app = express(); app.get('/users', async (req, res) => { res.json(await db.users()); });",
  // Stream hooks that route their errors and push once per call.
  "import { Readable } from 'node:stream'; const rows = new Readable({ objectMode: true, async read() { try { this.push(await next()); } catch (error) { this.destroy(error); } } });",
  "import { Writable } from 'node:stream'; const sink = new Writable({ async write(chunk, encoding, callback) { try { await store(chunk); callback(); } catch (error) { callback(error); } } });",
  "import { Readable } from 'node:stream'; const r = new Readable({ read() { this.push(null); } });",
  // An import step that logs a failed file and goes on: the catch swallows, and the callback is called last either way.
  "import { Transform } from 'node:stream';\nconst importer = new Transform({\n  objectMode: true,\n  transform: async (file, encoding, done) => {\n    if (file.size === 0) return done();\n    try {\n      await importFile(file);\n    } catch (error) {\n      console.warn('skipped', file.path, error);\n    }\n    done();\n  },\n});",

  // Pushes only after its last await, then returns: the next read() starts when this one is done.
  "import { Readable } from 'node:stream';\nclass Pages extends Readable {\n  async _read() {\n    try {\n      const page = await fetchPage();\n      for (const item of page) this.push(item);\n    } catch (error) {\n      this.destroy(error);\n    }\n  }\n}",
  "import { Readable } from 'node:stream';\nconst keys = new Readable({ objectMode: true, async read() { try { for (;;) { const [next, batch] = await scan(cursor); cursor = next; if (batch.length > 0) { keys.push(batch); if (cursor === '0') keys.push(null); return; } } } catch (error) { keys.destroy(error); } } });",
  // Not ours: collection methods of libraries that await, and named arguments that are not callbacks.
  'function f(items: string[]) { async.forEach(items, async (item) => { await save(item); }); }',
  "emitter.on('data', handle); function handle(chunk) { console.log(chunk); }",
];

const invalid: InvalidTestCase<MessageId, Options>[] = [
  // forEach
  {
    code: 'async function saveAll(items: string[]) {\n  items.forEach(async (item) => {\n    await save(item);\n  });\n  await flush();\n}',
    errors: [
      {
        messageId: 'forEach',
        line: 2,
        column: 17,
        suggestions: [
          {
            messageId: 'useForOf',
            output: 'async function saveAll(items: string[]) {\n  for (const item of items) {\n    await save(item);\n  }\n  await flush();\n}',
          },
        ],
      },
    ],
  },
  {
    code: 'async function f(rows: Row[]) {\n  rows.forEach(async ({ id }: Row, index: number) => {\n    if (!id) return;\n    await store(id, index);\n  });\n}',
    errors: [
      {
        messageId: 'forEach',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useForOf',
            output: 'async function f(rows: Row[]) {\n  for (const [index, { id }] of rows.entries()) {\n    if (!id) continue;\n    await store(id, index);\n  }\n}',
          },
        ],
      },
    ],
  },
  {
    // The callback only returns a same-file async call.
    code: 'async function save(id: string) { await db.put(id); }\nasync function f() {\n  const ids = ["a", "b"];\n  ids.forEach((id) => save(id));\n}',
    errors: [
      {
        messageId: 'forEach',
        line: 4,
        column: 15,
        suggestions: [
          {
            messageId: 'useForOf',
            output: 'async function save(id: string) { await db.put(id); }\nasync function f() {\n  const ids = ["a", "b"];\n  for (const id of ids) {\n    await save(id);\n  }\n}',
          },
        ],
      },
    ],
  },
  {
    // Not in an async function: a loop with `await` would not parse there.
    code: 'function f(items: string[]) { items.forEach(async (item) => { await save(item); }); }',
    errors: [{ messageId: 'forEach', line: 1, column: 45, suggestions: [] }],
  },
  {
    // A Map's forEach passes (value, key): no array loop.
    code: 'async function f() { const users = new Map(); users.forEach(async (user) => { await save(user); }); }',
    errors: [{ messageId: 'forEach', line: 1, column: 61, suggestions: [] }],
  },
  {
    // A `return` inside an inner loop would become a `continue` of that loop: no suggestion.
    code: 'async function f(items: string[][]) { items.forEach(async (row) => { for (const cell of row) { if (!cell) return; } await save(row); }); }',
    errors: [{ messageId: 'forEach', line: 1, column: 53, suggestions: [] }],
  },
  {
    // A thisArg.
    code: 'async function f(items: string[]) { items.forEach(async function (item) { await this.save(item); }, repo); }',
    errors: [{ messageId: 'forEach', line: 1, column: 51, suggestions: [] }],
  },
  // filter and the other predicates
  {
    code: 'async function active(users: string[]) {\n  const kept = users.filter(async (user) => await isActive(user));\n  return kept;\n}',
    errors: [
      {
        messageId: 'predicate',
        line: 2,
        column: 29,
        suggestions: [
          {
            messageId: 'computeFlagsFirst',
            output:
              'async function active(users: string[]) {\n  const keep: unknown[] = [];\n  for (const user of users) {\n    keep.push(await isActive(user));\n  }\n  const kept = users.filter((_, index) => keep[index]);\n  return kept;\n}',
          },
        ],
      },
    ],
  },
  {
    code: 'async function active(users: string[]) {\n  return users.filter(async (user) => {\n    const row = await load(user);\n    return row.active;\n  });\n}',
    errors: [
      {
        messageId: 'predicate',
        line: 2,
        column: 23,
        suggestions: [
          {
            messageId: 'computeFlagsFirst',
            output:
              'async function active(users: string[]) {\n  const keep: unknown[] = [];\n  for (const user of users) {\n    const row = await load(user);\n    keep.push(await row.active);\n  }\n  return users.filter((_, index) => keep[index]);\n}',
          },
        ],
      },
    ],
  },
  {
    code: 'async function anyMissing(files: string[]) { return files.some(async (file) => !(await exists(file))); }',
    errors: [{ messageId: 'predicate', line: 1, column: 64, suggestions: [] }],
  },
  {
    code: 'function first(users: string[]) { return users.find(async (user) => await isAdmin(user)); }',
    errors: [{ messageId: 'predicate', line: 1, column: 53, suggestions: [] }],
  },
  // sort and reduce
  {
    code: 'async function f(files: string[]) { files.sort(async (a, b) => (await size(a)) - (await size(b))); }',
    errors: [{ messageId: 'sort', line: 1, column: 48 }],
  },
  {
    code: 'async function total(items: string[]) { return items.reduce(async (sum, item) => sum + (await price(item)), 0); }',
    errors: [{ messageId: 'reduce', line: 1, column: 61 }],
  },
  // Event listeners
  {
    code: "emitter.on('data', async (chunk) => {\n  await save(chunk);\n});",
    errors: [
      {
        messageId: 'listener',
        line: 1,
        column: 20,
        suggestions: [
          {
            messageId: 'catchAndLog',
            output: "emitter.on('data', async (chunk) => {\n  try {\n    await save(chunk);\n  } catch (error) {\n    console.error(error);\n  }\n});",
          },
        ],
      },
    ],
  },
  {
    code: "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('job', async (job) => {\n  await run(job);\n});",
    errors: [
      {
        messageId: 'listener',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'catchAndEmit',
            output:
              "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('job', async (job) => {\n  try {\n    await run(job);\n  } catch (error) {\n    jobs.emit('error', error);\n  }\n});",
          },
        ],
      },
    ],
  },
  {
    // Emitting 'error' from the 'error' listener would loop: log instead.
    code: "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('error', async (error) => { await report(error); });",
    errors: [
      {
        messageId: 'listener',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'catchAndLog',
            output:
              "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('error', async (error) => {\n  try {\n    await report(error);\n  } catch (error2) {\n    console.error(error2);\n  }\n});",
          },
        ],
      },
    ],
  },
  {
    // socket.io: handlers registered after the await are missing until it settles, and a rejection is unhandled.
    code: "io.on('connection', async (socket) => {\n  const user = await authenticate(socket);\n  socket.on('message', (text) => broadcast(user, text));\n});",
    errors: [
      {
        messageId: 'listener',
        line: 1,
        column: 21,
        suggestions: [
          {
            messageId: 'catchAndLog',
            output:
              "io.on('connection', async (socket) => {\n  try {\n    const user = await authenticate(socket);\n    socket.on('message', (text) => broadcast(user, text));\n  } catch (error) {\n    console.error(error);\n  }\n});",
          },
        ],
      },
    ],
  },
  {
    // The catch rethrows: the rejection is still unhandled.
    code: "process.once('SIGTERM', async () => { try { await server.close(); } catch (error) { log(error); throw error; } });",
    errors: [{ messageId: 'listener', line: 1, column: 25, suggestions: [{ messageId: 'catchAndLog', output: "process.once('SIGTERM', async () => {\n  try {\n    try { await server.close(); } catch (error) { log(error); throw error; }\n  } catch (error2) {\n    console.error(error2);\n  }\n});" }] }],
  },
  {
    code: "button.addEventListener('click', () => submit(form));\nasync function submit(form) { await post(form); }",
    errors: [
      {
        messageId: 'listener',
        line: 1,
        column: 34,
        suggestions: [
          {
            messageId: 'catchAndLog',
            output:
              "button.addEventListener('click', async () => {\n  try {\n    await submit(form);\n  } catch (error) {\n    console.error(error);\n  }\n});\nasync function submit(form) { await post(form); }",
          },
        ],
      },
    ],
  },
  {
    // A bound method of the same class.
    code: "class Client { start() { this.ws.on('packet', this.handle.bind(this)); } async handle(packet) { await this.store(packet); } }",
    errors: [{ messageId: 'listener', line: 1, column: 47, suggestions: [] }],
  },
  // Timers and microtasks
  {
    code: 'setInterval(async () => {\n  await poll();\n}, 1000);',
    errors: [
      {
        messageId: 'timer',
        line: 1,
        column: 13,
        suggestions: [
          { messageId: 'catchAndLog', output: 'setInterval(async () => {\n  try {\n    await poll();\n  } catch (error) {\n    console.error(error);\n  }\n}, 1000);' },
        ],
      },
    ],
  },
  {
    code: 'async function refresh() { cache = await load(); }\nsetTimeout(() => refresh(), 10);',
    errors: [
      {
        messageId: 'timer',
        line: 2,
        column: 12,
        suggestions: [
          {
            messageId: 'catchAndLog',
            output:
              'async function refresh() { cache = await load(); }\nsetTimeout(async () => {\n  try {\n    await refresh();\n  } catch (error) {\n    console.error(error);\n  }\n}, 10);',
          },
        ],
      },
    ],
  },
  {
    code: 'async function tick() { await poll(); }\nsetInterval(tick, 1000);',
    errors: [{ messageId: 'timer', line: 2, column: 13, suggestions: [] }],
  },
  {
    // The same guard throw on an EventEmitter listener is reported: a synchronous throw would reach `emit()`'s caller.
    code: "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('job', async (job) => {\n  if (!job.id) throw new Error('job without id');\n});",
    errors: [
      {
        messageId: 'listener',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'catchAndEmit',
            output:
              "import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\njobs.on('job', async (job) => {\n  try {\n    if (!job.id) throw new Error('job without id');\n  } catch (error) {\n    jobs.emit('error', error);\n  }\n});",
          },
        ],
      },
    ],
  },
  {
    code: "import { setTimeout as later } from 'node:timers';\nlater(async () => { await poll(); }, 5);",
    errors: [{ messageId: 'timer', line: 2, column: 7, suggestions: [{ messageId: 'catchAndLog', output: "import { setTimeout as later } from 'node:timers';\nlater(async () => {\n  try {\n    await poll();\n  } catch (error) {\n    console.error(error);\n  }\n}, 5);" }] }],
  },
  {
    code: 'queueMicrotask(async () => { await flush(); });\nprocess.nextTick(async () => { await flush(); });',
    errors: [
      { messageId: 'timer', line: 1, column: 16, suggestions: [{ messageId: 'catchAndLog', output: 'queueMicrotask(async () => {\n  try {\n    await flush();\n  } catch (error) {\n    console.error(error);\n  }\n});\nprocess.nextTick(async () => { await flush(); });' }] },
      { messageId: 'timer', line: 2, column: 18, suggestions: [{ messageId: 'catchAndLog', output: 'queueMicrotask(async () => { await flush(); });\nprocess.nextTick(async () => {\n  try {\n    await flush();\n  } catch (error) {\n    console.error(error);\n  }\n});' }] },
    ],
  },
  // new Promise(async …)
  {
    code: 'function inflate(data: Buffer) {\n  return new Promise(async (resolve, reject) => {\n    const zlib = await loadZlib();\n    zlib.inflate(data, (error, result) => (error ? reject(error) : resolve(result)));\n  });\n}',
    errors: [{ messageId: 'promiseExecutor', line: 2, column: 22 }],
  },
  {
    // A catch that swallows with nothing settling after it: the promise would hang.
    code: 'const ready = new Promise(async (resolve) => { try { resolve(await load()); } catch {} });',
    errors: [{ messageId: 'promiseExecutor', line: 1, column: 27 }],
  },
  // Streams
  {
    // A push whose result ends the call only under backpressure: otherwise the loop awaits the next
    // batch while Node has already called read() again, which starts a second scan.
    code: "import { Readable } from 'node:stream';\nconst keys = new Readable({\n  objectMode: true,\n  async read() {\n    try {\n      for await (const batch of scan()) {\n        if (!keys.push(batch)) return;\n      }\n      keys.push(null);\n    } catch (error) {\n      keys.destroy(error);\n    }\n  },\n});",
    errors: [{ messageId: 'streamMethod', line: 4, column: 9 }],
  },
  {
    code: "import { Readable } from 'node:stream';\nconst rows = new Readable({\n  objectMode: true,\n  async read() {\n    for (const row of await fetchPage()) this.push(row);\n  },\n});",
    errors: [{ messageId: 'streamMethod', line: 4, column: 9 }],
  },
  {
    code: "import stream from 'node:stream';\nclass Upper extends stream.Transform {\n  async _transform(chunk, encoding, callback) {\n    callback(null, await convert(chunk));\n  }\n}",
    errors: [{ messageId: 'streamMethod', line: 3, column: 9 }],
  },
  {
    // The catch logs and returns without calling the callback: the pipeline stalls on that chunk.
    code: "import { Transform } from 'node:stream';\nconst importer = new Transform({\n  objectMode: true,\n  transform: async (file, encoding, done) => {\n    try {\n      await importFile(file);\n    } catch (error) {\n      console.warn('skipped', file.path, error);\n      return;\n    }\n    done();\n  },\n});",
    errors: [{ messageId: 'streamMethod', line: 4, column: 3 }],
  },
  {
    // Errors routed, but it goes on awaiting after a push: read() runs again alongside this call.
    code: "import { Readable } from 'node:stream';\nclass Pages extends Readable {\n  async _read() {\n    try {\n      for (;;) {\n        const page = await fetchPage();\n        if (!page) break;\n        this.push(page);\n      }\n      this.push(null);\n    } catch (error) {\n      this.destroy(error);\n    }\n  }\n}",
    errors: [{ messageId: 'streamMethod', line: 3, column: 9 }],
  },
];

plainTester.run('no-misused-async-callback (plain)', rule, { valid, invalid });
typedTester.run('no-misused-async-callback (typed)', rule, { valid, invalid });

// Express and test-runner cases depend on the nearest package.json, so they name files under
// tests/fixtures/no-misused-async-callback/*/, which the typed tester's project does not include.
const inFixture = (dir: string): string => fixture(`no-misused-async-callback/${dir}/file.ts`);

plainTester.run('no-misused-async-callback (package.json)', rule, {
  valid: [
    {
      // Express 5 forwards a rejected handler to the error middleware.
      code: "import express from 'express'; const app = express(); app.get('/users', async (req, res) => { res.json(await db.users()); });",
      filename: inFixture('express5'),
    },
    {
      // express-async-errors patches Express 4's router to do the same.
      code: "import express from 'express'; const app = express(); app.get('/users', async (req, res) => { res.json(await db.users()); });",
      filename: inFixture('express4-async-errors'),
    },
    {
      // Express 4 handler that passes its errors to next().
      code: "import express from 'express'; const router = express.Router(); router.get('/users', async (req, res, next) => { try { res.json(await db.users()); } catch (error) { next(error); } });",
      filename: inFixture('express4'),
    },
    {
      // `get` on something that is not an Express app.
      code: "const cache = new Map(); cache.get('key', async () => { await load(); });",
      filename: inFixture('express4'),
    },
    {
      // Mocha registers the tests declared before the first await; with none, all of them.
      code: "describe('users', async () => { it('reads', () => {}); });",
      filename: inFixture('mocha'),
    },
    {
      code: "import { describe } from 'vitest'; describe('users', async () => { await setup(); });",
      filename: inFixture('jest'),
    },
  ],
  invalid: [
    {
      code: "import express from 'express';\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json(await db.users());\n});",
      filename: inFixture('express4'),
      errors: [{ messageId: 'expressHandler', line: 3, column: 19 }],
    },
    {
      code: "import { Router } from 'express';\nconst router = Router();\nrouter.route('/users').post(authenticate, async (req, res) => {\n  await db.insert(req.body);\n  res.sendStatus(201);\n});",
      filename: inFixture('express4'),
      errors: [{ messageId: 'expressHandler', line: 3, column: 43 }],
    },
    {
      code: "import type { Express } from 'express';\nexport function routes(app: Express) {\n  app.use(async (req, res, next) => {\n    req.user = await loadUser(req);\n    next();\n  });\n}",
      filename: inFixture('express4'),
      errors: [{ messageId: 'expressHandler', line: 3, column: 11 }],
    },
    {
      code: "describe('users', async () => {\n  it('reads', () => {});\n});",
      filename: inFixture('jest'),
      errors: [{ messageId: 'describe', line: 1, column: 19 }],
    },
    {
      code: "describe.each([1, 2])('case %i', async (n) => {\n  const db = await connect(n);\n  it('reads', () => expect(db).toBeDefined());\n});",
      filename: inFixture('jest'),
      errors: [{ messageId: 'describe', line: 1, column: 34 }],
    },
    {
      code: "describe('users', async function () {\n  const db = await connect();\n  it('reads', () => assert.ok(db));\n});",
      filename: inFixture('mocha'),
      errors: [{ messageId: 'describe', line: 1, column: 19 }],
    },
  ],
});

// Type information adds callbacks that only the checker can see as async.
typedTester.run('no-misused-async-callback (typed only)', rule, {
  valid: [
    // A function typed by the user to return void, given a synchronous callback.
    'type Job = () => void;\nfunction schedule(job: Job) { job(); }\nschedule(() => console.log(1));',
    // A parameter of the user's own code that takes a promise.
    'function schedule(job: () => Promise<void>) { return job(); }\nschedule(async () => { await save(); });\ndeclare function save(): Promise<void>;',
    // Imported async functions whose whole body is a try whose catch only logs.
    "import { startSync } from './modules/tasks.js';\nsetInterval(startSync, 60_000);",
    "import { startSync } from './modules/tasks.js';\nprocess.once('SIGTERM', () => startSync());",
  ],
  invalid: [
    {
      code: 'type Job = () => void;\nfunction schedule(job: Job) { job(); }\nschedule(async () => { await save(); });\ndeclare function save(): Promise<void>;',
      errors: [{ messageId: 'voidCallback', line: 3, column: 10 }],
    },
    {
      code: "import { saveUser } from './modules/api.js';\nemitter.on('user', saveUser);",
      errors: [{ messageId: 'listener', line: 2, column: 20, suggestions: [] }],
    },
    {
      code: "import { saveUser } from './modules/api.js';\nsetTimeout(() => saveUser({ id: '1' }), 10);",
      errors: [
        {
          messageId: 'timer',
          line: 2,
          column: 12,
          suggestions: [
            {
              messageId: 'catchAndLog',
              output: "import { saveUser } from './modules/api.js';\nsetTimeout(async () => {\n  try {\n    await saveUser({ id: '1' });\n  } catch (error) {\n    console.error(error);\n  }\n}, 10);",
            },
          ],
        },
      ],
    },
    {
      code: 'async function f(handlers: Array<() => Promise<void>>) { handlers.forEach((handler) => handler()); }',
      errors: [
        {
          messageId: 'forEach',
          line: 1,
          column: 75,
          suggestions: [
            {
              messageId: 'useForOf',
              output: 'async function f(handlers: Array<() => Promise<void>>) { for (const handler of handlers) {\n  await handler();\n} }',
            },
          ],
        },
      ],
    },
  ],
});

plainTester.run('no-misused-async-callback (plain only)', rule, {
  valid: [
    // Without types, `handler()` is not known to return a promise.
    'async function f(handlers: Array<() => Promise<void>>) { handlers.forEach((handler) => handler()); }',
    'type Job = () => void;\nfunction schedule(job: Job) { job(); }\nschedule(async () => { await save(); });\ndeclare function save(): Promise<void>;',
    "import { saveUser } from './modules/api.js';\nemitter.on('user', saveUser);",
    "import { saveUser } from './modules/api.js';\nsetTimeout(() => saveUser({ id: '1' }), 10);",
  ],
  invalid: [],
});

// ---------------------------------------------------------------------------------------------------
// Callbacks that await only work that cannot reject: the shared safe-await knowledge of no-missing-await
// (src/util/safe-await.ts), across files with types and through sibling modules without. Each quiet
// shape has a near miss that stays reported.
// ---------------------------------------------------------------------------------------------------

const DASHBOARD = (field: string, start: string): string =>
  `import { FeedWatcher } from './modules/feeds.js';\nclass Dashboard {\n  ${field}\n  private async watchFeeds(): Promise<void> {\n    if (this.watcher) this.watcher.stop();\n    this.watcher = new FeedWatcher(['orders', 'refunds']);\n    await this.watcher.${start}();\n  }\n  open(socket: Socket) {\n    socket.once('connect', this.watchFeeds.bind(this));\n  }\n}\ninterface Socket { once(event: string, listener: () => void): void }`;

const MIRROR = (push: string): string =>
  `class Mirror {\n  async sync(): Promise<void> {\n    const copies: Promise<void>[] = [];\n    for (const target of TARGETS) ${push};\n    await Promise.all(copies);\n  }\n}\nclass Scheduler {\n  #mirror = new Mirror();\n  start() {\n    setInterval(async () => {\n      await this.#mirror.sync();\n    }, 60_000);\n  }\n}\ndeclare const TARGETS: string[];\ndeclare function copyTo(target: string): Promise<void>;`;

const DRAIN = (push: string, extra = ''): string =>
  `function drain(sources: AsyncIterable<string>[]) {\n  const pumping: Promise<void>[] = [];\n  for (const source of sources) {\n    ${push}\n  }${extra}\n  return new Promise<void>(async (resolve) => {\n    while (pumping.length > 0) await pumping.shift();\n    resolve();\n  });\n}\ndeclare function consume(source: AsyncIterable<string>): Promise<void>;\ndeclare function track(tasks: Promise<void>[]): void;`;

const RETHROWING_COPY = 'copies.push(copyTo(target).catch((error) => { console.error(error); throw error; }))';

const LOGGED_PUSH = "pumping.push(consume(source).catch((error) => { console.error('source failed', error); }));";

const safeAwaitValid: (string | ValidTestCase<Options>)[] = [
  // A listener that awaits a watcher, held in a private field, whose start logs each feed it cannot reach.
  { code: DASHBOARD('private watcher: FeedWatcher | null = null;', 'start'), filename: fixture('file.ts') },
  // A timer that awaits a same-file mirror, held in a `#` field, whose copies each log their own failure.
  MIRROR("copies.push(copyTo(target).catch((error) => console.error('copy to %s failed', target, error)))"),
  // An executor that drains a list of streams, each pushed with its own catch: it cannot reject.
  DRAIN(LOGGED_PUSH),
];

const safeAwaitInvalid: InvalidTestCase<MessageId, Options>[] = [
  {
    // The watcher's start logs and rethrows: one unreachable feed rejects the listener.
    code: DASHBOARD('private watcher: FeedWatcher | null = null;', 'startOrFail'),
    filename: fixture('file.ts'),
    errors: [{ messageId: 'listener', line: 10, column: 28, suggestions: [] }],
  },
  {
    // The watcher hands its list to a registry that may add tasks without a catch.
    code: DASHBOARD('private watcher: FeedWatcher | null = null;', 'startRegistered'),
    filename: fixture('file.ts'),
    errors: [{ messageId: 'listener', line: 10, column: 28, suggestions: [] }],
  },
  {
    // A copy whose handler rethrows fails the sync, and the interval's callback with it.
    code: MIRROR(RETHROWING_COPY),
    errors: [
      {
        messageId: 'timer',
        line: 11,
        column: 17,
        suggestions: [
          {
            messageId: 'catchAndLog',
            // `error` is taken in the file: the catch names its binding `error2`.
            output: MIRROR(RETHROWING_COPY).replace(
              '      await this.#mirror.sync();\n',
              '      try {\n        await this.#mirror.sync();\n      } catch (error2) {\n        console.error(error2);\n      }\n',
            ),
          },
        ],
      },
    ],
  },
  {
    // A stream pushed without a catch: its failure rejects the executor, and the promise never settles.
    code: DRAIN('pumping.push(consume(source));'),
    errors: [{ messageId: 'promiseExecutor', line: 6, column: 28 }],
  },
  {
    // The list is handed to a function that may push anything into it.
    code: DRAIN(LOGGED_PUSH, '\n  track(pumping);'),
    errors: [{ messageId: 'promiseExecutor', line: 7, column: 28 }],
  },
  {
    // An exported list: other modules may push tasks without a catch.
    code: "export const uploads: Promise<void>[] = [];\nexport function queueUpload(file: Blob) {\n  uploads.push(upload(file).catch(() => undefined));\n}\nexport const idle = new Promise<void>(async (resolve) => {\n  while (uploads.length > 0) await uploads.shift();\n  resolve();\n});\ndeclare function upload(file: Blob): Promise<void>;",
    errors: [{ messageId: 'promiseExecutor', line: 5, column: 39 }],
  },
];

plainTester.run('no-misused-async-callback (safe awaits)', rule, { valid: safeAwaitValid, invalid: safeAwaitInvalid });
typedTester.run('no-misused-async-callback (safe awaits)', rule, { valid: safeAwaitValid, invalid: safeAwaitInvalid });

// Without types, the class a field holds is known only when no other code can write the field: a
// public field, or one also given something else, leaves the method unknown. The checker resolves
// the call through the field's declared type.
const openField: ValidTestCase<Options>[] = [
  { code: DASHBOARD('watcher: FeedWatcher | null = null;', 'start'), filename: fixture('file.ts') },
  {
    code: `${DASHBOARD('private watcher: FeedWatcher | null = null;', 'start')}\nfunction adopt(dashboard: Dashboard, watcher: FeedWatcher) { (dashboard as any).watcher = watcher; }`,
    filename: fixture('file.ts'),
  },
];

typedTester.run('no-misused-async-callback (safe awaits, field by type)', rule, { valid: openField, invalid: [] });
plainTester.run('no-misused-async-callback (safe awaits, field unknown without types)', rule, {
  valid: [],
  invalid: openField.map((test) => ({ ...test, errors: [{ messageId: 'listener', line: 10, column: 28, suggestions: [] }] })),
});
