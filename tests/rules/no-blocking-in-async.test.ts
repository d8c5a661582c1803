import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageId, type Options } from '../../rules/no-blocking-in-async.js';
import { fixture, plainTester, typedTester } from '../rule-tester.js';

type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<MessageId, Options>;

/** Cheap metadata calls are reported outside loops only when asked; the fix cases below ask. */
const CHEAP: Options = [{ checkExistsSync: true, checkMetadataCalls: true }];

const valid: Valid[] = [
  // Start-up code and plain sync functions (CLIs, build scripts) may block.
  "import fs from 'node:fs'; const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));",
  "import { readFileSync } from 'fs'; await start(readFileSync('x'));",
  "const { execSync } = require('child_process'); function build() { execSync('tsc'); } build();",
  "import fs from 'fs'; function copy(a, b) { fs.copyFileSync(a, b); }",
  // Already asynchronous: fs.promises and fs/promises.
  "import fs from 'fs'; async function f(p) { return fs.promises.readFile(p); }",
  "import { promises as fsp } from 'node:fs'; async function f(p) { await fsp.writeFile(p, 'x'); }",
  "import { readFile } from 'node:fs/promises'; async function f(p) { return readFile(p); }",
  "const fs = require('fs'); async function f(p) { fs.readFile(p, () => {}); }",
  // A project's own function that ends in Sync is not a runtime API.
  'function readFileSync(p) { return p; } async function f() { readFileSync("x"); }',
  'const fs = { readFileSync() {} }; async function f() { fs.readFileSync("x"); }',
  "import { readFileSync } from './my-fs.js'; async function f() { readFileSync('x'); }",
  "import { execSync } from 'my-exec'; async function f() { execSync('ls'); }",
  'async function f(fs) { fs.readFileSync("x"); }',
  'async function f() { cache.hashSync(1); globSync("x"); execaSync("ls"); }',
  "import fs from 'fs'; async function f(fs) { fs.readFileSync('x'); }",
  'const Deno = { readFileSync() {} }; async function f() { Deno.readFileSync("x"); }',
  'interface MyFs { readFileSync(p: string): string } async function f(fs: MyFs) { return fs.readFileSync("x"); }',
  // Nested async callbacks are judged by themselves; nested plain functions that are not callbacks are not run here.
  "import fs from 'fs'; async function f(files) { await Promise.all(files.map(async (p) => fs.promises.readFile(p))); }",
  "import fs from 'fs'; async function f() { return { read() { return fs.readFileSync('x'); } }; }",
  // Event listeners run when the event fires, and exit handlers must be synchronous.
  "import fs from 'fs'; async function main(lock) { process.on('exit', () => fs.rmSync(lock)); window.addEventListener('x', function () { fs.readFileSync('y'); }); }",
  "import fs from 'fs'; async function f() { class A { x = fs.readFileSync('a'); static { fs.readFileSync('b'); } } return A; }",
  "import fs from 'fs'; async function f() { function* g() { yield fs.readFileSync('a'); } return g; }",
  // Helpers: exported, called outside async code, used as a value, never called, or recursive.
  "import fs from 'fs'; export function load() { return fs.readFileSync('x'); } async function f() { load(); }",
  "import fs from 'fs'; function load() { return fs.readFileSync('x'); } async function f() { load(); } load();",
  "import fs from 'fs'; function load() { return fs.readFileSync('x'); } async function f(xs) { xs.map(load); }",
  "import fs from 'fs'; function load() { return fs.readFileSync('x'); } module.exports = { load }; async function f() { load(); }",
  "import fs from 'fs'; function load() { return fs.readFileSync('x'); }",
  "import fs from 'fs'; function load(n) { return n ? load(n - 1) : fs.readFileSync('x'); } async function f() { load(3); }",
  "import fs from 'fs'; export const load = () => fs.readFileSync('x'); async function f() { load(); }",
  "import fs from 'fs'; let load = () => fs.readFileSync('x'); load = () => ''; async function f() { load(); }",
  {
    code: "import fs from 'fs'; function load() { return fs.readFileSync('x'); } async function f() { load(); }",
    options: [{ followSyncHelpers: false }],
  },
  // Options.
  { code: "import fs from 'fs'; async function f(p) { return fs.existsSync(p); }", options: [{ checkExistsSync: false }] },
  { code: "import fs from 'fs'; async function f(p) { return fs.readFileSync(p); }", options: [{ allow: ['readFileSync'] }] },
  { code: "import fs from 'fs'; async function f(p) { return fs.readFileSync(p); }", options: [{ allow: ['fs.readFileSync'] }] },
  {
    code: "import { execSync } from 'node:child_process'; async function f() { execSync('ls'); }",
    options: [{ allow: [{ from: 'child_process', name: 'execSync' }] }],
  },
  { code: "async function f() { Deno.readFileSync('x'); }", options: [{ allow: ['Deno.readFileSync'] }] },
  // Loops that are not busy-waits.
  "async function f(end) { while (Date.now() < end) { await new Promise((r) => setTimeout(r, 10)); } }",
  'async function f(end, queue) { while (Date.now() < end) { const job = queue.shift(); if (!job) break; job(); } }',
  'async function f(end) { while (Date.now() < end && !done) {} }',
  'async function f(n) { let i = 0; while (i < n) { i++; } for (;;) { break; } }',
  'function spin(end) { while (Date.now() < end) {} }',
  'while (Date.now() < end) {}',
  'async function f(Date, end) { while (Date.now() < end) {} }',
  'async function f(end) { while (Date.now() < Date.now() + end) {} }',
  'async function f(end) { while (Date.now() < getDeadline()) {} }',
  'async function* f(end) { while (Date.now() < end) { yield 1; } }',
  // Atomics outside async code, and the async form.
  'Atomics.wait(view, 0, 0, 100);',
  'async function f(view) { await Atomics.waitAsync(view, 0, 0, 100).value; }',
  // Weird but valid syntax must not crash.
  "import fs from 'fs'; async function f(name) { fs[name](); new fs.readFileSync('x'); }",
  'async function f() { label: for (const x of []) { continue label; } }',
  'class A { async #load() { return this.#x?.y; } #x; static async [Symbol.iterator]() {} }',
  'async () => { using res = open(); await using other = open(); };',
  'const f = async ({ a = 1, ...rest } = {}, [b] = []) => [a, b, rest];',
  'async function f() { return import.meta.url + `${await x}`; }',
  '@decorate class A { @field accessor x = 1; async m() {} }',
  'enum E { A } namespace N { export async function f() {} } declare module "m" { function g(): void; }',
  'async function f<T extends number>(x: T): Promise<T> { return x satisfies number as T; }',

  // ---- issue 10: cheap metadata calls on one path are left to loops ----
  "import fs from 'node:fs'; export async function upload(req) { if (!fs.existsSync(req.dir)) fs.mkdirSync(req.dir, { recursive: true }); }",
  "import { statSync, unlinkSync, accessSync, realpathSync } from 'fs'; export async function remove(p) { accessSync(p); const size = statSync(realpathSync(p)).size; unlinkSync(p); return size; }",
  "import fs from 'fs'; export async function clean(p) { fs.rmSync(p, { force: true }); fs.rmdirSync(p); }",
  "export async function info(p) { return Deno.statSync(p).isFile; }",
  "const fse = require('fs-extra'); exports.prepare = async (dir) => { fse.ensureDirSync(dir); return fse.pathExistsSync(dir); };",
  // ... also inside a helper, when no loop leads to it.
  "import fs from 'fs'; function isDir(p) { return fs.statSync(p).isDirectory(); } export async function open(p) { return isDir(p) ? null : p; }",
  { code: "import fs from 'fs'; export async function f(p) { return [fs.existsSync(p), fs.statSync(p)]; }", options: [{ checkExistsSync: false, checkMetadataCalls: false }] },
  // ... and to poll loops that wait on a timer every time round: the event loop is free between any two turns.
  "import { setTimeout as delay } from 'node:timers/promises'; import { mkdirSync, statSync } from 'node:fs'; function tryLock(dir) { try { mkdirSync(dir); return true; } catch { return false; } } export async function withLock(dir, work) { while (!tryLock(dir)) { statSync(dir); await delay(25); } return work(); }",
  "import fs from 'fs'; const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)); export async function waitForFile(p) { for (let i = 0; ; i++) { if (fs.existsSync(p)) return fs.statSync(p).size; await sleep(100 * i); } }",
  "import fs from 'fs'; export async function waitGone(p) { do { fs.accessSync(p); const waited = await new Promise((r) => { setTimeout(r, 50); }); } while (true); }",
  // ... and, with `checkFileReadsAndWrites: false` (single-user programs), so are reads and writes of one file.
  {
    code: "import fs from 'node:fs'; export async function saveTheme(file, theme) { const settings = JSON.parse(fs.readFileSync(file, 'utf8')); fs.writeFileSync(file, JSON.stringify({ ...settings, theme })); return fs.readdirSync('.'); }",
    options: [{ checkFileReadsAndWrites: false }],
  },
  {
    code: "const fse = require('fs-extra'); const writeFileAtomic = require('write-file-atomic'); exports.save = async (p, data) => { const old = fse.readJsonSync(p); writeFileAtomic.sync(p, JSON.stringify({ ...old, ...data })); return Deno.readTextFileSync(p); };",
    options: [{ checkFileReadsAndWrites: false }],
  },
  {
    code: "import { readFileSync } from 'fs'; function loadKeys(p) { return readFileSync(p, 'utf8').split('\\n'); } export async function keys(p) { return loadKeys(p); }",
    options: [{ checkFileReadsAndWrites: false }],
  },
  // ... and to loops whose number of turns does not grow with data: a collection written out in the code,
  "import { existsSync } from 'fs'; export async function findConfig(root) { for (const name of ['app.json', 'app.yaml']) if (existsSync(root + name)) return name; }",
  "import fs from 'fs'; const CANDIDATES = ['/usr/bin/git', '/usr/local/bin/git']; export async function git() { return CANDIDATES.find((p) => fs.existsSync(p)); }",
  "import { statSync } from 'fs'; export async function sizes(a, b) { const pair = [a, b]; return pair.map((p) => statSync(p).size); }",
  "import { accessSync } from 'fs'; export async function pick(win) { const names = win ? ['a.exe', 'a.cmd'] : ['a']; for (const n of names) { try { accessSync(n); return n; } catch {} } }",
  // a counter between two constants,
  "import { existsSync } from 'fs'; const MAX_UP = 4; export async function up(dir) { for (let depth = 0; depth < MAX_UP; depth++) { if (existsSync(dir + '/package.json')) return dir; dir += '/..'; } }",
  // a walk up the directory tree, one level a turn,
  "import { existsSync } from 'node:fs'; import { dirname } from 'node:path'; export async function nearest(start) { let dir = start; while (!existsSync(dir)) { const parent = dirname(dir); if (parent === dir) break; dir = parent; } return dir; }",
  "import fs from 'fs'; import path from 'path'; export async function prune(file) { let dir = path.dirname(file); while (dir !== '/') { try { fs.rmdirSync(dir); } catch { return; } dir = path.dirname(dir); } }",
  // or a loop the code leaves right after the call.
  "import { unlinkSync } from 'fs'; export async function settle(tokens, marker) { for (const token of tokens) { if (!(await verify(token))) continue; unlinkSync(marker); return token; } }",
  "import { statSync } from 'fs'; export async function poll(p) { while (true) { if (await ready()) { const info = statSync(p); return info.size; } await tick(); } }",

  // A cache checked against the file's mtime, read through a local copy: the read runs once per change.
  "import { statSync, readFileSync } from 'fs'; let cache; function settings(p) { const stat = statSync(p); const cached = cache; if (cached && cached.mtimeMs === stat.mtimeMs) return cached.value; const value = JSON.parse(readFileSync(p, 'utf8')); cache = { mtimeMs: stat.mtimeMs, value }; return value; } export async function handle(p) { return settings(p).theme; }",

  // The body of a named one-time migration, which its runner runs once per id.
  "import { readFileSync } from 'fs'; export async function upgrade(db) { await migrate('copy-legacy-settings', async () => { await db.save(JSON.parse(readFileSync('legacy.json', 'utf8'))); }); }",

  // ---- start-up code: runs once, before anything else is in flight ----
  "import fs from 'fs'; (async () => { const config = JSON.parse(fs.readFileSync('config.json', 'utf8')); await listen(config); })();",
  "import fs from 'fs'; async function main() { fs.readFileSync('a'); } main().catch((error) => { console.error(error); process.exit(1); });",
  "const fs = require('fs'); async function loadConfig() { return fs.readFileSync('c.json'); } async function main() { const c = await loadConfig(); await start(c); } void main();",
  "import fs from 'fs'; connect().then(async () => { fs.readFileSync('seed.json'); });",
  "import fs from 'fs'; export async function start(server) { const key = fs.readFileSync('key.pem'); const cert = fs.readFileSync('cert.pem'); await server.listen({ key, cert }); }",
  "import fs from 'fs'; function readKeys() { return fs.readFileSync('keys.json'); } async function main() { readKeys(); } main();",
  // ---- one-time lazy initialisation behind a flag or a cached value ----
  "import fs from 'fs'; let config; export async function getConfig() { if (!config) config = JSON.parse(fs.readFileSync('config.json', 'utf8')); return config; }",
  "import fs from 'fs'; let config; export async function getConfig() { if (config) return config; config = fs.readFileSync('config.json'); return config; }",
  "import fs from 'fs'; export class Views { async render(name) { this.layout ??= fs.readFileSync('layout.html', 'utf8'); return this.layout + name; } }",
  "import fs from 'fs'; const templates = new Map(); export async function render(name) { if (!templates.has(name)) templates.set(name, fs.readFileSync(name, 'utf8')); return templates.get(name); }",
  "import fs from 'fs'; let loaded = false; export async function init() { if (!loaded) { fs.readFileSync('x'); loaded = true; } }",
  "import fs from 'fs'; let cert; export async function getCert() { return cert ?? (cert = fs.readFileSync('cert.pem')); }",
  "import fs from 'fs'; let pending; export async function warm() { if (pending === undefined) pending = (async () => fs.readFileSync('w'))(); return pending; }",
  // ---- tests, migrations and scripts, by what the file contains ----
  "import fs from 'fs'; describe('api', () => { it('reads', async () => { fs.readFileSync('fixture.json'); }); });",
  "const fs = require('fs'); exports.up = async function (knex) { await knex.raw(fs.readFileSync('up.sql', 'utf8')); }; exports.down = async function (knex) { await knex.raw(fs.readFileSync('down.sql', 'utf8')); };",
  "import fs from 'fs'; export class AddUsers { async up(runner) { await runner.query(fs.readFileSync('a.sql', 'utf8')); } async down(runner) {} }",
  "#!/usr/bin/env node\nimport fs from 'fs';\nasync function run() { fs.writeFileSync('out.json', '{}'); }\nexport { run };",
  // ---- schema patching: a database class's migrate/patch methods and the helpers only they call ----
  `import fs from 'fs';
export class Database {
  static async patchSchema(steps) {
    for (const step of steps) await Database.runScript('./sql/' + step + '.sql');
  }
  static async applyWithParents(step, done) {
    for (const parent of step.parents) await this.applyWithParents(parent, done);
    await this.runScript(step.file);
  }
  static async upgrade() { await this.applyWithParents(this.root, new Set()); }
  static async runScript(file) {
    const sql = fs.readFileSync(file, 'utf8');
    for (const statement of sql.split(';')) await this.exec(statement);
  }
}`,
  "import fs from 'fs'; export class Store { async runMigrations(dir) { for (const file of fs.readdirSync(dir)) await this.db.exec(fs.readFileSync(file, 'utf8')); } }",
  // ---- the init() of a module's singleton object sets it up once ----
  `const fs = require('fs');
function tlsOptions(config) { return config.caPath ? { ca: [fs.readFileSync(config.caPath)] } : {}; }
module.exports = {
  async init() { this.client = new SearchClient({ node: this.config.url, tls: tlsOptions(this.config) }); await this.client.ping(); },
  async query(text) { return this.client.search(text); },
};`,
  "import fs from 'fs'; export default { async initialize() { this.schema = JSON.parse(fs.readFileSync('schema.json', 'utf8')); } };",
  // ---- a handler that shuts down the one-shot server it is served by (a setup wizard's last step) ----
  `import crypto from 'crypto';
import http from 'http';
export function runInstaller(app, save) {
  app.post('/install/finish', async (req, res) => {
    const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    await save(keys);
    res.json({ ok: true });
    installer.close(() => startApp());
  });
  const installer = http.createServer(app);
  installer.listen(3000);
}`,
  // ---- development- and test-only code paths ----
  "import fs from 'fs'; if (isDev) { app.get('/_e2e/snapshot', async (req, res) => { fs.cpSync('db', 'db.bak'); res.send('ok'); }); }",
  "import fs from 'fs'; export async function seed() { if (process.env.NODE_ENV === 'test') fs.writeFileSync('fixture.json', '{}'); }",
  // ---- not route handlers: the first argument is not a route path ----
  "import fs from 'fs'; cache.get('key', () => fs.readFileSync('x')); emitter.use(() => fs.readFileSync('y'));",
  // A markdown-it plugin takes `(md, options)`: `use` registers it once, it is not request middleware.
  "import zlib from 'zlib'; export function init(md) { md.use((mdi, options) => { mdi.core.ruler.push('diagram', (state) => { state.src = zlib.deflateSync(state.src).toString('base64'); }); }); }",
];

