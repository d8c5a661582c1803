// Real TypeScript for the benchmark: published packages that ship their TypeScript sources, pinned by
// version, fetched with `npm pack` into .bench-cache/real-ts/ (git-ignored) on first use. Only their
// src/ is linted; their dependencies are not installed, so imports from other packages are `any` to the
// checker, the same for our rules and for the peers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Promise-heavy client and server code first; rxjs for breadth. */
export const REAL_TS_PACKAGES = [
  { name: 'openai', version: '5.23.2' },
  { name: '@trpc/server', version: '11.25.2' },
  { name: '@tanstack/query-core', version: '5.108.4' },
  { name: 'rxjs', version: '7.8.2' },
];

/**
 * @param {string} repoRoot
 * @returns {{ dir: string, files: number, missing: string[] }}
 */
export function ensureRealTs(repoRoot) {
  const dir = path.join(repoRoot, '.bench-cache', 'real-ts');
  const missing = [];
  for (const pkg of REAL_TS_PACKAGES) {
    const target = path.join(dir, pkg.name.replace('/', '__'));
    const stamp = path.join(target, '.version');
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pkg.version) continue;
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    try {
      const out = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--silent', '--pack-destination', target], { encoding: 'utf8' });
      const tarball = path.join(target, out.trim().split('\n').at(-1));
      execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components', '1', 'package/src']);
      rmSync(tarball);
    } catch {
      rmSync(target, { recursive: true, force: true });
      missing.push(`${pkg.name}@${pkg.version} (npm pack failed: no registry access?)`);
      continue;
    }
    writeFileSync(stamp, pkg.version);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'async-pitfalls-bench-real-ts', private: true, type: 'module' }, null, 2));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          types: [],
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['**/src/**/*.ts'],
      },
      null,
      2,
    ),
  );
  const files = listFiles(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).length;
  return { dir, files, missing };
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}
