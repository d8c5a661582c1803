import type * as NodeFs from 'node:fs';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';

/*
 * The plugin runs wherever ESLint's `Linter` runs, also in a browser or a worker without Node's modules.
 * Nothing here imports Node: its modules are asked of `process.getBuiltinModule` (so a bundler finds no
 * import to resolve), and where there is none, file-system questions get the answer "unknown" (reads
 * throw, paths are never absolute) so that callers fall back to what the source text alone says.
 */

function getBuiltin<T>(id: string): T | undefined {
  if (typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function') return undefined;
  return process.getBuiltinModule(id) as T | undefined;
}

/** `require` from the plugin's own location: optional peers (TypeScript) load where an import would find them. */
export function requireFromPlugin(id: string): unknown {
  const nodeModule = getBuiltin<typeof NodeModule>('node:module');
  if (!nodeModule) throw new Error(`Cannot load '${id}': this host has no Node.js module loader.`);
  return nodeModule.createRequire(import.meta.url)(id);
}

/** `fs.readFileSync`, throwing (like a missing file) where there is no file system. */
export function readFileSync(file: string, encoding: 'utf8'): string {
  const fs = getBuiltin<typeof NodeFs>('node:fs');
  if (!fs) throw new Error(`Cannot read '${file}': this host has no file system.`);
  return fs.readFileSync(file, encoding);
}

/** The POSIX spelling of the few path functions used without Node: no path is absolute there. */
const hostlessPath = {
  isAbsolute: (): boolean => false,
  dirname: (file: string): string => file.slice(0, Math.max(file.lastIndexOf('/'), 0)) || (file.startsWith('/') ? '/' : '.'),
  join: (...parts: string[]): string => parts.join('/').replace(/\/+/g, '/'),
  extname: (file: string): string => /(?<!^|\/)\.[^./]*$/.exec(file)?.[0] ?? '',
  basename: (file: string): string => file.slice(file.lastIndexOf('/') + 1),
  relative: (from: string, to: string): string => (to.startsWith(`${from}/`) ? to.slice(from.length + 1) : to),
  sep: '/' as const,
};

/** `node:path` where Node is, a stand-in for the functions above where it is not. */
export const path: Pick<typeof NodePath, 'isAbsolute' | 'dirname' | 'join' | 'extname' | 'basename' | 'relative' | 'sep'> =
  getBuiltin<typeof NodePath>('node:path') ?? hostlessPath;