const invalid: Invalid[] = [
  // ---- near misses of the one-time roles ----
  {
    // \`patch\` of a controller is a request handler, not schema patching.
    code: "import fs from 'fs';\nexport class UsersController { async patch(req, res) { res.send(fs.readFileSync('user.html', 'utf8')); } }",
    output: "import fs from 'fs';\nexport class UsersController { async patch(req, res) { res.send(await fs.promises.readFile('user.html', 'utf8')); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 65 }],
  },
  {
    // \`patchUser\` of a database class updates a record on a request: not a schema patch.
    code: "import fs from 'fs';\nexport class Database { async patchUser(id, body) { return this.update(id, body, fs.readFileSync('audit.json')); } }",
    output: "import fs from 'fs';\nexport class Database { async patchUser(id, body) { return this.update(id, body, await fs.promises.readFile('audit.json')); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 82 }],
  },
  {
    // The script runner is also called by a per-request method, so it does not run only while migrating.
    code: "import fs from 'fs';\nexport class Database {\n  static async migrate() { await this.runScript('init.sql'); }\n  static async report(name) { return this.runScript(name); }\n  static async runScript(file) { return this.exec(fs.readFileSync(file, 'utf8')); }\n}",
    output: "import fs from 'fs';\nexport class Database {\n  static async migrate() { await this.runScript('init.sql'); }\n  static async report(name) { return this.runScript(name); }\n  static async runScript(file) { return this.exec(await fs.promises.readFile(file, 'utf8')); }\n}",
    errors: [{ messageId: 'blockingCall', line: 5, column: 51 }],
  },
  {
    // A class may have an instance per request: its \`init\` is not the one-time set-up of a singleton.
    code: "import fs from 'fs';\nexport class Report { async init() { this.template = fs.readFileSync('report.html', 'utf8'); } }",
    output: "import fs from 'fs';\nexport class Report { async init() { this.template = await fs.promises.readFile('report.html', 'utf8'); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 54 }],
  },
  {
    // Closing a database connection does not end the server: the handler runs on every request.
    code: "import fs from 'fs';\napp.post('/export', async (req, res) => { const conn = await db.connect(); res.send(fs.readFileSync('export.csv')); conn.close(); });",
    output: "import fs from 'fs';\napp.post('/export', async (req, res) => { const conn = await db.connect(); res.send(await fs.promises.readFile('export.csv')); conn.close(); });",
    errors: [{ messageId: 'blockingCall', line: 2, column: 85 }],
  },
  // ---- every import spelling ----
  {
    code: `import fs from 'node:fs';
async function load(p) {
  return fs.readFileSync(p).toString();
}`,
    output: `import fs from 'node:fs';
async function load(p) {
  return (await fs.promises.readFile(p)).toString();
}`,
    errors: [{ messageId: 'blockingCall', line: 3, column: 10 }],
  },
  {
    code: "import * as fs from 'fs'; async function f(p) { fs.writeFileSync(p, 'x'); }",
    output: "import * as fs from 'fs'; async function f(p) { await fs.promises.writeFile(p, 'x'); }",
    errors: [{ messageId: 'blockingCall', line: 1, column: 49 }],
  },
  {
    code: `import { readFileSync as read } from 'node:fs';
export async function load(p) {
  const text = read(p, 'utf8');
  return text;
}`,
    output: `import { readFileSync as read } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function load(p) {
  const text = await readFile(p, 'utf8');
  return text;
}`,
    errors: [{ messageId: 'blockingCall', line: 3, column: 16 }],
  },
  {
    code: "import { readdirSync } from 'fs';\nasync function list(dir) { return readdirSync(dir, { withFileTypes: true }); }",
    output:
      "import { readdirSync } from 'fs';\nimport { readdir } from 'fs/promises';\nasync function list(dir) { return await readdir(dir, { withFileTypes: true }); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 35 }],
  },
  {
    // An existing fs/promises import is reused.
    code: "import { readFile } from 'node:fs/promises';\nimport { readFileSync } from 'node:fs';\nasync function f(p) { readFileSync(p); }",
    output: "import { readFile } from 'node:fs/promises';\nimport { readFileSync } from 'node:fs';\nasync function f(p) { await readFile(p); }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 23 }],
  },
  {
    // ... or extended.
    code: "import { writeFile } from 'fs/promises';\nimport { rmSync } from 'fs';\nasync function f(p) { rmSync(p, { force: true }); }",
    options: CHEAP,
    output: "import { writeFile, rm } from 'fs/promises';\nimport { rmSync } from 'fs';\nasync function f(p) { await rm(p, { force: true }); }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 23 }],
  },
  {
    // A namespace import of fs/promises is reused.
    code: "import * as fsp from 'node:fs/promises';\nimport { mkdirSync } from 'node:fs';\nasync function f(d) { mkdirSync(d, { recursive: true }); }",
    options: CHEAP,
    output: "import * as fsp from 'node:fs/promises';\nimport { mkdirSync } from 'node:fs';\nasync function f(d) { await fsp.mkdir(d, { recursive: true }); }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 23 }],
  },
  {
    // `readFile` is taken: a free name is chosen.
    code: "import { readFileSync } from 'node:fs';\nconst readFile = 1;\nasync function f(p) { return readFileSync(p); }",
    output:
      "import { readFileSync } from 'node:fs';\nimport { readFile as readFile2 } from 'node:fs/promises';\nconst readFile = 1;\nasync function f(p) { return await readFile2(p); }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 30 }],
  },
  {
    // CommonJS, destructured: the twin is required the same way.
    code: `const { unlinkSync } = require('fs');
async function clean(p) {
  unlinkSync(p);
}`,
    options: CHEAP,
    output: `const { unlinkSync } = require('fs');
const { unlink } = require('fs/promises');
async function clean(p) {
  await unlink(p);
}`,
    errors: [{ messageId: 'blockingCall', line: 3, column: 3 }],
  },
  {
    code: "const fs = require('node:fs');\nmodule.exports = async function size(p) { return fs.statSync(p).size; };",
    options: CHEAP,
    output: "const fs = require('node:fs');\nmodule.exports = async function size(p) { return (await fs.promises.stat(p)).size; };",
    errors: [{ messageId: 'blockingCall', line: 2, column: 50 }],
  },
  {
    code: "async function f(p) { return require('fs').readFileSync(p, 'utf8'); }",
    output: "async function f(p) { return await require('fs').promises.readFile(p, 'utf8'); }",
    errors: [{ messageId: 'blockingCall', line: 1, column: 30 }],
  },
  {
    code: "const { readFileSync: read } = require('node:fs');\nconst f = async (p) => read(p);",
    output: "const { readFileSync: read } = require('node:fs');\nconst { readFile } = require('node:fs/promises');\nconst f = async (p) => await readFile(p);",
    errors: [{ messageId: 'blockingCall', line: 2, column: 24 }],
  },
  {
    // Two calls, one inside the other: the second pass reuses the import the first added.
    code: "import { readFileSync, writeFileSync } from 'node:fs';\nasync function copy(a, b) { writeFileSync(b, readFileSync(a)); }",
    output: [
      "import { readFileSync, writeFileSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nasync function copy(a, b) { writeFileSync(b, await readFile(a)); }",
      "import { readFileSync, writeFileSync } from 'node:fs';\nimport { readFile, writeFile } from 'node:fs/promises';\nasync function copy(a, b) { await writeFile(b, await readFile(a)); }",
    ],
    errors: [
      { messageId: 'blockingCall', line: 2, column: 29 },
      { messageId: 'blockingCall', line: 2, column: 46 },
    ],
  },

  // ---- where the call runs ----
  {
    code: "import fs from 'fs';\nclass Repo { async load() { return fs.readFileSync(this.path, 'utf8'); } }",
    output: "import fs from 'fs';\nclass Repo { async load() { return await fs.promises.readFile(this.path, 'utf8'); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 36 }],
  },
  {
    code: "import fs from 'fs';\nclass Repo { load = async () => fs.readFileSync('a'); static async create() { fs.mkdirSync('d'); } }",
    options: CHEAP,
    output: "import fs from 'fs';\nclass Repo { load = async () => await fs.promises.readFile('a'); static async create() { await fs.promises.mkdir('d'); } }",
    errors: [
      { messageId: 'blockingCall', line: 2, column: 33 },
      { messageId: 'blockingCall', line: 2, column: 79 },
    ],
  },
  {
    code: "import fs from 'fs';\nasync function* lines(paths) { for (const p of paths) yield fs.readFileSync(p, 'utf8'); }",
    output: "import fs from 'fs';\nasync function* lines(paths) { for (const p of paths) yield await fs.promises.readFile(p, 'utf8'); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 61 }],
  },
  {
    code: "import fs from 'fs';\nconst api = { async load(p) { return fs.accessSync(p); } };\nexport default async function (p) { fs.renameSync(p, p + '.bak'); }",
    options: CHEAP,
    output:
      "import fs from 'fs';\nconst api = { async load(p) { return await fs.promises.access(p); } };\nexport default async function (p) { await fs.promises.rename(p, p + '.bak'); }",
    errors: [
      { messageId: 'blockingCall', line: 2, column: 38 },
      { messageId: 'blockingCall', line: 3, column: 37 },
    ],
  },
  {
    // A sync callback inside an async function blocks it too, but `await` cannot go there.
    code: "import { readFileSync } from 'fs';\nasync function f(files) { return files.map((f) => readFileSync(f)); }",
    output: null,
    errors: [{ messageId: 'blockingCallInCallback', line: 2, column: 51, suggestions: [] }],
  },
  {
    code: "import fs from 'fs';\nasync function f(p) { return new Promise((resolve) => { resolve(fs.readFileSync(p)); }); }",
    output: null,
    errors: [{ messageId: 'blockingCallInCallback', line: 2, column: 65, suggestions: [] }],
  },
  {
    code: "import fs from 'fs';\nasync function f() { (() => { fs.rmSync('x'); })(); (function () { fs.rmSync('y'); }).call(this); }",
    options: CHEAP,
    output: null,
    errors: [
      { messageId: 'blockingCallInCallback', line: 2, column: 31, suggestions: [] },
      { messageId: 'blockingCallInCallback', line: 2, column: 68, suggestions: [] },
    ],
  },
  {
    // A nested async callback is judged by itself, even inside a plain function.
    code: "import fs from 'fs';\nfunction f(files) { return files.map(async (p) => fs.readFileSync(p)); }",
    output: "import fs from 'fs';\nfunction f(files) { return files.map(async (p) => await fs.promises.readFile(p)); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 51 }],
  },
  {
    // `await` is a syntax error in parameters.
    code: "import fs from 'fs';\nasync function f(text = fs.readFileSync('a', 'utf8')) { return text; }",
    output: null,
    errors: [{ messageId: 'blockingCall', line: 2, column: 25, suggestions: [] }],
  },

  // ---- helpers (followSyncHelpers) ----
  {
    code: `import fs from 'fs';
function readConfig() {
  return JSON.parse(fs.readFileSync('config.json', 'utf8'));
}
export async function start() {
  const config = readConfig();
  return config;
}`,
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 3,
        column: 21,
        data: { call: 'fs.readFileSync()', alternative: '`readFile()` from `node:fs/promises`', helper: 'readConfig', caller: 'start' },
      },
    ],
  },
  {
    code: `const { execSync } = require('child_process');
const gitHead = () => execSync('git rev-parse HEAD').toString().trim();
app.get('/version', async (req, res) => { res.send(gitHead()); });
async function other() { return [1].map(() => gitHead()); }`,
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 2,
        column: 23,
        data: {
          call: 'execSync()',
          alternative: '`promisify(exec)` from `node:util` and `node:child_process`',
          helper: 'gitHead',
          caller: '<anonymous, line 3>',
        },
      },
    ],
  },

  // ---- fixes: shapes, parentheses, comments ----
  {
    code: "import fs from 'fs';\nasync function f(p) { return await fs.readFileSync(p); }",
    output: "import fs from 'fs';\nasync function f(p) { return await fs.promises.readFile(p); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 36 }],
  },
  {
    // ASI: a statement that now starts with `(` must not join the previous line.
    code: "import fs from 'fs'\nasync function f(p) {\n  let x = 1\n  fs.readFileSync(p).toString()\n  return x\n}",
    output: "import fs from 'fs'\nasync function f(p) {\n  let x = 1\n  ;(await fs.promises.readFile(p)).toString()\n  return x\n}",
    errors: [{ messageId: 'blockingCall', line: 4, column: 3 }],
  },
  {
    // ... but not where the statement is not in a list: `if (ok) ;(…)` would change the program.
    code: "import fs from 'fs'\nasync function f(p, ok) {\n  if (ok) fs.readFileSync(p).toString()\n  const x = {}\n  fs.readFileSync(p).toString()\n}",
    output:
      "import fs from 'fs'\nasync function f(p, ok) {\n  if (ok) (await fs.promises.readFile(p)).toString()\n  const x = {}\n  ;(await fs.promises.readFile(p)).toString()\n}",
    errors: [
      { messageId: 'blockingCall', line: 3, column: 11 },
      { messageId: 'blockingCall', line: 5, column: 3 },
    ],
  },
  {
    code: "import fs from 'fs';\nasync function f(p) { return fs.readFileSync(/* the path */ p, 'utf8' /* text */); }",
    output: "import fs from 'fs';\nasync function f(p) { return await fs.promises.readFile(/* the path */ p, 'utf8' /* text */); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 30 }],
  },
  {
    code: "import fs from 'fs';\nasync function f(p: string) { return (fs.readFileSync(p, 'utf8') as string).trim() + fs.readlinkSync(p); }",
    options: CHEAP,
    output:
      "import fs from 'fs';\nasync function f(p: string) { return (await fs.promises.readFile(p, 'utf8') as string).trim() + await fs.promises.readlink(p); }",
    errors: [
      { messageId: 'blockingCall', line: 2, column: 39 },
      { messageId: 'blockingCall', line: 2, column: 86 },
    ],
  },
  {
    code: "import fs from 'fs';\nasync function f(k) { return { [fs.realpathSync(k)]: !fs.lstatSync(k).isFile(), n: fs.cpSync(k, 'b') ?? 1 }; }",
    options: CHEAP,
    output:
      "import fs from 'fs';\nasync function f(k) { return { [await fs.promises.realpath(k)]: !(await fs.promises.lstat(k)).isFile(), n: await fs.promises.cp(k, 'b') ?? 1 }; }",
    errors: [
      { messageId: 'blockingCall', line: 2, column: 33 },
      { messageId: 'blockingCall', line: 2, column: 55 },
      { messageId: 'blockingCall', line: 2, column: 84 },
    ],
  },
  {
    // Optional calls are reported, not rewritten.
    code: "import fs from 'fs';\nasync function f(p) { return fs.readFileSync?.(p); }",
    output: null,
    errors: [{ messageId: 'blockingCall', line: 2, column: 30, suggestions: [] }],
  },
  {
    code: "import fs from 'fs';\nasync function f(args) { return fs.readFileSync(...args); }",
    output: null,
    errors: [{ messageId: 'blockingCall', line: 2, column: 33, suggestions: [] }],
  },
  {
    // An indirect call is still the API; its callee is not a name to rewrite.
    code: "import fs from 'fs';\nasync function f() { return (0, fs.readFileSync)('x'); }",
    output: null,
    errors: [{ messageId: 'blockingCall', line: 2, column: 29, suggestions: [] }],
  },

  // ---- no fix: file descriptors, throwIfNoEntry, existsSync ----
  {
    code: "import fs from 'fs';\nasync function f() { return fs.readFileSync(0, 'utf8') + fs.writeFileSync(process.stdout.fd, 'x'); }",
    output: null,
    errors: [
      { messageId: 'blockingCall', line: 2, column: 29, suggestions: [] },
      { messageId: 'blockingCall', line: 2, column: 58, suggestions: [] },
    ],
  },
  {
    code: `import fs from 'fs';
async function f(p) {
  const handle = fs.openSync(p, 'r');
  fs.readFileSync(handle);
  fs.closeSync(handle);
}`,
    output: null,
    errors: [
      { messageId: 'blockingCall', line: 3, column: 18, suggestions: [] },
      { messageId: 'blockingCall', line: 4, column: 3, suggestions: [] },
      { messageId: 'blockingCall', line: 5, column: 3, suggestions: [] },
    ],
  },
  {
    code: "import { statSync } from 'fs';\nasync function f(p, opts) { return [statSync(p, { throwIfNoEntry: false }), statSync(p, opts)]; }",
    options: CHEAP,
    output: null,
    errors: [
      { messageId: 'blockingCall', line: 2, column: 37, suggestions: [] },
      { messageId: 'blockingCall', line: 2, column: 77, suggestions: [] },
    ],
  },
  {
    code: "import { statSync } from 'fs';\nasync function f(p) { return statSync(p, { bigint: true, throwIfNoEntry: true }); }",
    options: CHEAP,
    output:
      "import { statSync } from 'fs';\nimport { stat } from 'fs/promises';\nasync function f(p) { return await stat(p, { bigint: true, throwIfNoEntry: true }); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 30 }],
  },
  {
    code: "import { existsSync } from 'node:fs';\nasync function f(p) { if (!existsSync(p)) return null; }",
    options: CHEAP,
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 28,
        suggestions: [
          {
            messageId: 'useAccessCheck',
            output:
              "import { existsSync } from 'node:fs';\nimport { access } from 'node:fs/promises';\nasync function f(p) { if (!await access(p).then(() => true, () => false)) return null; }",
          },
        ],
      },
    ],
  },
  {
    code: "const fs = require('fs');\nasync function f(p) { return fs.existsSync(p) && fs.lchownSync(p, 1, 1); }",
    options: CHEAP,
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 30,
        suggestions: [
          {
            messageId: 'useAccessCheck',
            output: "const fs = require('fs');\nasync function f(p) { return await fs.promises.access(p).then(() => true, () => false) && fs.lchownSync(p, 1, 1); }",
          },
        ],
      },
      {
        messageId: 'blockingCall',
        line: 2,
        column: 50,
        suggestions: [
          {
            messageId: 'useAsyncTwin',
            output: "const fs = require('fs');\nasync function f(p) { return fs.existsSync(p) && await fs.promises.lchown(p, 1, 1); }",
          },
        ],
      },
    ],
  },

  // ---- child_process, crypto, zlib: suggestions through promisify ----
  {
    code: "import { execSync } from 'node:child_process';\nasync function head() { const out = execSync('git rev-parse HEAD', { encoding: 'utf8' }); return out; }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 37,
        suggestions: [
          {
            messageId: 'usePromisifyStdout',
            output:
              "import { execSync, exec } from 'node:child_process';\nimport { promisify } from 'node:util';\nasync function head() { const out = (await promisify(exec)('git rev-parse HEAD', { encoding: 'utf8' })).stdout; return out; }",
          },
        ],
      },
    ],
  },
  {
    code: "import * as cp from 'node:child_process';\nasync function f() { cp.execFileSync('git', ['status']); cp.spawnSync('ls'); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 22,
        suggestions: [
          {
            messageId: 'usePromisify',
            output:
              "import * as cp from 'node:child_process';\nimport { promisify } from 'node:util';\nasync function f() { await promisify(cp.execFile)('git', ['status']); cp.spawnSync('ls'); }",
          },
        ],
      },
      { messageId: 'blockingCall', line: 2, column: 58, suggestions: [] },
    ],
  },
  {
    code: "import { pbkdf2Sync } from 'node:crypto';\nimport { promisify as p } from 'node:util';\nasync function hash(pw, salt) { return pbkdf2Sync(pw, salt, 100000, 64, 'sha512'); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 40,
        suggestions: [
          {
            messageId: 'usePromisify',
            output:
              "import { pbkdf2Sync, pbkdf2 } from 'node:crypto';\nimport { promisify as p } from 'node:util';\nasync function hash(pw, salt) { return await p(pbkdf2)(pw, salt, 100000, 64, 'sha512'); }",
          },
        ],
      },
    ],
  },
  {
    code: "const zlib = require('zlib');\nasync function pack(b) { return zlib.gzipSync(b).length; }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 33,
        suggestions: [
          {
            messageId: 'usePromisify',
            output: "const zlib = require('zlib');\nconst { promisify } = require('util');\nasync function pack(b) { return (await promisify(zlib.gzip)(b)).length; }",
          },
        ],
      },
    ],
  },
  {
    code: "import crypto from 'crypto';\nasync function keys() { return crypto.generateKeyPairSync('ed25519'); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 32,
        suggestions: [
          {
            messageId: 'usePromisify',
            output:
              "import crypto from 'crypto';\nimport { promisify } from 'util';\nasync function keys() { return await promisify(crypto.generateKeyPair)('ed25519'); }",
          },
        ],
      },
    ],
  },

  // ---- busy-waits and Atomics.wait ----
  {
    code: 'async function pause(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}',
    output: null,
    errors: [
      {
        messageId: 'busyWait',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'useTimersSleep',
            output:
              "import { setTimeout as sleep } from 'node:timers/promises';\nasync function pause(ms) {\n  const end = Date.now() + ms;\n  await sleep(end - Date.now());\n}",
          },
        ],
      },
    ],
  },
  {
    code: "const x = require('x');\nconst f = async (ms) => { const start = performance.now(); while (performance.now() - start < ms); };",
    output: null,
    errors: [
      {
        messageId: 'busyWait',
        line: 2,
        column: 60,
        suggestions: [
          {
            messageId: 'useTimersSleep',
            output:
              "const x = require('x');\nconst { setTimeout: sleep } = require('node:timers/promises');\nconst f = async (ms) => { const start = performance.now(); while (performance.now() - start < ms); };".replace(
                'while (performance.now() - start < ms);',
                'await sleep(ms - (performance.now() - start));',
              ),
          },
        ],
      },
    ],
  },
  {
    code: 'async function f(end) { do {} while (end > new Date().getTime()); let i = 0; for (; +new Date() < end; i++) {} }',
    output: null,
    errors: [
      {
        messageId: 'busyWait',
        line: 1,
        column: 25,
        suggestions: [
          {
            messageId: 'useTimersSleep',
            output:
              "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(end) { await sleep(end - new Date().getTime()); let i = 0; for (; +new Date() < end; i++) {} }",
          },
        ],
      },
      { messageId: 'busyWait', line: 1, column: 78, suggestions: [] },
    ],
  },
  {
    code: 'async function f(end, items) { while (Date.now() < end) { n++; } items.forEach(() => { while (Date.now() < end); }); }',
    output: null,
    errors: [
      { messageId: 'busyWait', line: 1, column: 32, suggestions: [] },
      { messageId: 'busyWait', line: 1, column: 88, suggestions: [] },
    ],
  },
  {
    code: 'async function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }',
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 1,
        column: 28,
        suggestions: [
          { messageId: 'useWaitAsync', output: 'async function sleep(ms) { await Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms).value; }' },
        ],
      },
    ],
  },

  // ---- Deno, Bun, third-party ----
  {
    code: "async function f() { return Deno.readTextFileSync('a.txt') + globalThis.Deno.lstatSync('b').size; }",
    options: CHEAP,
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 1,
        column: 29,
        suggestions: [
          {
            messageId: 'useAsyncTwin',
            output: "async function f() { return await Deno.readTextFile('a.txt') + globalThis.Deno.lstatSync('b').size; }",
          },
        ],
      },
      {
        messageId: 'blockingCall',
        line: 1,
        column: 62,
        suggestions: [
          {
            messageId: 'useAsyncTwin',
            output: "async function f() { return Deno.readTextFileSync('a.txt') + (await globalThis.Deno.lstat('b')).size; }",
          },
        ],
      },
    ],
  },
  {
    code: "const { readFileSync } = Deno;\nasync function f() { readFileSync('a'); Bun.spawnSync(['ls']); }",
    output: null,
    errors: [
      { messageId: 'blockingCall', line: 2, column: 22, suggestions: [] },
      { messageId: 'blockingCall', line: 2, column: 41, suggestions: [] },
    ],
  },
  {
    code: "import bcrypt from 'bcrypt';\nimport { compareSync } from 'bcryptjs';\nasync function f(pw, h) { return bcrypt.hashSync(pw, 10) === h || compareSync(pw, h); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 34,
        suggestions: [
          {
            messageId: 'useAsyncTwin',
            output:
              "import bcrypt from 'bcrypt';\nimport { compareSync } from 'bcryptjs';\nasync function f(pw, h) { return await bcrypt.hash(pw, 10) === h || compareSync(pw, h); }",
          },
        ],
      },
      { messageId: 'blockingCall', line: 3, column: 67, suggestions: [] },
    ],
  },
  {
    code: "import { globSync } from 'glob';\nimport { execaSync } from 'execa';\nasync function f() { execaSync('ls'); return globSync('**/*.js'); }",
    output: null,
    errors: [
      { messageId: 'blockingCall', line: 3, column: 22, suggestions: [] },
      { messageId: 'blockingCall', line: 3, column: 46, suggestions: [] },
    ],
  },
  {
    code: "const fse = require('fs-extra');\nasync function f(p) { return fse.readJsonSync(p); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 30,
        suggestions: [{ messageId: 'useAsyncTwin', output: "const fse = require('fs-extra');\nasync function f(p) { return await fse.readJson(p); }" }],
      },
    ],
  },

  // ---- issue 10: cheap metadata calls stay reported inside loops ----
  {
    code: "import { existsSync } from 'node:fs';\nexport async function missing(paths) {\n  for (const p of paths) if (!existsSync(p)) return p;\n}",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 3,
        column: 31,
        suggestions: [
          {
            messageId: 'useAccessCheck',
            output:
              "import { existsSync } from 'node:fs';\nimport { access } from 'node:fs/promises';\nexport async function missing(paths) {\n  for (const p of paths) if (!await access(p).then(() => true, () => false)) return p;\n}",
          },
        ],
      },
    ],
  },
  {
    code: "import fs from 'fs';\nexport async function sizes(files) { return files.map((f) => fs.statSync(f).size); }",
    output: null,
    errors: [{ messageId: 'blockingCallInCallback', line: 2, column: 62, suggestions: [] }],
  },
  {
    code: "export async function f(paths) { let i = 0; while (i < paths.length) Deno.statSync(paths[i++]); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 1,
        column: 70,
        suggestions: [{ messageId: 'useAsyncTwin', output: 'export async function f(paths) { let i = 0; while (i < paths.length) await Deno.stat(paths[i++]); }' }],
      },
    ],
  },
  {
    // A recursive removal walks a tree: not a cheap call.
    code: "import fs from 'fs';\nexport async function reset(dir) { fs.rmSync(dir, { recursive: true, force: true }); }",
    output: "import fs from 'fs';\nexport async function reset(dir) { await fs.promises.rm(dir, { recursive: true, force: true }); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 36 }],
  },
  {
    // A helper with a cheap call, called in a loop.
    code: "import fs from 'fs';\nfunction isDir(p) { return fs.statSync(p).isDirectory(); }\nexport async function dirs(ps) { return ps.filter((p) => isDir(p)); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 2,
        column: 28,
        data: { call: 'fs.statSync()', alternative: '`stat()` from `node:fs/promises`', helper: 'isDir', caller: 'dirs' },
      },
    ],
  },
  {
    // A collection that only looks fixed: one element is spread from data.
    code: "import { existsSync } from 'fs';\nexport async function any(extra) { return ['a', ...extra].some((p) => existsSync(p)); }",
    output: null,
    errors: [{ messageId: 'blockingCallInCallback', line: 2, column: 71, suggestions: [] }],
  },
  {
    // A counter up to a length read from data.
    code: "import { statSync } from 'fs';\nexport async function f(ps) { for (let i = 0; i < ps.length; i++) statSync(ps[i]); }",
    output: "import { statSync } from 'fs';\nimport { stat } from 'fs/promises';\nexport async function f(ps) { for (let i = 0; i < ps.length; i++) await stat(ps[i]); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 67 }],
  },
  {
    // A constant counter the body moves back.
    code: "import { existsSync } from 'fs';\nexport async function f(p) { for (let i = 0; i < 3; i++) if (!existsSync(p)) i = 0; }",
    output: null,
    errors: [{ messageId: 'blockingCall', line: 2, column: 63, suggestions: [{ messageId: 'useAccessCheck', output: "import { existsSync } from 'fs';\nimport { access } from 'fs/promises';\nexport async function f(p) { for (let i = 0; i < 3; i++) if (!await access(p).then(() => true, () => false)) i = 0; }" }] }],
  },
  {
    // Not a walk up: the variable takes the next element of a queue on another branch.
    code: "import fs from 'fs';\nimport { dirname } from 'path';\nexport async function f(dir, queue) { while (dir) { fs.statSync(dir); dir = dirname(dir); if (dir === '/') dir = queue.pop(); } }",
    output: "import fs from 'fs';\nimport { dirname } from 'path';\nexport async function f(dir, queue) { while (dir) { await fs.promises.stat(dir); dir = dirname(dir); if (dir === '/') dir = queue.pop(); } }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 53 }],
  },
  {
    // The `return` after the call is skipped when the call throws, and the `catch` goes round again.
    code: "import { accessSync } from 'fs';\nexport async function which(dirs) { for (const d of dirs) { try { accessSync(d + '/git'); return d; } catch {} } }",
    output: "import { accessSync } from 'fs';\nimport { access } from 'fs/promises';\nexport async function which(dirs) { for (const d of dirs) { try { await access(d + '/git'); return d; } catch {} } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 67 }],
  },
  {
    // A `continue` before the `return` comes back to the call.
    code: "import { unlinkSync } from 'fs';\nexport async function f(ps) { for (const p of ps) { unlinkSync(p); if (p.keep) continue; return p; } }",
    output: "import { unlinkSync } from 'fs';\nimport { unlink } from 'fs/promises';\nexport async function f(ps) { for (const p of ps) { await unlink(p); if (p.keep) continue; return p; } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 53 }],
  },
  {
    // A `return` in an iteration callback ends one turn, not the loop.
    code: "import { existsSync } from 'fs';\nexport async function f(ps) { ps.forEach((p) => { existsSync(p); return; }); }",
    output: null,
    errors: [{ messageId: 'blockingCallInCallback', line: 2, column: 51, suggestions: [] }],
  },
  // A loop whose turns do not all wait on a timer still repeats the call back to back: a `continue` may skip the wait,
  {
    code: "import fs from 'fs';\nexport async function poll(p) { while (true) { if (!ready()) continue; fs.statSync(p); await new Promise((r) => setTimeout(r, 10)); } }",
    output: "import fs from 'fs';\nexport async function poll(p) { while (true) { if (!ready()) continue; await fs.promises.stat(p); await new Promise((r) => setTimeout(r, 10)); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 72 }],
  },
  // the wait may sit in a branch,
  {
    code: "import fs from 'fs';\nimport { setTimeout as delay } from 'node:timers/promises';\nexport async function poll(ps) { for (const p of ps) { fs.statSync(p); if (p.slow) await delay(10); } }",
    output: "import fs from 'fs';\nimport { setTimeout as delay } from 'node:timers/promises';\nexport async function poll(ps) { for (const p of ps) { await fs.promises.stat(p); if (p.slow) await delay(10); } }",
    errors: [{ messageId: 'blockingCall', line: 3, column: 56 }],
  },
  // or the awaited call may not be a timer at all: it can settle in a microtask, which lets nothing else run.
  {
    code: "import fs from 'fs';\nexport async function sync(ps) { for (const p of ps) { fs.statSync(p); await upload(p); } }",
    output: "import fs from 'fs';\nexport async function sync(ps) { for (const p of ps) { await fs.promises.stat(p); await upload(p); } }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 56 }],
  },
  // `checkFileReadsAndWrites: false` leaves single reads and writes to loops; per element they stay reported,
  {
    code: "import { readFileSync } from 'fs';\nexport async function load(files) { const out = []; for (const f of files) out.push(readFileSync(f, 'utf8')); return out; }",
    options: [{ checkFileReadsAndWrites: false }],
    output: "import { readFileSync } from 'fs';\nimport { readFile } from 'fs/promises';\nexport async function load(files) { const out = []; for (const f of files) out.push(await readFile(f, 'utf8')); return out; }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 85 }],
  },
  // and child processes, CPU-bound calls and tree walks stay reported everywhere.
  {
    code: "import { spawnSync } from 'node:child_process';\nimport { pbkdf2Sync } from 'node:crypto';\nimport { rmSync, cpSync } from 'node:fs';\nexport async function run(dir, pw) { spawnSync('git', ['status']); pbkdf2Sync(pw, 's', 1e5, 64, 'sha512'); rmSync(dir, { recursive: true }); cpSync(dir, dir + '.bak', { recursive: true }); }",
    options: [{ checkFileReadsAndWrites: false }],
    // Two passes: both fixes add to the same new import.
    output: [
      "import { spawnSync } from 'node:child_process';\nimport { pbkdf2Sync } from 'node:crypto';\nimport { rmSync, cpSync } from 'node:fs';\nimport { rm } from 'node:fs/promises';\nexport async function run(dir, pw) { spawnSync('git', ['status']); pbkdf2Sync(pw, 's', 1e5, 64, 'sha512'); await rm(dir, { recursive: true }); cpSync(dir, dir + '.bak', { recursive: true }); }",
      "import { spawnSync } from 'node:child_process';\nimport { pbkdf2Sync } from 'node:crypto';\nimport { rmSync, cpSync } from 'node:fs';\nimport { rm, cp } from 'node:fs/promises';\nexport async function run(dir, pw) { spawnSync('git', ['status']); pbkdf2Sync(pw, 's', 1e5, 64, 'sha512'); await rm(dir, { recursive: true }); await cp(dir, dir + '.bak', { recursive: true }); }",
    ],
    errors: [
      { messageId: 'blockingCall', line: 4, column: 38, suggestions: [] },
      {
        messageId: 'blockingCall',
        line: 4,
        column: 68,
        suggestions: [
          {
            messageId: 'usePromisify',
            output:
              "import { spawnSync } from 'node:child_process';\nimport { pbkdf2Sync, pbkdf2 } from 'node:crypto';\nimport { rmSync, cpSync } from 'node:fs';\nimport { promisify } from 'node:util';\nexport async function run(dir, pw) { spawnSync('git', ['status']); await promisify(pbkdf2)(pw, 's', 1e5, 64, 'sha512'); rmSync(dir, { recursive: true }); cpSync(dir, dir + '.bak', { recursive: true }); }",
          },
        ],
      },
      { messageId: 'blockingCall', line: 4, column: 108 },
      { messageId: 'blockingCall', line: 4, column: 142 },
    ],
  },
  {
    code: "import fs from 'fs';\nexport async function f(p) { return [fs.existsSync(p), fs.statSync(p)]; }",
    options: [{ checkMetadataCalls: true }],
    output: "import fs from 'fs';\nexport async function f(p) { return [fs.existsSync(p), await fs.promises.stat(p)]; }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 56 }],
  },

  {
    // The guard looks like a cache's, but nothing ever fills it: every call reads.
    code: "import { statSync, readFileSync } from 'fs';\nlet cache;\nfunction settings(p) { const cached = cache; if (cached && cached.mtimeMs === statSync(p).mtimeMs) return cached.value; return JSON.parse(readFileSync(p, 'utf8')); }\nexport async function handle(p) { return settings(p).theme; }",
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 3,
        column: 139,
        data: { call: 'readFileSync()', alternative: '`readFile()` from `node:fs/promises`', helper: 'settings', caller: 'handle' },
      },
    ],
  },

  {
    // A migration whose id comes from data: one run per user, on request.
    code: "import { readFileSync } from 'fs';\nexport async function upgrade(user) { await migrate(user.id, async () => { await user.save(readFileSync(user.file)); }); }",
    output: "import { readFileSync } from 'fs';\nimport { readFile } from 'fs/promises';\nexport async function upgrade(user) { await migrate(user.id, async () => { await user.save(await readFile(user.file)); }); }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 92 }],
  },

  // ---- issue 10: route handlers are request paths even when not async ----
  {
    code: "import fs from 'fs';\napp.get('/users', (req, res) => { res.send(fs.readFileSync('users.json', 'utf8')); });",
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHandler',
        line: 2,
        column: 44,
        data: { call: 'fs.readFileSync()', alternative: '`readFile()` from `node:fs/promises`' },
        suggestions: [],
      },
    ],
  },
  {
    code: "const { pbkdf2Sync } = require('crypto');\nrouter.post(['/login', '/signin'], auth, function (req, res) { res.json(pbkdf2Sync(req.body.pw, 's', 1e5, 64, 'sha512')); });\napp.route('/a').get((req, res) => res.send(pbkdf2Sync('a', 'b', 1, 1, 'sha1')));",
    output: null,
    errors: [
      { messageId: 'blockingCallInHandler', line: 2, column: 73, suggestions: [] },
      { messageId: 'blockingCallInHandler', line: 3, column: 44, suggestions: [] },
    ],
  },
  {
    code: "import { execSync } from 'child_process';\nfastify.route({ method: 'GET', url: '/version', handler(request, reply) { reply.send(execSync('git rev-parse HEAD')); } });\napp.use((req, res, next) => { execSync('sync'); next(); });\nhono.get(`/v/${1}`, (c) => c.text('x'));\nhono.get('/h', (c) => c.text(String(execSync('uptime'))));",
    output: null,
    errors: [
      { messageId: 'blockingCallInHandler', line: 2, column: 86, suggestions: [] },
      { messageId: 'blockingCallInHandler', line: 3, column: 31, suggestions: [] },
      { messageId: 'blockingCallInHandler', line: 5, column: 37, suggestions: [] },
    ],
  },
  {
    // Koa and Hono middleware take `(ctx, next)`.
    code: "import { execSync } from 'child_process';\napp.use((ctx, next) => { ctx.set('x-rev', String(execSync('git rev-parse HEAD'))); return next(); });",
    output: null,
    errors: [{ messageId: 'blockingCallInHandler', line: 2, column: 50, suggestions: [] }],
  },
  {
    // A helper whose only caller is a route handler.
    code: "import fs from 'fs';\nfunction readUsers() { return JSON.parse(fs.readFileSync('users.json', 'utf8')); }\napp.get('/users', (req, res) => res.json(readUsers()));",
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 2,
        column: 42,
        data: { call: 'fs.readFileSync()', alternative: '`readFile()` from `node:fs/promises`', helper: 'readUsers', caller: '<anonymous, line 3>' },
      },
    ],
  },
  {
    // A helper's own helper, followed through every level.
    code: "import fs from 'fs';\nfunction parse(file) { return readImage(file).length; }\nfunction readImage(file) { return fs.readFileSync(file); }\nexport async function list(files) { return files.map((f) => parse(f)); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCallInHelper',
        line: 3,
        column: 35,
        data: { call: 'fs.readFileSync()', alternative: '`readFile()` from `node:fs/promises`', helper: 'readImage', caller: 'list' },
      },
    ],
  },

  // ---- issue 10: not start-up code, not lazy initialisation ----
  {
    // Exported: it may also run on every request elsewhere.
    code: "import fs from 'fs';\nexport async function main() { fs.readFileSync('a'); }\nmain();",
    output: "import fs from 'fs';\nexport async function main() { await fs.promises.readFile('a'); }\nmain();",
    errors: [{ messageId: 'blockingCall', line: 2, column: 32 }],
  },
  {
    // Called at start-up, but also registered as a route handler.
    code: "import fs from 'fs';\nasync function page(req, res) { res.send(fs.readFileSync('page.html')); }\npage();\napp.get('/', page);",
    output: "import fs from 'fs';\nasync function page(req, res) { res.send(await fs.promises.readFile('page.html')); }\npage();\napp.get('/', page);",
    errors: [{ messageId: 'blockingCall', line: 2, column: 42 }],
  },
  {
    // A local variable is not a cache: it is empty on every call.
    code: "import fs from 'fs';\nexport async function f() { let data; if (!data) data = fs.readFileSync('x'); return data; }",
    output: "import fs from 'fs';\nexport async function f() { let data; if (!data) data = await fs.promises.readFile('x'); return data; }",
    errors: [{ messageId: 'blockingCall', line: 2, column: 57 }],
  },
  {
    // A listener registered at start-up runs on every event.
    code: "import fs from 'fs';\n(async () => { queue.on('job', async (job) => { fs.writeFileSync(job.path, job.data); }); })();",
    output: "import fs from 'fs';\n(async () => { queue.on('job', async (job) => { await fs.promises.writeFile(job.path, job.data); }); })();",
    errors: [{ messageId: 'blockingCall', line: 2, column: 49 }],
  },
  {
    code: "import writeFileAtomic from 'write-file-atomic';\nexport async function save(p, data) { writeFileAtomic.sync(p, data); }",
    output: null,
    errors: [
      {
        messageId: 'blockingCall',
        line: 2,
        column: 39,
        data: { call: 'writeFileAtomic.sync()', alternative: 'the promise that `writeFileAtomic()` from `write-file-atomic` returns' },
        suggestions: [],
      },
    ],
  },
];

