import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { stripNodePrefix } from './allow-entry.js';
import { getModuleStyle } from './module-style.js';
import { isBuiltinName } from './resolve-import.js';

export interface ImportRequest {
  /** The module, as the fix should write it (`node:fs/promises`, `p-map`). */
  module: string;
  /** The export to bring in: a named export, or 'default'. */
  name: string;
  /** The local name to prefer (defaults to `name`; required for default imports). */
  localName?: string;
}

export interface ImportPlan {
  /** The expression that refers to the export after the fix (`readFile`, `fsp.readFile`, `pMap`). */
  reference: string;
  /** The fixes that add the import; empty when the file already has it. */
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

/**
 * Plans how a fix refers to a module export, reusing an import the file already has, extending an
 * existing `import { … } from` of the same module, or adding a statement in the file's style (ESM
 * import or CommonJS require). When the preferred local name is taken, it picks a free one.
 */
export function planImport(sourceCode: TSESLint.SourceCode, request: ImportRequest, sourceType?: string): ImportPlan {
  const existing = findExistingBinding(sourceCode, request);
  if (existing) return { reference: existing, fix: () => [] };
  const preferred = request.localName ?? request.name;
  const local = chooseFreeName(sourceCode, preferred);
  const style = getModuleStyle(sourceCode, sourceType);
  const declaredName = request.name === 'default' ? null : request.name;
  const specifier = declaredName === null || declaredName === local ? local : `${declaredName} as ${local}`;

  if (style === 'esm') {
    const sameModule = findImportDeclarations(sourceCode, request.module).find((declaration) =>
      declaration.importKind !== 'type' &&
      declaration.specifiers.length > 0 &&
      declaration.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier),
    );
    if (sameModule && declaredName !== null) {
      const last = sameModule.specifiers.at(-1)!;
      return { reference: local, fix: (fixer) => [fixer.insertTextAfter(last, `, ${specifier}`)] };
    }
    const statement =
      declaredName === null
        ? `import ${local} from '${request.module}';`
        : `import { ${specifier} } from '${request.module}';`;
    return { reference: local, fix: (fixer) => [insertStatement(sourceCode, fixer, statement)] };
  }
  const binding =
    declaredName === null
      ? local
      : `{ ${declaredName === local ? local : `${declaredName}: ${local}`} }`;
  const statement = `const ${binding} = require('${request.module}');`;
  return { reference: local, fix: (fixer) => [insertStatement(sourceCode, fixer, statement)] };
}

function findExistingBinding(sourceCode: TSESLint.SourceCode, request: ImportRequest): string | null {
  for (const declaration of findImportDeclarations(sourceCode, request.module)) {
    if (declaration.importKind === 'type') continue;
    for (const specifier of declaration.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type') {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (imported === request.name) return specifier.local.name;
      }
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && request.name === 'default') return specifier.local.name;
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier && request.name !== 'default') {
        return `${specifier.local.name}.${request.name}`;
      }
    }
  }
  for (const declarator of getTopLevelImports(sourceCode).requires) {
    if (!isRequireOf(declarator.init, request.module)) continue;
    if (declarator.id.type === AST_NODE_TYPES.Identifier && request.name !== 'default') {
      return `${declarator.id.name}.${request.name}`;
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === request.name &&
          property.value.type === AST_NODE_TYPES.Identifier
        ) {
          return property.value.name;
        }
      }
    }
  }
  return null;
}

function findImportDeclarations(sourceCode: TSESLint.SourceCode, moduleName: string): TSESTree.ImportDeclaration[] {
  return getTopLevelImports(sourceCode).imports.filter((statement) => sameModule(statement.source.value, moduleName));
}

interface TopLevelImports {
  imports: TSESTree.ImportDeclaration[];
  /** `const … = require('…')` declarators at the top level. */
  requires: TSESTree.VariableDeclarator[];
}

const topLevelCache = new WeakMap<TSESLint.SourceCode, TopLevelImports>();

/** The file's top-level imports and requires, found once per file: a fix per report must not rescan the whole program. */
function getTopLevelImports(sourceCode: TSESLint.SourceCode): TopLevelImports {
  let found = topLevelCache.get(sourceCode);
  if (found) return found;
  found = { imports: [], requires: [] };
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) found.imports.push(statement);
    else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) if (isRequireCall(declarator.init)) found.requires.push(declarator);
    }
  }
  topLevelCache.set(sourceCode, found);
  return found;
}

function isRequireOf(node: TSESTree.Node | null | undefined, moduleName: string): boolean {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string' &&
    sameModule(node.arguments[0].value, moduleName)
  );
}

function sameModule(a: string, b: string): boolean {
  if (a === b) return true;
  return isBuiltinName(a) && stripNodePrefix(a) === stripNodePrefix(b);
}

/** `name` when nothing in the file declares or reads it; else `name2`, `name3`, … */
export function chooseFreeName(sourceCode: TSESLint.SourceCode, name: string): string {
  const taken = collectNames(sourceCode);
  if (!taken.has(name)) return name;
  for (let index = 2; ; index += 1) {
    const candidate = `${name}${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const namesCache = new WeakMap<TSESLint.SourceCode, Set<string>>();

function collectNames(sourceCode: TSESLint.SourceCode): Set<string> {
  let names = namesCache.get(sourceCode);
  if (names) return names;
  names = new Set();
  const scopeManager = sourceCode.scopeManager;
  for (const scope of scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) names.add(variable.name);
    for (const reference of scope.through) names.add(reference.identifier.name);
  }
  namesCache.set(sourceCode, names);
  return names;
}

/** After the last import or top `require` statement, else after directives and a hashbang, else at the top. */
function insertStatement(sourceCode: TSESLint.SourceCode, fixer: TSESLint.RuleFixer, statement: string): TSESLint.RuleFix {
  const body = sourceCode.ast.body;
  let anchor: TSESTree.Node | null = null;
  for (const node of body) {
    if (node.type === AST_NODE_TYPES.ImportDeclaration || isTopRequire(node) || isDirective(node)) anchor = node;
    else break;
  }
  if (anchor) return fixer.insertTextAfter(anchor, `\n${statement}`);
  const first = body[0];
  if (!first) return fixer.insertTextAfterRange([0, sourceCode.text.length], `${statement}\n`);
  const start = sourceCode.getCommentsBefore(first)[0] ?? first;
  return fixer.insertTextBeforeRange([start.range[0], start.range[0]], `${statement}\n`);
}

function isTopRequire(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.VariableDeclaration && node.declarations.some((d) => isRequireCall(d.init));
}

function isRequireCall(node: TSESTree.Node | null | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require'
  );
}

function isDirective(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ExpressionStatement && typeof node.directive === 'string';
}
