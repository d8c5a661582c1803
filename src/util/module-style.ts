import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';

/**
 * How the file brings in modules, so that fixes add imports in the file's own style:
 * 'esm' when it has import/export statements or is parsed as a module without any `require()`,
 * 'commonjs' when it uses `require()` and no import statements (or is parsed as commonjs).
 */
export type ModuleStyle = 'esm' | 'commonjs';

const cache = new WeakMap<TSESLint.SourceCode, ModuleStyle>();

export function getModuleStyle(sourceCode: TSESLint.SourceCode, sourceType?: string): ModuleStyle {
  let style = cache.get(sourceCode);
  if (!style) {
    style = detectModuleStyle(sourceCode, sourceType);
    cache.set(sourceCode, style);
  }
  return style;
}

function detectModuleStyle(sourceCode: TSESLint.SourceCode, sourceType: string | undefined): ModuleStyle {
  const body = sourceCode.ast.body;
  const hasEsmSyntax = body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration,
  );
  if (hasEsmSyntax) return 'esm';
  if (sourceType === 'commonjs') return 'commonjs';
  const usesRequire = sourceCode.scopeManager?.globalScope?.through.some((reference) => reference.identifier.name === 'require');
  return usesRequire || sourceType === 'script' ? 'commonjs' : 'esm';
}
