import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/require-signal-propagation.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageId, Options>;

// The same cases run without and with type information: types only add findings.
const valid: Valid[] = [
  // Issue 10: entrants of a race whose sibling takes the caller's signal: the race ends on abort anyway.
  `import { once } from 'node:events';
async function ask(rl, prompt, { signal }) {
  try {
    return await Promise.race([
      rl.question(prompt, { signal }),
      once(rl, 'error'),
      once(rl, 'SIGINT').then(() => { throw new Error('canceled'); }),
    ]);
  } finally {
    rl.close();
  }
}`,
  `async function load(url, signal) {
  return fetch(url, { signal });
}`,
  // One whole-file read or write ends by itself in milliseconds: the caller's abort is seen right after it.
  `import { readFile } from 'node:fs/promises';
async function loadConfig(path, signal) {
  return JSON.parse(await readFile(path, 'utf8'));
}`,
  `import fs from 'node:fs';
async function write(path, data, options) {
  options.signal?.throwIfAborted();
  await fs.promises.writeFile(path, data);
}`,
  // A read per file, in a loop that checks the signal each time round: an abort is seen within one read.
  `import * as fs from 'node:fs/promises';
async function grep(files, pattern, { signal }) {
  const hits = [];
  for (const file of files) {
    if (signal.aborted) throw new Error('search aborted');
    const text = await fs.readFile(file, 'utf8');
    if (text.includes(pattern)) hits.push(file);
  }
  return hits;
}`,
  `async function load(url) {
  return fetch(url);
}`,
  `async function load(url) {
  const controller = new AbortController();
  return fetch(url, { signal: controller.signal });
}`,
  `async function load(url, signal, init) {
  return fetch(url, init);
}`,
  `async function load(url, signal, init) {
  return fetch(url, { ...init });
}`,
  `async function pause(ms, signal) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}`,
  `async function load(url, signal) {
  try {
    return await fetch(url, { signal });
  } catch (error) {
    await fetch('/report', { method: 'POST', body: String(error) });
    throw error;
  } finally {
    await fetch('/done');
  }
}`,
  `function watch(url, signal) {
  signal.addEventListener('abort', () => fetch(\`\${url}/cancelled\`));
}`,
  `import { once } from 'node:events';
async function untilAborted(signal) {
  await once(signal, 'abort');
}`,
  `import { setTimeout as sleep } from 'node:timers/promises';
async function wait(ms, signal) {
  await sleep(ms, undefined, { signal });
}`,
  `process.on('SIGINT', async (signal) => {
  await fetch('/shutdown');
});`,
  `function listen(target, signal) {
  target.addEventListener('message', onMessage);
  signal.addEventListener('abort', () => target.removeEventListener('message', onMessage), { once: true });
}`,
  `async function load(url, signal) {
  return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) });
}`,
  // Options.
  { code: `async function load(url, signal) {
  return fetch(url);
}`, options: [{"ignore": ["fetch"]}] },
  // Plain JavaScript, CommonJS.
  { code: `const { once } = require('node:events');
async function ready(emitter, signal) {
  await once(emitter, 'ready', { signal });
}`, filename: fixture('file.js') },
];

