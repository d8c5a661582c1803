import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/return-await-in-try.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageId, Options>;

// The same cases run without and with type information: types only add findings.
const valid: Valid[] = [
  // Awaited already.
  `async function load(id) {
  try {
    return await fetch(\`/users/\${id}\`);
  } catch (error) {
    return null;
  }
}`,
  // Outside a try there is nothing to skip.
  `async function load(id) {
  return fetch(\`/users/\${id}\`);
}`,
  // The return sits in the finally block itself, or in a catch without a finally.
  `async function load(id) {
  try {
    await fetch(\`/users/\${id}\`);
  } catch (error) {
    return fetch('/fallback');
  }
}`,
  // Not known to be a promise.
  `async function load(cache, id) {
  try {
    return cache.get(id);
  } catch (error) {
    return null;
  }
}`,
  // The catch rethrows the error unchanged: awaiting would change nothing the caller can see.
  `async function save(row) {
  try {
    return fetch('/rows', { method: 'POST', body: JSON.stringify(row) });
  } catch (error) {
    throw error;
  }
}`,
  // One error type thrown by the code before the return is handled; the rest is rethrown unchanged.
  `async function parseAndSave(text) {
  try {
    const row = JSON.parse(text);
    return fetch('/rows', { method: 'POST', body: JSON.stringify(row) });
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}`,
  `async function parseAndSave(text) {
  try {
    const row = JSON.parse(text);
    return fetch('/rows', { method: 'POST', body: JSON.stringify(row) });
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return null;
  }
}`,
  // A finally that only logs does nothing whose order matters.
  `async function load(id, logger) {
  try {
    return fetch(\`/users/\${id}\`);
  } finally {
    logger.debug('load finished');
  }
}`,
  `async function load(id) {
  try {
    return fetch(\`/users/\${id}\`);
  } catch (error) {
    throw error;
  } finally {
    console.log('done');
  }
}`,
  // The promise was awaited before: it has settled, returning it hands on its value.
  `async function both(a, b) {
  const first = fetch(a);
  const second = fetch(b);
  try {
    await Promise.all([first, second]);
    return second;
  } catch (error) {
    return null;
  }
}`,
  `async function load(url) {
  const pending = fetch(url);
  try {
    await pending;
    return pending;
  } catch {
    return null;
  }
}`,
  // Already settled values, handed on as they are.
  `async function get(cache, key) {
  try {
    return Promise.resolve(cache[key]);
  } catch (error) {
    return Promise.reject(error);
  }
}`,
  // The chain handles its own rejection and there is no finally.
  `async function load(url) {
  try {
    return fetch(url).catch(() => null);
  } catch (error) {
    return null;
  }
}`,
  // A non-async function whose catch turns synchronous errors into a rejection.
  `function send(message) {
  try {
    return fetch('/messages', { method: 'POST', body: JSON.stringify(message) });
  } catch (error) {
    return Promise.reject(error);
  }
}`,
  // A callback inside the try is another function.
  `async function all(urls) {
  try {
    return await Promise.all(urls.map((url) => {
      return fetch(url);
    }));
  } catch (error) {
    return [];
  }
}`,
  // Async generators await a returned promise themselves.
  `async function* pages(url) {
  try {
    return fetch(url);
  } catch (error) {
    return null;
  }
}`,
  // A retry after re-authenticating calls the same method again: that call already runs its errors
  // through this same catch, and awaiting it would report each failure twice.
  `class Transport {
  async send(message, isRetry = false) {
    if (!this.url) throw new Error('not connected');
    try {
      const response = await fetch(this.url, { method: 'POST', body: JSON.stringify(message) });
      if (response.status === 401 && !isRetry) {
        await this.refreshToken();
        return this.send(message, true);
      }
      if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    } catch (error) {
      this.onerror?.(error);
      throw error;
    }
  }
  async refreshToken() {}
}`,
  // The catch falls back to the very call the try returns: awaiting it would only run that call again.
  `async function listFiles(root) {
  const worker = getWorker();
  try {
    const cached = await worker.request(root);
    if (cached === null) return scanFolder(root);
    return new Set(cached);
  } catch {
    return scanFolder(root);
  }
}
async function scanFolder(root) {
  return readdir(root, { recursive: true });
}`,
  // The same with a local async arrow that retries itself.
  `async function post(url, body) {
  const attempt = async (triedAuth = false) => {
    try {
      const response = await fetch(url, { method: 'POST', body });
      if (response.status === 401 && !triedAuth) return attempt(true);
      return response;
    } catch (error) {
      console.error('post failed', error);
      throw error;
    }
  };
  return attempt();
}`,
  // A promise whose executor only resolves cannot reject: the catch has nothing to miss.
  `async function handle(messages, pending, deliver) {
  try {
    const ids = messages.map((message) => message.id);
    return new Promise((resolve) => {
      pending.set(ids[0], resolve);
      for (const message of messages) deliver(message);
    });
  } catch (error) {
    return { status: 400, error: String(error) };
  }
}`,
  // Plain JavaScript, CommonJS.
  {
    code: `const fs = require('node:fs');
async function read(path) {
  try {
    return await fs.promises.readFile(path, 'utf8');
  } catch (error) {
    return '';
  }
}`,
    filename: fixture('file.js'),
  },
];

