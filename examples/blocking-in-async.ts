// Pitfall: synchronous, blocking calls inside async functions (rule `no-blocking-in-async`).
//
// An HTTP handler. While one request runs a `BUG` line, the event loop is blocked and every other
// request on the process waits: a 300 ms pbkdf2Sync makes the whole server deaf for 300 ms.
// Start-up code at module level and plain sync functions (CLIs, build scripts) may block: not reported.
import { execFile, execSync } from 'node:child_process';
import { pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs, { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';

// OK: start-up, before the server takes requests.
const config = JSON.parse(readFileSync(new URL('./server-config.json', import.meta.url), 'utf8')) as {
  templates: string;
  reports: string;
  iterations: number;
};

const sessions = new Map<string, string>();

interface Credentials {
  user: string;
  password: string;
}

async function readJson<T>(request: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

export async function handleLogin(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { user, password } = await readJson<Credentials>(request);
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, config.iterations, 64, 'sha512'); // BUG: ~100 ms of CPU per login
  const page = fs.readFileSync(path.join(config.templates, 'welcome.html'), 'utf8'); // BUG: --fix makes it `await fs.promises.readFile(...)`
  const revision = execSync('git rev-parse --short HEAD').toString().trim(); // BUG: a child process, waited for synchronously
  sessions.set(user, hash.toString('hex'));
  response.setHeader('content-encoding', 'gzip');
  response.end(gzipSync(page.replace('{{user}}', user).replace('{{rev}}', revision))); // BUG: compression on the event loop
}

export async function listReports(response: ServerResponse): Promise<void> {
  // One existence check on one path costs microseconds: reported only in loops (or with `checkExistsSync`).
  if (!fs.existsSync(config.reports)) {
    response.statusCode = 404;
    response.end();
    return;
  }
  const names = fs.readdirSync(config.reports); // BUG
  // BUG: a sync callback runs inside the async function, so it blocks too (and cannot be autofixed).
  const sizes = names.map((name) => fs.statSync(path.join(config.reports, name)).size);
  response.end(JSON.stringify({ names, sizes }));
}

export async function handleReport(request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.end(renderReport(new URL(request.url ?? '/', 'http://localhost').searchParams.get('id') ?? 'latest'));
}

// A plain helper that only async code calls: its blocking call is reported through its only caller.
function renderReport(id: string): string {
  // BUG: handleReport() runs this on every request.
  return readFileSync(path.join(config.reports, `${id}.html`), 'utf8');
}

export async function retryLater(attempt: number): Promise<void> {
  const until = Date.now() + 2 ** attempt * 50;
  // BUG: a busy-wait; `await setTimeout(ms)` from node:timers/promises would let other requests run.
  while (Date.now() < until) {
    // spin
  }
}

// OK: the same work without blocking the event loop.
const pbkdf2Async = promisify(pbkdf2);
const gzipAsync = promisify(gzip);
const execFileAsync = promisify(execFile);

export async function handleLoginCorrectly(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { user, password } = await readJson<Credentials>(request);
  const hash = await pbkdf2Async(password, randomBytes(16), config.iterations, 64, 'sha512');
  const page = await readFile(path.join(config.templates, 'welcome.html'), 'utf8');
  const { stdout: revision } = await execFileAsync('git', ['rev-parse', '--short', 'HEAD']);
  sessions.set(user, hash.toString('hex'));
  response.setHeader('content-encoding', 'gzip');
  response.end(await gzipAsync(page.replace('{{user}}', user).replace('{{rev}}', revision.trim())));
}

export async function listReportsCorrectly(response: ServerResponse): Promise<void> {
  const names = await readdir(config.reports);
  const sizes = await Promise.all(names.slice(0, 50).map(async (name) => (await stat(path.join(config.reports, name))).size));
  response.end(JSON.stringify({ names, sizes }));
}

// OK: a project function whose name merely ends in `Sync` is not a runtime API.
function formatSync(revision: string): string {
  return `synced at ${revision}`;
}

export async function status(response: ServerResponse): Promise<void> {
  response.end(formatSync(new Date().toISOString()));
}

// OK: a sync build step, run from a script, never inside a request.
export function writeBuildInfo(): void {
  const revision = execSync('git rev-parse HEAD').toString().trim();
  fs.writeFileSync('build-info.json', JSON.stringify({ revision }));
}

export const server = createServer((request, response) => {
  const route = request.url === '/login' ? handleLogin : request.url === '/reports' ? (_: IncomingMessage, res: ServerResponse) => listReports(res) : handleReport;
  route(request, response).catch((error: unknown) => {
    response.statusCode = 500;
    response.end(String(error));
  });
});