plainTester.run('no-blocking-in-async (plain)', rule, { valid, invalid });
typedTester.run('no-blocking-in-async (typed)', rule, { valid, invalid });

/** A receiver only the checker can place in `@types/node`. */
const TYPED_RECEIVER =
  "import type * as nodeFs from 'fs';\nclass Store { constructor(private fs: typeof nodeFs) {} async load(p: string) { return this.fs.readFileSync(p, 'utf8'); } }";

plainTester.run('no-blocking-in-async (plain only)', rule, {
  valid: [
    TYPED_RECEIVER,
    // Tests, migrations, seeds and scripts by path convention (file names the typed fixture project does not hold).
    ...[
      'src/users.test.ts',
      'src/__tests__/users.js',
      'db/migrations/001-users.js',
      'seeds/users.js',
      'scripts/release.mjs',
      // Files named for a data migration, which runs once.
      'src/storage/state-migrations.ts',
      'src/hosts/legacy-settings-migration.ts',
      'src/userMigration.js',
    ].map((filename) => ({
      code: "import fs from 'fs'; export async function run() { fs.writeFileSync('out.json', fs.readFileSync('in.json')); }",
      filename,
    })),
  ],
  invalid: [
    // `migration` only inside a word, or not at the end of the name: not a migration file.
    ...['src/immigration.ts', 'src/migrationHelpers.ts', 'src/routes/migration-status.ts'].map((filename) => ({
      code: "import fs from 'fs';\nexport async function run() { return fs.readFileSync('in.json'); }",
      filename,
      output: "import fs from 'fs';\nexport async function run() { return await fs.promises.readFile('in.json'); }",
      errors: [{ messageId: 'blockingCall' as const, line: 2, column: 38 }],
    })),
    {
      // TSX, in a component that awaits.
      code: "import fs from 'fs';\nconst Page = async () => <pre>{fs.readFileSync('a', 'utf8')}</pre>;",
      filename: fixture('file.tsx'),
      output: "import fs from 'fs';\nconst Page = async () => <pre>{await fs.promises.readFile('a', 'utf8')}</pre>;",
      errors: [{ messageId: 'blockingCall', line: 2, column: 32 }],
    },
  ],
});

