import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
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

  // Empty while the registry is; every rule that lands must show itself on at least one example.
  it.each(Object.keys(rules))('show a finding of %s', (id) => {
    const files = results
      .filter((result) => result.messages.some((message) => message.ruleId === `async-pitfalls/${id}`))
      .map((result) => path.basename(result.filePath));
    expect(files, `no example file is reported by async-pitfalls/${id}`).not.toEqual([]);
  });
});