const invalid: Invalid[] = [
  {
    code: `async function load(url, signal) {
  const response = await fetch(url);
  return response.json();
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 26,
        suggestions: [
          { messageId: 'passSignal', output: `async function load(url, signal) {
  const response = await fetch(url, { signal });
  return response.json();
}` },
        ],
      },
    ],
  },
  {
    code: `async function save(url: string, body: string, options: { signal?: AbortSignal } = {}) {
  await fetch(url, { method: 'POST', body });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `async function save(url: string, body: string, options: { signal?: AbortSignal } = {}) {
  await fetch(url, { method: 'POST', body, signal: options.signal });
}` },
        ],
      },
    ],
  },
  {
    code: `async function ping(url, { signal }) {
  await fetch(url, {});
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `async function ping(url, { signal }) {
  await fetch(url, { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `import { setTimeout as sleep, setImmediate } from 'node:timers/promises';
async function backoff(attempt, { signal }) {
  await sleep(2 ** attempt * 100);
  await setImmediate();
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `import { setTimeout as sleep, setImmediate } from 'node:timers/promises';
async function backoff(attempt, { signal }) {
  await sleep(2 ** attempt * 100, undefined, { signal });
  await setImmediate();
}` },
        ],
      },
      {
        messageId: 'missingSignal',
        line: 4,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `import { setTimeout as sleep, setImmediate } from 'node:timers/promises';
async function backoff(attempt, { signal }) {
  await sleep(2 ** attempt * 100);
  await setImmediate(undefined, { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `import { once } from 'node:events';
async function waitReady(server, signal) {
  await once(server, 'listening');
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `import { once } from 'node:events';
async function waitReady(server, signal) {
  await once(server, 'listening', { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
async function copy(from, to, signal) {
  await pipeline(createReadStream(from), createWriteStream(to));
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 4,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
async function copy(from, to, signal) {
  await pipeline(createReadStream(from), createWriteStream(to), { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `import { readFile } from 'node:fs/promises';
async function readAll(paths, signal) {
  const texts = [];
  for (const path of paths) texts.push(await readFile(path, 'utf8'));
  return texts;
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 4,
        column: 46,
        suggestions: [
          { messageId: 'passSignal', output: `import { readFile } from 'node:fs/promises';
async function readAll(paths, signal) {
  const texts = [];
  for (const path of paths) texts.push(await readFile(path, { encoding: 'utf8', signal }));
  return texts;
}` },
        ],
      },
    ],
  },
  {
    code: `import { writeFile } from 'node:fs/promises';
async function saveAll(entries, { signal }) {
  await Promise.all(entries.map((entry) => writeFile(entry.path, entry.data)));
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 44,
        suggestions: [
          { messageId: 'passSignal', output: `import { writeFile } from 'node:fs/promises';
async function saveAll(entries, { signal }) {
  await Promise.all(entries.map((entry) => writeFile(entry.path, entry.data, { signal })));
}` },
        ],
      },
    ],
  },
  {
    code: `import { readFile } from 'node:fs/promises';
async function loadConfig(path, signal) {
  return JSON.parse(await readFile(path, 'utf8'));
}`,
    options: [{ checkFileReadsAndWrites: true }],
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 27,
        suggestions: [
          { messageId: 'passSignal', output: `import { readFile } from 'node:fs/promises';
async function loadConfig(path, signal) {
  return JSON.parse(await readFile(path, { encoding: 'utf8', signal }));
}` },
        ],
      },
    ],
  },
  {
    code: `import { exec, spawn } from 'node:child_process';
function build(signal) {
  exec('npm run build', (error) => report(error));
  return spawn('node', ['server.js']);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 3,
        suggestions: [
          { messageId: 'passSignal', output: `import { exec, spawn } from 'node:child_process';
function build(signal) {
  exec('npm run build', { signal }, (error) => report(error));
  return spawn('node', ['server.js']);
}` },
        ],
      },
      {
        messageId: 'missingSignal',
        line: 4,
        column: 10,
        suggestions: [
          { messageId: 'passSignal', output: `import { exec, spawn } from 'node:child_process';
function build(signal) {
  exec('npm run build', (error) => report(error));
  return spawn('node', ['server.js'], { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `function track(element, signal) {
  element.addEventListener('click', onClick);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 3,
        suggestions: [
          { messageId: 'passSignal', output: `function track(element, signal) {
  element.addEventListener('click', onClick, { signal });
}` },
        ],
      },
    ],
  },
  {
    code: `class Client {
  constructor(private readonly signal: AbortSignal) {}
  get(url: string) {
    return fetch(url, { headers: { accept: 'application/json' } });
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 4,
        column: 12,
        suggestions: [
          { messageId: 'passSignal', output: `class Client {
  constructor(private readonly signal: AbortSignal) {}
  get(url: string) {
    return fetch(url, { headers: { accept: 'application/json' }, signal: this.signal });
  }
}` },
        ],
      },
    ],
  },
  {
    code: `const { setTimeout: sleep } = require('timers/promises');
async function retry(task, signal) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(signal);
    } catch (error) {
      await sleep(1000 * attempt);
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 7,
        column: 13,
        suggestions: [
          { messageId: 'passSignal', output: `const { setTimeout: sleep } = require('timers/promises');
async function retry(task, signal) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(signal);
    } catch (error) {
      await sleep(1000 * attempt, undefined, { signal });
    }
  }
}` },
        ],
      },
    ],
  },
  {
    code: `async function loadAll(urls, signal) {
  return Promise.all(urls.map((url) => fetch(url)));
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 40,
        suggestions: [
          { messageId: 'passSignal', output: `async function loadAll(urls, signal) {
  return Promise.all(urls.map((url) => fetch(url, { signal })));
}` },
        ],
      },
    ],
  },
  {
    code: `import fs from 'node:fs';
async function write(path, data, options) {
  options.signal?.throwIfAborted();
  await fs.promises.writeFile(path, data);
}`,
    options: [{ checkFileReadsAndWrites: true }],
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 4,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `import fs from 'node:fs';
async function write(path, data, options) {
  options.signal?.throwIfAborted();
  await fs.promises.writeFile(path, data, { signal: options.signal });
}` },
        ],
      },
    ],
  },
  {
    code: `export async function GET(request) {
  const upstream = await fetch('https://api.example.com/items');
  return new Response(upstream.body, { headers: { 'x-signal': String(request.signal.aborted) } });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 2,
        column: 26,
        suggestions: [
          { messageId: 'passSignal', output: `export async function GET(request) {
  const upstream = await fetch('https://api.example.com/items', { signal: request.signal });
  return new Response(upstream.body, { headers: { 'x-signal': String(request.signal.aborted) } });
}` },
        ],
      },
    ],
  },
  {
    code: `const { once } = require('node:events');
async function ready(emitter, signal) {
  await once(emitter, 'ready');
}`,
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `const { once } = require('node:events');
async function ready(emitter, signal) {
  await once(emitter, 'ready', { signal });
}` },
        ],
      },
    ],
  },
];

plainTester.run('require-signal-propagation (plain)', rule, { valid, invalid });
typedTester.run('require-signal-propagation (typed)', rule, { valid, invalid });

// An options interface that carries a signal: only the checker sees it.
const typedOnly: Invalid[] = [
  {
    code: `interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
}
async function get(url: string, options: RequestOptions) {
  return fetch(url, { method: 'GET' });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 6,
        column: 10,
        suggestions: [
          { messageId: 'passSignal', output: `interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
}
async function get(url: string, options: RequestOptions) {
  return fetch(url, { method: 'GET', signal: options.signal });
}` },
        ],
      },
    ],
  },
];

typedTester.run('require-signal-propagation (typed only)', rule, { valid: [], invalid: typedOnly });
plainTester.run('require-signal-propagation (plain: no types, no finding)', rule, { valid: typedOnly.map(({ code }) => code), invalid: [] });

// A parameter named `signal` that its type says is a string: only the checker can tell.
const plainOnly: Invalid[] = [
  {
    code: `type Notify = (signal: string) => Promise<void>;
const onShutdown: Notify = async (signal) => {
  await fetch('/shutdown');
};`,
    output: null,
    errors: [
      {
        messageId: 'missingSignal',
        line: 3,
        column: 9,
        suggestions: [
          { messageId: 'passSignal', output: `type Notify = (signal: string) => Promise<void>;
const onShutdown: Notify = async (signal) => {
  await fetch('/shutdown', { signal });
};` },
        ],
      },
    ],
  },
];

plainTester.run('require-signal-propagation (plain only)', rule, { valid: [], invalid: plainOnly });
typedTester.run('require-signal-propagation (typed: the checker knows better)', rule, { valid: plainOnly.map(({ code }) => code), invalid: [] });
