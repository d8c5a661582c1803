import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/require-request-timeout.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageId, Options>;

const HINT_SIGNAL = 'signal: AbortSignal.timeout(30000)';

// The same cases run without and with type information: types only add findings.
const valid: Valid[] = [
  `async function load(url) {
  return fetch(url, { signal: AbortSignal.timeout(5000) });
}`,
  // The caller's signal: its deadline is the caller's choice.
  `async function load(url, signal) {
  return fetch(url, { signal });
}`,
  `async function load(url, options) {
  return fetch(url, { ...options, method: 'POST' });
}`,
  // Options the rule cannot see into.
  `async function load(url, init) {
  return fetch(url, init);
}`,
  `async function load(url, makeInit) {
  return fetch(url, makeInit());
}`,
  // A keepalive beacon outlives the page: nothing waits on it.
  `export function track(event) {
  return fetch('/api/send', { method: 'POST', body: JSON.stringify(event), keepalive: true });
}`,
  // A Request carries its own signal.
  `async function forward(request) {
  return fetch(request);
}`,
  `async function load(url, signal) {
  return fetch(new Request(url, { signal }));
}`,
  // Not the global fetch.
  `async function load(fetch, url) {
  return fetch(url);
}`,
  // axios: a timeout or a signal per call, on the instance, or in the library's defaults.
  `import axios from 'axios';
export const getUser = (id) => axios.get(\`/users/\${id}\`, { timeout: 5000 });`,
  `import axios from 'axios';
const api = axios.create({ baseURL: '/api', timeout: 10000 });
export const getUser = (id) => api.get(\`/users/\${id}\`);
export const save = (user) => api.post('/users', user);`,
  `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
api.defaults.timeout = 10000;
export const getUser = (id) => api.get(\`/users/\${id}\`);`,
  `import axios from 'axios';
axios.defaults.timeout = 10000;
export const getUser = (id) => axios.get(\`/users/\${id}\`);`,
  `import axios from 'axios';
const api = axios.create(sharedConfig);
export const getUser = (id) => api.get(\`/users/\${id}\`);`,
  `import axios from 'axios';
class Client {
  http = axios.create({ timeout: 5000 });
  user(id) {
    return this.http.get(\`/users/\${id}\`);
  }
}`,
  `const axios = require('axios');
module.exports = (url, controller) => axios.post(url, {}, { signal: controller.signal });`,
  // got
  `import got from 'got';
export const load = (url) => got(url, { timeout: { request: 10000 } }).json();`,
  `import got from 'got';
const client = got.extend({ prefixUrl: 'https://api.example.com', timeout: { request: 10000 } });
export const load = (path) => client.get(path).json();`,
  // http: a deadline given later, or the request handed on.
  `import http from 'node:http';
export function ping(url) {
  const req = http.get(url, (res) => res.resume());
  req.setTimeout(5000, () => req.destroy());
}`,
  `import https from 'node:https';
export function ping(url) {
  https.get(url, (res) => res.resume()).on('timeout', () => {}).setTimeout(5000);
}`,
  `import http from 'node:http';
export function ping(url) {
  const req = http.request(url);
  const timer = setTimeout(() => req.destroy(new Error('timeout')), 5000);
  req.on('close', () => clearTimeout(timer));
  req.end();
}`,
  `import http from 'node:http';
export function open(url) {
  return http.request(url, { method: 'POST' });
}`,
  `import http from 'node:http';
export function ping(url) {
  http.get(url, { timeout: 5000 }, (res) => res.resume());
}`,
  // undici: its own timeouts, or a configured dispatcher.
  `import { request } from 'undici';
export const load = (url, dispatcher) => request(url, { dispatcher });`,
  `import { request } from 'undici';
export const load = (url) => request(url, { headersTimeout: 5000, bodyTimeout: 5000 });`,
  // Options: only the clients listed are checked.
  { code: `import axios from 'axios';
export const getUser = (id) => axios.get(\`/users/\${id}\`);`, options: [{ clients: ['fetch'] }] },
  // Plain JavaScript, CommonJS.
  { code: `const https = require('node:https');
module.exports = (url) => https.get(url, { signal: AbortSignal.timeout(5000) }, (res) => res.resume());`, filename: fixture('file.js') },
  // Test code asks a server the test started (or a stubbed fetch), and the runner's timeout bounds the wait:
  // recognised by its name, by a test framework it imports, or by tests at its top level.
  {
    code: `import { startServer } from './server.js';
const server = await startServer();
const response = await fetch(\`\${server.url}/health\`);
console.assert(response.ok);`,
    filename: fixture('health.test.js'),
  },
  `import { expect, it } from 'vitest';
it('answers /health', async () => {
  const response = await fetch('http://127.0.0.1:4010/health');
  expect(response.status).toBe(200);
});`,
  `const assert = require('node:assert');
describe('hub', function () {
  it('shuts down on request', async function () {
    const response = await fetch(hubUrl + '/shutdown', { method: 'POST' });
    assert.equal(response.status, 202);
  });
});`,
];

