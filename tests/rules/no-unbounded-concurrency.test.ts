import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/no-unbounded-concurrency.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

const valid: (Valid | string)[] = [
  // Sizes written in the code.
  'async function f() { await Promise.all([load("a"), load("b")]); }',
  'const REGIONS = ["us", "eu", "ap"]; async function f() { await Promise.all(REGIONS.map((r) => load(r))); }',
  'const REGIONS = ["us", "eu"] as const; async function f() { await Promise.all(REGIONS.map((r) => load(r))); }',
  'enum Region { Us = "us", Eu = "eu" } async function f() { await Promise.all(Object.values(Region).map((r) => load(r))); }',
  'const HANDLERS = { a: one, b: two }; async function f() { await Promise.all(Object.values(HANDLERS).map((h) => h())); }',
  'const CONFIG = { regions: ["us", "eu"] }; async function f() { await Promise.all(CONFIG.regions.map((r) => load(r))); }',
  'async function f(pair: readonly [string, string]) { await Promise.all(pair.map((u) => fetch(u))); }',
  'async function f(urls: string[]) { await Promise.all(urls.slice(0, 10).map((u) => fetch(u))); }',
  'async function f(urls: string[]) { await Promise.all(urls.slice(-5).map((u) => fetch(u))); }',
  'async function f(urls: string[]) { await Promise.all(urls.splice(0, 16).map((u) => fetch(u))); }',
  // The chunked-loop idiom.
  `const BATCH = 10;
async function f(urls: string[]) {
  for (let i = 0; i < urls.length; i += BATCH) {
    await Promise.all(urls.slice(i, i + BATCH).map((u) => fetch(u)));
  }
}`,
  'async function f(urls: string[], i: number) { await Promise.all(urls.slice(i, Math.min(i + 20, urls.length)).map((u) => fetch(u))); }',
  'async function f(ids: string[]) { for (const batch of chunk(ids, 20)) await Promise.all(batch.map((id) => load(id))); }',
  'async function f(ids: string[]) { for (const batch of _.chunk(ids, 20)) { await Promise.all(batch.map((id) => load(id))); } }',
  'async function f(files: string[], options: { concurrency: number }) { for (const part of toSlices(files, options.concurrency)) await Promise.all(part.map((file) => read(file))); }',
  'async function f(files: string[]) { for (const batch of split(files)) await Promise.all(batch.map((file) => read(file))); }',
  // Worker pools: a fixed number of workers drain a shared queue.
  'async function f(queue: string[]) { await Promise.all(Array.from({ length: 4 }, async () => { while (queue.length) await load(queue.pop()); })); }',
  'async function f(queue: string[], concurrency: number) { await Promise.all(Array.from({ length: concurrency }, () => worker(queue))); }',
  'async function f(queue: string[], options: { concurrency: number }) { await Promise.all(Array.from({ length: Math.min(options.concurrency, 8) }, () => worker(queue))); }',
  // Limiters, in every spelling.
  'import pLimit from "p-limit"; const limit = pLimit(4); export async function f(urls: string[]) { await Promise.all(urls.map((u) => limit(() => fetch(u)))); }',
  'import makeGate from "p-limit"; const gate = makeGate(4); export async function f(urls: string[]) { await Promise.all(urls.map((u) => gate(() => fetch(u)))); }',
  'const pLimit = require("p-limit"); const gate = pLimit(4); async function f(urls) { await Promise.all(urls.map((u) => gate(() => fetch(u)))); }',
  'import PQueue from "p-queue"; const q = new PQueue({ concurrency: 2 }); export async function f(urls: string[]) { await Promise.all(urls.map((u) => q.add(() => fetch(u)))); }',
  'import PQueue from "p-queue"; export class Crawler { #jobs = new PQueue({ concurrency: 2 }); async run(urls: string[]) { await Promise.all(urls.map((u) => this.#jobs.add(() => fetch(u)))); } }',
  'import PQueue from "p-queue"; export class Crawler { private work: PQueue; constructor() { this.work = new PQueue(); } async run(urls: string[]) { await Promise.all(urls.map((u) => this.work.add(() => fetch(u)))); } }',
  'import { Sema } from "async-sema"; const s = new Sema(4); export async function f(urls: string[]) { await Promise.all(urls.map(async (u) => { await s.acquire(); try { return await fetch(u); } finally { s.release(); } })); }',
  'export async function f(urls: string[], gate: { lock(): Promise<Disposable> }) { await Promise.all(urls.map(async (u) => { using _ = await gate.lock(); return fetch(u); })); }',
  'const Bottleneck = require("bottleneck"); const b = new Bottleneck({ maxConcurrent: 2 }); async function f(urls) { await Promise.all(urls.map((u) => b.schedule(() => fetch(u)))); }',
  'const Bottleneck = require("bottleneck"); const b = new Bottleneck({ maxConcurrent: 2 }); const get = b.wrap(fetch); async function f(urls) { await Promise.all(urls.map(get)); }',
  'import { limitFunction } from "p-limit"; const get = limitFunction(fetch, { concurrency: 2 }); export async function f(urls: string[]) { await Promise.all(urls.map((u) => get(u))); }',
  'import { limitFunction } from "p-limit"; const get = limitFunction(fetch, { concurrency: 2 }); export async function f(urls: string[]) { await Promise.all(urls.map(get)); }',
  'import { limitAsync } from "es-toolkit"; const get = limitAsync(fetchPage, 3); export async function f(urls: string[]) { await Promise.all(urls.map(get)); }',
  'import { Semaphore } from "es-toolkit"; const sem = new Semaphore(3); export async function f(urls: string[]) { await Promise.all(urls.map(async (u) => { await sem.acquire(); try { return await fetch(u); } finally { sem.release(); } })); }',
  'import { Mutex } from "async-mutex"; const m = new Mutex(); export async function f(ids: string[]) { await Promise.all(ids.map((id) => m.runExclusive(() => save(id)))); }',
  'import { RateLimit } from "async-sema"; const gate = RateLimit(5); export async function f(urls: string[]) { await Promise.all(urls.map(async (u) => { await gate(); return fetch(u); })); }',
  'import Piscina from "piscina"; const w = new Piscina({ filename: "worker.js" }); export async function f(files: string[]) { await Promise.all(files.map((file) => w.run(file))); }',
  'const { createPool } = require("generic-pool"); const p = createPool(factory, { max: 4 }); async function f(ids) { await Promise.all(ids.map((id) => p.use((db) => db.load(id)))); }',
  'async function f(urls: string[], limiter: { run<T>(fn: () => T): T }) { await Promise.all(urls.map((u) => limiter.run(() => fetch(u)))); }',
  'class Sync { async run(ids: string[]) { await Promise.all(ids.map((id) => this.queue.add(() => save(id)))); } }',
  'async function f(urls: string[]) { await Promise.all(urls.map((u) => fetchThrottled(u))); }',
  { code: 'async function f(urls: string[]) { await Promise.all(urls.map((u) => runBounded(() => fetch(u)))); }', options: [{ limiters: ['runBounded'] }] },
  { code: 'class A { async f(urls: string[]) { await Promise.all(urls.map((u) => this.jobs.enqueueTask(() => fetch(u)))); } }', options: [{ limiters: ['jobs.enqueueTask'] }] },
  { code: 'import { submit } from "my-pool"; export async function f(urls: string[]) { await Promise.all(urls.map((u) => submit(() => fetch(u)))); }', options: [{ limiters: [{ from: 'my-pool', name: 'submit' }] }] },
  // Collections of code (plugins, hooks, listeners, environments): their size is what the program registered.
  'class Runner { reporters: Reporter[] = []; async end() { await Promise.all(this.reporters.map((r) => r.onEnd())); } }',
  'async function f(plugins: Plugin[]) { await Promise.all(plugins.map((plugin) => plugin.buildStart())); }',
  'async function f(server: Server) { await Promise.all(Object.values(server.environments).map((env) => env.close())); }',
  'async function f(config: Config) { await Promise.all(config.getSortedPluginHooks("closeServer").map((hook) => hook.call(ctx))); }',
  'async function f(sigtermCallbacks: Set<() => Promise<void>>) { await Promise.all([...sigtermCallbacks].map((cb) => cb())); }',
  // Callbacks that start nothing: they invoke the element or hand back a promise that already exists.
  'async function f(tasks: (() => Promise<void>)[]) { await Promise.all(tasks.map((task) => task())); }',
  'async function f(pending: Map<string, { request: Promise<void> }>) { await Promise.allSettled([...pending.values()].map((p) => p.request)); }',
  'function settle<T>(promises: Promise<T>[]) { return Promise.all(promises.map((p) => Promise.resolve(p).then((value) => ({ value }), (reason) => ({ reason })))); }',
  // A sync library call starts no operation.
  'async function f(words: string[]) { await Promise.all(words.map((w) => w.trim())); }',
  'import path from "node:path"; export async function f(root: string, names: string[]) { return Promise.all(names.map((name) => path.join(root, name))); }',
  // Freeing what the program holds is cleanup, not fan-out.
  'class Pool { idle = new Set<{ end(): Promise<void> }>(); async drain() { await Promise.all([...this.idle].map((client) => client.end())); } }',
  `class Supervisor {
  private children: { once(e: string, f: () => void): void; kill(): void }[] = [];
  async stop() {
    await Promise.all(this.children.map((child) => new Promise<void>((done) => { child.once('exit', done); child.kill(); })));
  }
}`,
  `class Server {
  private streams: { close(): Promise<void> }[] = [];
  async shutdown() {
    const closing = [];
    for (const stream of this.streams) closing.push(stream.close());
    await Promise.all(closing);
  }
}`,
  // One item per part of the infrastructure, from configuration rather than from the caller.
  'class Gateway { async broadcast(packet: unknown) { await Promise.all(this.shards.map((shard) => shard.send(packet))); } }',
  'const replicas = process.env.REPLICAS!.split(","); export async function warm() { await Promise.all(replicas.map((url) => fetch(`${url}/warm`))); }',
  'export async function connectAll(config: { hosts: string[] }) { await Promise.all(config.hosts.map((host) => fetch(host))); }',
  `class Fleet {
  async startAll() {
    const started = [];
    for (const worker of this.workers) started.push(worker.start());
    await Promise.all(started);
  }
}`,
  // A collection of code whose callback runs the element.
  'async function f(listeners: Listener[], event: Event) { await Promise.all(listeners.map(async (listener) => { await listener.handle(event); })); }',
  // Promises that are already running: awaiting them starts nothing.
  'async function f(pending: Promise<void>[]) { const all = []; for (const p of pending) all.push(p); await Promise.all(all); }',
  'class Loader { inflight = new Map<string, Promise<string>>(); async wait(keys: string[]) { const waits = []; for (const key of keys) waits.push(this.inflight.get(key)); await Promise.all(waits); } }',
  // Collections the code bounds: one limited page or query, a Math.min cap, a literal Array(K).
  'export async function f(knex: any) { const rows = await knex("events").select("url").limit(20); await Promise.all(rows.map((row: { url: string }) => fetch(row.url))); }',
  'export async function f(octokit: any) { const { data } = await octokit.rest.pulls.list({ owner: "o", repo: "r", per_page: 30 }); await Promise.all(data.map((pr: { url: string }) => fetch(pr.url))); }',
  'export async function f(prisma: any) { const users = await prisma.user.findMany({ take: 25 }); await Promise.all(users.map((u: { avatar: string }) => fetch(u.avatar))); }',
  'async function f(queue: string[]) { await Promise.all(Array(Math.min(queue.length, 8)).fill(0).map(() => drain(queue))); }',
  'async function f() { await Promise.all([...Array(4).keys()].map((page) => fetch(`/api?page=${page}`))); }',
  'async function f(urls: string[], n: number) { await Promise.all(urls.slice(0, Math.min(n, 10)).map((u) => fetch(u))); }',
  // Operations inside one transaction share its single connection.
  'export async function f(db: any, rows: Row[]) { await db.transaction(async (trx: any) => { await Promise.all(rows.map((row) => trx("items").insert(row))); }); }',
  'export async function f(rows: Row[], t: Transaction) { await Promise.all(rows.map((row) => Item.create(row, { transaction: t }))); }',
  // Async functions that do no I/O, and plain functions.
  'async function toView(item: Item) { return { id: item.id, title: item.title.trim() }; }\nasync function f(items: Item[]) { return Promise.all(items.map(toView)); }',
  `async function size(node: Tree): Promise<number> {
  let total = 1;
  for (const child of node.children) total += await size(child);
  return total;
}
async function f(roots: Tree[]) { return Promise.all(roots.map(size)); }`,
  'function describe(user: User) { return { name: user.name }; }\nasync function f(users: User[]) { return Promise.all(users.map(describe)); }',
  // Database work over a collection that is not the rows of a query: the pool queues it.
  'export async function f(db: any, ids: string[]) { await Promise.all(ids.map((id) => db.query("delete from t where id = $1", [id]))); }',
  'export async function f(post: { tagIds: string[] }) { await Promise.all(post.tagIds.map((id) => Tag.findByPk(id))); }',
  // A helper that calls back with one batch at a time.
  'export async function f(ids: string[]) { await batch.processArray(ids, async (idsInBatch: string[]) => { await Promise.all(idsInBatch.map((id) => fetch(`/u/${id}`))); }, { batch: 50 }); }',
  // Configured registries.
  'class Verifier { async run() { const registries = new Set(this.edges.map((e) => e.registry)); await Promise.all([...registries].map((registry) => fetch(`${registry}/-/npm/v1/keys`))); } }',
  // Configured directories.
  'class Migrator { async list() { const dirs = this.getConfigDirectories(); await Promise.all(dirs.map((dir) => fs.promises.readdir(dir))); } }',
  // One page of a paginated request, awaited next to its count.
  `export async function listGroups(ctx: { state: { pagination: { offset: number; limit: number } } }) {
  const [groups, total] = await Promise.all([
    Group.findAll({ offset: ctx.state.pagination.offset, limit: ctx.state.pagination.limit }),
    Group.count(),
  ]);
  return { total, avatars: await Promise.all(groups.map((group: { logo: string }) => fetch(group.logo))) };
}`,
  // A length guard before the fan-out bounds the collection.
  `export async function diff(specs: string[]) {
  if (specs.length !== 2) throw new Error('diff takes exactly two specs');
  const [a, b] = await Promise.all(specs.map((spec) => fetch(spec)));
  return [a, b];
}`,
  'export async function head(urls: string[]) { if (urls.length > 5) { return null; } return Promise.all(urls.map((u) => fetch(u))); }',
  // A class getter that returns a few file names written in the code.
  `import fs from 'node:fs';
export class Lockfile {
  constructor(private path: string, private hidden: boolean) {}
  get #candidates() {
    if (this.hidden) return [\`\${this.path}/node_modules/.lock.json\`];
    return [\`\${this.path}/shrinkwrap.json\`, \`\${this.path}/lock.json\`, \`\${this.path}/yarn.lock\`];
  }
  load() { return Promise.all(this.#candidates.map((file) => fs.promises.readFile(file, 'utf8'))); }
}`,
  // A list typed into one setting, split on commas or semicolons.
  `import axios from 'axios';
export async function notify(settings: { recipients: string }, text: string) {
  const recipients = settings.recipients.split(/[;,]/).map((r) => r.trim()).filter((r) => r !== '');
  await Promise.all(recipients.map((to) => axios.post('https://api.example.com/send', { to, text })));
}`,
  // Infrastructure read through a helper that is not a query or a listing: configuration.
  `import fs from 'node:fs';
import { getWorkspaces } from './workspaces';
export async function clean(prefix: string) {
  const workspacePaths: Map<string, string> = await getWorkspaces({ path: prefix });
  await Promise.all([...workspacePaths.values()].map((dir) => fs.promises.readdir(dir)));
}`,
  // The program's own files: a folder beside the module, listed and read one file each.
  `import fs from 'node:fs';
import path from 'node:path';
const partialsDir = path.join(import.meta.dirname, 'partials');
export async function loadPartials() {
  const names = await fs.promises.readdir(partialsDir);
  return Promise.all(names.map((name) => fs.promises.readFile(path.join(partialsDir, name), 'utf8')));
}`,
  // …through a same-file helper and a \`let\` narrowed by a filter, in CommonJS.
  `const fs = require('fs');
const path = require('path');
async function localeFiles() {
  let files = await fs.promises.readdir(path.join(__dirname, '../locales'));
  files = files.filter((file) => file.endsWith('.json'));
  return files;
}
async function loadLocales() {
  const files = await localeFiles();
  return Promise.all(files.map((file) => fs.promises.readFile(path.join(__dirname, '../locales', file), 'utf8')));
}`,
  // …a configured folder whose name says it holds views, globbed.
  `import { glob } from 'glob';
import { readFile } from 'node:fs/promises';
export async function precompile(settings: { viewsDir: string }) {
  const sources = await glob(\`\${settings.viewsDir}/**/*.hbs\`);
  await Promise.all(sources.map((source) => readFile(source, 'utf8')));
}`,
  // …handed to a method that only this class calls, with the documentation the install ships.
  `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'glob';
export class ManualSearch {
  constructor(private installRoot: string) {}
  async search(term: string) {
    const pages = await glob(path.join(this.installRoot, 'docs', '*.md'));
    const texts = await this.read(pages);
    return texts.filter((text) => text.includes(term));
  }
  private read(pages: string[]) {
    return Promise.all(pages.map((page) => readFile(page, 'utf8')));
  }
}`,
  // …a list in a JSON file the program ships.
  `import { readFile } from 'node:fs/promises';
export async function loadDictionaries() {
  const { codes } = JSON.parse(await readFile(new URL('./languages/index.json', import.meta.url), 'utf8'));
  return Promise.all(codes.map((code: string) => readFile(new URL(\`./languages/\${code}.json\`, import.meta.url), 'utf8')));
}`,
  // …copies pushed while walking an asset folder of an installed package.
  `const fs = require('fs');
const path = require('path');
async function copyIcons(packageRoot) {
  const copies = [];
  const entries = await fs.promises.opendir(path.join(packageRoot, 'fonts'));
  for await (const entry of entries) {
    copies.push(fs.promises.copyFile(path.join(entries.path, entry.name), path.join(__dirname, 'build', entry.name)));
  }
  await Promise.all(copies);
}`,
  // …and the registry of installed plugins, which the program loads from its own code.
  `const fs = require('fs');
const path = require('path');
const Plugins = require('./plugins');
async function collectTranslations(lang) {
  const withTranslations = Object.values(Plugins.loaded).filter((plugin) => plugin.translations);
  return Promise.all(withTranslations.map((plugin) => fs.promises.readFile(path.join(plugin.path, plugin.translations, lang + '.json'), 'utf8')));
}`,
  // A list picked or typed in one setting, in its array form as in its comma-separated form.
  `import axios from 'axios';
export async function notify(settings: { channels?: string[] | string }, text: string) {
  const raw = settings.channels || '';
  let channels: string[] = [];
  if (Array.isArray(raw)) channels = raw.map((c) => c.trim());
  else channels = raw.split(',').map((c) => c.trim());
  await Promise.all(channels.map((channel) => axios.post('https://chat.example.com/post', { channel, text })));
}`,
  // One batch of rows, sized by the limit the scheduler passes, each updated with the model's hooks off.
  `export async function expireSessions(Session: any, limit: number) {
  const stale = await Session.findAll({ where: { state: 'open' }, limit });
  await Promise.all(stale.map(async (session: any) => { session.state = 'expired'; await session.save({ hooks: false }); }));
}`,
  // The nodes of the workspaces picked in the options: one per workspace, named by the call that lists them.
  `import { readFile } from 'node:fs/promises';
export class Installer {
  constructor(private options: { workspaces: string[] }, private tree: { path: string }) {}
  async readManifests() {
    const nodes = this.workspaceNodes(this.tree, this.options.workspaces);
    const reads = nodes.map((node: { path: string }) => readFile(\`\${node.path}/package.json\`, 'utf8'));
    await Promise.all(reads);
  }
  workspaceNodes(tree: { path: string }, names: string[]) { return names.map((name) => ({ path: \`\${tree.path}/\${name}\` })); }
}`,
  // Commands pipelined on one Redis connection.
  'async function f(keys: string[]) { return Promise.all(keys.map((key) => redis.get(key))); }',
  'class Store { async touch(ids: string[]) { await Promise.all(ids.map((id) => this.redis.expire(`s:${id}`, 60))); } }',
  // Not promises: nothing runs concurrently.
  'async function f(items: number[]) { await Promise.all(items.map((x) => x * 2)); }',
  'async function f(items: string[]) { await Promise.all(items.map((x) => ({ id: x }))); }',
  'async function f(urls: string[]) { for await (const u of urls.map((x) => x + "/")) use(u); }',
  'async function f(urls: string[]) { for await (const chunk of stream) use(chunk); }',
  // Arrays filled in loops that are bounded or paced by hand.
  'async function f() { const tasks = []; for (let i = 0; i < 3; i++) tasks.push(load(i)); await Promise.all(tasks); }',
  'async function f(urls: string[]) { const results = []; for (const u of urls) results.push(await fetch(u)); await Promise.all(results); }',
  `async function f(urls: string[]) {
  const tasks = [];
  for (const u of urls) {
    tasks.push(fetch(u));
    if (tasks.length >= 10) { await Promise.all(tasks); tasks.length = 0; }
  }
  await Promise.all(tasks);
}`,
  'async function f(urls: string[]) { const tasks = []; for (const u of urls) { await delay(10); tasks.push(fetch(u)); } await Promise.all(tasks); }',
  'async function f(urls: string[]) { const tasks = []; for (const u of urls) tasks.push(limit(() => fetch(u))); await Promise.all(tasks); }',
  'async function f(urls: string[]) { const tasks = []; for (const u of urls) tasks.push(u.length); await Promise.all(tasks); }',
  'async function f(a: string, b: string) { await Promise.race([fetch(a), timeout(b)]); }',
  // Another `Promise`.
  'function f(Promise: { all(x: unknown): unknown }, urls: string[]) { return Promise.all(urls.map((u) => fetch(u))); }',
  // Bounded option.
  { code: 'const REGIONS = ["us", "eu", "ap"]; async function f() { await Promise.all(REGIONS.map((r) => load(r))); }', options: [{ maxConcurrency: 3 }] },
  // Weird but valid syntax must not crash.
  'async function f() { await Promise.all(); }',
  'async function f(args: any[]) { await Promise.all(...args); }',
  'async function f(xs: any[]) { await Promise.all(xs.map()); }',
  'async function f(xs: any[]) { await Promise.all(xs[0]); }',
  'async function f(xs: any[]) { await Promise.all(new Set(xs)); }',
  'class A extends B { async f() { await Promise.all(super.map((x) => load(x))); } }',
  'async function f(xs: any[]) { const tasks = []; tasks.push(...xs.map(load)); await Promise.all(tasks); }',
  'let tasks = []; tasks = other; Promise.all(tasks);',
];