const invalid: Invalid[] = [
  {
    code: `async function getUser(id) {
  try {
    return fetch(\`/users/\${id}\`);
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
    output: `async function getUser(id) {
  try {
    return await fetch(\`/users/\${id}\`);
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
    errors: [{ messageId: 'skipsCatch', line: 3, column: 12, data: { name: 'fetch()' } }],
  },
  // A fallback that is another call (other arguments) is what the catch is for.
  {
    code: `async function listFiles(root) {
  try {
    const cached = await cache.get(root);
    if (cached === null) return scanFolder(root, { deep: true });
    return cached;
  } catch {
    return scanFolder(root);
  }
}
async function scanFolder(root, options) {
  return readdir(root, { recursive: options?.deep });
}`,
    output: `async function listFiles(root) {
  try {
    const cached = await cache.get(root);
    if (cached === null) return await scanFolder(root, { deep: true });
    return cached;
  } catch {
    return scanFolder(root);
  }
}
async function scanFolder(root, options) {
  return readdir(root, { recursive: options?.deep });
}`,
    errors: [{ messageId: 'skipsCatch', line: 4, column: 33, data: { name: 'scanFolder()' } }],
  },
  // A lock released while the work still runs.
  {
    code: `async function load(id: string) {
  return \`/users/\${id}\`;
}
async function withLock(lock: { release(): void }, id: string) {
  try {
    return load(id);
  } finally {
    lock.release();
  }
}`,
    output: `async function load(id: string) {
  return \`/users/\${id}\`;
}
async function withLock(lock: { release(): void }, id: string) {
  try {
    return await load(id);
  } finally {
    lock.release();
  }
}`,
    errors: [{ messageId: 'finallyRunsEarly', line: 6, column: 12, data: { name: 'load()' } }],
  },
  // In the catch, with a finally after it.
  {
    code: `async function query(db, sql) {
  const client = await db.connect();
  try {
    return await client.query(sql);
  } catch (error) {
    return retry(sql);
  } finally {
    client.release();
  }
}
async function retry(sql) {}`,
    output: `async function query(db, sql) {
  const client = await db.connect();
  try {
    return await client.query(sql);
  } catch (error) {
    return await retry(sql);
  } finally {
    client.release();
  }
}
async function retry(sql) {}`,
    errors: [{ messageId: 'finallyRunsEarly', line: 6, column: 12 }],
  },
  {
    code: `async function save(db, row) {
  const tx = await db.begin();
  try {
    return fetch('/rows', { method: 'POST' });
  } catch (error) {
    await tx.rollback();
    throw error;
  } finally {
    tx.end();
  }
}`,
    output: `async function save(db, row) {
  const tx = await db.begin();
  try {
    return await fetch('/rows', { method: 'POST' });
  } catch (error) {
    await tx.rollback();
    throw error;
  } finally {
    tx.end();
  }
}`,
    errors: [{ messageId: 'skipsCatchAndFinally', line: 4, column: 12 }],
  },
  // A retry of the same function that awaits before its try: that await's rejection in the retried call
  // skips this catch, so the retry is reported.
  {
    code: `async function sync(client, attempt = 0) {
  const token = await client.getToken();
  try {
    const response = await fetch('/sync', { headers: { authorization: token } });
    if (response.status === 503 && attempt < 3) return sync(client, attempt + 1);
    return response;
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
    output: `async function sync(client, attempt = 0) {
  const token = await client.getToken();
  try {
    const response = await fetch('/sync', { headers: { authorization: token } });
    if (response.status === 503 && attempt < 3) return await sync(client, attempt + 1);
    return response;
  } catch (error) {
    console.error(error);
    return null;
  }
}`,
    errors: [{ messageId: 'skipsCatch', line: 5, column: 56, data: { name: 'sync()' } }],
  },
  // A retry under a finally that releases a lock: the lock is released while the retry still runs.
  {
    code: `async function withLock(lock, job, retried = false) {
  await lock.acquire();
  try {
    const ok = await job();
    if (!ok && !retried) return withLock(lock, job, true);
    return ok;
  } catch (error) {
    console.error(error);
    return false;
  } finally {
    lock.release();
  }
}`,
    output: `async function withLock(lock, job, retried = false) {
  await lock.acquire();
  try {
    const ok = await job();
    if (!ok && !retried) return await withLock(lock, job, true);
    return ok;
  } catch (error) {
    console.error(error);
    return false;
  } finally {
    lock.release();
  }
}`,
    errors: [{ messageId: 'skipsCatchAndFinally', line: 5, column: 33, data: { name: 'withLock()' } }],
  },
  // An inner try without a catch does not hide the outer one; parentheses are kept where needed.
  {
    code: `async function load(url, fallback) {
  try {
    try {
      return url ? fetch(url) : fallback;
    } finally {
      console.log('tried');
    }
  } catch {
    return null;
  }
}`,
    output: `async function load(url, fallback) {
  try {
    try {
      return await (url ? fetch(url) : fallback);
    } finally {
      console.log('tried');
    }
  } catch {
    return null;
  }
}`,
    errors: [{ messageId: 'skipsCatch', line: 4, column: 14, data: { name: 'url ? fetch(url) : fallback' } }],
  },
  // A catch that handles one error type but also logs the rest is not transparent.
  {
    code: `class Repo {
  async find(id) {
    return id;
  }
  async get(id) {
    try {
      return this.find(id);
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      log(error);
      throw error;
    }
  }
}`,
    output: `class Repo {
  async find(id) {
    return id;
  }
  async get(id) {
    try {
      return await this.find(id);
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      log(error);
      throw error;
    }
  }
}`,
    errors: [{ messageId: 'skipsCatch', line: 7, column: 14, data: { name: 'this.find()' } }],
  },
  // A promise variable that was not awaited before; comments are kept.
  {
    code: `const run = async (url) => {
  const pending = fetch(url);
  try {
    return /* the response */ pending;
  } catch (error) {
    return null;
  }
};`,
    output: `const run = async (url) => {
  const pending = fetch(url);
  try {
    return /* the response */ await pending;
  } catch (error) {
    return null;
  }
};`,
    errors: [{ messageId: 'skipsCatch', line: 4, column: 31, data: { name: 'pending' } }],
  },
  // Non-async functions: a suggestion to make them async.
  {
    code: `function withTimer(url) {
  const timer = setTimeout(() => console.log('slow'), 1000);
  try {
    return fetch(url);
  } finally {
    clearTimeout(timer);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'finallyRunsEarly',
        line: 4,
        column: 12,
        suggestions: [
          {
            messageId: 'makeAsyncAndAwait',
            data: { name: 'fetch()' },
            output: `async function withTimer(url) {
  const timer = setTimeout(() => console.log('slow'), 1000);
  try {
    return await fetch(url);
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
    code: `class Client {
  static load(url) {
    try {
      return fetch(url);
    } catch (error) {
      return null;
    }
  }
  get current() {
    try {
      return fetch('/current');
    } catch (error) {
      return null;
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'skipsCatch',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'makeAsyncAndAwait',
            output: `class Client {
  static async load(url) {
    try {
      return await fetch(url);
    } catch (error) {
      return null;
    }
  }
  get current() {
    try {
      return fetch('/current');
    } catch (error) {
      return null;
    }
  }
}`,
          },
        ],
      },
      { messageId: 'skipsCatch', line: 11, column: 14, suggestions: [] },
    ],
  },
  {
    code: `const api = {
  load(url) {
    try {
      return fetch(url);
    } catch {
      return null;
    }
  },
  save: (url) => {
    try {
      return fetch(url, { method: 'POST' });
    } catch {
      return null;
    }
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'skipsCatch',
        line: 4,
        column: 14,
        suggestions: [
          {
            messageId: 'makeAsyncAndAwait',
            output: `const api = {
  async load(url) {
    try {
      return await fetch(url);
    } catch {
      return null;
    }
  },
  save: (url) => {
    try {
      return fetch(url, { method: 'POST' });
    } catch {
      return null;
    }
  },
};`,
          },
        ],
      },
      {
        messageId: 'skipsCatch',
        line: 11,
        column: 14,
        suggestions: [
          {
            messageId: 'makeAsyncAndAwait',
            output: `const api = {
  load(url) {
    try {
      return fetch(url);
    } catch {
      return null;
    }
  },
  save: async (url) => {
    try {
      return await fetch(url, { method: 'POST' });
    } catch {
      return null;
    }
  },
};`,
          },
        ],
      },
    ],
  },
  // TypeScript: modifiers stay before `async`, a `Promise<…>` return type stays valid.
  {
    code: `class Cache {
  private readonly lock = { release() {} };
  private load(key: string): Promise<Response> {
    try {
      return fetch(key);
    } finally {
      this.lock.release();
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'finallyRunsEarly',
        line: 5,
        column: 14,
        suggestions: [
          {
            messageId: 'makeAsyncAndAwait',
            output: `class Cache {
  private readonly lock = { release() {} };
  private async load(key: string): Promise<Response> {
    try {
      return await fetch(key);
    } finally {
      this.lock.release();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  // A written return type other than Promise: making the function async would not type-check.
  {
    code: `function load(url: string): PromiseLike<Response> {
  try {
    return fetch(url);
  } catch {
    return Promise.resolve(Response.error());
  }
}`,
    output: null,
    errors: [{ messageId: 'skipsCatch', line: 3, column: 12, suggestions: [] }],
  },
  // CommonJS, a known promise API.
  {
    code: `const { readFile } = require('node:fs/promises');
module.exports = async function read(path) {
  try {
    return readFile(path, 'utf8');
  } catch (error) {
    return '';
  }
};`,
    filename: fixture('file.js'),
    output: `const { readFile } = require('node:fs/promises');
module.exports = async function read(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    return '';
  }
};`,
    errors: [{ messageId: 'skipsCatch', line: 4, column: 12, data: { name: 'readFile()' } }],
  },
];

plainTester.run('return-await-in-try', rule, { valid, invalid });
typedTester.run('return-await-in-try (typed)', rule, { valid, invalid });

// Only the checker knows these return promises.
const typedOnly: Invalid[] = [
  {
    code: `interface Store {
  get(key: string): Promise<string | undefined>;
}
export async function read(store: Store, key: string) {
  try {
    return store.get(key);
  } catch {
    return undefined;
  }
}`,
    output: `interface Store {
  get(key: string): Promise<string | undefined>;
}
export async function read(store: Store, key: string) {
  try {
    return await store.get(key);
  } catch {
    return undefined;
  }
}`,
    errors: [{ messageId: 'skipsCatch', line: 6, column: 12, data: { name: 'store.get()' } }],
  },
];

typedTester.run('return-await-in-try (typed only)', rule, { valid: [], invalid: typedOnly });
plainTester.run('return-await-in-try (plain: no types, no finding)', rule, { valid: typedOnly.map(({ code }) => code), invalid: [] });

// A framework reply is thenable by type but is not work to wait for.
typedTester.run('return-await-in-try (typed: reply objects)', rule, {
  valid: [
    `interface Reply extends PromiseLike<unknown> {
  code(status: number): Reply;
  send(body?: unknown): Reply;
}
export async function handler(reply: Reply, load: () => Promise<string>) {
  try {
    const body = await load();
    return reply.code(200).send(body);
  } catch (error) {
    return reply.code(500).send({ error: String(error) });
  }
}`,
    `interface Reply extends PromiseLike<unknown> {
  send(body?: unknown): Reply;
}
export async function handler(reply: Reply) {
  try {
    reply.send('ok');
    return reply;
  } catch (error) {
    return null;
  }
}`,
  ],
  invalid: [],
});