const invalid: Invalid[] = [
  {
    code: `async function load(url) {
  const response = await fetch(url);
  return response.json();
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 26,
        data: { name: 'fetch()', remedy: HINT_SIGNAL },
        suggestions: [
          {
            messageId: 'addTimeout',
            data: { name: 'fetch()', property: 'signal: AbortSignal.timeout(30000)' },
            output: `async function load(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(30000) });
  return response.json();
}`,
          },
        ],
      },
    ],
  },
  // A literal init without a signal; multi-line objects keep their layout.
  {
    code: `async function save(url, body) {
  await fetch(url, {
    method: 'POST',
    body, // the payload
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 9,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `async function save(url, body) {
  await fetch(url, {
    method: 'POST',
    body, // the payload
    signal: AbortSignal.timeout(30000),
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `fetch('/api/ping', {});`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 1,
        column: 1,
        suggestions: [{ messageId: 'addTimeout', output: `fetch('/api/ping', { signal: AbortSignal.timeout(30000) });` }],
      },
    ],
  },
  // A same-file const init that lacks a signal: spread into a new literal.
  {
    code: `const init = { headers: { accept: 'application/json' } };
export async function load(url) {
  return fetch(url, init);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 3,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `const init = { headers: { accept: 'application/json' } };
export async function load(url) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(30000) });
}`,
          },
        ],
      },
    ],
  },
  // The function has its caller's signal but does not pass it: combined, never dropped.
  {
    code: `export async function load(url: string, signal: AbortSignal) {
  return fetch(url, { method: 'GET' });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `export async function load(url: string, signal: AbortSignal) {
  return fetch(url, { method: 'GET', signal: AbortSignal.any([signal, AbortSignal.timeout(30000)]) });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function load(url: string, options: { signal?: AbortSignal } = {}) {
  return fetch(url);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `export async function load(url: string, options: { signal?: AbortSignal } = {}) {
  return fetch(url, { signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(30000)]) : AbortSignal.timeout(30000) });
}`,
          },
        ],
      },
    ],
  },
  // axios: the default export, its methods, and an instance created without a timeout.
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
export async function sync(user) {
  await axios.post('/audit', { user });
  await api.put(\`/users/\${user.id}\`, user, { headers: { 'x-sync': '1' } });
  return api('/users');
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 4,
        column: 9,
        data: { name: 'axios.post()', remedy: 'timeout: 30000' },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
export async function sync(user) {
  await axios.post('/audit', { user }, { timeout: 30000 });
  await api.put(\`/users/\${user.id}\`, user, { headers: { 'x-sync': '1' } });
  return api('/users');
}`,
          },
        ],
      },
      {
        messageId: 'missingTimeout',
        line: 5,
        column: 9,
        data: { name: 'axios.put()', remedy: 'timeout: 30000' },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
export async function sync(user) {
  await axios.post('/audit', { user });
  await api.put(\`/users/\${user.id}\`, user, { headers: { 'x-sync': '1' }, timeout: 30000 });
  return api('/users');
}`,
          },
        ],
      },
      {
        messageId: 'missingTimeout',
        line: 6,
        column: 10,
        data: { name: 'axios()', remedy: 'timeout: 30000' },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import axios from 'axios';
const api = axios.create({ baseURL: '/api' });
export async function sync(user) {
  await axios.post('/audit', { user });
  await api.put(\`/users/\${user.id}\`, user, { headers: { 'x-sync': '1' } });
  return api('/users', { timeout: 30000 });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const axios = require('axios');
class Client {
  constructor() {
    this.http = axios.create({ baseURL: 'https://api.example.com' });
  }
  remove(id) {
    return this.http.delete(\`/items/\${id}\`);
  }
  list() {
    return axios({ url: '/items', method: 'GET' });
  }
}`,
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 7,
        column: 12,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `const axios = require('axios');
class Client {
  constructor() {
    this.http = axios.create({ baseURL: 'https://api.example.com' });
  }
  remove(id) {
    return this.http.delete(\`/items/\${id}\`, { timeout: 30000 });
  }
  list() {
    return axios({ url: '/items', method: 'GET' });
  }
}`,
          },
        ],
      },
      {
        messageId: 'missingTimeout',
        line: 10,
        column: 12,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `const axios = require('axios');
class Client {
  constructor() {
    this.http = axios.create({ baseURL: 'https://api.example.com' });
  }
  remove(id) {
    return this.http.delete(\`/items/\${id}\`);
  }
  list() {
    return axios({ url: '/items', method: 'GET', timeout: 30000 });
  }
}`,
          },
        ],
      },
    ],
  },
  // A name that only looks like a test's.
  {
    code: `export async function latestVersion(name) {
  const response = await fetch(\`https://registry.npmjs.org/\${name}/latest\`);
  return (await response.json()).version;
}`,
    filename: fixture('latest.js'),
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 26,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `export async function latestVersion(name) {
  const response = await fetch(\`https://registry.npmjs.org/\${name}/latest\`, { signal: AbortSignal.timeout(30000) });
  return (await response.json()).version;
}`,
          },
        ],
      },
    ],
  },
  // got: the object form of `timeout`, which every got version accepts.
  {
    code: `import got from 'got';
export const load = (url) => got(url).json();`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 30,
        data: { name: 'got()', remedy: 'timeout: { request: 30000 }' },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import got from 'got';
export const load = (url) => got(url, { timeout: { request: 30000 } }).json();`,
          },
        ],
      },
    ],
  },
  // http: a request whose socket can stay open for ever.
  {
    code: `import http from 'node:http';
export function notify(url, body) {
  const req = http.request(url, { method: 'POST' }, (res) => res.resume());
  req.on('error', console.error);
  req.end(body);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 3,
        column: 15,
        data: { name: 'http.request()', remedy: HINT_SIGNAL },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import http from 'node:http';
export function notify(url, body) {
  const req = http.request(url, { method: 'POST', signal: AbortSignal.timeout(30000) }, (res) => res.resume());
  req.on('error', console.error);
  req.end(body);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const https = require('node:https');
https.get('https://example.com/health', (res) => res.resume()).on('error', () => {});
https.request({ host: 'example.com', path: '/' }).end();`,
    filename: fixture('file.js'),
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 1,
        data: { name: 'https.get()', remedy: HINT_SIGNAL },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `const https = require('node:https');
https.get('https://example.com/health', { signal: AbortSignal.timeout(30000) }, (res) => res.resume()).on('error', () => {});
https.request({ host: 'example.com', path: '/' }).end();`,
          },
        ],
      },
      {
        messageId: 'missingTimeout',
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `const https = require('node:https');
https.get('https://example.com/health', (res) => res.resume()).on('error', () => {});
https.request({ host: 'example.com', path: '/', signal: AbortSignal.timeout(30000) }).end();`,
          },
        ],
      },
    ],
  },
  // undici
  {
    code: `import { request } from 'undici';
export async function load(url) {
  const { body } = await request(url);
  return body.json();
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 3,
        column: 26,
        data: { name: 'request()` from `undici', remedy: HINT_SIGNAL },
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `import { request } from 'undici';
export async function load(url) {
  const { body } = await request(url, { signal: AbortSignal.timeout(30000) });
  return body.json();
}`,
          },
        ],
      },
    ],
  },
  // Options: the deadline and the autofix.
  {
    code: `fetch('/api/ping');`,
    options: [{ defaultTimeoutMs: 5000, autofix: true }],
    output: `fetch('/api/ping', { signal: AbortSignal.timeout(5000) });`,
    errors: [{ messageId: 'missingTimeout', line: 1, column: 1, data: { name: 'fetch()', remedy: 'signal: AbortSignal.timeout(5000)' }, suggestions: [] }],
  },
  // checkOpaqueOptions: a variable that may or may not carry a signal is reported too.
  {
    code: `async function load(url, init) {
  return fetch(url, init);
}`,
    options: [{ checkOpaqueOptions: true }],
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `async function load(url, init) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(30000) });
}`,
          },
        ],
      },
    ],
  },
];

