import path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, type Linter } from 'eslint';

import { type ConfigName, NAMESPACE } from '../configs.js';

/** What the CLI lints, by extension. */
export const LINTED_EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'] as const;
/** The extensions that only the TypeScript parser reads. */
export const TYPESCRIPT_EXTENSIONS: readonly string[] = ['ts', 'mts', 'cts', 'tsx'];

/** Folders never linted: dependencies, build output, VCS metadata. */
export const SKIPPED_DIRECTORIES = ['node_modules', 'dist', 'build', 'coverage', '.git'] as const;

const EXTENSIONS_GLOB = `*.{${LINTED_EXTENSIONS.join(',')}}`;
const isLinted = (file: string): boolean => (LINTED_EXTENSIONS as readonly string[]).includes(path.extname(file).slice(1));

/** The part of the plugin the CLI needs; tests inject their own with a test-only rule. */
export interface CliPlugin {
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

export interface LintSetup {
  plugin: CliPlugin;
  config: ConfigName;
  /** ESLint's working directory: config patterns and ignores are relative to it. */
  cwd: string;
  /**
   * `@typescript-eslint/parser`, or undefined when TypeScript is not installed: then JavaScript is parsed by
   * ESLint's own parser (JSX on) and TypeScript files are not linted.
   */
  parser: TSESLint.FlatConfig.Parser | undefined;
  /** Directories holding a tsconfig.json whose files are linted with type information. */
  typedRoots: readonly string[];
  /** Which files under the typed roots belong to a TypeScript program (the others are linted untyped). */
  isProgramFile?: (file: string) => boolean;
  fix: boolean;
}

/**
 * The flat config the CLI lints with: our own, never the user's eslint.config.js (the CLI is zero-config
 * and must not pick up other plugins' rules, parsers or disable directives' complaints).
 */
export function createCliConfig({
  plugin,
  config,
  cwd,
  typedRoots,
  parser,
  isProgramFile = () => true,
}: Omit<LintSetup, 'fix'>): Linter.Config[] {
  const configs: TSESLint.FlatConfig.Config[] = [
    { name: 'async-pitfalls/cli/ignores', ignores: SKIPPED_DIRECTORIES.map((dir) => `**/${dir}/`) },
    {
      name: 'async-pitfalls/cli/files',
      files: [`**/${EXTENSIONS_GLOB}`],
      languageOptions: parser ? { parser } : { parserOptions: { ecmaFeatures: { jsx: true } } },
      // Users' code carries disable comments for rules of other plugins; they are not unused.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    { ...plugin.configs[config], files: [`**/${EXTENSIONS_GLOB}`] },
    // Deeper tsconfig directories come later so that their block wins for the files under them.
    ...[...typedRoots]
      .sort((a, b) => a.length - b.length)
      .map((root): TSESLint.FlatConfig.Config => {
        const relative = path.relative(cwd, root).split(path.sep).join('/');
        const prefix = root.endsWith(path.sep) ? root : root + path.sep;
        return {
          name: `async-pitfalls/cli/typed:${relative || '.'}`,
          // ESLint's config arrays accept a predicate here (it receives the absolute path).
          files: [(file: string) => file.startsWith(prefix) && isLinted(file) && isProgramFile(file)] as unknown as string[],
          languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
        };
      }),
    // Without TypeScript, a stand-in parser reads TypeScript files as empty programs; the CLI drops their
    // results and says how many were left out.
    ...(parser ? [] : [{ name: 'async-pitfalls/cli/no-typescript', files: TYPESCRIPT_EXTENSIONS.map((ext) => `**/*.${ext}`), languageOptions: { parser: emptyProgramParser } }]),
  ];
  return configs as Linter.Config[];
}

export function createESLint(setup: LintSetup): ESLint {
  return new ESLint({
    cwd: setup.cwd,
    overrideConfigFile: true,
    overrideConfig: createCliConfig(setup),
    // Only our fixes: a `/* eslint semi: "error" */` comment in a user's file must not make us rewrite it.
    fix: setup.fix && ((message) => message.ruleId?.startsWith(`${NAMESPACE}/`) === true),
    // Paths are checked before linting; a folder without JS/TS files is not an error.
    errorOnUnmatchedPattern: false,
  });
}

/** Parses any text as an empty program, so that ESLint skips a file it cannot parse without saying so. */
const emptyProgramParser = {
  meta: { name: 'async-pitfalls/empty-program' },
  parseForESLint(text: string): { ast: object } {
    const lines = text.split(/\r\n|[\r\n\u2028\u2029]/);
    const end = { line: lines.length, column: lines.at(-1)?.length ?? 0 };
    const ast = { type: 'Program', body: [], sourceType: 'module', range: [0, text.length], loc: { start: { line: 1, column: 0 }, end }, tokens: [], comments: [] };
    return { ast };
  },
} as unknown as TSESLint.FlatConfig.Parser;
