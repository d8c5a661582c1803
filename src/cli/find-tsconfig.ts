import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { loadTypeScript } from '../util/typescript.js';

/**
 * The directory of the nearest `tsconfig.json` at or above `target` (a file or a directory), or
 * undefined when there is none up to the file system root. That directory becomes the
 * `tsconfigRootDir` of the typed config block for the files under it.
 */
export function findTsconfigDir(target: string): string | undefined {
  let dir = path.resolve(target);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    if (existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The typed roots for the paths given: each path's nearest `tsconfig.json` at or above it. A directory
 * with none above it is a root of its own: a monorepo often has one tsconfig.json per package and none at
 * the top, and the program-file matcher then finds each file's own tsconfig below it (a tree with none
 * at all is linted untyped, file by file).
 */
export function findTypedRoots(targets: readonly string[]): string[] {
  const roots = targets.map((target) => findTsconfigDir(target) ?? (isDirectory(target) ? path.resolve(target) : undefined));
  return [...new Set(roots.filter((root) => root !== undefined))];
}

/**
 * A predicate: is this file part of the program of its nearest tsconfig.json (or of a project that
 * tsconfig references)? Only those files go to the project service. Asking it about a file it cannot
 * place costs ~50 ms (it builds an inferred project) before it fails, which on a tree of plain JS under a
 * TS-only tsconfig made linting four times slower; such files are linted untyped from the start.
 * When this answer and the project service's disagree, the CLI falls back to untyped linting.
 */
export function createProgramFileMatcher(): (file: string) => boolean {
  const nearestConfig = new Map<string, string | undefined>();
  const programFiles = new Map<string, Set<string>>();

  const findConfig = (dir: string): string | undefined => {
    if (nearestConfig.has(dir)) return nearestConfig.get(dir);
    const candidate = path.join(dir, 'tsconfig.json');
    const parent = path.dirname(dir);
    const found = existsSync(candidate) ? candidate : parent === dir ? undefined : findConfig(parent);
    nearestConfig.set(dir, found);
    return found;
  };

  const filesOf = (configFile: string): Set<string> => {
    let files = programFiles.get(configFile);
    if (!files) {
      files = new Set();
      programFiles.set(configFile, files); // before recursing: references may form a cycle
      for (const file of readProgramFiles(configFile)) files.add(file);
    }
    return files;
  };

  function readProgramFiles(configFile: string): string[] {
    const ts = loadTypeScript();
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
      ...ts.sys,
      // A broken tsconfig is TypeScript's to report; here it only means "no typed files".
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    if (!parsed) return [];
    const referenced = (parsed.projectReferences ?? []).flatMap((reference) => {
      const target = isDirectory(reference.path) ? path.join(reference.path, 'tsconfig.json') : reference.path;
      return existsSync(target) ? [...filesOf(target)] : [];
    });
    return [...parsed.fileNames.map((file) => path.resolve(file)), ...referenced];
  }

  return (file) => {
    const absolute = path.resolve(file);
    const configFile = findConfig(path.dirname(absolute));
    return configFile !== undefined && filesOf(configFile).has(absolute);
  };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