plainTester.run('require-request-timeout', rule, { valid, invalid });
typedTester.run('require-request-timeout (typed)', rule, { valid, invalid });

// The checker shows that opaque options have no signal.
const typedOnly: Invalid[] = [
  {
    code: `interface Init {
  method: string;
  headers?: Record<string, string>;
}
export async function load(url: string, init: Init) {
  return fetch(url, init);
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 6,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `interface Init {
  method: string;
  headers?: Record<string, string>;
}
export async function load(url: string, init: Init) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(30000) });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function post(url: string, base: { headers: Record<string, string> }) {
  return fetch(url, { ...base, method: 'POST' });
}`,
    output: null,
    errors: [
      {
        messageId: 'missingTimeout',
        line: 2,
        column: 10,
        suggestions: [
          {
            messageId: 'addTimeout',
            output: `export async function post(url: string, base: { headers: Record<string, string> }) {
  return fetch(url, { ...base, method: 'POST', signal: AbortSignal.timeout(30000) });
}`,
          },
        ],
      },
    ],
  },
];

typedTester.run('require-request-timeout (typed only)', rule, { valid: [], invalid: typedOnly });
plainTester.run('require-request-timeout (plain: no types, no finding)', rule, { valid: typedOnly.map(({ code }) => code), invalid: [] });

// An optional `signal?` counts as possibly present.
typedTester.run('require-request-timeout (typed: optional signal)', rule, {
  valid: [
    `export async function load(url: string, init: RequestInit) {
  return fetch(url, init);
}`,
    `export async function load(url: string, init?: { signal?: AbortSignal; method?: string }) {
  return fetch(url, { ...init, method: 'GET' });
}`,
    { code: `export async function load(url: string, init: RequestInit) {
  return fetch(url, init);
}`, options: [{ checkOpaqueOptions: true }] },
  ],
  invalid: [],
});
