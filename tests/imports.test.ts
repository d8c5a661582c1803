import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

// What the plugin loads when it loads (issue 13): no TypeScript (an optional peer), no ESLint Node API
// (the root of @typescript-eslint/utils pulls it in), no Node built-in outside the CLI. The plugin then
// loads in a JavaScript-only project and anywhere ESLint's Linter runs. See CONTRIBUTING.md.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The modules a file imports as values (type-only imports are erased). */
function valueImports(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const modules: string[] = [];
  for (const match of text.matchAll(/^import\s+(?!type\s)([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
    const bindings = match[1]!;
    // `import { type A, type B } from 'x'` imports nothing at run time either.
    const named = /^\{([\s\S]*)\}$/.exec(bindings.trim());
    if (named && named[1]!.split(',').every((binding) => binding.trim() === '' || binding.trim().startsWith('type '))) continue;
    modules.push(match[2]!);
  }
  for (const match of text.matchAll(/(?<!typeof\s)\bimport\(\s*'([^']+)'\s*\)/g)) modules.push(match[1]!);
  return modules;
}

const pluginFiles = [...sourceFiles('src'), ...sourceFiles('rules')].filter((file) => !file.startsWith('src/cli/'));

describe('what loading the plugin loads', () => {
  it.each(pluginFiles)('%s', (file) => {
    const forbidden = valueImports(file).filter(
      (module) =>
        module === 'typescript' ||
        module === 'ts-api-utils' ||
        module === '@typescript-eslint/utils' ||
        module === '@typescript-eslint/parser' ||
        module === 'eslint' ||
        module.startsWith('node:') ||
        ['fs', 'path', 'os', 'module', 'url', 'child_process'].includes(module),
    );
    expect(forbidden, 'take TypeScript from src/util/typescript.ts, Node from src/util/host.ts, @typescript-eslint/utils from its subpaths').toEqual([]);
  });
});