/** The helpers of tests/fixtures/modules/blocking.ts, as the linted file imports them. */
const HELPERS = "import { loadManifest, hashPassword, parseCards, getTemplate, isDirectory, countDirectories, readManifestAsync, even, views, loadSettingsFrom, findShell, nearestExisting, existingRoots, readCachedSettings, removeTrees } from './modules/blocking.js';\n";

/** The helpers of tests/fixtures/modules/blocking-untyped.ts, whose dependencies have no types here. */
const UNTYPED_HELPERS = "import { checkPassword, loadSettings, hashSync } from './modules/blocking-untyped.js';\n";

typedTester.run('no-blocking-in-async (typed only)', rule, {
  valid: [
    // Lazy initialisation, a single cheap call, an async helper (its own file is linted), recursion without blocking.
    `${HELPERS}export async function page(dir: string) { return [getTemplate(), isDirectory(dir), await readManifestAsync(), even(4)]; }`,
    // Cheap checks in a helper's loop whose turns do not grow with data: fixed candidates, a walk up the tree.
    `${HELPERS}export async function shell(dir: string) { return [findShell(), nearestExisting(dir)]; }`,
    // A cache in another file, checked against the file's mtime through a local copy.
    `${HELPERS}export async function theme(file: string) { return readCachedSettings(file); }`,
    // Start-up code and one-off calls.
    `${HELPERS}(async () => { const manifest = loadManifest(); await serve(manifest); })();\ndeclare function serve(m: object): Promise<void>;`,
    `${HELPERS}export async function start(server: { listen(port: number): void }) { loadManifest(); server.listen(80); }`,
    `${HELPERS}let manifest: Record<string, string> | undefined;\nexport async function get() { manifest ??= loadManifest(); return manifest; }`,
    // A project function named like a catalogued one, in a file whose imports cannot be resolved.
    `${UNTYPED_HELPERS}export async function digest(value: string) { return hashSync(value); }`,
    // Plain callers are not request paths, and the option turns the follower off.
    `${HELPERS}export function build() { return loadManifest(); }`,
    { code: `${HELPERS}export async function page() { return loadManifest(); }`, options: [{ followSyncHelpers: false }] },
    { code: `${HELPERS}export async function page() { return loadManifest(); }`, options: [{ allow: ['readFileSync'] }] },
    // A helper in another file that reads one file, in a single-user program.
    { code: `${HELPERS}export async function page() { return loadManifest(); }`, options: [{ checkFileReadsAndWrites: false }] },
  ],
  invalid: [
    {
      // A helper in another file reads and parses a file on every render.
      code: `${HELPERS}export async function render(view: string) { return view + loadManifest()[view]; }`,
      output: null,
      errors: [
        {
          messageId: 'blockingCallThroughHelper',
          line: 2,
          column: 60,
          data: {
            helper: 'loadManifest',
            call: 'readFileSync()',
            location: 'modules/blocking.ts:8',
            where: 'async function',
            alternative: '`readFile()` from `node:fs/promises`',
          },
        },
      ],
    },
    {
      // `scryptSync` in one helper, called from two OAuth handlers.
      code: `${HELPERS}app.post('/oauth/github', async (req: any, res: any) => res.json(hashPassword(req.body.code, 'gh')));\napp.post('/oauth/google', async function (req: any, res: any) { res.json(hashPassword(req.body.code, 'g')); });\ndeclare const app: any;`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 66, data: { helper: 'hashPassword', call: 'scryptSync()', location: 'modules/blocking.ts:12', where: 'async function', alternative: '`promisify(scrypt)` from `node:util` and `node:crypto`' } },
        { messageId: 'blockingCallThroughHelper', line: 3, column: 74, data: { helper: 'hashPassword', call: 'scryptSync()', location: 'modules/blocking.ts:12', where: 'async function', alternative: '`promisify(scrypt)` from `node:util` and `node:crypto`' } },
      ],
    },
    {
      // Each image read synchronously during a listing, two helpers down, from a plain route handler.
      code: `${HELPERS}app.get('/cards', (req: any, res: any) => { res.json(parseCards(req.query.files)); });\ndeclare const app: any;`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 54, data: { helper: 'parseCards', call: 'readFileSync()', location: 'modules/blocking.ts:25', where: 'route handler', alternative: '`readFile()` from `node:fs/promises`' } },
      ],
    },
    {
      // The same per-image reads in a single-user program: a read per element is still reported.
      code: `${HELPERS}app.get('/cards', (req: any, res: any) => { res.json(parseCards(req.query.files)); });\ndeclare const app: any;`,
      options: [{ checkFileReadsAndWrites: false }],
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 54, data: { helper: 'parseCards', call: 'readFileSync()', location: 'modules/blocking.ts:25', where: 'route handler', alternative: '`readFile()` from `node:fs/promises`' } },
      ],
    },
    {
      // An expando helper (`views.page = function …`), the shape of CommonJS `exports.x = function …`.
      code: `${HELPERS}export const page = async (name: string) => views.page(name);`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 45, data: { helper: 'page', call: 'readFileSync()', location: 'modules/blocking.ts:65', where: 'async function', alternative: '`readFile()` from `node:fs/promises`' } },
      ],
    },
    {
      // The helper's dependencies have no types installed: their imports tell what the calls are.
      code: `${UNTYPED_HELPERS}export async function login(password: string, hash: string) { return checkPassword(password, hash) && loadSettings('settings.json'); }`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 70, data: { helper: 'checkPassword', call: 'compareSync()', location: 'modules/blocking-untyped.ts:7', where: 'async function', alternative: '`compare()` from `bcrypt`' } },
        { messageId: 'blockingCallThroughHelper', line: 2, column: 103, data: { helper: 'loadSettings', call: 'readJsonSync()', location: 'modules/blocking-untyped.ts:11', where: 'async function', alternative: '`readJson()` from `fs-extra`' } },
      ],
    },
    {
      // A cheap call, reached inside a loop of the helper.
      code: `${HELPERS}export async function stats(paths: string[]) { return countDirectories(paths); }`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 55, data: { helper: 'countDirectories', call: 'statSync()', location: 'modules/blocking.ts:38', where: 'async function', alternative: '`stat()` from `node:fs/promises`' } },
      ],
    },
    {
      // A cheap check per folder comes first, but the message names the read that follows it.
      code: `${HELPERS}export async function settings(dirs: string[]) { return loadSettingsFrom(dirs); }`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 57, data: { helper: 'loadSettingsFrom', call: 'readFileSync()', location: 'modules/blocking.ts:71', where: 'async function', alternative: '`readFile()` from `node:fs/promises`' } },
      ],
    },
    {
      // The existence check per folder comes first; the message names the recursive removal after it.
      code: `${HELPERS}export async function clear(dirs: string[]) { removeTrees(dirs); }`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 47, data: { helper: 'removeTrees', call: 'rmSync()', location: 'modules/blocking.ts:111', where: 'async function', alternative: '`rm()` from `node:fs/promises`' } },
      ],
    },
    {
      // Fixed roots plus the caller's: the loop grows with what is passed.
      code: `${HELPERS}export async function roots(extra: string[]) { return existingRoots(extra); }`,
      output: null,
      errors: [
        { messageId: 'blockingCallThroughHelper', line: 2, column: 55, data: { helper: 'existingRoots', call: 'existsSync()', location: 'modules/blocking.ts:94', where: 'async function', alternative: '`access()` from `node:fs/promises` (or just try the operation and handle `ENOENT`)' } },
      ],
    },
    {
      // Resolved through the checker: reported, but not rewritten (the receiver may not have `promises`).
      code: TYPED_RECEIVER,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 2, column: 88, suggestions: [] }],
    },
    {
      code: "import fs = require('fs');\nasync function f(p: string) { fs.unlinkSync(p); }",
      options: CHEAP,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 2, column: 31, suggestions: [] }],
    },
    {
      // Only the checker knows `n` is a file descriptor: no fix.
      code: "import fs from 'fs';\nasync function f(n: number, p: string) { return [fs.readFileSync(n), fs.readFileSync(p)]; }",
      output: "import fs from 'fs';\nasync function f(n: number, p: string) { return [fs.readFileSync(n), await fs.promises.readFile(p)]; }",
      errors: [
        { messageId: 'blockingCall', line: 2, column: 50, suggestions: [] },
        { messageId: 'blockingCall', line: 2, column: 70 },
      ],
    },
    {
      code: "import fs from 'fs';\nasync function f(target: fs.PathOrFileDescriptor) { return fs.readFileSync(target); }",
      output: null,
      errors: [{ messageId: 'blockingCall', line: 2, column: 60, suggestions: [] }],
    },
  ],
});
