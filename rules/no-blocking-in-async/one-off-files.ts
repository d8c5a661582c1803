import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getKeyName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { getShownPath, isTestFile } from '../../src/util/is-test-file.js';

/**
 * Files whose code runs once, with nothing else in flight: tests, database migrations and seeds,
 * one-off scripts. Recognised by path conventions and by what the file contains:
 * - test files, as `isTestFile` (src/util/is-test-file.ts) recognises them;
 * - migrations and seeds: a `migrations`, `migration`, `seeds`, `seeders` directory, a file named for a
 *   migration (`state-migrations.ts`, `legacy-settings-migration.ts`, `userMigration.js`), or a module that
 *   exports both `up` and `down` (knex, Sequelize, umzug, db-migrate) or a class with both methods (TypeORM);
 * - scripts and command-line tools: a `scripts`, `script`, `bin` or `cli` directory, or a file that
 *   starts with a `#!` line.
 * Directories are read from the path relative to the working directory.
 */
export function isOneOffFile(sourceCode: TSESLint.SourceCode, filename: string, cwd: string): boolean {
  const shown = getShownPath(filename, cwd);
  if (ONE_OFF_PATH.test(shown) || MIGRATION_FILE.test(shown)) return true;
  if (sourceCode.text.startsWith('#!')) return true;
  return isTestFile(sourceCode, filename, cwd) || exportsMigration(sourceCode.ast);
}

const ONE_OFF_PATH = /(?:^|\/)(?:migrations?|seeds|seeders|scripts?|bin|cli)\//;
// The file's own name ends in `migration` or `migrations`, as a word: after a start, `-`, `_`, `.`, or a
// lower-case letter when it is `Migration` (camelCase). A data migration runs once, at start-up or by hand.
const MIGRATION_FILE = /(?:(?:^|[/._-])migrations?|(?<=[a-z])Migrations?)\.[cm]?[jt]sx?$/;

function exportsMigration(program: TSESTree.Program): boolean {
  const names = new Set<string>();
  for (const statement of program.body) {
    const node = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (!node) continue;
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      for (const specifier of statement.specifiers) names.add(getKeyName(specifier.exported) ?? '');
    }
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id && statement !== node) names.add(node.id.name);
    if (node.type === AST_NODE_TYPES.VariableDeclaration && statement !== node) {
      for (const declarator of node.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
    }
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      const methods = new Set(node.body.body.map((member) => (member.type === AST_NODE_TYPES.MethodDefinition && !member.computed ? getKeyName(member.key) : null)));
      if (methods.has('up') && methods.has('down')) return true;
    }
    if (node.type === AST_NODE_TYPES.ExpressionStatement && node.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = node.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const object = left.object;
      const isModuleExports =
        object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && getStaticPropertyName(left) === 'exports';
      if (isModuleExports && right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of right.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed) names.add(getKeyName(property.key) ?? '');
      }
      const isExportsMember =
        (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ||
        (object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'module' && getStaticPropertyName(object) === 'exports');
      if (isExportsMember) names.add(getStaticPropertyName(left) ?? '');
    }
  }
  return (names.has('up') && names.has('down')) || names.has('seed');
}

const DEVELOPMENT_FLAG = /^(?:is|in)(?:Dev|Development|Test|Testing|E2E|E2e)(?:Mode|Env)?$/;

/**
 * Code that only runs in development or tests: inside `if (isDev) { … }` (also `isTest`, `isE2E`,
 * `inDevelopment`), or `if (process.env.NODE_ENV === 'development' | 'test')`.
 */
export function isDevelopmentOnly(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && isDevelopmentTest(current.test)) return true;
  }
  return false;
}

function isDevelopmentTest(test: TSESTree.Expression): boolean {
  const node = skipExpressionWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return isDevelopmentTest(node.left) || isDevelopmentTest(node.right);
  if (node.type === AST_NODE_TYPES.Identifier) return DEVELOPMENT_FLAG.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return DEVELOPMENT_FLAG.test(getStaticPropertyName(node) ?? '');
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return false;
  const [value, other] = node.right.type === AST_NODE_TYPES.Literal ? [node.right, node.left] : [node.left, node.right];
  return (
    value.type === AST_NODE_TYPES.Literal &&
    (value.value === 'development' || value.value === 'test') &&
    other.type === AST_NODE_TYPES.MemberExpression &&
    getStaticPropertyName(other) === 'NODE_ENV'
  );
}
