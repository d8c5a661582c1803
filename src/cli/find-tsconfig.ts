import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

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

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
