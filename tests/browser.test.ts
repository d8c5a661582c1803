import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

import tsParser from '@typescript-eslint/parser';
import { build } from 'esbuild';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

// Anywhere ESLint's `Linter` runs (a browser, a web playground, a worker): the plugin bundled with
// `esbuild --platform=browser` must load and lint in a plain JavaScript context, with no `require`, no
// `process` and no file system, and find there what it finds in Node without type information (issue 13).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(repoRoot, 'examples');
const exampleFiles = readdirSync(examplesDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));

type Plugin = typeof plugin;
let bundled: Plugin;
let bundleText: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'dist/src/index.js')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'asyncPitfalls',
    write: false,
    // host.ts asks import.meta.url only in Node (to load TypeScript for a program); a browser has none.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  bundleText = result.outputFiles[0]!.text;
  // A fresh context holds only the language's own globals, plus the web APIs every browser has: no
  // require, process, Buffer or file system.
  const context = vm.createContext({ structuredClone, URL, TextEncoder, TextDecoder, console });
  vm.runInContext(bundleText, context, { filename: 'async-pitfalls.browser.js' });
  bundled = (vm.runInContext('asyncPitfalls.default', context) as Plugin | undefined)!;
});

function lint(used: Plugin, file: string): string[] {
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, used.configs.all] as Linter.Config[];
  return new Linter().verify(readFileSync(path.join(examplesDir, file), 'utf8'), config, path.join(examplesDir, file)).map(
    (message) => `${message.line}:${message.column} ${message.ruleId ?? `fatal: ${message.message}`}`,
  );
}

describe('the browser bundle', () => {
  it('has no Node built-in left in it and loads in a context without Node', () => {
    expect(bundleText).not.toMatch(/require\(["'](?:node:)?(?:fs|path|os|module|url)["']\)/);
    expect(vm.runInContext('typeof process + typeof require', vm.createContext({}))).toBe('undefinedundefined');
    expect(Object.keys(bundled.rules)).toEqual(Object.keys(plugin.rules));
    expect(bundled.meta).toEqual(plugin.meta);
  });

  it.each(exampleFiles)('finds in examples/%s what it finds in Node without type information', (file) => {
    const inNode = lint(plugin, file);
    expect(inNode.length).toBeGreaterThan(0);
    expect(lint(bundled, file)).toEqual(inNode);
  });
});
