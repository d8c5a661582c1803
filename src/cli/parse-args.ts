import { parseArgs } from 'node:util';

import type { ConfigName } from '../configs.js';

export const CONFIG_NAMES: readonly ConfigName[] = ['recommended', 'strict', 'all'];

export interface CliOptions {
  /** Files and directories to lint, as given (default: the working directory). */
  paths: string[];
  fix: boolean;
  /** An ESLint formatter name or path (`stylish`, `json`, `json-with-metadata`, `html`, …). */
  format: string;
  config: ConfigName;
  help: boolean;
  version: boolean;
}

/** A mistake in the command line: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: async-pitfalls [paths...] [options]

Lint JavaScript and TypeScript files for async pitfalls with eslint-plugin-async-pitfalls, no config needed.
Type information is used automatically for files covered by a tsconfig.json at or above each path.

Options:
  --config NAME   recommended (default), strict or all
  --fix           write the automatic fixes to the files
  --format NAME   an ESLint formatter: stylish (default), json, json-with-metadata, html, or a path
  -h, --help      show this help
  -v, --version   show the version

Paths default to the current directory. Lints .js .mjs .cjs .jsx .ts .mts .cts .tsx files and skips
node_modules, dist, build, coverage and .git.
Exit codes: 0 no errors, 1 errors reported, 2 usage error or crash.`;

/**
 * Reads the command line. Strict: an unknown flag, a flag without its value or a bad `--config` throws a
 * UsageError whose message is fit to print as is.
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        fix: { type: 'boolean', default: false },
        format: { type: 'string', default: 'stylish' },
        config: { type: 'string', default: 'recommended' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const config = values.config;
  if (!isConfigName(config)) {
    throw new UsageError(`unknown --config '${config}': use one of ${CONFIG_NAMES.join(', ')}`);
  }
  if (values.format === '') throw new UsageError("option '--format' needs a formatter name");
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    fix: values.fix,
    format: values.format,
    config,
    help: values.help,
    version: values.version,
  };
}

function isConfigName(value: string): value is ConfigName {
  return (CONFIG_NAMES as readonly string[]).includes(value);
}

/** node:util's messages are long and name its own option syntax; keep them to one line of ours. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    return `unknown option '${flag}' (see --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /'(--?[\w-]+)/.exec(message)?.[1];
    if (flag && /does not take/.test(message)) return `option '${flag}' takes no value (see --help)`;
    if (flag && /missing/.test(message)) return `option '${flag}' needs a value (see --help)`;
  }
  return message.split('\n')[0]!;
}