const chunkOf = (code: string): { messageId: MessageId; output: string }[] => [{ messageId: 'processInChunks', output: code }];

const invalid: Invalid[] = [
  {
    code: `async function f(urls: string[]) {
  const pages = await Promise.all(urls.map((u) => fetch(u)));
  return pages;
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'urls' },
        line: 2,
        column: 23,
        suggestions: chunkOf(`async function f(urls: string[]) {
  const pages = [];
  for (let i = 0; i < urls.length; i += 8) {
    pages.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));
  }
  return pages;
}`),
      },
    ],
    output: null,
  },
  {
    // Discarded result, async callback with a block body.
    code: `async function f(users: User[]) {
  await Promise.all(users.map(async (user) => {
    await notify(user);
  }));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(users: User[]) {
  for (let i = 0; i < users.length; i += 8) {
    await Promise.all(users.slice(i, i + 8).map(async (user) => {
    await notify(user);
  }));
  }
}`),
      },
    ],
    output: null,
  },
  {
    // `return Promise.all(...)`: no statement to turn into a loop.
    code: 'async function load(u: string) { return fetch(u); }\nfunction f(urls: string[]) { return Promise.all(urls.map(load)); }',
    errors: [{ messageId: 'unboundedCollection', line: 2, column: 37, suggestions: [] }],
    output: null,
  },
  {
    // allSettled, then filtering the rejections.
    code: `async function f(ids: string[]) {
  const settled = await Promise.allSettled(ids.map((id) => remove(id)));
  return settled.filter((r) => r.status === 'rejected');
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.allSettled()', collection: 'ids' },
        line: 2,
        column: 25,
        suggestions: chunkOf(`async function f(ids: string[]) {
  const settled = [];
  for (let i = 0; i < ids.length; i += 8) {
    settled.push(...(await Promise.allSettled(ids.slice(i, i + 8).map((id) => remove(id)))));
  }
  return settled.filter((r) => r.status === 'rejected');
}`),
      },
    ],
    output: null,
  },
  {
    // Destructured results go through a temporary array.
    code: `async function f(urls: string[]) {
  const [first, ...rest] = await Promise.all(urls.map((u) => fetch(u)));
  return { first, rest };
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 2,
        column: 34,
        suggestions: chunkOf(`async function f(urls: string[]) {
  const results = [];
  for (let i = 0; i < urls.length; i += 8) {
    results.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));
  }
  const [first, ...rest] = results;
  return { first, rest };
}`),
      },
    ],
    output: null,
  },
  {
    // Read from a closure: a temporary keeps the evolving array's type.
    code: `async function f(urls: string[]) {
  const pages: Response[] = await Promise.all(urls.map((u) => fetch(u)));
  return () => pages.length;
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 2,
        column: 35,
        suggestions: chunkOf(`async function f(urls: string[]) {
  const results = [];
  for (let i = 0; i < urls.length; i += 8) {
    results.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));
  }
  const pages: Response[] = results;
  return () => pages.length;
}`),
      },
    ],
    output: null,
  },
  {
    // Assignment to an existing variable.
    code: `async function f(urls: string[]) {
  let pages: Response[] | undefined;
  pages = await Promise.all(urls.map((u) => fetch(u)));
  return pages;
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 3,
        column: 17,
        suggestions: chunkOf(`async function f(urls: string[]) {
  let pages: Response[] | undefined;
  const results = [];
  for (let i = 0; i < urls.length; i += 8) {
    results.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));
  }
  pages = results;
  return pages;
}`),
      },
    ],
    output: null,
  },
  {
    // Nested maps: each level is unbounded on its own.
    code: `async function f(users: User[]) {
  await Promise.all(users.map((user) => Promise.all(user.posts.map((post) => save(post)))));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'users' },
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(users: User[]) {
  for (let i = 0; i < users.length; i += 8) {
    await Promise.all(users.slice(i, i + 8).map((user) => Promise.all(user.posts.map((post) => save(post)))));
  }
}`),
      },
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'user.posts' },
        line: 2,
        column: 41,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    // `for await` over mapped promises starts them all before the first iteration.
    code: 'async function f(urls: string[]) {\n  for await (const page of urls.map(async (u) => fetch(u))) use(page);\n}',
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'for await', collection: 'urls' }, line: 2, column: 28, suggestions: [] }],
    output: null,
  },
  {
    // `for await` over the results of an unbounded Promise.all.
    code: 'async function load(u: string) { return fetch(u); }\nasync function f(urls: string[]) {\n  for await (const page of await Promise.all(urls.map(load))) use(page);\n}',
    errors: [{ messageId: 'unboundedCollection', line: 3, column: 34, suggestions: [] }],
    output: null,
  },
  {
    code: `async function f(urls: string[]) {
  const tasks = [];
  for (const u of urls) tasks.push(fetch(u));
  await Promise.all(tasks);
}`,
    errors: [
      {
        messageId: 'unboundedLoop',
        data: { combinator: 'Promise.all()', array: 'tasks', collection: 'urls' },
        line: 4,
        column: 9,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    code: `async function f(first: string) {
  const tasks: Promise<Response>[] = [];
  let cursor: string | null = first;
  while (cursor) {
    tasks.push(fetch(cursor));
    cursor = next(cursor);
  }
  return Promise.allSettled(tasks);
}`,
    errors: [{ messageId: 'unboundedLoop', data: { combinator: 'Promise.allSettled()', array: 'tasks', collection: 'cursor' }, line: 8, column: 10, suggestions: [] }],
    output: null,
  },
  {
    code: 'async function f(urls: string[]) { const tasks = []; urls.forEach((u) => { tasks.push(fetch(u)); }); await Promise.all(tasks); }',
    errors: [{ messageId: 'unboundedLoop', line: 1, column: 108, suggestions: [] }],
    output: null,
  },
  {
    code: 'async function f(rows: Row[]) { const tasks = []; for (let i = 0; i < rows.length; i++) tasks[i] = save(rows[i]); await Promise.all(tasks); }',
    errors: [{ messageId: 'unboundedLoop', data: { combinator: 'Promise.all()', array: 'tasks', collection: 'rows' }, line: 1, column: 121, suggestions: [] }],
    output: null,
  },
  {
    // Through a variable: reported, but only the call itself is rewritten.
    code: 'async function f(urls: string[]) { const jobs = urls.map((u) => fetch(u)); await Promise.all(jobs); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 82, suggestions: [] }],
    output: null,
  },
  {
    code: 'function* jobs(urls: string[]) { for (const u of urls) yield fetch(u); }\nasync function f(urls: string[]) { await Promise.all(jobs(urls)); await Promise.all([...jobs(urls)]); }',
    errors: [
      { messageId: 'unboundedIterable', data: { combinator: 'Promise.all()', collection: 'jobs(urls)' }, line: 2, column: 42, suggestions: [] },
      { messageId: 'unboundedIterable', line: 2, column: 73, suggestions: [] },
    ],
    output: null,
  },
  {
    // A receiver that is not a plain reference is read once, into a constant.
    code: `async function f(byId: Record<string, Item>) {
  await Promise.all(Object.values(byId).map((item) => save(item)));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'Object.values(byId)' },
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(byId: Record<string, Item>) {
  const items = Object.values(byId);
  for (let i = 0; i < items.length; i += 8) {
    await Promise.all(items.slice(i, i + 8).map((item) => save(item)));
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: `async function f(ids: Set<string>) {
  await Promise.all([...ids].map((id) => remove(id)));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { collection: '[...ids]', combinator: 'Promise.all()' },
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(ids: Set<string>) {
  const items = [...ids];
  for (let i = 0; i < items.length; i += 8) {
    await Promise.all(items.slice(i, i + 8).map((id) => remove(id)));
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: `async function f(users: User[]) {
  await Promise.all(users.flatMap((user) => [notify(user), audit(user)]));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(users: User[]) {
  for (let i = 0; i < users.length; i += 8) {
    await Promise.all(users.slice(i, i + 8).flatMap((user) => [notify(user), audit(user)]));
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: 'async function f(ids: Set<string>) { await Promise.all(Array.from(ids, (id) => remove(id))); }',
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'ids' }, line: 1, column: 44, suggestions: [] }],
    output: null,
  },
  {
    code: 'async function f(n: number) { await Promise.all(Array.from({ length: n }, (_, i) => fetchPage(i))); }',
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'n' }, line: 1, column: 37, suggestions: [] }],
    output: null,
  },
  {
    // A known size above maxConcurrency.
    code: `const REGIONS = ['us', 'eu', 'ap'];
async function f() {
  await Promise.all(REGIONS.map((r) => load(r)));
}`,
    options: [{ maxConcurrency: 2, fixConcurrency: 2 }],
    errors: [
      {
        messageId: 'tooManyAtOnce',
        data: { combinator: 'Promise.all()', collection: 'REGIONS', count: '3', max: '2' },
        line: 3,
        column: 9,
        suggestions: chunkOf(`const REGIONS = ['us', 'eu', 'ap'];
async function f() {
  for (let i = 0; i < REGIONS.length; i += 2) {
    await Promise.all(REGIONS.slice(i, i + 2).map((r) => load(r)));
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: 'async function f(urls: string[]) { await Promise.all(urls.slice(0, 100).map((u) => fetch(u))); }',
    errors: [
      {
        messageId: 'tooManyAtOnce',
        data: { combinator: 'Promise.all()', collection: 'urls.slice(0, 100)', count: '100', max: '64' },
        line: 1,
        column: 42,
        suggestions: chunkOf(
          'async function f(urls: string[]) { const items = urls.slice(0, 100);\nfor (let i = 0; i < items.length; i += 8) {\n  await Promise.all(items.slice(i, i + 8).map((u) => fetch(u)));\n} }',
        ),
      },
    ],
    output: null,
  },
  {
    // `.filter(Boolean)` after the map keeps every promise.
    code: 'async function f(urls: string[]) { await Promise.all(urls.map((u) => fetch(u)).filter(Boolean)); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 42, suggestions: [] }],
    output: null,
  },
  {
    // Optional chaining and a type assertion: reported, not rewritten.
    code: 'async function f(urls?: string[]) { await Promise.all(urls?.map((u) => fetch(u)) as Promise<Response>[]); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 43, suggestions: [] }],
    output: null,
  },
  {
    // The index changes meaning inside a chunk: no chunked rewrite.
    code: 'async function f(urls: string[]) { await Promise.all(urls.map((u, i) => fetch(`${u}?page=${i}`))); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 42, suggestions: [] }],
    output: null,
  },
  {
    // A comment the rewrite would drop: no suggestion.
    code: 'async function f(urls: string[]) { await Promise.all(/* all at once */ urls.map((u) => fetch(u))); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 42, suggestions: [] }],
    output: null,
  },
  {
    // A comment inside the callback is kept.
    code: `async function f(urls: string[]) {
  await Promise.all(urls.map((u) => fetch(u /* raw */)));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 2,
        column: 9,
        suggestions: chunkOf(`async function f(urls: string[]) {
  for (let i = 0; i < urls.length; i += 8) {
    await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u /* raw */)));
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: 'async function f(urls: string[]) { return Promise.any(urls.map((u) => fetch(u))); }\nasync function g(urls: string[]) { await Promise.race(urls.map((u) => fetch(u))); }',
    errors: [
      { messageId: 'unboundedCollection', data: { combinator: 'Promise.any()', collection: 'urls' }, line: 1, column: 43, suggestions: [] },
      { messageId: 'unboundedCollection', data: { combinator: 'Promise.race()', collection: 'urls' }, line: 2, column: 42, suggestions: [] },
    ],
    output: null,
  },
  {
    code: 'async function f(urls: string[]) { await globalThis.Promise.all(urls.map((u) => fetch(u))); }',
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 1,
        column: 42,
        suggestions: chunkOf(
          'async function f(urls: string[]) { for (let i = 0; i < urls.length; i += 8) {\n  await globalThis.Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)));\n} }',
        ),
      },
    ],
    output: null,
  },
  {
    // `i` is taken: the loop counter gets a free name; fixConcurrency sets the width.
    code: `async function f(urls: string[], i: number) {
  switch (i) {
    case 1:
      await Promise.all(urls.map((u) => fetch(u)));
      break;
  }
}`,
    options: [{ fixConcurrency: 4 }],
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 4,
        column: 13,
        suggestions: chunkOf(`async function f(urls: string[], i: number) {
  switch (i) {
    case 1:
      for (let i2 = 0; i2 < urls.length; i2 += 4) {
        await Promise.all(urls.slice(i2, i2 + 4).map((u) => fetch(u)));
      }
      break;
  }
}`),
      },
    ],
    output: null,
  },
  {
    code: `class Store {
  items: Item[] = [];
  async flush() {
    await Promise.all(this.items.map((item) => this.save(item)));
  }
  async save(item: Item) { await fetch('/items', { method: 'POST', body: item.json }); }
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'this.items' },
        line: 4,
        column: 11,
        suggestions: chunkOf(`class Store {
  items: Item[] = [];
  async flush() {
    for (let i = 0; i < this.items.length; i += 8) {
      await Promise.all(this.items.slice(i, i + 8).map((item) => this.save(item)));
    }
  }
  async save(item: Item) { await fetch('/items', { method: 'POST', body: item.json }); }
}`),
      },
    ],
    output: null,
  },
  {
    // A same-file function with one parameter may be chunked; the array is still run-time data.
    code: `async function save(row: Row) { await fetch(row.url); }
export async function importAll(rows: Row[]) {
  await Promise.all(rows.map(save));
}`,
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 3,
        column: 9,
        suggestions: chunkOf(`async function save(row: Row) { await fetch(row.url); }
export async function importAll(rows: Row[]) {
  for (let i = 0; i < rows.length; i += 8) {
    await Promise.all(rows.slice(i, i + 8).map(save));
  }
}`),
      },
    ],
    output: null,
  },
  {
    // CommonJS.
    code: `const fs = require('node:fs/promises');
async function readAll(files) {
  const texts = await Promise.all(files.map((file) => fs.readFile(file, 'utf8')));
  return texts.join('');
}
module.exports = { readAll };`,
    errors: [
      {
        messageId: 'unboundedCollection',
        data: { combinator: 'Promise.all()', collection: 'files' },
        line: 3,
        column: 23,
        suggestions: chunkOf(`const fs = require('node:fs/promises');
async function readAll(files) {
  const texts = [];
  for (let i = 0; i < files.length; i += 8) {
    texts.push(...(await Promise.all(files.slice(i, i + 8).map((file) => fs.readFile(file, 'utf8')))));
  }
  return texts.join('');
}
module.exports = { readAll };`),
      },
    ],
    output: null,
  },
  {
    // A limiter in the file does not bound a callback that does not use it.
    code: 'import pLimit from "p-limit"; const limit = pLimit(2); export async function f(urls: string[]) { return Promise.all(urls.map((u) => fetch(u))); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 105, suggestions: [] }],
    output: null,
  },
];

