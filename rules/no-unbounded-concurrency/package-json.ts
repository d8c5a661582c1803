import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

import { path } from '../../src/util/host.js';
import { readNearestPackageJson } from '../../src/util/read-package-json.js';

export { packageListsDependency } from '../../src/util/read-package-json.js';

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
