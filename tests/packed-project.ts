import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/*
 * Temporary projects that install the packed plugin the way users do, offline: `npm pack` makes the tarball
 * and `npm ci --offline` installs it with a lockfile cut from ours, so every package comes from the npm
 * cache that `npm ci` filled (no registry metadata is needed, unlike `npm install --offline`).
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  optional?: boolean;
  [key: string]: unknown;
}

const exec = promisify(execFile);

/** Packs the plugin (dist/ is built by the global setup) into `dir`; returns the tarball's path. */
export function packPlugin(dir: string): string {
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output) as [{ filename: string }];
  return path.join(dir, filename);
}

/**
 * Writes a project into `dir` whose dependencies are the packed plugin and `packages` (names from our own
 * lockfile, at the versions it holds) and installs it offline. `files` are written first. With
 * `legacyPeerDeps`, npm installs no peers it is not asked for (as Yarn PnP does): no TypeScript.
 */
export async function installProject(
  dir: string,
  {
    tarball,
    packages,
    files = {},
    packageJson = {},
    legacyPeerDeps = false,
  }: { tarball: string; packages: string[]; files?: Record<string, string>; packageJson?: object; legacyPeerDeps?: boolean },
): Promise<void> {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const own = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown> & {
    name: string;
    version: string;
    dependencies: Record<string, string>;
  };
  const entries: Record<string, LockEntry> = {};
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/, '/');

  /** Node's lookup inside the lockfile: `name` as required from the package at `from`. */
  const visit = (from: string, name: string): string | undefined => {
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      const entry = lock.packages[candidate];
      if (entry) {
        if (!entries[candidate]) {
          const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
          // Our lockfile leaves out registry URLs; with one and the integrity, npm takes the tarball from its cache.
          const packageName = candidate.slice(candidate.lastIndexOf('node_modules/') + 'node_modules/'.length);
          kept.resolved ??= `${registry}${packageName}/-/${packageName.split('/').at(-1)}-${entry.version}.tgz`;
          entries[candidate] = kept;
          for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(candidate, dependency);
        }
        return candidate;
      }
      if (!base) return undefined;
    }
  };

  const pluginPath = `node_modules/${own.name}`;
  const tarballSpec = `file:${path.relative(dir, tarball)}`;
  entries[pluginPath] = {
    version: own.version,
    resolved: tarballSpec,
    license: own.license,
    dependencies: own.dependencies,
    bin: own.bin,
    engines: own.engines,
    peerDependencies: own.peerDependencies,
    peerDependenciesMeta: own.peerDependenciesMeta,
  };
  for (const dependency of Object.keys(own.dependencies)) visit(pluginPath, dependency);
  const rootDependencies: Record<string, string> = { [own.name]: tarballSpec };
  for (const name of packages) {
    const found = visit('', name);
    if (!found) throw new Error(`${name} is not in package-lock.json`);
    rootDependencies[name] = lock.packages[found]!.version!;
  }

  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const manifest = { name: 'packed-project', version: '1.0.0', private: true, type: 'module', ...packageJson, devDependencies: rootDependencies };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packageLock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: manifest.name, version: manifest.version, devDependencies: rootDependencies }, ...entries },
  };
  writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(packageLock, null, 2)}\n`);
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund', ...(legacyPeerDeps ? ['--legacy-peer-deps'] : [])], { cwd: dir });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd`; never throws on a non-zero exit. */
export async function runNode(args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** The fenced code block that follows `<!-- tested: NAME -->` in README.md. */
export function readmeBlock(name: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- tested: ${name} -->\\n+\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`README.md has no block marked <!-- tested: ${name} -->`);
  return match[1];
}
