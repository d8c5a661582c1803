import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/cli/run-cli.js';
import plugin, { rules } from '../src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(repoRoot, 'examples');
const exampleFiles = readdirSync(examplesDir).filter((file) => /\.[cm]?[jt]sx?$/.test(file));

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; message: string; fatal?: boolean; line: number }[];
}

let results: JsonResult[];
let exitCode: number;

// The demo, through the CLI core: `async-pitfalls examples --config all --format json`.
beforeAll(async () => {
  let stdout = '';
  exitCode = await runCli({
    argv: ['examples', '--config', 'all', '--format', 'json'],
    cwd: repoRoot,
    plugin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
  });
  results = JSON.parse(stdout) as JsonResult[];
});

describe('examples/', () => {
  it('are all linted, none with a parse error', () => {
    expect(exitCode).toBe(Object.keys(rules).length > 0 ? 1 : 0);
    expect(results.map((result) => path.basename(result.filePath)).sort()).toEqual([...exampleFiles].sort());
    expect(results.flatMap((result) => result.messages.filter((message) => message.fatal))).toEqual([]);
  });

  it('type-check', async () => {
    await expect(promisify(execFile)('npx', ['tsc', '-p', 'examples/tsconfig.json', '--noEmit'], { cwd: repoRoot })).resolves.toBeDefined();
  });

  // Every rule that lands must show itself on at least one example.
  it.each(Object.keys(rules))('show a finding of %s', (id) => {
    const files = results
      .filter((result) => result.messages.some((message) => message.ruleId === `async-pitfalls/${id}`))
      .map((result) => path.basename(result.filePath));
    expect(files, `no example file is reported by async-pitfalls/${id}`).not.toEqual([]);
  });

  // The examples are the demo's promise: each `// BUG` marker is reported, and nothing else is (the `OK`
  // idioms next to them stay quiet). A marker claims its own line, or, on a comment-only line, the first
  // code line below it.
  it.each(exampleFiles)('%s: reports exactly the lines marked BUG', (file) => {
    const lines = readFileSync(path.join(examplesDir, file), 'utf8').split('\n');
    const claimed = new Set<number>();
    lines.forEach((line, index) => {
      if (!line.includes('// BUG')) return;
      let target = index;
      if (line.trim().startsWith('//')) {
        while (target < lines.length && lines[target]!.trim().startsWith('//')) target += 1;
      }
      claimed.add(target + 1);
    });
    const result = results.find((entry) => path.basename(entry.filePath) === file);
    const reported = new Set((result?.messages ?? []).map((message) => message.line));
    expect([...reported].sort((a, b) => a - b)).toEqual([...claimed].sort((a, b) => a - b));
  });
});
