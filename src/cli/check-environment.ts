import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * npm keeps an old ESLint in a project without a word (legacy-peer-deps, or an older ESLint pinned by the
 * project), and the CLI then died deep inside ESLint ("Invalid Options: 'overrideConfigFile' …"). Before
 * anything loads ESLint, say in one line what was found, where, and what is needed.
 */

export interface Problem {
  /** One line, printed as is. */
  message: string;
  /** Fatal problems stop the CLI with exit code 2; the others are printed and the run goes on. */
  fatal: boolean;
}

interface FoundPackage {
  version: string;
  /** The folder, relative to the working directory when inside it (`./node_modules/eslint`). */
  where: string;
}

const SUPPORTED_ESLINT_MAJORS = [9, 10];
/** The `typescript` peer range: >=5.4.0 <6.1.0. */
const TYPESCRIPT_MIN: Version = [5, 4];
const TYPESCRIPT_BELOW: Version = [6, 1];

type Version = readonly [major: number, minor: number];

/**
 * The problems with ESLint and TypeScript as the CLI would load them (resolved from `from`, the CLI's own
 * module by default). TypeScript is optional: absent, it is no problem.
 */
export function checkEnvironment({ cwd, from = import.meta.url }: { cwd: string; from?: string | URL }): Problem[] {
  const problems: Problem[] = [];
  const eslint = findPackage('eslint', from, cwd);
  if (!eslint) {
    problems.push({ message: 'async-pitfalls needs ESLint 9 or 10; found none (npm install --save-dev eslint)', fatal: true });
  } else if (!SUPPORTED_ESLINT_MAJORS.includes(parseVersion(eslint.version)[0])) {
    problems.push({ message: `async-pitfalls needs ESLint 9 or 10; found ${eslint.version} in ${eslint.where}`, fatal: true });
  }
  const typescript = findPackage('typescript', from, cwd);
  if (typescript) {
    const version = parseVersion(typescript.version);
    if (compare(version, TYPESCRIPT_MIN) < 0) {
      problems.push({
        message: `async-pitfalls needs TypeScript 5.4 to 6.0 (or none, for JavaScript); found ${typescript.version} in ${typescript.where}`,
        fatal: true,
      });
    } else if (compare(version, TYPESCRIPT_BELOW) >= 0) {
      // A newer TypeScript usually works; typescript-eslint warns the same way and goes on.
      problems.push({
        message: `async-pitfalls is tested with TypeScript 5.4 to 6.0; found ${typescript.version} in ${typescript.where}, going on`,
        fatal: false,
      });
    }
  }
  return problems;
}

function findPackage(name: string, from: string | URL, cwd: string): FoundPackage | undefined {
  let manifest: string;
  try {
    manifest = createRequire(from).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  let version = 'an unknown version';
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
    if (typeof parsed.version === 'string') version = parsed.version;
  } catch {
    // Unreadable: report it as found, version unknown.
  }
  const dir = path.dirname(manifest);
  const relative = path.relative(cwd, dir);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return { version, where: inside ? `./${relative.split(path.sep).join('/')}` : dir };
}

function parseVersion(version: string): Version {
  const [major = Number.NaN, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return [major, minor];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1];
}
