import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

import { path, readFileSync } from '../../src/util/host.js';

const ESM_EXTENSIONS = new Set(['.mjs', '.mts']);
const CJS_EXTENSIONS = new Set(['.cjs', '.cts']);

/**
 * Whether an `import` of an ESM-only package works here: `.mjs`/`.mts`, or a file written with
 * import/export whose nearest package.json says `"type": "module"`. (A `.ts` file in a CommonJS package
 * compiles its imports to `require()`, which older Nodes and TypeScript's NodeNext reject for ESM-only code.)
 */
export function isEsModule(filename: string, sourceCode: TSESLint.SourceCode, sourceType: string | undefined): boolean {
  const extension = path.extname(filename);
  if (ESM_EXTENSIONS.has(extension)) return true;
  if (CJS_EXTENSIONS.has(extension) || sourceType === 'commonjs' || sourceType === 'script') return false;
  const writtenAsModule = sourceCode.ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
  return writtenAsModule && readNearestPackageJson(filename)?.type === 'module';
}

export function packageListsDependency(filename: string, name: string): boolean {
  const pkg = readNearestPackageJson(filename);
  return pkg !== null && pkg.dependencies.has(name);
}

interface PackageSummary {
  type: string | undefined;
  dependencies: ReadonlySet<string>;
}

/** Directory → its package.json summary (null: none there). Read once per directory per process. */
const packageJsonCache = new Map<string, PackageSummary | null>();

function readNearestPackageJson(filename: string): PackageSummary | null {
  if (!path.isAbsolute(filename)) return null;
  for (let directory = path.dirname(filename); ; directory = path.dirname(directory)) {
    let summary = packageJsonCache.get(directory);
    if (summary === undefined) {
      summary = readPackageJson(directory);
      packageJsonCache.set(directory, summary);
    }
    if (summary) return summary;
    if (path.dirname(directory) === directory) return null;
  }
}

function readPackageJson(directory: string): PackageSummary | null {
  let text: string;
  try {
    text = readFileSync(path.join(directory, 'package.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    const dependencies = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const list = pkg[field];
      if (list && typeof list === 'object') for (const name of Object.keys(list)) dependencies.add(name);
    }
    return { type: typeof pkg.type === 'string' ? pkg.type : undefined, dependencies };
  } catch {
    // An unparsable package.json still marks the package root: stop there, with nothing listed.
    return { type: undefined, dependencies: new Set() };
  }
}
