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
  /** Lint without type information even where a tsconfig.json covers the files. */
  noTypes: boolean;
  help: boolean;
  version: boolean;
}

/** A mistake in the command line: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: async-pitfalls [paths...] [options]

Lint JavaScript and TypeScript files for async pitfalls with eslint-plugin-async-pitfalls, no config needed.
Type information is used automatically for files that a tsconfig.json at or above each path includes;
other files are linted without it. Type information finds more and reports less noise, but it costs:
on a large TypeScript application, 48 s and 2.6 GB of memory typed against 7 s and 0.45 GB with --no-types.

Options:
  -c, --config NAME   recommended (default), strict or all (this CLI never reads eslint.config.js)
  --fix               write the automatic fixes to the files
  -f, --format NAME   stylish (default), json, json-with-metadata, html, sarif (GitHub code scanning),
                      or another ESLint formatter's name or path
  --no-types          lint without type information (fast; the rules fall back to the source text)
  -h, --help          show this help
  -v, --version       show the version

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
        format: { type: 'string', short: 'f', default: 'stylish' },
        config: { type: 'string', short: 'c', default: 'recommended' },
        'no-types': { type: 'boolean', default: false },
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
    // ESLint's `-c` takes a config file; ours names one of the plugin's configs.
    const hint = /[./\\]/.test(config) ? ' (this CLI uses its own config; to lint with your eslint.config.js, run eslint)' : '';
    throw new UsageError(`unknown --config '${config}': use one of ${CONFIG_NAMES.join(', ')}${hint}`);
  }
  if (values.format === '') throw new UsageError("option '--format' needs a formatter name");
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    fix: values.fix,
    format: values.format,
    config,
    noTypes: values['no-types'],
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
    // `Option '-f, --format <value>' argument missing`: name the long form, as typed in --help.
    const flag = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-[\w-]+)/.exec(message)?.[1];
    if (flag && /does not take/.test(message)) return `option '${flag}' takes no value (see --help)`;
    if (flag && /missing/.test(message)) return `option '${flag}' needs a value (see --help)`;
  }
  return message.split('\n')[0]!;
}