/**
 * Operations that hold something scarce, with the default options: sockets, files, processes, cloud calls,
 * and database fan-out over the rows of a query.
 */
const scarceInvalid: Invalid[] = [
  {
    // Infrastructure by name, but loaded from the database: one request per row.
    code: `export async function ping(db: any) {
  const servers: { url: string }[] = await db("servers").select("url");
  await Promise.all(servers.map((server) => fetch(server.url)));
}`,
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'servers' }, line: 3, column: 9, suggestions: chunkOf(`export async function ping(db: any) {
  const servers: { url: string }[] = await db("servers").select("url");
  for (let i = 0; i < servers.length; i += 8) {
    await Promise.all(servers.slice(i, i + 8).map((server) => fetch(server.url)));
  }
}`) }],
    output: null,
  },
  {
    // The workspaces of a tree read from disk are data: one package.json read per workspace, all at once.
    code: `import fs from 'node:fs';
export class Loader {
  tree: { workspaces: Map<string, string> } = { workspaces: new Map() };
  async loadWorkspaces() {
    const reads = [];
    for (const dir of this.tree.workspaces.values()) reads.push(fs.promises.readFile(\`\${dir}/package.json\`, 'utf8'));
    return Promise.all(reads);
  }
}`,
    errors: [{ messageId: 'unboundedLoop', data: { combinator: 'Promise.all()', array: 'reads', collection: 'this.tree.workspaces.values()' }, line: 7, column: 12, suggestions: [] }],
    output: null,
  },
  {
    // Lines of a file are data, unlike a list split on commas.
    code: "export async function check(text: string) { const urls = text.split('\\n'); await Promise.all(urls.map((url) => fetch(url, { method: 'HEAD' }))); }",
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'urls' }, line: 1, column: 82, suggestions: chunkOf("export async function check(text: string) { const urls = text.split('\\n'); for (let i = 0; i < urls.length; i += 8) {\n  await Promise.all(urls.slice(i, i + 8).map((url) => fetch(url, { method: 'HEAD' })));\n} }") }],
    output: null,
  },
  {
    // A comma-separated list in a request is the caller's data, however it is typed.
    code: "export async function lookup(req: { query: { ids: string } }) { return Promise.all(req.query.ids.split(',').map((id) => fetch(`/users/${id}`))); }",
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: "req.query.ids.split(',')" }, line: 1, column: 72, suggestions: [] }],
    output: null,
  },
  {
    // A guard that only rules out the empty list bounds nothing.
    code: 'export async function all(urls: string[]) { if (urls.length === 0) return []; return Promise.all(urls.map((u) => fetch(u))); }',
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'urls' }, line: 1, column: 86, suggestions: [] }],
    output: null,
  },
  {
    // A collection named like code, used as data: one request per subscriber loaded from the database.
    code: `export async function notify(db: any, event: object) {
  const subscribers: { url: string }[] = await db("webhooks").select("url");
  await Promise.all(subscribers.map((s) => fetch(s.url, { method: 'POST', body: JSON.stringify(event) })));
}`,
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'subscribers' }, line: 3, column: 9, suggestions: chunkOf(`export async function notify(db: any, event: object) {
  const subscribers: { url: string }[] = await db("webhooks").select("url");
  for (let i = 0; i < subscribers.length; i += 8) {
    await Promise.all(subscribers.slice(i, i + 8).map((s) => fetch(s.url, { method: 'POST', body: JSON.stringify(event) })));
  }
}`) }],
    output: null,
  },
  {
    // A file read per file.
    code: `import fs from 'node:fs';
export async function readAll(files: string[]) {
  return Promise.all(files.map((file) => fs.promises.readFile(file, 'utf8')));
}`,
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'files' }, line: 3, column: 10, suggestions: [] }],
    output: null,
  },
  {
    // A storage delete per attachment, through a same-file helper.
    code: `async function remove(key: string) { await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: key })); }
export async function purge(attachments: { key: string }[]) {
  const deletions = [];
  for (const attachment of attachments) deletions.push(remove(attachment.key));
  await Promise.all(deletions);
}`,
    errors: [{ messageId: 'unboundedLoop', data: { combinator: 'Promise.all()', array: 'deletions', collection: 'attachments' }, line: 5, column: 9, suggestions: [] }],
    output: null,
  },
  {
    // A child process per package.
    code: `import { spawn } from 'node:child_process';
export async function testAll(dirs: string[]) {
  await Promise.all(dirs.map((cwd) => new Promise((done) => spawn('npm', ['test'], { cwd }).on('exit', done))));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 3, column: 9, suggestions: chunkOf(`import { spawn } from 'node:child_process';
export async function testAll(dirs: string[]) {
  for (let i = 0; i < dirs.length; i += 8) {
    await Promise.all(dirs.slice(i, i + 8).map((cwd) => new Promise((done) => spawn('npm', ['test'], { cwd }).on('exit', done))));
  }
}`) }],
    output: null,
  },
  {
    // Hosts handed in by the caller are data, not configuration.
    code: 'export async function probe(hosts: string[]) { await Promise.all(hosts.map((host) => fetch(host))); }',
    errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'hosts' }, line: 1, column: 54, suggestions: chunkOf(`export async function probe(hosts: string[]) { for (let i = 0; i < hosts.length; i += 8) {
  await Promise.all(hosts.slice(i, i + 8).map((host) => fetch(host)));
} }`) }],
    output: null,
  },
  {
    // Database fan-out over every row: worded for the pool.
    code: `export async function backfill(knex: any) {
  const users: { id: number }[] = await knex('users').select('id');
  await Promise.all(users.map((user) => knex('audit').insert({ user: user.id })));
}`,
    errors: [{ messageId: 'unboundedPoolCollection', data: { combinator: 'Promise.all()', collection: 'users' }, line: 3, column: 9, suggestions: chunkOf(`export async function backfill(knex: any) {
  const users: { id: number }[] = await knex('users').select('id');
  for (let i = 0; i < users.length; i += 8) {
    await Promise.all(users.slice(i, i + 8).map((user) => knex('audit').insert({ user: user.id })));
  }
}`) }],
    output: null,
  },
  {
    code: `export async function touch(db: any) {
  const { rows } = await db.query('select id from t');
  const updates = [];
  for (const row of rows) updates.push(db.query('update t set seen = now() where id = $1', [row.id]));
  await Promise.all(updates);
}`,
    errors: [{ messageId: 'unboundedPoolLoop', data: { combinator: 'Promise.all()', array: 'updates', collection: 'rows' }, line: 5, column: 9, suggestions: [] }],
    output: null,
  },
  {
    // An ORM row's own query method, over every row of an unlimited query.
    code: `export async function purge() {
  const attachments = await Attachment.unscoped().findAll({ where: { expired: true } });
  return Promise.all(attachments.map((attachment) => attachment.destroy()));
}`,
    errors: [{ messageId: 'unboundedPoolCollection', data: { combinator: 'Promise.all()', collection: 'attachments' }, line: 3, column: 10, suggestions: [] }],
    output: null,
  },
  {
    // Pipelined Redis reads, then a request per key: the request opens a socket each.
    code: 'export async function mirror(keys: string[]) { await Promise.all(keys.map(async (key) => fetch(String(await redis.get(key))))); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 54, suggestions: chunkOf(`export async function mirror(keys: string[]) { for (let i = 0; i < keys.length; i += 8) {
  await Promise.all(keys.slice(i, i + 8).map(async (key) => fetch(String(await redis.get(key)))));
} }`) }],
    output: null,
  },
  {
    // A folder beside the module that holds what users upload is data, however it is reached.
    code: `const fs = require('fs');
const path = require('path');
async function readUploads() {
  const names = await fs.promises.readdir(path.join(__dirname, 'public/uploads'));
  return Promise.all(names.map((name) => fs.promises.readFile(path.join(__dirname, 'public/uploads', name))));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 5, column: 10 }],
    output: null,
  },
  {
    // Every installed package: node_modules grows with the project, not with the program.
    code: `import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
export async function manifests() {
  const root = path.join(import.meta.dirname, '..', 'node_modules');
  const names = await readdir(root);
  return Promise.all(names.map((name) => readFile(path.join(root, name, 'package.json'), 'utf8')));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 6, column: 10 }],
    output: null,
  },
  {
    // A templates folder chosen by the request: its input decides what is listed.
    code: `import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
export async function preview(req: { params: { dir: string } }) {
  const names = await readdir(path.join(import.meta.dirname, 'templates', req.params.dir));
  return Promise.all(names.map((name) => readFile(name, 'utf8')));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 5, column: 10 }],
    output: null,
  },
  {
    // A folder the caller names, in a function nobody in the file calls: whatever the caller lists.
    code: `import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
export async function readAll(dir: string) {
  const names = await readdir(dir);
  return Promise.all(names.map((name) => readFile(path.join(dir, name))));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 5, column: 10 }],
    output: null,
  },
  {
    // Named like installed code, loaded from the database: data.
    code: `export async function refresh(db: any) {
  const themes: { url: string }[] = await db('themes').select('url');
  await Promise.all(themes.map((theme) => fetch(theme.url)));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 3, column: 9, suggestions: chunkOf(`export async function refresh(db: any) {
  const themes: { url: string }[] = await db('themes').select('url');
  for (let i = 0; i < themes.length; i += 8) {
    await Promise.all(themes.slice(i, i + 8).map((theme) => fetch(theme.url)));
  }
}`) }],
    output: null,
  },
  {
    // One write of the \`let\` is a request's list: the other, bounded, writes do not bound it.
    code: `import axios from 'axios';
export async function invite(req: { body: { emails: string[] | string } }) {
  let emails: string[] = [];
  if (Array.isArray(req.body.emails)) emails = req.body.emails;
  else emails = req.body.emails.split(',');
  await Promise.all(emails.map((to) => axios.post('https://mail.example.com/send', { to })));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 6, column: 9, suggestions: chunkOf(`import axios from 'axios';
export async function invite(req: { body: { emails: string[] | string } }) {
  let emails: string[] = [];
  if (Array.isArray(req.body.emails)) emails = req.body.emails;
  else emails = req.body.emails.split(',');
  for (let i = 0; i < emails.length; i += 8) {
    await Promise.all(emails.slice(i, i + 8).map((to) => axios.post('https://mail.example.com/send', { to })));
  }
}`) }],
    output: null,
  },
  {
    // A batch with a limit, but each row's destroy runs the model's hooks (which may delete its stored file).
    code: `export async function purge(Attachment: any, limit: number) {
  const expired = await Attachment.findAll({ where: { expired: true }, limit });
  await Promise.all(expired.map((attachment: any) => attachment.destroy()));
}`,
    errors: [{ messageId: 'unboundedPoolCollection', line: 3, column: 9, suggestions: chunkOf(`export async function purge(Attachment: any, limit: number) {
  const expired = await Attachment.findAll({ where: { expired: true }, limit });
  for (let i = 0; i < expired.length; i += 8) {
    await Promise.all(expired.slice(i, i + 8).map((attachment: any) => attachment.destroy()));
  }
}`) }],
    output: null,
  },
  {
    // Named for hosts by the call that reads them, but read from the database: one request per row.
    code: `export async function probe(db: any) {
  const urls = await db('hosts').pluck('url');
  await Promise.all(urls.map((url: string) => fetch(url)));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 3, column: 9, suggestions: chunkOf(`export async function probe(db: any) {
  const urls = await db('hosts').pluck('url');
  for (let i = 0; i < urls.length; i += 8) {
    await Promise.all(urls.slice(i, i + 8).map((url: string) => fetch(url)));
  }
}`) }],
    output: null,
  },
  {
    // A recursive walk of a folder the caller names: the recursion is followed without end, and it is data.
    code: `import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
export async function readTree(dir: string): Promise<string[]> {
  let entries = await readdir(dir);
  entries = entries.concat(await readTree(path.join(dir, 'nested')));
  return Promise.all(entries.map((entry) => readFile(path.join(dir, entry), 'utf8')));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 6, column: 10 }],
    output: null,
  },
  {
    // An exported function is called from other modules too: one call here with templates does not bound it.
    code: `import { readFile } from 'node:fs/promises';
import { glob } from 'glob';
export async function readAll(files: string[]) {
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}
export async function readTemplates() {
  return readAll(await glob('templates/*.hbs'));
}`,
    errors: [{ messageId: 'unboundedCollection', line: 4, column: 10 }],
    output: null,
  },
  {
    // Releasing a collection the caller hands in, by a request per element, is fan-out all the same.
    code: 'export async function closeAll(sessions: { id: string }[]) { await Promise.all(sessions.map((s) => fetch(`/sessions/${s.id}/close`, { method: "POST" }))); }',
    errors: [{ messageId: 'unboundedCollection', line: 1, column: 68, suggestions: chunkOf("export async function closeAll(sessions: { id: string }[]) { for (let i = 0; i < sessions.length; i += 8) {\n  await Promise.all(sessions.slice(i, i + 8).map((s) => fetch(`/sessions/${s.id}/close`, { method: \"POST\" })));\n} }") }],
    output: null,
  },
];

/**
 * The cases above `scarceInvalid` were written before the rule asked what each element's operation holds.
 * Most map over functions it cannot see into (`save`, `load`, `remove`), which it reports only with
 * `reportUnknownOperations`; they run with that option, which keeps the behaviour they assert.
 */
const withUnknown = <T extends Valid | Invalid>(cases: readonly T[]): T[] =>
  cases.map((testCase) => ({ ...testCase, options: [{ reportUnknownOperations: true, ...testCase.options?.[0] }] }) as T);
const asCase = (testCase: Valid | string): Valid => (typeof testCase === 'string' ? { code: testCase } : testCase);

const bothModes = { valid: [...valid, ...withUnknown(valid.map(asCase))], invalid: [...withUnknown(invalid), ...scarceInvalid] };

plainTester.run('no-unbounded-concurrency (plain)', rule, bothModes);
typedTester.run('no-unbounded-concurrency (typed)', rule, bothModes);

// The p-map / p-limit suggestions depend on the nearest package.json, so these cases name files in
// tests/fixtures/no-unbounded-concurrency/*/. The typed tester's project (tests/fixtures/tsconfig.json)
// does not include those files, so the package.json gating is tested without type information only.
const inFixture = (dir: string, file = 'file.ts'): string => fixture(`no-unbounded-concurrency/${dir}/${file}`);

const esmCode = 'export async function f(urls: string[]) {\n  return Promise.all(urls.map((u) => fetch(u)));\n}';
const pMapOutput = "import pMap from 'p-map';\nexport async function f(urls: string[]) {\n  return pMap(urls, (u) => fetch(u), { concurrency: 8 });\n}";
const unboundedAt = (line: number, column: number, suggestions: { messageId: MessageId; output: string }[]) => [
  { messageId: 'unboundedCollection' as const, line, column, suggestions },
];

plainTester.run('no-unbounded-concurrency (plain only)', rule, {
  valid: [],
  invalid: withUnknown([
  {
    // TSX. Plain only: TypeScript's include drops tests/fixtures/file.tsx because file.ts has the same
    // base name (a .ts file wins over a .tsx one), so the typed tester's project cannot see it.
    filename: fixture('file.tsx'),
    code: 'export async function render(ids: string[]) { const views = await Promise.all(ids.map((id) => load(id))); return <List views={views} />; }',
    errors: [
      {
        messageId: 'unboundedCollection',
        line: 1,
        column: 67,
        suggestions: chunkOf(
          'export async function render(ids: string[]) { const views = [];\nfor (let i = 0; i < ids.length; i += 8) {\n  views.push(...(await Promise.all(ids.slice(i, i + 8).map((id) => load(id)))));\n} return <List views={views} />; }',
        ),
      },
    ],
    output: null,
  },
    {
      // Without types, the arity of an imported callback is unknown: no chunked rewrite.
      code: 'import { fetchPage } from "./pages.js"; export async function f(urls: string[]) { await Promise.all(urls.map(fetchPage)); }',
      errors: [{ messageId: 'unboundedCollection', line: 1, column: 89, suggestions: [] }],
      output: null,
    },
    {
      // Without types, an imported constant's size is unknown (the typed run sees its `as const` tuple).
      code: 'import { REGIONS } from "./modules/concurrency.js";\nexport async function f() {\n  await Promise.all(REGIONS.map((r) => load(r)));\n}',
      errors: [
        {
          messageId: 'unboundedCollection',
          line: 3,
          column: 9,
          suggestions: chunkOf(
            'import { REGIONS } from "./modules/concurrency.js";\nexport async function f() {\n  for (let i = 0; i < REGIONS.length; i += 8) {\n    await Promise.all(REGIONS.slice(i, i + 8).map((r) => load(r)));\n  }\n}',
          ),
        },
      ],
      output: null,
    },
    { filename: inFixture('esm-p-map'), code: esmCode, errors: unboundedAt(2, 10, [{ messageId: 'boundWithPMap', output: pMapOutput }]), output: null },
    {
      filename: inFixture('esm-p-map'),
      code: "import pMap from 'p-map';\nexport async function f(urls: string[]) {\n  const pages = await Promise.all(urls.map((u) => fetch(u)));\n  return pages;\n}",
      errors: unboundedAt(3, 23, [
        {
          messageId: 'boundWithPMap',
          output: "import pMap from 'p-map';\nexport async function f(urls: string[]) {\n  const pages = await pMap(urls, (u) => fetch(u), { concurrency: 8 });\n  return pages;\n}",
        },
        {
          messageId: 'processInChunks',
          output:
            "import pMap from 'p-map';\nexport async function f(urls: string[]) {\n  const pages = [];\n  for (let i = 0; i < urls.length; i += 8) {\n    pages.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));\n  }\n  return pages;\n}",
        },
      ]),
      output: null,
    },
    {
      // The name `pMap` is taken.
      filename: inFixture('esm-p-map'),
      code: "import { x } from './x.js';\nconst pMap = new Map();\nexport function f(urls: string[]) { return Promise.all(urls.map((u) => fetch(u))); }",
      errors: unboundedAt(3, 44, [
        {
          messageId: 'boundWithPMap',
          output:
            "import { x } from './x.js';\nimport pMap2 from 'p-map';\nconst pMap = new Map();\nexport function f(urls: string[]) { return pMap2(urls, (u) => fetch(u), { concurrency: 8 }); }",
        },
      ]),
      output: null,
    },
    {
      // `.mts` is an ES module whatever package.json says; a callback reading the array is left alone.
      filename: inFixture('cjs-p-map', 'file.mts'),
      code: 'async function f(urls: string[]) { return Promise.all(urls.map((u) => fetch(u))); }',
      errors: unboundedAt(1, 43, [
        {
          messageId: 'boundWithPMap',
          output: "import pMap from 'p-map';\nasync function f(urls: string[]) { return pMap(urls, (u) => fetch(u), { concurrency: 8 }); }",
        },
      ]),
      output: null,
    },
    {
      filename: inFixture('esm-p-map'),
      code: 'export function f(urls: string[]) { return Promise.all(urls.map((u, i, all) => fetch(all[i]!))); }',
      errors: unboundedAt(1, 44, []),
      output: null,
    },
    // Not an ES module, or the package is not a dependency: no p-map suggestion.
    { filename: inFixture('cjs-p-map'), code: esmCode, errors: unboundedAt(2, 10, []), output: null },
    { filename: inFixture('esm-p-map', 'file.cjs'), code: 'async function f(urls) {\n  return Promise.all(urls.map((u) => fetch(u)));\n}', errors: unboundedAt(2, 10, []), output: null },
    { filename: inFixture('esm-no-deps'), code: esmCode, errors: unboundedAt(2, 10, []), output: null },
    { filename: inFixture('esm-p-map'), code: esmCode, options: [{ fixLibrary: 'none' }], errors: unboundedAt(2, 10, []), output: null },
    { filename: inFixture('esm-p-map'), code: esmCode, options: [{ fixLibrary: 'p-limit' }], errors: unboundedAt(2, 10, []), output: null },
    {
      // p-map's result is not allSettled's: only the chunked rewrite.
      filename: inFixture('esm-p-map'),
      code: 'export async function f(ids: string[]) {\n  await Promise.allSettled(ids.map((id) => remove(id)));\n}',
      errors: unboundedAt(2, 9, [
        {
          messageId: 'processInChunks',
          output:
            'export async function f(ids: string[]) {\n  for (let i = 0; i < ids.length; i += 8) {\n    await Promise.allSettled(ids.slice(i, i + 8).map((id) => remove(id)));\n  }\n}',
        },
      ]),
      output: null,
    },
    {
      filename: inFixture('esm-p-map'),
      code: 'export function f(n: number) { return Promise.all(Array.from({ length: n }, (_, i) => fetchPage(i))); }',
      errors: unboundedAt(1, 39, []),
      output: null,
    },
    {
      filename: inFixture('esm-p-map'),
      code: 'export function f(ids: Set<string>) { return Promise.all(Array.from(ids, (id) => remove(id))); }',
      errors: unboundedAt(1, 46, [
        { messageId: 'boundWithPMap', output: "import pMap from 'p-map';\nexport function f(ids: Set<string>) { return pMap(ids, (id) => remove(id), { concurrency: 8 }); }" },
      ]),
      output: null,
    },
    {
      filename: inFixture('esm-p-limit'),
      code: 'export async function f(urls: string[]) {\n  const pages = await Promise.all(urls.map((u) => fetch(u)));\n  return pages;\n}',
      options: [{ fixLibrary: 'p-limit' }],
      errors: unboundedAt(2, 23, [
        {
          messageId: 'boundWithPLimit',
          output:
            "import pLimit from 'p-limit';\nexport async function f(urls: string[]) {\n  const limit = pLimit(8);\n  const pages = await Promise.all(urls.map((u) => limit(() => fetch(u))));\n  return pages;\n}",
        },
        {
          messageId: 'processInChunks',
          output:
            'export async function f(urls: string[]) {\n  const pages = [];\n  for (let i = 0; i < urls.length; i += 8) {\n    pages.push(...(await Promise.all(urls.slice(i, i + 8).map((u) => fetch(u)))));\n  }\n  return pages;\n}',
        },
      ]),
      output: null,
    },
    {
      // p-limit keeps the combinator, so it fits `race` too; a named callback gets an arrow around it.
      filename: inFixture('esm-p-limit'),
      code: 'async function ping(host: string) { await fetch(host); }\nexport async function f(hosts: string[]) {\n  return Promise.race(hosts.map(ping));\n}',
      options: [{ fixLibrary: 'p-limit', fixConcurrency: 3 }],
      errors: unboundedAt(3, 10, [
        {
          messageId: 'boundWithPLimit',
          output:
            "import pLimit from 'p-limit';\nasync function ping(host: string) { await fetch(host); }\nexport async function f(hosts: string[]) {\n  const limit = pLimit(3);\n  return Promise.race(hosts.map((item) => limit(() => ping(item))));\n}",
        },
      ]),
      output: null,
    },
    {
      filename: inFixture('esm-p-limit'),
      code: 'export const f = async (ids: string[]) => Promise.all(ids.map(async (id) => { await remove(id); }));',
      options: [{ fixLibrary: 'p-limit' }],
      errors: unboundedAt(1, 43, []),
      output: null,
    },
  ]),
});

typedTester.run('no-unbounded-concurrency (typed only)', rule, {
  valid: [
    'import { REGIONS, fetchPage } from "./modules/concurrency.js"; export async function f() { await Promise.all(REGIONS.map((r) => fetchPage(r))); }',
    'import { pair, fetchPage } from "./modules/concurrency.js"; export async function f() { await Promise.all(pair().map(fetchPage)); }',
    'import { fetchPage } from "./modules/concurrency.js"; type Pair = [string, string]; declare const p: Pair; export async function f() { await Promise.all(p.map(fetchPage)); }',
    'async function f(words: string[]) { await Promise.all(words.map((w) => w.trim())); }',
    'import { urls, describe } from "./modules/concurrency.js"; export async function f() { await Promise.all(urls.map(describe)); }',
    'import { fetchPage } from "./modules/concurrency.js"; export async function f(batches: [string, string][]) { for (const batch of batches) await Promise.all(batch.map(fetchPage)); }',
  ],
  invalid: withUnknown([
    {
      // The checker knows `fetchPage` takes one argument: the chunked rewrite is safe.
      code: 'import { urls, fetchPage } from "./modules/concurrency.js";\nexport async function f() {\n  await Promise.all(urls.map(fetchPage));\n}',
      errors: [
        {
          messageId: 'unboundedCollection',
          data: { combinator: 'Promise.all()', collection: 'urls' },
          line: 3,
          column: 9,
          suggestions: chunkOf(
            'import { urls, fetchPage } from "./modules/concurrency.js";\nexport async function f() {\n  for (let i = 0; i < urls.length; i += 8) {\n    await Promise.all(urls.slice(i, i + 8).map(fetchPage));\n  }\n}',
          ),
        },
      ],
      output: null,
    },
    {
      // Not an array (an Immutable.js-style list): no `.length`/`.slice()` for the chunked loop.
      code: 'interface List<T> { map<U>(f: (x: T) => U): List<U>; [Symbol.iterator](): Iterator<T>; size: number }\nexport async function f(list: List<string>) {\n  await Promise.all(list.map((x) => fetch(x)));\n}',
      errors: [{ messageId: 'unboundedCollection', data: { combinator: 'Promise.all()', collection: 'list' }, line: 3, column: 9, suggestions: [] }],
      output: null,
    },
    {
      code: 'import { fetchPage } from "./modules/concurrency.js";\nexport async function f(load: () => string[]) {\n  for await (const page of load().map(fetchPage)) console.log(page);\n}',
      errors: [{ messageId: 'unboundedCollection', data: { combinator: 'for await', collection: 'load()' }, line: 3, column: 28, suggestions: [] }],
      output: null,
    },
  ]),
});
