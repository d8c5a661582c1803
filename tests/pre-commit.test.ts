import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

// The pre-commit framework's hook (.pre-commit-hooks.yaml), with the real `pre-commit` tool: in a temporary
// git repository, a staged pitfall fails the hook and the fixed file passes. pre-commit installs the hook
// from this repository's committed HEAD (building dist/ through `prepare`) and needs the npm registry for
// that; it comes from PyPI, so where it is not installed the test is skipped with a note.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exec = promisify(execFile);

function hasPreCommit(): boolean {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('tests/pre-commit.test.ts: `pre-commit` is not on PATH (pip install pre-commit); skipping the hook test');
    return false;
  }
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the node hook on JavaScript and TypeScript files', () => {
    const text = readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
    expect(text).toMatch(/^- id: async-pitfalls$/m);
    expect(text).toMatch(/^ {2}entry: async-pitfalls$/m);
    expect(text).toMatch(/^ {2}language: node$/m);
    expect(text).toMatch(/^ {2}types_or: \[javascript, jsx, ts, tsx\]$/m);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['async-pitfalls']).toBeDefined();
    expect(pkg.scripts.prepare).toBe('npm run build');
  });

  it.skipIf(!hasPreCommit())('fails on a staged pitfall and passes once it is fixed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-pre-commit-'));
    try {
      const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
      git('init', '-q');
      writeFileSync(
        path.join(dir, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${repoRoot}\n    rev: ${rev}\n    hooks:\n      - id: async-pitfalls\n`,
      );
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(path.join(dir, 'job.js'), 'async function save() {}\nexport async function run() {\n  save();\n}\n');
      git('add', '.');
      const env = { ...process.env, PRE_COMMIT_HOME: path.join(dir, '.cache') };
      const failing = await exec('pre-commit', ['run'], { cwd: dir, env }).catch((failure: { code: number; stdout: string }) => failure);
      expect(failing).toMatchObject({ code: 1 });
      expect((failing as { stdout: string }).stdout).toContain('async-pitfalls/no-missing-await');

      writeFileSync(path.join(dir, 'job.js'), 'async function save() {}\nexport async function run() {\n  await save();\n}\n');
      git('add', '.');
      await expect(exec('pre-commit', ['run'], { cwd: dir, env })).resolves.toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
