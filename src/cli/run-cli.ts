import { access } from 'node:fs/promises';
import path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint } from 'eslint';

import { NAMESPACE } from '../configs.js';
import { VERSION } from '../package-info.js';
import { loadTypeScript } from '../util/typescript.js';
import { createESLint, type CliPlugin, LINTED_EXTENSIONS, TYPESCRIPT_EXTENSIONS } from './create-eslint.js';
import { createProgramFileMatcher, findTypedRoots } from './find-tsconfig.js';
import { parseCliArgs, USAGE, UsageError } from './parse-args.js';
import { formatSarif } from './sarif-formatter.js';

export interface Output {
  write(text: string): unknown;
}

export interface RunCliOptions {
  argv: readonly string[];
  cwd?: string;
  stdout?: Output;
  stderr?: Output;
  /** The plugin whose configs are used; the real one unless a test injects another. */
  plugin?: CliPlugin;
  /** Whether TypeScript is installed; tests pretend it is not. */
  hasTypeScript?: () => boolean;
  /** Above this peak memory (bytes), a typed run ends with a note about --no-types. */
  memoryNoteBytes?: number;
}

/** A typed run past this peak resident memory says that --no-types exists. */
const MEMORY_NOTE_BYTES = 1024 ** 3;


export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * The whole CLI as a function: parse argv, lint, print, fix. Returns the exit code and never throws:
 * usage errors become one line on stderr with exit code 2, crashes their stack with exit code 2 (so
 * that 1 always means "problems were reported").
 */
export async function runCli({
  argv,
  cwd = process.cwd(),
  stdout = process.stdout,
  stderr = process.stderr,
  plugin,
  hasTypeScript = isTypeScriptInstalled,
  memoryNoteBytes = MEMORY_NOTE_BYTES,
}: RunCliOptions): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (options.version) {
      stdout.write(`eslint-plugin-async-pitfalls v${VERSION} (ESLint v${ESLint.version})\n`);
      return EXIT_OK;
    }

    const targets: string[] = [];
    for (const given of options.paths) {
      const absolute = path.resolve(cwd, given);
      if (!(await pathExists(absolute))) throw new UsageError(`no such file or directory: '${given}'`);
      targets.push(absolute);
    }
    const eslintCwd = commonAncestor([path.resolve(cwd), ...targets]);
    // Without TypeScript, JavaScript is still linted (by ESLint's own parser) and TypeScript files are not.
    const typescript = hasTypeScript();
    const parser = typescript ? ((await import('@typescript-eslint/parser')) as TSESLint.FlatConfig.Parser) : undefined;
    const typedRoots = typescript && !options.noTypes ? findTypedRoots(targets) : [];
    const usedPlugin = plugin ?? (await import('../index.js')).default;
    const setup = { plugin: usedPlugin, config: options.config, cwd: eslintCwd, fix: options.fix, parser };

    const eslint = createESLint({ ...setup, typedRoots, isProgramFile: typedRoots.length > 0 ? createProgramFileMatcher() : undefined });
    let formatter: ESLint.LoadedFormatter;
    try {
      formatter = options.format === 'sarif' ? sarifFormatter(eslint, eslintCwd) : await eslint.loadFormatter(options.format);
    } catch {
      throw new UsageError(`cannot load formatter '${options.format}' (try stylish, json, json-with-metadata, html or sarif)`);
    }

    let results = await eslint.lintFiles(targets);
    if (typedRoots.length > 0) results = await relintUntyped(results, { ...setup, typedRoots: [] });
    results = results.map(keepOwnMessages);
    if (!typescript) {
      const linted = results.filter((result) => !TYPESCRIPT_EXTENSIONS.includes(path.extname(result.filePath).slice(1)));
      const skipped = results.length - linted.length;
      if (skipped > 0) {
        stderr.write(`async-pitfalls: TypeScript is not installed, so ${skipped} TypeScript file${skipped === 1 ? ' was' : 's were'} not linted (npm install --save-dev typescript)\n`);
      }
      results = linted;
    } else if (results.length === 0) {
      stderr.write(`async-pitfalls: no ${LINTED_EXTENSIONS.map((ext) => `.${ext}`).join(' ')} files to lint\n`);
    }
    if (options.fix) await ESLint.outputFixes(results);

    const text = await formatter.format(results);
    if (text) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    const peakBytes = process.resourceUsage().maxRSS * 1024;
    if (typedRoots.length > 0 && peakBytes > memoryNoteBytes) {
      stderr.write(
        `async-pitfalls: type information took ${(peakBytes / 1024 ** 3).toFixed(1)} GB of memory; --no-types lints without it, in a fraction of the time and memory\n`,
      );
    }
    return results.some((result) => result.errorCount > 0) ? EXIT_PROBLEMS : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`async-pitfalls: ${error.message}\n`);
    } else {
      stderr.write(`async-pitfalls crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return EXIT_USAGE;
  }
}

/**
 * A file under a tsconfig's folder that the tsconfig does not include (a script, a config file, JS without
 * `allowJs`) fails to parse with the project service. Lint those files again without type information,
 * so that a file outside every tsconfig is linted untyped and never reported as a parse error. A file with
 * a real syntax error fails again, and ESLint reports it as usual.
 */
async function relintUntyped(
  results: ESLint.LintResult[],
  setup: Parameters<typeof createESLint>[0],
): Promise<ESLint.LintResult[]> {
  const failed = results.filter((result) => result.messages.some((message) => message.fatal));
  if (failed.length === 0) return results;
  const again = await createESLint(setup).lintFiles(failed.map((result) => result.filePath));
  const byPath = new Map(again.map((result) => [result.filePath, result]));
  return results.map((result) => byPath.get(result.filePath) ?? result);
}

/**
 * Users' files carry `eslint-disable` comments for other plugins' rules, which ESLint reports as
 * "Definition for rule '…' was not found" when those plugins are not loaded, and `/* eslint … *\/` comments
 * that switch on core rules. Neither is ours to report: keep our rules' messages and the rule-less ones
 * (parse errors), and recount.
 */
function keepOwnMessages(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) => message.ruleId === null || message.ruleId.startsWith(`${NAMESPACE}/`));
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable = false): number =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
}

function isTypeScriptInstalled(): boolean {
  try {
    loadTypeScript();
    return true;
  } catch {
    return false;
  }
}

/** `sarif` ships with us, so it works whatever the user's working directory and installed packages. */
function sarifFormatter(eslint: ESLint, cwd: string): ESLint.LoadedFormatter {
  return { format: (results) => formatSarif(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) }) };
}

function commonAncestor(paths: readonly string[]): string {
  return paths.reduce((common, next) => {
    let dir = common;
    while (dir !== next && !next.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)) {
      const parent = path.dirname(dir);
      if (parent === dir) return dir;
      dir = parent;
    }
    return dir;
  });
}

function pathExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
