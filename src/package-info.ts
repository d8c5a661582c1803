import { readFileSync } from 'node:fs';

const PACKAGE_NAME = 'eslint-plugin-async-pitfalls';

/**
 * The plugin's own package.json, found by walking up from this module: the same code runs from `src/`
 * (tests) and from `dist/src/` (the published package), at different depths.
 */
export function readOwnPackageJson(): { name: string; version: string } {
  for (let url = new URL('./', import.meta.url); ; url = new URL('../', url)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // No package.json at this level (or an unreadable one): keep climbing.
    }
    if (url.pathname === '/') return { name: PACKAGE_NAME, version: '0.0.0' };
  }
}
