import { path, readFileSync } from './host.js';

/** What the rules read from a package.json: its module type and what it depends on, with the declared ranges. */
export interface PackageSummary {
  type: string | undefined;
  dependencies: ReadonlySet<string>;
  /** Dependency name → the version range written for it (`dependencies` wins over `devDependencies` and `peerDependencies`). */
  versions: ReadonlyMap<string, string>;
}

/** Directory → its package.json summary (null: none there). Read once per directory per process. */
const packageJsonCache = new Map<string, PackageSummary | null>();

/** The package.json nearest to the file (its package root), or null for relative paths and files outside any package. */
export function readNearestPackageJson(filename: string): PackageSummary | null {
  for (const summary of packageJsonsAbove(filename)) return summary;
  return null;
}

/** Whether the nearest package.json lists the package in any of its dependency fields. */
export function packageListsDependency(filename: string, name: string): boolean {
  const pkg = readNearestPackageJson(filename);
  return pkg !== null && pkg.dependencies.has(name);
}

/**
 * The major version of a dependency, from the nearest package.json that lists it (walking up through
 * workspace roots, where monorepos keep shared dependencies). Null when no package.json lists it or its
 * range names no major (`*`, `latest`, a git URL, a workspace link).
 */
export function getDependencyMajor(filename: string, name: string): number | null {
  for (const summary of packageJsonsAbove(filename)) {
    const range = summary.versions.get(name);
    if (range === undefined) continue;
    return parseMajor(range);
  }
  return null;
}

/** Whether any package.json from the file's package up to the file system root lists the package. */
export function anyPackageJsonListsDependency(filename: string, name: string): boolean {
  for (const summary of packageJsonsAbove(filename)) if (summary.dependencies.has(name)) return true;
  return false;
}

function* packageJsonsAbove(filename: string): Generator<PackageSummary> {
  if (!path.isAbsolute(filename)) return;
  for (let directory = path.dirname(filename); ; directory = path.dirname(directory)) {
    let summary = packageJsonCache.get(directory);
    if (summary === undefined) {
      summary = readPackageJson(directory);
      packageJsonCache.set(directory, summary);
    }
    if (summary) yield summary;
    if (path.dirname(directory) === directory) return;
  }
}

/** `^4.18.2`, `~4.17`, `4.x`, `>=4.0.0 <5`, `npm:express@4.21.0` → 4; ranges that span majors (`4 || 5`) → null. */
function parseMajor(range: string): number | null {
  const spec = range.startsWith('npm:') ? range.slice(range.lastIndexOf('@') + 1) : range;
  if (spec.includes('||')) return null;
  const match = /^\s*(?:[\^~]|>=|=)?\s*v?(\d+)(?:[.\s]|$)/.exec(spec);
  return match ? Number(match[1]) : null;
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
    const versions = new Map<string, string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const list = pkg[field];
      if (!list || typeof list !== 'object') continue;
      for (const [name, version] of Object.entries(list as Record<string, unknown>)) {
        dependencies.add(name);
        if (typeof version === 'string' && !versions.has(name)) versions.set(name, version);
      }
    }
    return { type: typeof pkg.type === 'string' ? pkg.type : undefined, dependencies, versions };
  } catch {
    // An unparsable package.json still marks the package root: stop there, with nothing listed.
    return { type: undefined, dependencies: new Set(), versions: new Map() };
  }
}

/**
 * Which of `names` the nearest package.json listing any of them lists first (in the order given), walking
 * up through workspace roots; null when none does.
 */
export function findNearestDependency(filename: string, names: readonly string[]): string | null {
  for (const summary of packageJsonsAbove(filename)) {
    for (const name of names) if (summary.dependencies.has(name)) return name;
  }
  return null;
}
